/**
 * Adobe-shaped, genuinely signed deliveries made by the harness itself (benchmarks and load tests that
 * need thousands of requests faster than the emulator's delivery engine sends them).
 *
 * A template is copied from one real emulator delivery (its trace: headers and event fields, exactly as
 * Adobe's delivery engine shapes them); every request made from it carries fresh event ids and is signed
 * with the emulator's current keys (digital signatures, plus the legacy `x-adobe-signature` HMAC with the
 * credential's client secret when asked), so the trigger verifies it like any delivery from Adobe.
 */
import { randomUUID } from 'node:crypto';
import { hmacSignature } from '../../test/emulator/src/keys';
import { CC_EVENT_CODES, control, publishWatchEvents } from './adobe-setup';
import type { EmulatorControl } from './emulator-control';
import type { N8nCredentialRef } from './n8n-api';
import type { EmulatorHandle, Stack } from './stack';

export interface DeliveryTemplate {
	/** Delivered headers minus signatures/transport headers. */
	headers: Record<string, string>;
	/** One delivered event (parsed). */
	event: Record<string, unknown>;
}

export interface SignedRequest {
	body: string;
	headers: Record<string, string>;
	/** the event ids the body carries (fresh per request) */
	eventIds: string[];
}

const DROP_HEADERS = new Set([
	'x-adobe-digital-signature-1',
	'x-adobe-digital-signature-2',
	'x-adobe-public-key1-path',
	'x-adobe-public-key2-path',
	'x-adobe-signature',
	'content-length',
	'host',
	'connection',
	'transfer-encoding',
]);

/** The shape of the newest delivery the emulator made to a registration. */
export async function deliveryTemplate(ctl: EmulatorControl, registrationId: string): Promise<DeliveryTemplate> {
	const [trace] = await ctl.traces(registrationId);
	if (!trace) throw new Error(`no delivery trace for registration ${registrationId}`);
	const request = trace.trace.tracingRequest;
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(request.requestHeaders)) {
		if (!DROP_HEADERS.has(key.toLowerCase())) headers[key.toLowerCase()] = ([] as string[]).concat(value).join(', ');
	}
	const parsed = JSON.parse(request.requestBody) as Record<string, unknown> | Array<Record<string, unknown>>;
	return { headers, event: Array.isArray(parsed) ? parsed[0] : parsed };
}

/** Has the emulator deliver `count` events of `eventCode` and returns the shape of what reached `registrationId`. */
export async function genuineTemplate(stack: Stack, registrationId: string, eventCode: string, count = 1): Promise<DeliveryTemplate> {
	const ctl = control(stack);
	await ctl.emit({ eventCode, count, wait: true });
	return await deliveryTemplate(ctl, registrationId);
}

/**
 * Both request shapes — one event, and a batch of 20 — from two Watch Events workflows published for this
 * alone (watching CC_EVENT_CODES[0] and [1]; keep other workflows of the run off these codes).
 */
export async function genuineTemplates(stack: Stack, credential: N8nCredentialRef): Promise<{ single: DeliveryTemplate; batch: DeliveryTemplate }> {
	const single = await publishWatchEvents(stack, {
		name: 'template: single',
		credential,
		withSetNode: false,
		parameters: { eventCodes: [CC_EVENT_CODES[0]] },
	});
	const batch = await publishWatchEvents(stack, {
		name: 'template: batch',
		credential,
		withSetNode: false,
		parameters: { eventCodes: [CC_EVENT_CODES[1]], deliveryType: 'webhook_batch' },
	});
	return {
		single: await genuineTemplate(stack, single.registration.registration_id, CC_EVENT_CODES[0]),
		batch: await genuineTemplate(stack, batch.registration.registration_id, CC_EVENT_CODES[1], 20),
	};
}

/** The template's event with fresh ids and time. */
export function freshEvent(template: Record<string, unknown>): Record<string, unknown> {
	const eventid = randomUUID();
	const event: Record<string, unknown> = { ...template, id: randomUUID(), time: new Date().toISOString() };
	if ('eventid' in template) event.eventid = eventid;
	if ('event_id' in template) event.event_id = eventid;
	return event;
}

/**
 * A maker of signed requests: `eventsPerRequest` 1 sends one event (an object), more a batch (an array).
 * `hmac` adds `x-adobe-signature` (HMAC-SHA256 of the body with the emulator credential's client secret).
 */
export function signedRequests(
	emulator: EmulatorHandle,
	template: DeliveryTemplate,
	options: { eventsPerRequest: number; hmac?: boolean },
): () => SignedRequest {
	const keys = emulator.core.keys;
	const secret = emulator.credentials.clientSecret;
	return () => {
		const events = Array.from({ length: options.eventsPerRequest }, () => freshEvent(template.event));
		const body = JSON.stringify(options.eventsPerRequest === 1 ? events[0] : events);
		const headers: Record<string, string> = { ...template.headers, ...keys.sign(body) };
		if (options.hmac) headers['x-adobe-signature'] = hmacSignature(body, secret);
		if (template.headers['x-adobe-event-id'] && options.eventsPerRequest === 1) {
			headers['x-adobe-event-id'] = String(events[0].eventid ?? events[0].id);
		}
		headers['x-adobe-delivery-id'] = randomUUID();
		return { body, headers, eventIds: events.map((e) => String(e.eventid ?? e.event_id)) };
	};
}

/** A maker of unsigned requests with one fresh event each (for n8n's own Webhook node), with fixed `headers`. */
export function plainRequests(template: DeliveryTemplate, headers: Record<string, string>): () => SignedRequest {
	return () => {
		const event = freshEvent(template.event);
		return { body: JSON.stringify(event), headers, eventIds: [String(event.eventid ?? event.event_id)] };
	};
}

/** Pre-signed requests (signing happens before a measurement starts), made on the fly once exhausted. */
export function signedPool(make: () => SignedRequest, cap = 60000) {
	let pool: SignedRequest[] = [];
	let cursor = 0;
	let onTheFly = 0;
	return {
		prepare(count: number): void {
			pool = Array.from({ length: Math.min(cap, count) }, make);
			cursor = 0;
		},
		next(): SignedRequest {
			if (cursor < pool.length) return pool[cursor++];
			onTheFly++;
			return make();
		},
		get signedOnTheFly(): number {
			return onTheFly;
		},
	};
}
