/**
 * Registration → Diagnose: why events stop arriving, as a verdict a no-code user can act on. A pure
 * table of rules over facts gathered from Adobe (the registration and its delivery traces) and from
 * this n8n (its webhook base URL). The first rule that applies is the verdict; observations that hold
 * besides it become findings. No n8n runtime calls, no clock: every time is taken from the traces.
 */
import type { IDataObject } from 'n8n-workflow';

import { registrationHealth } from '../registrations/model';
import { meaningOf, type DeliveryTrace } from './traces';
import { classifyWebhookUrl, type WebhookUrlFacts } from './webhookUrl';

/** Adobe's health window: a registration is judged on the attempts of the last 24 hours. */
export const HEALTH_WINDOW_MS = 24 * 3_600_000;
/** How many of the newest response codes a diagnosis lists. */
export const LAST_CODES = 10;

export type Severity = 'ok' | 'info' | 'warning' | 'error';

export type VerdictId =
	| 'awaiting_validation'
	| 'disabled'
	| 'switched_off'
	| 'no_webhook'
	| 'unstable'
	| 'failing'
	| 'no_deliveries'
	| 'recovered'
	| 'healthy';

export interface DiagnosisInput {
	/** the registration as Adobe returns it */
	registration: IDataObject;
	/** its delivery traces, flattened (any order); undefined when they could not be read */
	traces?: DeliveryTrace[];
	/** why the traces could not be read (shown to the user) */
	tracesUnavailable?: string;
	/** this n8n's webhook base URL ('' when unknown) */
	instanceBaseUrl?: string;
	/** the credential's environment: with `custom` (emulator, private gateway) private URLs are expected */
	environment?: string;
}

export interface DeliveryStats {
	total: number;
	succeeded: number;
	failed: number;
	/** attempts in the 24 h before the newest one (Adobe's health window) */
	last24h: { total: number; failed: number };
	lastDeliveryAt: string;
	lastSuccessAt: string;
	lastFailureAt: string;
	/** response code → attempts */
	responseCodes: Record<string, number>;
	/** the newest response codes, newest first */
	lastResponseCodes: number[];
	/** failed attempts Adobe does not retry (their events are dropped; the journal still has them) */
	notRetried: number;
}

/** What the newest failures say, in words. */
export interface FailureCause {
	/** the dominant response code */
	code: number;
	/** e.g. `401 (signature check failed)` */
	label: string;
	/** e.g. `a proxy in front of n8n is probably changing the body` */
	explanation: string;
	action: string;
	/** consecutive failed attempts, newest first (0 when the newest attempt succeeded) */
	run: number;
	/** the codes of that run, e.g. `401` or `401 ×3, 604 ×2` */
	runCodes: string;
}

export interface Facts {
	registrationId: string;
	name: string;
	deliveryType: string;
	webhookUrl: string;
	enabled: boolean;
	webhookStatus: string;
	/** trigger/registration's reading of webhook_status + enabled */
	health: ReturnType<typeof registrationHealth>;
	adobeDisabled: boolean;
	eventCodes: string[];
	hasFilter: boolean;
	url: WebhookUrlFacts;
	instanceBaseUrl: string;
	environment: string;
	tracesRead: boolean;
	tracesUnavailable: string;
	/** delivery attempts, newest first */
	deliveries: DeliveryTrace[];
	/** validation (challenge) requests, newest first */
	validations: DeliveryTrace[];
	stats: DeliveryStats;
	cause?: FailureCause;
}

export interface Rule {
	id: VerdictId;
	severity: Severity;
	/** Adobe Developer Console's wording of the state */
	status: (f: Facts) => string;
	when: (f: Facts) => boolean;
	summary: (f: Facts) => string;
	action: (f: Facts) => string;
}

export interface Diagnosis {
	verdict: VerdictId;
	severity: Severity;
	status: string;
	summary: string;
	action: string;
	findings: string[];
	facts: Facts;
}

const ADOBE_DISABLED_STATUSES = ['hook_unreachable', 'verification_failed', 'disabled', 'deleted'];
const RECOVER =
	'Events of the last 7 days stay in the registration’s journal: read what was missed with Journal → Get Events or the Journal Trigger.';

