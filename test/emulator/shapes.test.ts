/**
 * The catalogue's events in Adobe's shapes: each is read by the package's envelope reader as the envelope
 * it imitates, with its time in the format it declares, addressed to the registration's client id; and
 * together they cover every envelope, time format and odd field the real payloads have.
 */
import {
	readEnvelope,
	recipientsOf,
	type EnvelopeKind,
} from '../../nodes/AdobeIoEvents/webhook/envelope';
import { PROVIDERS } from './src/catalogue';
import { catalogueSamples, SAMPLE_CLIENT_ID, SAMPLE_TIME } from './src/samples';
import { formatTime, type TimeFormat } from './src/shapes';

const samples = catalogueSamples();

describe('formatTime', () => {
	// SAMPLE_TIME = 2026-01-15T09:41:07.123Z (a Thursday)
	it.each<[TimeFormat, string | number | undefined]>([
		['iso', '2026-01-15T09:41:07.123Z'],
		['iso-seconds', '2026-01-15T09:41:07Z'],
		['iso-micro', '2026-01-15T09:41:07.123999Z'],
		['iso-nano', '2026-01-15T09:41:07.123999999Z'],
		['zoneless-ms', '2026-01-15 09:41:07.123'],
		['epoch-ms', 1768470067123],
		['epoch-ms-string', '1768470067123'],
		['offset-colon', '2026-01-15T10:41:07+01:00'],
		['offset-hhmm', '2026-01-15T09:41:07.123+0000'],
		['offset-hh', '2026-01-15T01:41:07-08'],
		['offset-hh-ms', '2026-01-15T10:41:07.123+01'],
		['java-date', 'Thu Jan 15 09:41:07 UTC 2026'],
		['none', undefined],
	])('%s → %j', (format, expected) => {
		expect(formatTime(SAMPLE_TIME, format)).toEqual(expected);
	});
});

/** The envelope each catalogue entry imitates. */
function expectedKind(format: string, envelope: string | undefined, sample: unknown): EnvelopeKind {
	if (format === 'adobe_io') {
		const s = sample as Record<string, unknown>;
		if ('activitystreams:object' in s) return 'xdm';
		if ('header' in s || 'com.adobe.mcloud.pipeline.pipelineMessage' in s) return 'pipeline';
		return 'legacy';
	}
	if (envelope === 'marketo-wrapper' || envelope === 'marketo-wrapper-inner') return 'wrapper';
	if (envelope === 'commerce-partial') return 'partial';
	return 'cloudevent';
}

const SECONDS_ONLY: ReadonlyArray<TimeFormat | undefined> = [
	'iso-seconds',
	'offset-colon',
	'offset-hh',
	'java-date',
];

describe('every catalogue event type, as delivered', () => {
	it.each(samples.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
		const { provider, event } = sample;
		const webhook = readEnvelope(sample.webhook);
		expect(webhook.kind).toBe(
			expectedKind(provider.event_delivery_format, event.shape?.envelope, event.sample),
		);
		// addressed to the registration wherever its envelope puts the recipient
		expect(recipientsOf(sample.webhook).length).toBeGreaterThan(0);
		expect(new Set(recipientsOf(sample.webhook))).toEqual(new Set([SAMPLE_CLIENT_ID]));
		// Adobe's event id, except in Commerce's partial envelope (it has none)
		expect(webhook.eventId).toBe(webhook.kind === 'partial' ? undefined : sample.eventid);
		// the time, in the declared format, is the emission time
		const format =
			event.shape?.time ?? (provider.event_delivery_format === 'adobe_io' ? undefined : 'iso');
		const expectedTime =
			format === undefined || format === 'none' || webhook.kind === 'partial'
				? undefined
				: SECONDS_ONLY.includes(format)
					? SAMPLE_TIME - 123
					: SAMPLE_TIME;
		expect(webhook.time).toBe(expectedTime);
		// the journal entry is the same event (bare provider object for adobe_io)
		const journal = readEnvelope(sample.journal);
		expect([journal.type, journal.time, journal.data]).toEqual([
			webhook.type,
			webhook.time,
			webhook.data,
		]);
	});
});

