/**
 * Registration lifecycle of the Watch Events trigger: checkExists / create / delete.
 *
 * n8n calls checkExists → (false) create on every publish, start and "Listen for test event",
 * retries activation up to 5 times, and calls delete on unpublish / end of test. Adobe allows
 * only 30 registrations per client ID, so everything here is idempotent and reconciles with
 * what Adobe actually holds, matched by this node's webhook URL — never trusting static data
 * alone. Test ("Listen for test event") and production registrations are different URLs, are
 * tracked in different static data, and carry different names.
 */
import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IHookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { hasSampleEvent } from '../methods/eventCodes';
import {
	adobeApiRequest,
	adobeApiRequestAllItems,
	getAdobeContext,
	workspacePath,
} from '../transport';
import type { AdobeContext } from '../transport/context';
import { readTriggerSettings } from './settings';
import {
	registrationBody,
	registrationDrift,
	registrationHealth,
	type TriggerSettings,
} from './registration';

export interface RegistrationState extends IDataObject {
	registrationId?: string;
	webhookUrl?: string;
	health?: string;
}

/** Most registrations with this node's URL we clean up in one go (duplicates from old bugs). */
const MAX_DUPLICATES_REMOVED = 10;

/**
 * How long after the lifecycle hook has returned the sample event is requested.
 *
 * n8n registers the test webhook, runs checkExists/create and only then answers the editor's
 * `POST /rest/workflows/:id/run` with `{ waitingForWebhook: true }`; the editor sets its
 * "Listening for test event" state when that answer arrives. Adobe (and the emulator) deliver a
 * sample at once: requested inside create(), the test execution ran, n8n pushed
 * `testWebhookReceived`/`executionFinished` and tore the test webhook down before the editor had
 * the answer, which then put it back into "Listening…" for good ("Stop Listening" did nothing).
 * So the request runs detached, after this wait: the answer is a few milliseconds of in-memory
 * work plus one local HTTP response away from create()'s return; 3 s is a wide margin that a user
 * watching for the sample hardly notices (Adobe's own delivery takes about as long).
 */
export const SAMPLE_EVENT_DELAY_MS = 3_000;
/** Bounds of the detached sample request (the event metadata lookup, then the POST). */
const SAMPLE_LOOKUP_ATTEMPTS = 2;
const SAMPLE_REQUEST_TIMEOUT_MS = 30_000;

function state(this: IHookFunctions): RegistrationState {
	return this.getWorkflowStaticData('node') as RegistrationState;
}

function webhookUrlOf(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(
			this.getNode(),
			'n8n could not determine this trigger’s webhook URL',
			{
				description:
					'Save the workflow and try again; set N8N_WEBHOOK_URL to n8n’s public HTTPS URL.',
			},
		);
	}
	return url;
}

export function httpCodeOf(error: unknown): string | undefined {
	if (error === null || typeof error !== 'object') return undefined;
	const code = (error as { httpCode?: unknown }).httpCode;
	return code === undefined || code === null ? undefined : String(code);
}

/** `x-conflicting-id` of a 409 (transport puts it in context.conflictingId or the description). */
export function conflictingIdOf(error: unknown): string | undefined {
	if (error === null || typeof error !== 'object') return undefined;
	const e = error as { context?: IDataObject; description?: unknown; conflictingId?: unknown };
	const direct = e.context?.conflictingId ?? e.conflictingId;
	if (typeof direct === 'string' && direct) return direct;
	if (typeof e.description === 'string') {
		const m = /conflicting[ _-]?id[^A-Za-z0-9]*([A-Za-z0-9-]{6,64})/i.exec(e.description);
		if (m) return m[1];
	}
	return undefined;
}

function adobeText(error: unknown): string {
	if (error === null || typeof error !== 'object') return '';
	const e = error as { message?: unknown; description?: unknown };
	return [e.message, e.description].filter((v) => typeof v === 'string' && v).join(' — ');
}

/**
 * Only what Adobe itself answered (the body's message / reason / …), without our own wording or
 * the request URL — which always contains "/events/" and so cannot be used to classify a failure.
 */
function adobeBodyText(error: unknown): string {
	if (error === null || typeof error !== 'object') return '';
	const data = (error as { context?: { data?: unknown } }).context?.data;
	if (data === null || typeof data !== 'object' || Array.isArray(data)) return '';
	const body = data as IDataObject;
	return ['message', 'reason', 'error_description', 'title', 'detail']
		.map((key) => body[key])
		.filter((value): value is string => typeof value === 'string' && value !== '')
		.join(' — ');
}

