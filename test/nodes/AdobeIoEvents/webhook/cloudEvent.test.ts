import {
	checkRecipients,
	parseDeliveryBody,
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
	const strict = { allowUnaddressed: false };
	const lenient = { allowUnaddressed: true };

	it('requires every event of a batch to be ours', () => {
		const ours = cloudEvent();
		const foreign = cloudEvent({
			recipientclientid: 'someone-else',
			recipient_client_id: 'someone-else',
		});
		const legacyFieldOnly = cloudEvent({ recipientclientid: undefined });
		const newFieldOnly = cloudEvent({ recipient_client_id: undefined });
		expect(checkRecipients([ours, legacyFieldOnly, newFieldOnly], CLIENT_ID, strict)).toEqual({
			ok: true,
			unaddressed: 0,
		});
		expect(checkRecipients([ours, ours, foreign], CLIENT_ID, strict)).toEqual({
			ok: false,
			index: 2,
			reason: 'mismatch',
		});
		expect(checkRecipients([{ data: 1 }, foreign], CLIENT_ID, lenient)).toEqual({
			ok: false,
			index: 1,
			reason: 'mismatch',
		});
		expect(checkRecipients([ours], '', strict)).toEqual({
			ok: false,
			index: 0,
			reason: 'no-client-id',
		});
	});

	it('refuses events without any recipient field in every envelope, unless the caller allows them', () => {
		const ours = cloudEvent();
		const legacyFormat = { event_id: 'e-1', event: { hello: 'world' } };
		const unaddressedCloudEvent = cloudEvent({
			recipientclientid: undefined,
			recipient_client_id: undefined,
		});
		expect(checkRecipients([legacyFormat], CLIENT_ID, strict)).toEqual({
			ok: false,
			index: 0,
			reason: 'unaddressed',
		});
		expect(checkRecipients([ours, unaddressedCloudEvent], CLIENT_ID, strict)).toEqual({
			ok: false,
			index: 1,
			reason: 'unaddressed',
		});
		expect(
			checkRecipients([ours, legacyFormat, unaddressedCloudEvent], CLIENT_ID, lenient),
		).toEqual({
			ok: true,
			unaddressed: 2,
		});
		// null counts as absent
		expect(
			checkRecipients([{ ...legacyFormat, recipient_client_id: null }], CLIENT_ID, lenient),
		).toEqual({ ok: true, unaddressed: 1 });
	});

	it.each([
		{ recipientclientid: '' },
		{ recipient_client_id: '' },
		{ recipientclientid: 5 },
		{ recipient_client_id: { id: CLIENT_ID } },
		{ recipientclientid: '', recipient_client_id: '' },
		// one field ours, the other empty / not a string / someone else: the fields disagree
		{ recipientclientid: '', recipient_client_id: CLIENT_ID },
		{ recipientclientid: 7, recipient_client_id: CLIENT_ID },
		{ recipientclientid: CLIENT_ID, recipient_client_id: 'someone-else' },
		{ recipientclientid: 'attacker', recipient_client_id: CLIENT_ID },
	])('%j is a mismatch, never "absent" or "ours"', (fields) => {
		for (const options of [strict, lenient]) {
			expect(checkRecipients([{ event_id: 'e-1', ...fields }], CLIENT_ID, options)).toEqual({
				ok: false,
				index: 0,
				reason: 'mismatch',
			});
		}
	});
});