function str(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** `1 delivery`, `12 deliveries`, `3 failed deliveries` */
function countDeliveries(n: number, adjective = ''): string {
	return `${n} ${adjective ? `${adjective} ` : ''}${n === 1 ? 'delivery' : 'deliveries'}`;
}

function codesText(codes: number[]): string {
	const counts = new Map<number, number>();
	for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
	if (counts.size === 1) return String(codes[0]);
	return [...counts.entries()]
		.sort((a, b) => b[1] - a[1] || a[0] - b[0])
		.map(([code, n]) => (n === 1 ? String(code) : `${code} ×${n}`))
		.join(', ');
}

/** The response codes of `traces` as `200` or `200, 204` (distinct, ascending). */
function distinctCodes(traces: DeliveryTrace[]): string {
	const codes = [
		...new Set(traces.map((t) => t.responseCode).filter((c): c is number => c !== null)),
	];
	return codes.sort((a, b) => a - b).join('/') || 'without a response code';
}

export function deliveryStats(deliveries: DeliveryTrace[]): DeliveryStats {
	const newest = deliveries[0]?.timeMs;
	const windowed =
		newest === undefined
			? deliveries
			: deliveries.filter((t) => t.timeMs !== undefined && t.timeMs > newest - HEALTH_WINDOW_MS);
	const responseCodes: Record<string, number> = {};
	for (const t of deliveries) {
		const key = t.responseCode === null ? 'none' : String(t.responseCode);
		responseCodes[key] = (responseCodes[key] ?? 0) + 1;
	}
	const failed = deliveries.filter((t) => !t.success);
	return {
		total: deliveries.length,
		succeeded: deliveries.length - failed.length,
		failed: failed.length,
		last24h: { total: windowed.length, failed: windowed.filter((t) => !t.success).length },
		lastDeliveryAt: deliveries[0]?.time ?? '',
		lastSuccessAt: deliveries.find((t) => t.success)?.time ?? '',
		lastFailureAt: failed[0]?.time ?? '',
		responseCodes,
		lastResponseCodes: deliveries
			.slice(0, LAST_CODES)
			.map((t) => t.responseCode)
			.filter((c): c is number => c !== null),
		notRetried: failed.filter((t) => !t.adobeRetries).length,
	};
}

interface CauseText {
	label?: string;
	explanation: string;
	action: string;
}

/** What a failing response code means for this registration, and what to do about it. */
export function causeOf(code: number, url: WebhookUrlFacts): CauseText {
	const n8n = url.n8nKind !== null;
	switch (code) {
		case 401:
			return n8n
				? {
						label: '401 (signature check failed)',
						explanation:
							'a proxy in front of n8n is probably changing the body (Adobe signs the exact bytes), or the Watch Events trigger’s credential belongs to another Adobe project than this registration',
						action:
							'Make the proxy in front of n8n pass the request body through unchanged (no re-encoding or JSON re-formatting) and check that the trigger’s credential has the Client ID of the project this registration belongs to.',
					}
				: {
						label: '401 (unauthorized)',
						explanation: 'the webhook refuses Adobe’s requests as unauthorized',
						action:
							'Check the webhook’s authentication or signature check: Adobe sends no credentials, only its signatures.',
					};
		case 403:
			return {
				label: '403 (forbidden)',
				explanation:
					'a firewall, WAF or an authentication proxy in front of the webhook refuses Adobe',
				action:
					'Let unauthenticated POST requests from Adobe reach the webhook URL (Adobe calls from changing cloud addresses; its signatures protect the webhook).',
			};
		case 404:
		case 410:
			if (url.n8nKind === 'test')
				return {
					label: `${code} (nobody listening)`,
					explanation: 'nobody is listening for a test event at this n8n test URL',
					action:
						'This is a “Listen for test event” registration: delete it (Registration → Delete); publishing the workflow creates its own production registration.',
				};
			if (n8n)
				return {
					label: `${code} (not found)`,
					explanation: 'the workflow is not published (n8n has no active webhook at this URL)',
					action:
						'Publish the workflow that owns this URL (n8n registers its webhook when the workflow is published), or delete this registration if that workflow is gone.',
				};
			return {
				label: `${code} (not found)`,
				explanation: 'nothing listens at this URL',
				action:
					'Fix the webhook URL of the registration (Registration → Update) or bring the webhook back.',
			};
		case 413:
			return {
				label: '413 (payload too large)',
				explanation:
					'the webhook or a proxy refuses bodies this large (Adobe sends up to 2 MB per batch)',
				action:
					'Raise the body size limit of the proxy (e.g. client_max_body_size) and of n8n (N8N_PAYLOAD_SIZE_MAX).',
			};
		case 429:
			return {
				label: '429 (throttled)',
				explanation: 'the webhook throttles Adobe',
				action:
					'Raise the rate limit for Adobe’s requests, or switch to batch delivery (Webhook (Batch)) to send fewer requests.',
			};
		case 500:
			return {
				label: '500 (server error)',
				explanation: n8n
					? 'n8n failed while accepting the request'
					: 'the webhook fails while handling the request',
				action: n8n
					? 'Look at n8n’s log around these times; Adobe retries these deliveries for 24 h.'
					: 'Look at the webhook’s log around these times; Adobe retries these deliveries for 24 h.',
			};
		case 502:
		case 504:
			return {
				label: `${code} (proxy)`,
				explanation: `a proxy in front of ${n8n ? 'n8n' : 'the webhook'} could not reach it or gave up waiting`,
				action: `Check that ${n8n ? 'n8n' : 'the webhook'} is running and that the proxy forwards to it; Adobe retries for 24 h.`,
			};
		case 503:
			return {
				label: '503 (unavailable)',
				explanation: n8n
					? 'n8n could not check the signatures (Adobe’s public-key host static.adobeioevents.com unreachable) or is starting or overloaded'
					: 'the webhook is unavailable',
				action: n8n
					? 'Allow n8n outbound HTTPS to static.adobeioevents.com and check that it is running normally; Adobe retries for 24 h.'
					: 'Bring the webhook back up; Adobe retries for 24 h.',
			};
		case 601:
			return {
				label: '601 (Adobe client error)',
				explanation: 'Adobe hit an unexpected error while sending',
				action:
					'Wait for Adobe’s retries; if it persists, contact Adobe support with these traces.',
			};
		case 602:
			return {
				label: '602 (unreachable)',
				explanation: `Adobe could not connect to the URL: ${n8n ? 'n8n is down or ' : 'the webhook is down, '}the host name does not resolve, or a firewall blocks Adobe`,
				action: n8n
					? 'Make sure n8n runs and is reachable from the internet at this URL (set N8N_WEBHOOK_URL to its public https address).'
					: 'Make sure the webhook runs and is reachable from the internet at this URL.',
			};
		case 604:
			return {
				label: '604 timeouts',
				explanation: 'the webhook took longer than the 10 s Adobe waits',
				action: n8n
					? 'Answer faster or use batch delivery: a Webhook node must respond immediately, not when the last node finishes (the Watch Events trigger answers at once); on a busy n8n, Webhook (Batch) delivery sends fewer, larger requests.'
					: 'Answer faster (acknowledge first, work afterwards) or use batch delivery (Webhook (Batch)).',
			};
		case 611:
			return {
				label: '611 (TLS handshake failed)',
				explanation:
					'the certificate of the host is invalid, self-signed or expired (or mutual TLS failed)',
				action: 'Serve a valid public certificate (e.g. Let’s Encrypt) for the webhook host.',
			};
		default:
			if (code >= 300 && code < 400)
				return {
					label: `${code} (redirect)`,
					explanation: 'the URL redirects, and Adobe does not follow redirects',
					action:
						'Register the final URL (for example https:// instead of http://, or with the trailing path the server redirects to).',
				};
			if (code >= 400 && code < 500)
				return {
					explanation: `the webhook refuses Adobe’s requests (${meaningOf(code)})`,
					action: 'Make the webhook accept POST requests with Adobe’s JSON (CloudEvents) body.',
				};
			return {
				explanation: meaningOf(code).replace(/^./, (c) => c.toLowerCase()),
				action: 'Check the webhook; Adobe retries 5xx answers and timeouts for 24 h.',
			};
	}
}

/** The cause of the newest failures (the run of failed attempts up to the newest one, else the last 24 h). */
export function failureCause(
	deliveries: DeliveryTrace[],
	url: WebhookUrlFacts,
): FailureCause | undefined {
	let run = 0;
	while (run < deliveries.length && !deliveries[run].success) run++;
	let sample = deliveries.slice(0, run);
	if (!sample.length) {
		const newest = deliveries[0]?.timeMs;
		sample = deliveries.filter(
			(t) =>
				!t.success &&
				(newest === undefined || t.timeMs === undefined || t.timeMs > newest - HEALTH_WINDOW_MS),
		);
	}
	const codes = sample.map((t) => t.responseCode).filter((c): c is number => c !== null);
	if (!codes.length) return undefined;
	const counts = new Map<number, number>();
	for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
	// The most frequent code; on a tie the newest.
	const code = [...counts.entries()].sort(
		(a, b) => b[1] - a[1] || codes.indexOf(a[0]) - codes.indexOf(b[0]),
	)[0][0];
	const text = causeOf(code, url);
	const runCodes = sample
		.slice(0, run)
		.map((t) => t.responseCode)
		.filter((c): c is number => c !== null);
	return {
		code,
		label: text.label ?? String(code),
		explanation: text.explanation,
		action: text.action,
		run,
		runCodes: runCodes.length ? codesText(runCodes) : '',
	};
}

/** Gathers the facts the rules read. */
export function gatherFacts(input: DiagnosisInput): Facts {
	const registration = input.registration;
	const traces = [...(input.traces ?? [])].sort((a, b) => (b.timeMs ?? 0) - (a.timeMs ?? 0));
	const deliveries = traces.filter((t) => t.kind === 'delivery');
	const webhookStatus = str(registration.webhook_status).toLowerCase();
	const events = Array.isArray(registration.events_of_interest)
		? (registration.events_of_interest as IDataObject[])
		: [];
	const instanceBaseUrl = input.instanceBaseUrl ?? '';
	const url = classifyWebhookUrl(str(registration.webhook_url), instanceBaseUrl);
	return {
		registrationId: str(registration.registration_id),
		name: str(registration.name),
		deliveryType: str(registration.delivery_type) || 'webhook',
		webhookUrl: str(registration.webhook_url),
		enabled: registration.enabled !== false,
		webhookStatus,
		health: registrationHealth(registration),
		adobeDisabled: ADOBE_DISABLED_STATUSES.includes(webhookStatus),
		eventCodes: events.map((e) => str(e.event_code)).filter((c) => c !== ''),
		hasFilter:
			Array.isArray(registration.subscriber_filters) && registration.subscriber_filters.length > 0,
		url,
		instanceBaseUrl,
		environment: input.environment ?? '',
		tracesRead: input.traces !== undefined,
		tracesUnavailable: input.tracesUnavailable ?? '',
		deliveries,
		validations: traces.filter((t) => t.kind === 'validation'),
		stats: deliveryStats(deliveries),
		cause: failureCause(deliveries, url),
	};
}

const isPush = (f: Facts): boolean =>
	f.deliveryType === 'webhook' || f.deliveryType === 'webhook_batch';

/** `; the last 5 answers were 401 (signature check failed) — a proxy …` */
function causeClause(f: Facts): string {
	const c = f.cause;
	if (!c) return '';
	if (c.run > 0) {
		const answers = c.run === 1 ? 'the last answer was' : `the last ${c.run} answers were`;
		const label = c.runCodes === String(c.code) ? c.label : `${c.runCodes} (mostly ${c.label})`;
		return `; ${answers} ${label} — ${c.explanation}`;
	}
	return `; most failures were ${c.label} — ${c.explanation}`;
}

function unknownCause(f: Facts): string {
	if (!f.tracesRead)
		return ` Its delivery traces could not be read (${f.tracesUnavailable || 'unknown reason'}), so the cause is not known.`;
	return '';
}

/** The rules, in order: the first that applies is the verdict. */
export const RULES: readonly Rule[] = [
	{
		id: 'awaiting_validation',
		severity: 'warning',
		status: () => 'Awaiting validation',
		when: (f) => isPush(f) && f.health === 'pending',
		summary: () =>
			'Adobe is waiting for this webhook to be validated: the webhook did not echo Adobe’s challenge, so Adobe posted a validation URL that must be opened within 5 minutes, or the registration is disabled. Until then nothing is delivered.',
		action: () =>
			'Open the validationUrl Adobe posted to the webhook (n8n’s Watch Events trigger does this by itself), or make the webhook answer GET ?challenge=… with the challenge value and save the registration again (Registration → Update).',
	},
	{
		id: 'disabled',
		severity: 'error',
		status: () => 'Disabled',
		when: (f) => f.adobeDisabled,
		summary: (f) => {
			const failedValidation = f.validations.find((v) => !v.success);
			if (f.stats.failed > 0) {
				return `Adobe disabled this registration after ${countDeliveries(f.stats.last24h.failed, 'failed')} in 24 h${causeClause(f)}. New events are not delivered.`;
			}
			if (failedValidation && failedValidation === f.validations[0]) {
				return `Adobe disabled this registration: its webhook did not pass Adobe’s validation (the last validation request was answered ${failedValidation.responseCode ?? 'without a code'} — ${failedValidation.meaning}).`;
			}
			return `Adobe disabled this registration (status “${f.webhookStatus}”)${f.tracesRead ? '; no failed delivery is left in its traces (7 days)' : ''}. New events are not delivered.${unknownCause(f)}`;
		},
		action: (f) =>
			`${f.cause ? `${f.cause.action} ` : ''}Then turn the registration on again: Registration → Enable${f.url.n8nKind ? ', or unpublish and publish the workflow (the Watch Events trigger re-enables its registration)' : ''}. ${RECOVER}`,
	},
	{
		id: 'switched_off',
		severity: 'warning',
		status: () => 'Switched off',
		when: (f) => !f.enabled,
		summary: () =>
			'This registration is switched off (enabled: false): Adobe delivers none of its events — someone disabled it in Adobe Developer Console or through the API.',
		action: () => `Turn it on with Registration → Enable. ${RECOVER}`,
	},
	{
		id: 'no_webhook',
		severity: 'info',
		status: () => 'Active',
		when: (f) => !isPush(f),
		summary: (f) =>
			f.deliveryType === 'journal'
				? 'This registration has no webhook (delivery type: journal): its events are not pushed anywhere, they wait in its journal for 7 days.'
				: f.deliveryType === 'aws_eventbridge'
					? 'This registration delivers to Amazon EventBridge: Adobe keeps no webhook traces for it.'
					: `This registration’s delivery type is “${f.deliveryType}”: Adobe keeps no webhook traces for it.`,
		action: (f) =>
			f.deliveryType === 'aws_eventbridge'
				? 'Check the partner event source and the event bus rules in the AWS console (account and region are in the registration’s destination_metadata).'
				: 'Read its events with the Adobe I/O Events Journal Trigger or Journal → Get Events.',
	},
	{
		id: 'unstable',
		severity: 'warning',
		status: () => 'Unstable',
		when: (f) => f.health === 'unstable',
		summary: (f) =>
			f.stats.total
				? `Adobe marked this registration unstable: ${f.stats.last24h.failed} of ${countDeliveries(f.stats.last24h.total)} in 24 h failed${causeClause(f)}. Adobe keeps delivering for now, but disables the registration if the failures go on.`
				: `Adobe marked this registration unstable (most deliveries of the last 24 h failed). Adobe keeps delivering for now, but disables the registration if the failures go on.${unknownCause(f)}`,
		action: (f) =>
			`${f.cause ? `${f.cause.action} ` : ''}Events whose delivery got an answer Adobe does not retry (4xx) are dropped. ${RECOVER}`,
	},
	{
		id: 'failing',
		severity: 'error',
		status: () => 'Active',
		when: (f) => f.stats.total > 0 && !f.deliveries[0].success,
		summary: (f) =>
			`Deliveries are failing${causeClause(f)
				.replace(/^; the/, ': the')
				.replace(
					/^; most/,
					': most',
				)}. Adobe marks the registration unstable, then disables it, when 80 % of at least 10 attempts in 24 h fail.`,
		action: (f) =>
			`${f.cause?.action ?? 'Check the webhook.'} ${f.stats.notRetried ? RECOVER : 'Adobe retries these deliveries for 24 h.'}`,
	},
	{
		id: 'no_deliveries',
		severity: 'warning',
		status: () => 'Active',
		when: (f) => f.tracesRead && f.stats.total === 0,
		summary: () =>
			'Adobe has not delivered any event to this webhook recently: there is no delivery in its traces (Adobe keeps the last 100 for 7 days). The registration itself is active.',
		action: (f) =>
			`Check that the Adobe product really emits the subscribed event types (${f.eventCodes.join(', ') || 'none'}) for this organization${f.hasFilter ? ' and that the subscriber filter lets them through' : ''}; send a test delivery with Sample Event → Send.`,
	},
	{
		id: 'recovered',
		severity: 'ok',
		status: () => 'Active',
		when: (f) => f.stats.failed > 0 && f.deliveries[0]?.success === true,
		summary: (f) => {
			let ok = 0;
			while (ok < f.deliveries.length && f.deliveries[ok].success) ok++;
			return `Healthy now: the last ${countDeliveries(ok)} succeeded; ${f.stats.failed} of ${f.stats.total} in Adobe’s traces failed earlier (${codesText(f.deliveries.filter((t) => !t.success).map((t) => t.responseCode ?? 0))}).`;
		},
		action: (f) =>
			f.stats.notRetried
				? `Nothing to do now. ${RECOVER}`
				: 'Nothing to do: Adobe retried the failed deliveries.',
	},
	{
		id: 'healthy',
		severity: 'ok',
		status: () => 'Active',
		when: () => true,
		summary: (f) =>
			f.tracesRead
				? `Healthy: ${countDeliveries(f.stats.total)}, all ${distinctCodes(f.deliveries)}.`
				: `Active (status “${f.webhookStatus || 'verified'}”, enabled).${unknownCause(f)}`,
		action: (f) =>
			f.tracesRead
				? 'Nothing to do.'
				: 'Fill in the credential’s Credential ID so Diagnose can read the delivery traces.',
	},
];

/** Observations that hold besides the verdict. */
export function findingsOf(f: Facts): string[] {
	const findings: string[] = [];
	if (!f.tracesRead && f.tracesUnavailable)
		findings.push(`Delivery traces were not read: ${f.tracesUnavailable}`);
	if (isPush(f) && f.webhookUrl) {
		if (f.url.thisInstance && f.url.n8nKind === 'production')
			findings.push(
				'The webhook URL is this n8n’s production webhook URL: it answers only while its workflow is published.',
			);
		if (f.url.thisInstance && f.url.n8nKind === 'test')
			findings.push(
				'This is a “Listen for test event” registration of this n8n (…/webhook-test/…): n8n answers it only while the editor is listening and deletes it when the test ends. If no test is running, delete it (Registration → Delete).',
			);
		if (!f.url.thisInstance && f.url.n8nKind && f.instanceBaseUrl)
			findings.push(
				`The webhook URL looks like an n8n webhook on ${f.url.origin || f.webhookUrl}, but this n8n’s base URL is ${f.instanceBaseUrl.replace(/\/+$/, '')}. If its workflow runs on this n8n, set N8N_WEBHOOK_URL to the public address Adobe should call and publish the workflow again.`,
			);
		if (!f.url.publicHttps && f.environment !== 'custom')
			findings.push(
				`Adobe delivers only to public HTTPS URLs, and ${f.webhookUrl} is not one${f.url.n8nKind ? ': set N8N_WEBHOOK_URL to n8n’s public https address and publish the workflow again' : ''}.`,
			);
	}
	const lastValidation = f.validations[0];
	if (lastValidation && !lastValidation.success)
		findings.push(
			`Adobe’s last validation request (challenge) was answered ${lastValidation.responseCode ?? 'without a code'} — ${lastValidation.meaning}.`,
		);
	if (f.stats.notRetried > 0)
		findings.push(
			`${countDeliveries(f.stats.notRetried, 'failed')} got an answer Adobe does not retry (anything but 429, 5xx and 6xx): their events were dropped — they are still in the journal for 7 days.`,
		);
	return findings;
}

/** The diagnosis: the first rule that applies, plus the findings. */
export function diagnose(input: DiagnosisInput): Diagnosis {
	const facts = gatherFacts(input);
	const rule = RULES.find((r) => r.when(facts)) ?? RULES[RULES.length - 1];
	return {
		verdict: rule.id,
		severity: rule.severity,
		status: rule.status(facts),
		summary: rule.summary(facts),
		action: rule.action(facts),
		findings: findingsOf(facts),
		facts,
	};
}
