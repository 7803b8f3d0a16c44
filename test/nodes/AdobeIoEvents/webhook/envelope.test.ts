/**
 * The envelope reader on our own events in every envelope Adobe uses, then on Adobe's real samples
 * (../shared/real-events/, where it exists).
 */
import {
	eventIdentity,
	eventIdOf,
	readEnvelope,
	recipientsOf,
	type EnvelopeKind,
} from '../../../../nodes/AdobeIoEvents/webhook/envelope';
import { describeRealEvents, loadRealEvents } from '../../../helpers/realEvents';

const T = Date.UTC(2026, 1, 3, 4, 5, 6, 789); // 2026-02-03T04:05:06.789Z

describe('readEnvelope: every envelope', () => {
	it('CloudEvents 1.0: Adobe eventid is the event id, the CloudEvent id is the provider’s', () => {
		const event = {
			specversion: '1.0',
			id: 'provider-id-1',
			source: 'urn:uuid:our-provider',
			type: 'com.example.thing_done',
			subject: 'things/42',
			time: '2026-02-03T04:05:06.789Z',
			eventid: 'adobe-id-1',
			event_id: 'adobe-id-1',
			recipientclientid: 'client-a',
			data: { name: 'x' },
		};
		expect(readEnvelope(event)).toEqual({
			kind: 'cloudevent',
			eventId: 'adobe-id-1',
			sourceEventId: 'provider-id-1',
			type: 'com.example.thing_done',
			source: 'urn:uuid:our-provider',
			subject: 'things/42',
			time: T,
			cloudEvent: event,
			inner: event,
			data: { name: 'x' },
		});
		expect(readEnvelope({ ...event, eventid: undefined }).eventId).toBe('adobe-id-1');
		expect(readEnvelope({ ...event, eventid: '', event_id: 'old' }).eventId).toBe('old');
	});

	it('a CloudEvent whose data is a string, or has no time', () => {
		const envelope = readEnvelope({
			specversion: '1.0',
			id: 'i',
			source: 's',
			type: 't',
			data: 'a string',
		});
		expect(envelope).toMatchObject({ kind: 'cloudevent', data: 'a string', time: undefined });
	});

	it("Marketo's wrapper: the wrapped CloudEvent's attributes, the wrapper's eventid", () => {
		const body = {
			specversion: '1.0',
			type: 'com.example.audit.thing',
			source: 'urn:example',
			time: '2026-02-03 04:05:06.789',
			data: { userId: 'someone@example.com' },
		};
		const top = { eventid: 'w-1', event: { body }, recipientclientid: 'client-a' };
		const inside = { eventid: 'w-2', event: { body, recipientclientid: 'client-a' } };
		const old = { event_id: 'w-3', event: { body: { ...body, id: 'ce-3' } } };
		expect(readEnvelope(top)).toMatchObject({
			kind: 'wrapper',
			eventId: 'w-1',
			type: 'com.example.audit.thing',
			source: 'urn:example',
			time: T, // zoneless → UTC
			cloudEvent: body,
			data: body.data,
		});
		expect(readEnvelope(inside)).toMatchObject({ kind: 'wrapper', eventId: 'w-2' });
		expect(readEnvelope(old)).toMatchObject({
			kind: 'wrapper',
			eventId: 'w-3',
			sourceEventId: 'ce-3',
		});
	});

	it('Adobe pipeline messages: header.eventCode, else _adobeio.eventCode; bare (journal) or enveloped', () => {
		const message = {
			header: {
				msgType: 'JOB_DONE',
				eventCode: 'example-job-status',
				_adobeio: { eventCode: 'other' },
			},
			body: { jobId: 'j-1' },
		};
		expect(readEnvelope({ event_id: 'p-1', event: message })).toMatchObject({
			kind: 'pipeline',
			eventId: 'p-1',
			type: 'example-job-status',
			data: { jobId: 'j-1' },
			time: undefined,
		});
		const adobeioOnly = { header: { _adobeio: { eventCode: 'from-adobeio' } }, body: {} };
		expect(readEnvelope(adobeioOnly)).toMatchObject({ kind: 'pipeline', type: 'from-adobeio' });
	});

	it("Analytics' pipeline message: the protocol object's name is the type, header.sentTime the time", () => {
		const event = {
			event_id: 'a-1',
			event: {
				'com.adobe.mcloud.pipeline.pipelineMessage': {
					header: { sentTime: T, imsOrg: 'ORG@AdobeOrg', source: 'triggers' },
					'com.example.protocol.thing': { thingId: 't-1' },
				},
			},
		};
		expect(readEnvelope(event)).toMatchObject({
			kind: 'pipeline',
			eventId: 'a-1',
			type: 'com.example.protocol.thing',
			source: 'triggers',
			time: T,
			data: { thingId: 't-1' },
		});
	});

	it('XDM activity streams, bare and as {event_id, event}', () => {
		const xdm = {
			'@id': 'urn:oeid:example:1',
			'@type': 'xdmCreated',
			'xdmEventEnvelope:objectType': 'xdmAsset',
			'activitystreams:published': '2026-02-03T05:05:06.789+01',
			'activitystreams:generator': { 'xdmContentRepository:root': 'https://repo.example.com/' },
			'activitystreams:object': {
				'@id': 'https://repo.example.com/a.png',
				'xdmAsset:path': '/a.png',
			},
		};
		const expected = {
			kind: 'xdm',
			sourceEventId: 'urn:oeid:example:1',
			type: 'xdmCreated',
			source: 'https://repo.example.com/',
			subject: 'https://repo.example.com/a.png',
			time: T,
			data: xdm,
		};
		expect(readEnvelope(xdm)).toMatchObject(expected);
		expect(readEnvelope({ event_id: 'x-1', event: xdm })).toMatchObject({
			...expected,
			eventId: 'x-1',
		});
	});

	it("Commerce's partial {event: {data}}, a legacy {event_id, event}, and unknown values", () => {
		const partial = { event: { data: { value: { sku: 'S-1' }, source: 'shop.prod' } } };
		expect(readEnvelope(partial)).toMatchObject({
			kind: 'partial',
			eventId: undefined,
			data: { value: { sku: 'S-1' }, source: 'shop.prod' },
		});
		expect(readEnvelope(partial).type).toBeUndefined();
		expect(readEnvelope(partial).time).toBeUndefined();
		expect(readEnvelope({ event_id: 'l-1', event: { hello: 'world' } })).toMatchObject({
			kind: 'legacy',
			eventId: 'l-1',
			data: { hello: 'world' },
		});
		for (const value of [null, undefined, 'x', 5, true, [], [{ eventid: 'e' }]])
			expect(readEnvelope(value)).toEqual({ kind: 'unknown', data: value });
		expect(readEnvelope({ eventid: 'u-1', other: 1 })).toMatchObject({
			kind: 'unknown',
			eventId: 'u-1',
		});
	});

	it('reads own properties only (a hostile prototype or a "__proto__" key is not an attribute)', () => {
		const inherited = Object.create({ eventid: 'from-prototype', specversion: '1.0' }) as object;
		expect(readEnvelope(inherited)).toMatchObject({ kind: 'unknown', eventId: undefined });
		const parsed = JSON.parse(
			'{"__proto__": {"eventid": "x"}, "constructor": {"type": "y"}}',
		) as object;
		expect(() => readEnvelope(parsed)).not.toThrow();
		expect(readEnvelope(parsed).eventId).toBeUndefined();
		expect(recipientsOf(inherited)).toEqual([]);
	});
});

