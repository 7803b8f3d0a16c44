/**
 * Registration → Diagnose, step one: the facts the rules read, gathered from the registration, its
 * delivery traces and this n8n's webhook base URL (pure; every time is taken from the traces).
 */
import type { IDataObject } from 'n8n-workflow';

import { ADOBE_DISABLED_STATUSES, registrationHealth } from '../registrations/model';
import { causeOf } from './causes';
import type { DeliveryTrace } from './traces';
import { classifyWebhookUrl, type WebhookUrlFacts } from './webhookUrl';

/** Adobe's health window: a registration is judged on the attempts of the last 24 hours. */
export const HEALTH_WINDOW_MS = 24 * 3_600_000;
/** How many of the newest response codes a diagnosis lists. */
export const LAST_CODES = 10;

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

function str(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** `401` or `401 ×3, 604 ×2` (most frequent first). */
export function codesText(codes: number[]): string {
	const counts = new Map<number, number>();
	for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
	if (counts.size === 1) return String(codes[0]);
	return [...counts.entries()]
		.sort((a, b) => b[1] - a[1] || a[0] - b[0])
		.map(([code, n]) => (n === 1 ? String(code) : `${code} ×${n}`))
		.join(', ');
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

