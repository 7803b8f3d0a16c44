/**
 * webhook() of the Watch Events trigger: Adobe's challenge (GET), async validation (POST
 * {validationUrl}) and event deliveries (POST), glued to the pure modules in ../webhook.
 *
 * Answers:
 *   GET ?challenge=v            → 200 {"challenge": v}      (400 for a missing/unsafe value)
 *   POST {"validationUrl": u}   → 200 at once, always the same answer; GET u only while this
 *                                 trigger's registration is being validated (validation gate) and its
 *                                 host is csm.adobe.io (or the Custom API origin). Never an execution
 *   forged / unsigned / tampered / foreign or disagreeing recipient → 401, no execution
 *   event without a recipient field → 401, unless the HMAC check verified it or the user
 *                                 accepts unaddressed events (Options)
 *   key host unreachable or refusing / key budget spent / unexpected failure → 503 (+ Retry-After);
 *                                 no key is fetched for a body that could not be accepted (judge.ts)
 *   malformed / empty body → 400; body too large → 413; all duplicates → 200, no execution
 *   signed events more than 48 h old (a replay; freshness.ts) → not run; none left → 200, no execution
 *   valid → one item per event (batches split). Acknowledged as soon as the execution is queued
 *   (path "webhook"), or when the workflow has finished (path "webhook-finished": n8n answers 2xx on
 *   success, 5xx or nothing otherwise, and the events are only remembered as seen after a 2xx)
 */
import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { challengeResponseBody, extractValidationUrl, parseChallenge } from '../webhook/challenge';
import { MAX_BODY_BYTES, parseDeliveryBody, type ParseResult } from '../webhook/cloudEvent';
import { boundedKey } from '../webhook/dedupe';
import { checkFreshness, MAX_EVENT_AGE_MS, type Freshness } from '../webhook/freshness';
import { eventIdentity } from '../webhook/envelope';
import { watchAnswer, type AckPolicy, type ResponseLike } from '../webhook/ackTracker';
import type { HeaderBag } from '../webhook/headers';
import { RUNNING_TTL_MS } from '../webhook/runtime';
import { deliveryMetadataFromHeaders, shapeEvent } from '../webhook/output';
import { judge } from './judge';
import { reply, retryLater } from './respond';
import {
	credentialKey,
	deliveryCredential,
	deliveryRuntime,
	triggerScope,
	type TriggerRuntime,
} from './runtime';
import { readDeliverySettings, WEBHOOK_NAMES, type DeliverySettings } from './settings';
import { handleValidationPost } from './validation';

export { deliveryRuntime, type TriggerRuntime };

const SETUP_WEBHOOKS: ReadonlySet<string> = new Set(
	Object.values(WEBHOOK_NAMES).map((names) => names.setup),
);

/** Bodies larger than this are never an async-validation POST. */
const VALIDATION_BODY_MAX = 4_096;

function answerChallenge(fn: IWebhookFunctions): IWebhookResponseData {
	const result = parseChallenge(fn.getQueryData() as Record<string, unknown>);
	if (!result.ok) {
		fn.logger.debug(`Adobe I/O Events: refused GET without a usable challenge (${result.reason})`);
		return reply(fn, 400, {
			message: 'Expected ?challenge=<value> (letters, digits, - . _ ~ :, at most 256 characters)',
		});
	}
	return reply(fn, 200, challengeResponseBody(result.value));
}

