/**
 * The journal trigger shapes the entries it just parsed without copying them (shapeEvent `reuseInput`):
 * the items must be exactly what the copying path produces, for every output option.
 */
import type { JournalParams } from '../../../../nodes/AdobeIoEvents/journal/poll';
import { toItems } from '../../../../nodes/AdobeIoEvents/journal/poll';
import type { JournalTarget } from '../../../../nodes/AdobeIoEvents/journal/registration';
import { shapeEvent } from '../../../../nodes/AdobeIoEvents/webhook/output';

const target: JournalTarget = { registrationId: 'reg-1', journalUrl: 'https://j.test/x', owned: false };

function entries() {
	return [
		{
			position: 'p1',
			event: { eventid: 'e1', type: 'aem.page.published', data: { path: '/a', nested: { n: 1 } } },
		},
		{ position: 'p2', event: { event_id: 'e2', event: { legacy: true } } }, // adobe_io format
		{ position: 'p3', event: { eventid: 'e3', type: 't', data: 'a string payload' } },
		{ position: 'p4', event: { eventid: 'e4', _delivery: 'the event has its own _delivery', data: {} } },
	];
}

describe('journal output: entries shaped without a copy', () => {
	it.each([
		['full', false],
		['full', true],
		['data', false],
		['data', true],
	] as const)('output %s, metadata %s: items equal the copying path', (output, includeMetadata) => {
		const params = { output, includeMetadata } as JournalParams;
		const expected = entries().map((entry) => {
			const metadata = includeMetadata
				? {
						source: 'journal',
						position: entry.position,
						registrationId: 'reg-1',
						...(typeof (entry.event as Record<string, unknown>).eventid === 'string'
							? { eventId: (entry.event as Record<string, unknown>).eventid }
							: typeof (entry.event as Record<string, unknown>).event_id === 'string'
								? { eventId: (entry.event as Record<string, unknown>).event_id }
								: {}),
						...(typeof (entry.event as Record<string, unknown>).type === 'string'
							? { eventCode: (entry.event as Record<string, unknown>).type }
							: {}),
					}
				: undefined;
			return { json: shapeEvent(entry.event, { output, metadata }) };
		});
		const input = entries();
		const items = toItems(input, params, target);
		expect(items).toEqual(expected);
		// no copy: the item is the parsed event (full) or its data object (data)
		if (output === 'full') expect(items[0].json).toBe(input[0].event);
		else expect(items[0].json).toBe(input[0].event.data);
	});

	it('shapeEvent copies unless reuseInput is set', () => {
		const event = { eventid: 'x', data: { a: 1 } };
		const copy = shapeEvent(event, { output: 'full', metadata: { position: 'p' } });
		expect(copy).not.toBe(event);
		expect(event).toEqual({ eventid: 'x', data: { a: 1 } }); // untouched
		const reused = shapeEvent(event, { output: 'full', metadata: { position: 'p' }, reuseInput: true });
		expect(reused).toBe(event);
		expect(reused).toEqual(copy);
		const data = shapeEvent(event, { output: 'data', reuseInput: true });
		expect(data).toBe(event.data);
		// a non-object payload is still wrapped in a new object
		expect(shapeEvent({ data: 5 }, { output: 'data', reuseInput: true })).toEqual({ data: 5 });
		expect(shapeEvent('raw', { output: 'full', reuseInput: true })).toEqual({ data: 'raw' });
	});
});
