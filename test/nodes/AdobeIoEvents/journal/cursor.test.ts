import * as reg from '../../../../nodes/AdobeIoEvents/journal/registration';
import {
	normaliseSeek,
	readCursor,
	resetUrl,
	sinceUrl,
	startUrl,
	toStored,
	withLimit,
	withQuery,
} from '../../../../nodes/AdobeIoEvents/journal/cursor';

const J = 'https://events.example/events/organizations/1/integrations/2/reg';

describe('journal URLs', () => {
	it('builds the start URL for latest / oldest / seek', () => {
		expect(startUrl(J, { from: 'latest' })).toBe(`${J}?latest=true`);
		expect(startUrl(J, { from: 'oldest' })).toBe(J);
		expect(startUrl(J, { from: 'seek', seek: '-PT2H' })).toBe(`${J}?seek=-PT2H`);
		expect(startUrl(`${J}?since=x&limit=5&keep=1`, { from: 'oldest' })).toBe(`${J}?keep=1`);
		expect(resetUrl(J, 'latest')).toBe(`${J}?latest=true`);
		expect(resetUrl(J, 'oldest')).toBe(J);
	});

	it('sets the limit without re-encoding opaque positions', () => {
		const next = `${J}?since=camel:5aeb:ff24&limit=10`;
		expect(withLimit(next, 50)).toBe(`${J}?since=camel:5aeb:ff24&limit=50`);
		expect(withLimit(J, 3)).toBe(`${J}?limit=3`);
		expect(withQuery(`${J}?a=1#frag`, { a: undefined, b: 'x y' })).toBe(`${J}?b=x%20y#frag`);
	});

	it('builds a since URL from a position', () => {
		expect(sinceUrl(`${J}?latest=true`, 'a:b/c')).toBe(`${J}?since=a%3Ab%2Fc`);
	});

	it('normalises seek durations and rejects invalid ones', () => {
		expect(normaliseSeek('PT2H')).toBe('-PT2H');
		expect(normaliseSeek('-p5dt2h')).toBe('-P5DT2H');
		expect(normaliseSeek('P1W')).toBe('-P1W');
		expect(normaliseSeek('PT1.5S')).toBe('-PT1.5S');
		for (const bad of ['', 'P', 'PT', '2h', 'P1H', 'PT2H ago', '-PT'])
			expect(normaliseSeek(bad)).toBeUndefined();
	});
});

describe('readCursor / toStored (static data round-trip)', () => {
	it('round-trips through JSON', () => {
		const cursor = {
			journalUrl: J,
			next: `${J}?since=p1`,
			notBefore: 123,
			seen: [
				['a', 1],
				['b', 2],
			] as Array<[string, number]>,
		};
		const stored = JSON.parse(JSON.stringify(toStored(cursor))) as unknown;
		expect(readCursor(stored, J, 10)).toEqual(cursor);
	});

	it('starts fresh for another journal, another version or garbage', () => {
		const stored = toStored({ journalUrl: J, next: 'x', seen: [] });
		expect(readCursor(stored, `${J}-other`, 10)).toEqual({ journalUrl: `${J}-other`, seen: [] });
		expect(readCursor({ ...stored, v: 99 }, J, 10)).toEqual({ journalUrl: J, seen: [] });
		expect(readCursor('junk', J, 10)).toEqual({ journalUrl: J, seen: [] });
		expect(
			readCursor(
				{ v: 1, journalUrl: J, next: 5, notBefore: 'x', seen: [1, 'no', ['ok', 5], ['x']] },
				J,
				10,
			),
		).toEqual({
			journalUrl: J,
			seen: [['ok', 5]],
		});
	});

	it('trims the stored dedupe window to the configured size', () => {
		const stored = toStored({
			journalUrl: J,
			seen: [
				['1', 1],
				['2', 2],
				['3', 3],
				['4', 4],
			],
		});
		expect(readCursor(stored, J, 2).seen).toEqual([
			['3', 3],
			['4', 4],
		]);
		expect(readCursor(stored, J, 0).seen).toEqual([]);
	});
});

describe('owned registration helpers', () => {
	it("names are deterministic per workflow and node, within Adobe's 255 characters", () => {
		expect(reg.ownedRegistrationName('wf1', 'n1')).toBe(reg.ownedRegistrationName('wf1', 'n1'));
		expect(reg.ownedRegistrationName('wf1', 'n1')).not.toBe(reg.ownedRegistrationName('wf1', 'n2'));
		expect(reg.ownedRegistrationName('w'.repeat(300), 'n').length).toBe(255);
		expect(reg.ownedRegistrationName(undefined, undefined)).toMatch(/unsaved/);
	});
});