describe('recipientsOf: only where the envelope defines a recipient', () => {
	const body = { specversion: '1.0', type: 't', source: 's', data: {} };
	it.each<[string, unknown, unknown[]]>([
		[
			'top level, both names',
			{ recipientclientid: 'a', recipient_client_id: 'b', data: {} },
			['a', 'b'],
		],
		['null is absent', { recipientclientid: null, recipient_client_id: 'b' }, ['b']],
		[
			"inside Marketo's wrapper event",
			{ eventid: 'e', event: { body, recipientclientid: 'a' } },
			['a'],
		],
		[
			'wrapper: top level and inside, in that order',
			{ eventid: 'e', event: { body, recipient_client_id: 'in' }, recipientclientid: 'top' },
			['top', 'in'],
		],
		['not inside a legacy event', { event_id: 'e', event: { recipientclientid: 'a' } }, []],
		[
			'not inside a pipeline message',
			{ event_id: 'e', event: { header: {}, body: {}, recipientclientid: 'a' } },
			[],
		],
		[
			'not inside a CloudEvent’s event field',
			{ specversion: '1.0', event: { body, recipientclientid: 'a' } },
			[],
		],
		['not in data', { specversion: '1.0', data: { recipientclientid: 'a' } }, []],
		[
			'not in the wrapped CloudEvent',
			{ eventid: 'e', event: { body: { ...body, recipientclientid: 'a' } } },
			[],
		],
		['not deeper', { eventid: 'e', event: { body, x: { recipientclientid: 'a' } } }, []],
		['not in a non-object', 'recipientclientid', []],
	])('%s', (_name, event, expected) => {
		expect(recipientsOf(event)).toEqual(expected);
	});
});

describe('event identity', () => {
	it('uses eventid, then event_id, then the CloudEvent’s source+id', () => {
		expect(eventIdentity({ eventid: 'e1', event_id: 'e2' })).toBe('eventid:e1');
		expect(eventIdentity({ event_id: 'e2' })).toBe('eventid:e2');
		expect(eventIdentity({ id: 'i', source: 's' })).toBe('ce:s\u0000i');
		expect(eventIdentity({ id: 'i' })).toBeUndefined();
		expect(eventIdentity({})).toBeUndefined();
		expect(eventIdentity('x')).toBeUndefined();
	});

	it("Marketo's wrapper without an event id: the wrapped CloudEvent's source+id", () => {
		const body = { specversion: '1.0', id: 'ce-1', source: 'urn:s', type: 't' };
		expect(eventIdentity({ event: { body } })).toBe('ce:urn:s\u0000ce-1');
		expect(eventIdentity({ eventid: 'w', event: { body } })).toBe('eventid:w');
		expect(eventIdOf({ eventid: 'w', event: { body } })).toBe('w');
	});

	it('XDM and pipeline events without an Adobe id have none (their @id may repeat across events)', () => {
		expect(eventIdentity({ '@id': 'x', 'activitystreams:object': {} })).toBeUndefined();
		expect(eventIdentity({ header: { msgId: 'm' }, body: {} })).toBeUndefined();
	});
});