/** A NodeApiError with our message; the Adobe text stays in the description. */
function lifecycleError(
	fn: IHookFunctions,
	cause: unknown,
	message: string,
	description: string,
): NodeApiError {
	const httpCode = httpCodeOf(cause);
	const detail = adobeText(cause);
	return new NodeApiError(fn.getNode(), { message, httpCode: httpCode ?? null } as JsonObject, {
		message,
		description: detail ? `${description}\n\nAdobe said: ${detail}` : description,
		httpCode: httpCode ?? undefined,
	});
}

async function getRegistration(
	this: IHookFunctions,
	ctx: AdobeContext,
	id: string,
): Promise<IDataObject | undefined> {
	try {
		return (await adobeApiRequest.call(this, {
			method: 'GET',
			path: workspacePath(ctx, 'registrations', id),
		})) as IDataObject;
	} catch (error) {
		if (httpCodeOf(error) === '404') return undefined;
		throw lifecycleError(
			this,
			error,
			'Could not read the Adobe registration of this trigger',
			'Check that Adobe I/O Events is reachable and the credential is valid, then publish again.',
		);
	}
}

async function findByUrl(
	this: IHookFunctions,
	ctx: AdobeContext,
	webhookUrl: string,
): Promise<IDataObject[]> {
	let all: IDataObject[];
	try {
		all = await adobeApiRequestAllItems.call(
			this,
			{ method: 'GET', path: workspacePath(ctx, 'registrations') },
			'registrations',
		);
	} catch (error) {
		throw lifecycleError(
			this,
			error,
			'Could not list the registrations of your Adobe workspace',
			'Check the credential (Consumer Org, Project and Workspace IDs, and the I/O Management API scope), then publish again.',
		);
	}
	return all.filter((r) => r.webhook_url === webhookUrl && typeof r.registration_id === 'string');
}

function checkHealth(this: IHookFunctions, registration: IDataObject): void {
	const health = registrationHealth(registration);
	state.call(this).health = health;
	const id = String(registration.registration_id ?? '');
	if (health === 'unstable') {
		this.logger.warn(
			`Adobe I/O Events: registration ${id} is UNSTABLE (most recent deliveries failed). Adobe keeps delivering but may disable it; check that n8n answers quickly at ${String(registration.webhook_url)}.`,
		);
	} else if (health === 'pending') {
		this.logger.info(
			`Adobe I/O Events: registration ${id} awaits asynchronous webhook validation.`,
		);
	} else if (health === 'disabled') {
		this.logger.warn(`Adobe I/O Events: registration ${id} is DISABLED by Adobe.`);
		throw new NodeApiError(this.getNode(), { message: 'registration disabled' } as JsonObject, {
			message: `Adobe has disabled the registration "${String(registration.name ?? id)}" of this trigger`,
			description:
				'Adobe stops delivering to a registration after most deliveries failed, or when the webhook challenge failed. ' +
				'n8n asked Adobe to re-enable it and Adobe refused. Make sure n8n is reachable over public HTTPS at ' +
				`${String(registration.webhook_url)} (N8N_WEBHOOK_URL), then re-enable the registration in Adobe Developer Console ` +
				'or unpublish and publish the workflow.',
		});
	}
}

/** Brings an existing registration (ours) in line with the parameters. */
async function reconcile(
	this: IHookFunctions,
	ctx: AdobeContext,
	existing: IDataObject,
	settings: TriggerSettings,
	webhookUrl: string,
): Promise<IDataObject> {
	const id = String(existing.registration_id);
	const drift = registrationDrift(existing, settings, webhookUrl);
	let current = existing;
	if (drift.length > 0) {
		this.logger.info(`Adobe I/O Events: updating registration ${id} (${drift.join(', ')} changed)`);
		try {
			current = (await adobeApiRequest.call(this, {
				method: 'PUT',
				path: workspacePath(ctx, 'registrations', id),
				body: registrationBody(settings, webhookUrl),
			})) as IDataObject;
		} catch (error) {
			throw describeWriteFailure(this, error, settings, webhookUrl, 'update');
		}
	}
	const st = state.call(this);
	st.registrationId = id;
	st.webhookUrl = webhookUrl;
	checkHealth.call(this, current ?? existing);
	return current;
}