/** The raw body, or the answer that refuses it (unreadable, empty, too large). */
async function readBody(
	fn: IWebhookFunctions,
	deliveryId: string,
): Promise<{ body: Buffer } | { refused: IWebhookResponseData }> {
	const req = fn.getRequestObject();
	try {
		if (!req.rawBody) await req.readRawBody();
	} catch (error) {
		const tooLarge = /large|limit|size/i.test(String((error as Error)?.message ?? ''));
		fn.logger.warn(
			`Adobe I/O Events: could not read delivery ${deliveryId} (${tooLarge ? 'too large' : 'read error'})`,
		);
		const message = tooLarge ? 'Body too large' : 'Body could not be read';
		return { refused: reply(fn, tooLarge ? 413 : 400, { message }) };
	}
	const body: Buffer = req.rawBody ?? Buffer.alloc(0);
	if (body.length === 0) return { refused: reply(fn, 400, { message: 'Empty body' }) };
	if (body.length > MAX_BODY_BYTES) {
		fn.logger.warn(
			`Adobe I/O Events: refused delivery ${deliveryId}: body of ${body.length} bytes is over the limit`,
		);
		return { refused: reply(fn, 413, { message: 'Body too large' }) };
	}
	return { body };
}

type DedupeOutcome =
	| { kind: 'fresh'; events: IDataObject[]; settle: (taken: boolean) => void }
	| { kind: 'duplicates' }
	| { kind: 'running' };

/**
 * Marks the delivery's events as seen in this trigger's window and says what to do: run the fresh
 * ones (then `settle` with n8n's answer), acknowledge a delivery of duplicates only, or — with
 * "acknowledge when finished" — tell Adobe to come back while an event's workflow is still running
 * (if it then fails, the retry must run; if it succeeds, the retry is a duplicate).
 */
function dropDuplicates(
	runtime: TriggerRuntime,
	scope: string,
	policy: AckPolicy,
	events: IDataObject[],
): DedupeOutcome {
	const window = runtime.dedupe(scope);
	const running = runtime.running(scope);
	const identities = events.map((event) => {
		const id = eventIdentity(event);
		return id === undefined ? undefined : boundedKey(id);
	});
	if (
		policy === 'when-finished' &&
		identities.some((id) => id !== undefined && running.get(id) !== undefined)
	) {
		return { kind: 'running' };
	}
	const marked: string[] = [];
	const fresh = events.filter((_event, i) => {
		const id = identities[i];
		if (id === undefined) return true;
		if (!window.markIfNew(id)) return false;
		marked.push(id);
		if (policy === 'when-finished') running.set(id, true, RUNNING_TTL_MS);
		return true;
	});
	if (fresh.length === 0) return { kind: 'duplicates' };
	const settle = (taken: boolean) => {
		for (const id of marked) {
			running.delete(id);
			if (!taken) window.forget(id);
		}
	};
	return { kind: 'fresh', events: fresh, settle };
}

/** Logs signed events too old to run, once per burst per trigger (runtime.staleLog). */
function logStale(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	scope: string,
	deliveryId: string,
	freshness: Freshness<unknown>,
): void {
	const count = runtime.staleLog.note(scope, freshness.stale);
	if (count === 0) return;
	const hours = MAX_EVENT_AGE_MS / 3_600_000;
	fn.logger.warn(
		`Adobe I/O Events: did not run ${count} signed event${count === 1 ? '' : 's'} older than ${hours} h (delivery ${deliveryId}, event time ${new Date(freshness.oldest ?? 0).toISOString()}; counted since the last such line): Adobe retries for 24 h, so this is most likely a replayed delivery. Acknowledged so that it is not sent again; the journal keeps events for 7 days`,
	);
}

