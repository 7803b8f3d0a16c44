import {
	checkRecipients,
	eventIdentity,
	parseDeliveryBody,
	recipientOf,
} from '../../../../nodes/AdobeIoEvents/webhook/cloudEvent';
import { CLIENT_ID, cloudEvent } from './fixtures';

describe('delivery body parsing', () => {
	it('parses a single event and a batch', () => {
		const single = parseDeliveryBody(Buffer.from(JSON.stringify(cloudEvent())));
		expect(single).toMatchObject({ ok: true, isBatch: false });
		if (single.ok) expect(single.events).toHaveLength(1);
		const batch = parseDeliveryBody(
			Buffer.from(JSON.stringify([cloudEvent(), cloudEvent({ eventid: 'x' })])),
		);
		expect(batch).toMatchObject({ ok: true, isBatch: true });
		if (batch.ok) expect(batch.events).toHaveLength(2);
	});

	it('handles a Buffer view into a larger allocation', () => {
		const big = Buffer.from(`xxxx${JSON.stringify(cloudEvent())}yyyy`);
		const view = big.subarray(4, big.length - 4);
		expect(parseDeliveryBody(view).ok).toBe(true);
	});

	it.each([
		['empty', Buffer.alloc(0), 400],
		['undefined', undefined, 400],
		['malformed JSON', Buffer.from('{"a":'), 400],
		['a string', Buffer.from('"x"'), 400],
		['a number', Buffer.from('42'), 400],
		['null', Buffer.from('null'), 400],
		['empty batch', Buffer.from('[]'), 400],
		['batch with a non-object', Buffer.from('[{"a":1}, 2]'), 400],
		['nested array', Buffer.from('[[{"a":1}]]'), 400],
	])('rejects %s with %d', (_name, body, status) => {
		expect(parseDeliveryBody(body)).toMatchObject({ ok: false, status });
	});

	it('enforces the byte and event limits (413)', () => {
		const body = Buffer.from(JSON.stringify({ data: 'x'.repeat(200) }));
		expect(parseDeliveryBody(body, { maxBytes: 100 })).toMatchObject({ ok: false, status: 413 });
		expect(parseDeliveryBody(body, { maxBytes: body.length }).ok).toBe(true);
		const batch = Buffer.from(JSON.stringify([{}, {}, {}]));
		expect(parseDeliveryBody(batch, { maxEvents: 2 })).toMatchObject({ ok: false, status: 413 });
		expect(parseDeliveryBody(batch, { maxEvents: 3 }).ok).toBe(true);
	});
});

describe('recipient check', () => {
	it('prefers recipientclientid and falls back to recipient_client_id', () => {
		expect(recipientOf({ recipientclientid: 'a', recipient_client_id: 'b' })).toBe('a');
		expect(recipientOf({ recipient_client_id: 'b' })).toBe('b');
		expect(recipientOf({ recipientclientid: '', recipient_client_id: 'b' })).toBe('b');
		expect(recipientOf({ recipientclientid: 5 })).toBeUndefined();
		expect(recipientOf({})).toBeUndefined();
	});

	it('requires every event of a batch to be ours', () => {
		const ours = cloudEvent();
		const foreign = cloudEvent({
			recipientclientid: 'someone-else',
			recipient_client_id: 'someone-else',
		});
		const legacyOnly = cloudEvent({ recipientclientid: undefined });
		expect(checkRecipients([ours, legacyOnly], CLIENT_ID)).toEqual({ ok: true, unaddressed: 0 });
		expect(checkRecipients([ours, ours, foreign], CLIENT_ID)).toEqual({
			ok: false,
			index: 2,
			reason: 'mismatch',
		});
		expect(checkRecipients([{ data: 1 }, foreign], CLIENT_ID)).toEqual({
			ok: false,
			index: 1,
			reason: 'mismatch',
		});
		expect(checkRecipients([ours], '')).toEqual({ ok: false, index: 0, reason: 'no-client-id' });
	});

	it('tolerates events without any recipient field (legacy adobe_io format) and counts them', () => {
		const ours = cloudEvent();
		const legacyFormat = { event_id: 'e-1', event: { hello: 'world' } };
		expect(checkRecipients([legacyFormat], CLIENT_ID)).toEqual({ ok: true, unaddressed: 1 });
		expect(checkRecipients([ours, legacyFormat, { data: 1 }], CLIENT_ID)).toEqual({
			ok: true,
			unaddressed: 2,
		});
		// a CloudEvent always carries a recipient when Adobe routed it to us: without one it is refused
		const unaddressedCloudEvent = cloudEvent({
			recipientclientid: undefined,
			recipient_client_id: undefined,
		});
		expect(checkRecipients([ours, unaddressedCloudEvent], CLIENT_ID)).toEqual({
			ok: false,
			index: 1,
			reason: 'mismatch',
		});
		// null counts as absent
		expect(checkRecipients([{ ...legacyFormat, recipient_client_id: null }], CLIENT_ID)).toEqual({
			ok: true,
			unaddressed: 1,
		});
	});

	it.each([
		{ recipientclientid: '' },
		{ recipient_client_id: '' },
		{ recipientclientid: 5 },
		{ recipient_client_id: { id: CLIENT_ID } },
		{ recipientclientid: '', recipient_client_id: '' },
	])('a present but unusable recipient field %j is a mismatch, not "absent"', (fields) => {
		expect(checkRecipients([{ event_id: 'e-1', ...fields }], CLIENT_ID)).toEqual({
			ok: false,
			index: 0,
			reason: 'mismatch',
		});
	});

	it('does not accept the new field mismatching while the legacy one matches', () => {
		const tricky = cloudEvent({ recipientclientid: 'attacker', recipient_client_id: CLIENT_ID });
		expect(checkRecipients([tricky], CLIENT_ID)).toMatchObject({ ok: false, reason: 'mismatch' });
	});
});

describe('event identity', () => {
	it('uses eventid, then event_id, then source+id', () => {
		expect(eventIdentity({ eventid: 'e1', event_id: 'e2' })).toBe('eventid:e1');
		expect(eventIdentity({ event_id: 'e2' })).toBe('eventid:e2');
		expect(eventIdentity({ id: 'i', source: 's' })).toBe('ce:s\u0000i');
		expect(eventIdentity({ id: 'i' })).toBeUndefined();
		expect(eventIdentity({})).toBeUndefined();
	});
});