function describeWriteFailure(
	fn: IHookFunctions,
	error: unknown,
	settings: TriggerSettings,
	webhookUrl: string,
	action: 'create' | 'update',
): NodeApiError {
	const code = httpCodeOf(error);
	const said = adobeBodyText(error).toLowerCase();
	const verb = action === 'create' ? 'register' : 'update';
	if (code === '409') {
		return lifecycleError(
			fn,
			error,
			`Adobe refused to ${verb} the webhook: the registration limit is reached or the name is taken`,
			'Each Adobe client ID may hold at most 30 registrations (2,500 per organization). Delete registrations you no longer need ' +
				'(Adobe Developer Console, or the Adobe I/O Events node → Registration → Delete) or set a different Options → Registration Name, then publish again.',
		);
	}
	if (code === '401' || code === '403') {
		return lifecycleError(
			fn,
			error,
			`Adobe refused to ${verb} the webhook: the credential lacks permission`,
			'The credential needs the I/O Management API and I/O Events in its Developer Console project (scope adobeio_api / metascope ent_adobeio_sdk), ' +
				'and the Consumer Org, Project and Workspace IDs of that project.',
		);
	}
	if (code === undefined || code === '429' || Number(code) >= 500) {
		// No answer, rate limited or an Adobe outage (the transport already retried): nothing is
		// wrong with the parameters, so do not blame them.
		const cause = error instanceof Error && error.message ? error.message : 'no answer from Adobe';
		return lifecycleError(
			fn,
			error,
			`Could not ${verb} the webhook with Adobe I/O Events: ${cause}`,
			'This is usually temporary (Adobe unavailable, rate limited, or no network). n8n retries activating the workflow; otherwise publish it again in a few minutes. ' +
				'If it persists, check the credential and, for a Custom environment, its base URLs.',
		);
	}
	if (/challenge|webhook|unreachable|verif|validat/.test(said)) {
		return lifecycleError(
			fn,
			error,
			`Adobe could not verify the webhook URL (challenge failed)`,
			`Adobe calls ${webhookUrl}?challenge=… and expects the value back. Make sure this URL is reachable from the internet over HTTPS ` +
				'(set N8N_WEBHOOK_URL to n8n’s public URL, check proxies/firewalls), and that the workflow is saved.',
		);
	}
	if (/event|provider|interest/.test(said)) {
		return lifecycleError(
			fn,
			error,
			`Adobe does not know one of the event types for this provider`,
			`Provider ${settings.providerId}, event types ${settings.eventCodes.join(', ')}: pick them again from the lists ` +
				'(the provider must be available to your organization and the event code must exist).',
		);
	}
	return lifecycleError(
		fn,
		error,
		`Adobe refused to ${verb} the webhook registration`,
		'See Adobe’s answer below. Fix the trigger parameters or the credential, then publish again.',
	);
}

async function sendSampleEvent(
	this: IHookFunctions,
	settings: TriggerSettings,
	registrationId: string,
): Promise<void> {
	let metadata: IDataObject[];
	try {
		metadata = await adobeApiRequestAllItems.call(
			this,
			{
				method: 'GET',
				path: `/events/providers/${encodeURIComponent(settings.providerId)}/eventmetadata`,
				retry: { maxAttempts: SAMPLE_LOOKUP_ATTEMPTS },
				timeout: SAMPLE_REQUEST_TIMEOUT_MS,
			},
			'eventmetadata',
		);
	} catch (error) {
		this.logger.warn(
			`Adobe I/O Events: could not look up sample events (${adobeText(error).slice(0, 200)})`,
		);
		return;
	}
	const withSample = metadata.find(
		(m) => settings.eventCodes.includes(String(m.event_code)) && hasSampleEvent(m),
	);
	if (!withSample) {
		this.logger.info(
			'Adobe I/O Events: none of the chosen event types has a sample event; waiting for a real one',
		);
		return;
	}
	const code = String(withSample.event_code);
	try {
		await adobeApiRequest.call(this, {
			method: 'POST',
			path: `/events/providers/${encodeURIComponent(settings.providerId)}/eventmetadata/${encodeURIComponent(code)}/sample_event/${encodeURIComponent(registrationId)}`,
			// Not repeated: a retry after a lost answer would deliver the sample twice.
			retry: { maxAttempts: 1 },
			timeout: SAMPLE_REQUEST_TIMEOUT_MS,
		});
		this.logger.info(`Adobe I/O Events: asked Adobe to send a sample ${code} event`);
	} catch (error) {
		if (httpCodeOf(error) === '404') {
			// Stopped listening, or a real event ended the test, before the sample was requested.
			this.logger.info(
				`Adobe I/O Events: no sample event sent; the test registration ${registrationId} is already gone`,
			);
			return;
		}
		this.logger.warn(
			`Adobe I/O Events: Adobe did not send a sample event (${adobeText(error).slice(0, 200)})`,
		);
	}
}