// ---------------------------------------------------------------------------------------------
// Adobe's real samples

const real = loadRealEvents();

/** The envelope each real file is in, by its file name (the samples' shapes are documented in SOURCES.md). */
function expectedKind(name: string): EnvelopeKind {
	if (/^marketo__.*(audit|notification)/.test(name)) return 'wrapper';
	if (/^(aem-addon|cc-storage-legacy|cloud-manager)__/.test(name)) return 'xdm';
	if (/^(photoshop-api|lightroom-api|analytics-triggers)__/.test(name)) return 'pipeline';
	if (/^commerce__.*catalog_product_save_after__/.test(name)) return 'partial';
	return 'cloudevent';
}

/**
 * An independent reading of a time field, as an oracle: the platform's Date.parse after writing the
 * value as strict ISO 8601 (`T`, `Z` for no zone, `±HH:MM` offsets); digits are epoch ms.
 */
function oracleTime(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string') return undefined;
	if (/^\d+$/.test(value)) return Number(value);
	let iso = value.replace(' ', 'T');
	iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/([+-]\d{2})$/, '$1:00');
	if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) iso += 'Z';
	iso = iso.replace(/(\.\d{3})\d+/, '$1');
	const time = Date.parse(iso);
	return Number.isNaN(time) ? undefined : time;
}

/** The raw time field of a real event, by envelope (where Adobe's formats put it). */
function rawTimeOf(event: Record<string, unknown>, kind: EnvelopeKind): unknown {
	const inner = (event.event ?? event) as Record<string, unknown>;
	if (kind === 'cloudevent') return event.time;
	if (kind === 'wrapper') return (inner.body as Record<string, unknown>).time;
	if (kind === 'xdm') return inner['activitystreams:published'];
	if (kind === 'pipeline') {
		const analytics = inner['com.adobe.mcloud.pipeline.pipelineMessage'] as
			| { header: { sentTime?: unknown } }
			| undefined;
		return analytics?.header.sentTime;
	}
	return undefined;
}

describeRealEvents('readEnvelope on Adobe’s real samples', real, (samples) => {
	const events = [
		...samples.single.map((s) => ({ name: s.name, event: s.json as Record<string, unknown> })),
		...samples.batches.flatMap((s) =>
			(s.json as Array<Record<string, unknown>>).map((event, i) => ({
				name: `${s.name}[${i}]`,
				event,
			})),
		),
		...samples.journalPages.flatMap((s) =>
			(s.json as { events: Array<{ event: Record<string, unknown> }> }).events.map((entry, i) => ({
				name: `${s.name} events[${i}].event`,
				event: entry.event,
			})),
		),
	];

	it.each(events)('$name: its envelope, event id, recipients and time', ({ name, event }) => {
		const kind = expectedKind(name.replace(/^batches\//, ''));
		const envelope = readEnvelope(event);
		expect(envelope.kind).toBe(kind);
		// Adobe's event id is the top-level eventid (else event_id), never the CloudEvent id
		const top = (event.eventid ?? event.event_id) as string | undefined;
		expect(envelope.eventId).toBe(top);
		// recipients: every defined field, nothing else
		const wrapped = (event.event ?? {}) as Record<string, unknown>;
		const expectedRecipients = [event.recipientclientid, event.recipient_client_id];
		if (kind === 'wrapper')
			expectedRecipients.push(wrapped.recipientclientid, wrapped.recipient_client_id);
		expect(recipientsOf(event)).toEqual(
			expectedRecipients.filter((v) => v !== undefined && v !== null),
		);
		// the time: the oracle's reading of the same field, or none when the format has no time
		expect(envelope.time).toBe(oracleTime(rawTimeOf(event, kind)));
		if (kind !== 'partial' && kind !== 'pipeline')
			expect(envelope.type ?? envelope.kind).toBeTruthy();
	});

	it('every envelope kind but "legacy"/"unknown" occurs among the samples', () => {
		const kinds = new Set(events.map(({ event }) => readEnvelope(event).kind));
		expect([...kinds].sort()).toEqual(['cloudevent', 'partial', 'pipeline', 'wrapper', 'xdm']);
	});

	it('the CloudEvent id differs from Adobe’s event id in many of them (why eventId is not `id`)', () => {
		const differing = samples.single.filter((s) => {
			const envelope = readEnvelope(s.json);
			return (
				envelope.eventId !== undefined &&
				envelope.sourceEventId !== undefined &&
				envelope.eventId !== envelope.sourceEventId
			);
		});
		expect(differing.length).toBeGreaterThanOrEqual(10);
	});
});