describe('the catalogue covers every shape of Adobe’s real events', () => {
	const kinds = (pick: 'webhook' | 'journal') =>
		new Set(samples.map((s) => readEnvelope(s[pick]).kind));
	const json = samples.map((s) => JSON.stringify(s.webhook));
	const keys: string[] = [];
	const collectKeys = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(collectKeys);
		else if (value && typeof value === 'object')
			for (const [k, v] of Object.entries(value)) {
				keys.push(k);
				collectKeys(v);
			}
	};
	samples.forEach((s) => collectKeys(s.webhook));

	it('at least 8 product families', () => {
		expect(new Set(PROVIDERS.map((p) => p.provider_metadata)).size).toBeGreaterThanOrEqual(8);
	});
	it('every envelope, on the webhook and in the journal', () => {
		const all: EnvelopeKind[] = ['cloudevent', 'legacy', 'partial', 'pipeline', 'wrapper', 'xdm'];
		expect([...kinds('webhook')].sort()).toEqual(all);
		// a legacy provider's bare object in the journal has no envelope at all
		expect([...kinds('journal')].sort()).toEqual(
			all.map((k) => (k === 'legacy' ? 'unknown' : k)).sort(),
		);
	});
	it('a recipient inside Marketo’s wrapper event, and each id-field variant of a CloudEvent', () => {
		expect(
			samples.some(
				(s) =>
					(s.webhook.event as Record<string, unknown> | undefined)?.recipientclientid !== undefined,
			),
		).toBe(true);
		const cloudEvents = samples.filter((s) => 'specversion' in s.webhook);
		expect(cloudEvents.some((s) => 'eventid' in s.webhook && !('event_id' in s.webhook))).toBe(
			true,
		);
		expect(cloudEvents.some((s) => 'event_id' in s.webhook && !('eventid' in s.webhook))).toBe(
			true,
		);
		expect(cloudEvents.some((s) => 'event_id' in s.webhook && 'eventid' in s.webhook)).toBe(true);
		expect(cloudEvents.some((s) => Object.keys(s.webhook)[0] === 'data')).toBe(true);
		// the CloudEvent id differs from Adobe's event id
		expect(
			cloudEvents.every((s) => s.webhook.id === undefined || s.webhook.id !== s.webhook.eventid),
		).toBe(true);
	});
	it('every time format', () => {
		const used = new Set(
			PROVIDERS.flatMap((p) =>
				p.events.map(
					(e) => e.shape?.time ?? (p.event_delivery_format === 'adobe_io' ? undefined : 'iso'),
				),
			),
		);
		const all: TimeFormat[] = [
			'iso',
			'iso-seconds',
			'iso-micro',
			'iso-nano',
			'zoneless-ms',
			'epoch-ms',
			'epoch-ms-string',
			'offset-colon',
			'offset-hhmm',
			'offset-hh',
			'offset-hh-ms',
			'java-date',
			'none',
		];
		for (const format of all) expect(used).toContain(format);
	});
	it('data as a string and as {}, numbers as strings, keys with dots, colons, spaces and URIs', () => {
		const data = samples.map((s) => readEnvelope(s.webhook).data);
		expect(data.some((d) => typeof d === 'string')).toBe(true);
		expect(
			data.some((d) => d !== null && typeof d === 'object' && Object.keys(d).length === 0),
		).toBe(true);
		expect(json.some((j) => /"repo:size":"\d+"/.test(j))).toBe(true);
		expect(json.some((j) => /"price":"\d+\.\d+"/.test(j))).toBe(true);
		expect(keys.some((k) => k.includes('.') && !k.includes(':'))).toBe(true);
		expect(keys.some((k) => /^[a-z]+:[a-z]/i.test(k))).toBe(true);
		expect(keys.some((k) => k.includes(' '))).toBe(true);
		expect(keys.some((k) => k.startsWith('http://'))).toBe(true);
		expect(keys.some((k) => /^\d+$/.test(k))).toBe(true);
	});
	it('what the examples need: AEM asset processed, Commerce order placed, Cloud Manager execution failed, Creative Cloud file created', () => {
		const codes = new Set(samples.map((s) => s.event.event_code));
		for (const code of [
			'aem.assets.asset.processing_completed',
			'com.adobe.commerce.observer.sales_order_place_after',
			'pipeline_execution_end',
			'com.adobe.platform.events.file_created',
		])
			expect(codes).toContain(code);
		const ended = samples.find((s) => s.event.event_code === 'pipeline_execution_end');
		expect(JSON.stringify(ended?.webhook)).toContain('"status":"FAILED"');
	});
});