/**
 * After "Listen for test event" has its registration (created or adopted), asks Adobe for a
 * sample event — detached, once the hook has returned and n8n has told the editor it is
 * listening (see SAMPLE_EVENT_DELAY_MS). Parameters are read now, while n8n holds the workflow
 * for the hook; the detached part only talks to Adobe. Never rejects: failures are logged.
 */
function requestSampleEventLater(
	this: IHookFunctions,
	settings: TriggerSettings,
	registrationId: string,
): void {
	if (this.getMode() !== 'manual') return;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (options.sendSampleEvent === false) return;
	const logger = this.logger;
	const task = async (): Promise<void> => {
		await sleep(SAMPLE_EVENT_DELAY_MS);
		await sendSampleEvent.call(this, settings, registrationId);
	};
	void task().catch((error: unknown) => {
		logger.warn(
			`Adobe I/O Events: could not request a sample event (${adobeText(error).slice(0, 200)})`,
		);
	});
}

async function removeDuplicates(
	this: IHookFunctions,
	ctx: AdobeContext,
	keep: string,
	matches: IDataObject[],
): Promise<void> {
	const extras = matches.filter((r) => r.registration_id !== keep).slice(0, MAX_DUPLICATES_REMOVED);
	for (const extra of extras) {
		const id = String(extra.registration_id);
		try {
			await adobeApiRequest.call(this, {
				method: 'DELETE',
				path: workspacePath(ctx, 'registrations', id),
			});
			this.logger.info(
				`Adobe I/O Events: removed duplicate registration ${id} for this trigger's URL`,
			);
		} catch (error) {
			if (httpCodeOf(error) !== '404') {
				this.logger.warn(
					`Adobe I/O Events: could not remove duplicate registration ${id}: ${adobeText(error).slice(0, 200)}`,
				);
			}
		}
	}
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const webhookUrl = webhookUrlOf.call(this);
	const settings = readTriggerSettings.call(this);
	const ctx = await getAdobeContext.call(this);
	const st = state.call(this);
	if (st.registrationId) {
		const stored = await getRegistration.call(this, ctx, st.registrationId);
		if (stored) {
			// Ours by ID: also follows a changed n8n URL (the PUT re-runs Adobe's challenge).
			await reconcile.call(this, ctx, stored, settings, webhookUrl);
			requestSampleEventLater.call(this, settings, String(stored.registration_id));
			return true;
		}
		this.logger.info(
			`Adobe I/O Events: registration ${st.registrationId} no longer exists; looking it up by URL`,
		);
		delete st.registrationId;
		delete st.webhookUrl;
		delete st.health;
	}
	const matches = await findByUrl.call(this, ctx, webhookUrl);
	if (matches.length === 0) return false;
	const adopted = matches[0];
	this.logger.info(
		`Adobe I/O Events: adopting existing registration ${String(adopted.registration_id)} for ${webhookUrl}`,
	);
	await reconcile.call(this, ctx, adopted, settings, webhookUrl);
	await removeDuplicates.call(this, ctx, String(adopted.registration_id), matches);
	// A test registration left behind (n8n stopped while listening) serves this test too.
	requestSampleEventLater.call(this, settings, String(adopted.registration_id));
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const webhookUrl = webhookUrlOf.call(this);
	const settings = readTriggerSettings.call(this);
	const ctx = await getAdobeContext.call(this);
	const st = state.call(this);
	const isTest = this.getMode() === 'manual';

	// An earlier attempt may have created it (activation is retried): adopt instead of duplicating.
	const matches = await findByUrl.call(this, ctx, webhookUrl);
	if (matches.length > 0) {
		await reconcile.call(this, ctx, matches[0], settings, webhookUrl);
		await removeDuplicates.call(this, ctx, String(matches[0].registration_id), matches);
		requestSampleEventLater.call(this, settings, String(matches[0].registration_id));
		return true;
	}

	let created: IDataObject;
	try {
		created = (await adobeApiRequest.call(this, {
			method: 'POST',
			path: workspacePath(ctx, 'registrations'),
			body: { client_id: ctx.clientId, ...registrationBody(settings, webhookUrl) },
		})) as IDataObject;
	} catch (error) {
		const conflictingId = httpCodeOf(error) === '409' ? conflictingIdOf(error) : undefined;
		if (conflictingId) {
			const existing = await getRegistration.call(this, ctx, conflictingId);
			if (existing && existing.webhook_url === webhookUrl) {
				await reconcile.call(this, ctx, existing, settings, webhookUrl);
				requestSampleEventLater.call(this, settings, conflictingId);
				return true;
			}
			throw lifecycleError(
				this,
				error,
				`An Adobe registration named "${settings.name}" already exists for another URL`,
				`Registration ${conflictingId} uses this name${existing ? ` and delivers to ${String(existing.webhook_url)}` : ''}. ` +
					'Set a different Options → Registration Name, or delete that registration, then publish again.',
			);
		}
		throw describeWriteFailure(this, error, settings, webhookUrl, 'create');
	}

	const id = typeof created?.registration_id === 'string' ? created.registration_id : undefined;
	if (!id) {
		throw new NodeApiError(this.getNode(), (created ?? {}) as JsonObject, {
			message: 'Adobe did not return a registration ID',
			description:
				'The registration may or may not exist; publishing again adopts it by URL if it does.',
		});
	}
	st.registrationId = id;
	st.webhookUrl = webhookUrl;
	if (registrationHealth(created) === 'disabled') {
		// Challenge failed: do not leave a dead registration behind (counts against the 30).
		try {
			await adobeApiRequest.call(this, {
				method: 'DELETE',
				path: workspacePath(ctx, 'registrations', id),
			});
			delete st.registrationId;
			delete st.webhookUrl;
		} catch (error) {
			this.logger.warn(
				`Adobe I/O Events: could not remove failed registration ${id}: ${adobeText(error).slice(0, 200)}`,
			);
		}
		throw new NodeApiError(this.getNode(), { message: 'challenge failed' } as JsonObject, {
			message: 'Adobe could not verify the webhook URL (challenge failed)',
			description:
				`Adobe registered the webhook but marked it ${String(created.webhook_status ?? 'disabled')}: it could not reach ${webhookUrl}. ` +
				'Make sure this URL is reachable from the internet over HTTPS (N8N_WEBHOOK_URL) and try again.',
		});
	}
	checkHealth.call(this, created);
	this.logger.info(
		`Adobe I/O Events: created ${isTest ? 'test ' : ''}registration ${id} for ${webhookUrl}`,
	);
	// Not awaited here: see SAMPLE_EVENT_DELAY_MS.
	requestSampleEventLater.call(this, settings, id);
	return true;
}

export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const st = state.call(this);
	const ctx = await getAdobeContext.call(this);
	let ids: string[] = [];
	if (st.registrationId) {
		ids = [st.registrationId];
	} else {
		const url = this.getNodeWebhookUrl('default');
		if (url)
			ids = (await findByUrl.call(this, ctx, url))
				.map((r) => String(r.registration_id))
				.slice(0, MAX_DUPLICATES_REMOVED);
	}
	for (const id of ids) {
		try {
			await adobeApiRequest.call(this, {
				method: 'DELETE',
				path: workspacePath(ctx, 'registrations', id),
			});
			this.logger.info(`Adobe I/O Events: deleted registration ${id}`);
		} catch (error) {
			if (httpCodeOf(error) !== '404') {
				// Keep the ID: the next activation's checkExists reconciles it.
				this.logger.warn(
					`Adobe I/O Events: could not delete registration ${id}; kept for the next activation`,
				);
				throw lifecycleError(
					this,
					error,
					`Could not delete the Adobe registration ${id}`,
					'n8n keeps its ID and removes or reuses it the next time this workflow is published. You can also delete it in Adobe Developer Console.',
				);
			}
		}
	}
	delete st.registrationId;
	delete st.webhookUrl;
	delete st.health;
	return true;
}