async function handleDelivery(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	policy: AckPolicy,
	body: Buffer,
	parsedSmall: ParseResult | undefined,
	deliveryId: string,
): Promise<IWebhookResponseData> {
	const headers = fn.getRequestObject().headers as HeaderBag;
	const settings: DeliverySettings = readDeliverySettings.call(fn);
	let judgement = await judge(
		fn,
		runtime,
		settings,
		await deliveryCredential(fn, runtime),
		body,
		parsedSmall,
	);
	if (!judgement.ok && judgement.staleSuspect && runtime.mayRefresh(credentialKey(fn))) {
		// 401 makes Adobe drop the event for good: first make sure the credential did not just change
		// (a rotated client secret, another client id) — bounded by mayRefresh.
		const fresh = await deliveryCredential(fn, runtime, { refresh: true });
		judgement = await judge(fn, runtime, settings, fresh, body, parsedSmall);
	}
	if (!judgement.ok) {
		fn.logger.warn(`Adobe I/O Events: delivery ${deliveryId} ${judgement.log}`);
		return judgement.status === 503
			? retryLater(fn, judgement.message)
			: reply(fn, judgement.status, { message: judgement.message });
	}

	let { events } = judgement;
	const scope = triggerScope(fn);
	// A captured delivery verifies forever: a signed event older than Adobe still delivers does not run.
	// Not while listening for a test event: Adobe's sample event may carry its template's old time, and a
	// test URL is only live while the user listens.
	if (judgement.signed && fn.getMode() !== 'manual') {
		const freshness = checkFreshness(events, runtime.now());
		if (freshness.stale > 0) logStale(fn, runtime, scope, deliveryId, freshness);
		if (freshness.fresh.length === 0) {
			return reply(fn, 200, {
				message: 'Event too old; acknowledged without running the workflow',
			});
		}
		events = freshness.fresh;
	}
	let settle: ((taken: boolean) => void) | undefined;
	if (settings.dedupe) {
		const outcome = dropDuplicates(runtime, scope, policy, events);
		if (outcome.kind === 'running') {
			fn.logger.debug(
				`Adobe I/O Events: delivery ${deliveryId} repeats an event whose workflow is still running; asked Adobe to retry`,
			);
			return retryLater(fn, 'This event is still being processed; retry later');
		}
		if (outcome.kind === 'duplicates') {
			fn.logger.debug(
				`Adobe I/O Events: delivery ${deliveryId} only held duplicates; acknowledged without execution`,
			);
			return reply(fn, 200, { message: 'Duplicate delivery ignored' });
		}
		({ events, settle } = outcome);
	}

	const metadata = settings.includeDeliveryMetadata
		? deliveryMetadataFromHeaders(headers, new Date(runtime.now()))
		: undefined;
	const items: INodeExecutionData[] = events.map((event) => ({
		json: shapeEvent(event, { output: settings.output, metadata }) as IDataObject,
	}));
	// Events stay "seen" only once n8n's answer shows the workflow took them (see watchAnswer).
	if (settle) watchAnswer(fn.getResponseObject() as unknown as ResponseLike, policy, settle);
	return { workflowData: [items] };
}

export async function handleWebhook(
	this: IWebhookFunctions,
	runtime: TriggerRuntime = deliveryRuntime,
): Promise<IWebhookResponseData> {
	const name = this.getWebhookName();
	if (SETUP_WEBHOOKS.has(name)) return answerChallenge(this);
	const policy: AckPolicy =
		name === WEBHOOK_NAMES.whenFinished.delivery ? 'when-finished' : 'when-queued';

	const deliveryIdHeader = (this.getRequestObject().headers as HeaderBag)['x-adobe-delivery-id'];
	const deliveryId =
		typeof deliveryIdHeader === 'string' ? deliveryIdHeader.slice(0, 80) : 'unknown';
	const read = await readBody(this, deliveryId);
	if ('refused' in read) return read.refused;

	// Adobe's async validation POST: tiny JSON object with a validationUrl, no event.
	// (Parsed once: a small body's parse is reused after verification.)
	const parsedSmall =
		read.body.length <= VALIDATION_BODY_MAX ? parseDeliveryBody(read.body) : undefined;
	if (parsedSmall?.ok && !parsedSmall.isBatch && parsedSmall.events[0].specversion === undefined) {
		const candidate = extractValidationUrl(parsedSmall.payload);
		if (candidate !== undefined) return await handleValidationPost(this, runtime, candidate);
	}
	return await handleDelivery(this, runtime, policy, read.body, parsedSmall, deliveryId);
}
