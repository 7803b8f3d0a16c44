import { matchesFilter, pickerEntries } from '../../../../nodes/AdobeIoEvents/methods/search';

describe('picker list helpers', () => {
	it('matchesFilter: case-insensitive substring of any string value; a blank filter matches everything', () => {
		expect(matchesFilter('ORDER', 'Webshop orders', 'id-1')).toBe(true);
		expect(matchesFilter('id-1', 'Webshop orders', 'id-1')).toBe(true);
		expect(matchesFilter('invoice', 'Webshop orders', 'id-1')).toBe(false);
		expect(matchesFilter('1', 1, undefined, { id: '1' })).toBe(false);
		expect(matchesFilter(undefined, undefined)).toBe(true);
		expect(matchesFilter('   ', 42)).toBe(true);
	});

	it('pickerEntries drops entries without a value, sorts by name and keeps at most the limit', () => {
		const entries = [
			{ name: 'b', value: '2' },
			{ name: 'no value', value: '' },
			{ name: 'c', value: '3' },
			{ name: 'a', value: '1' },
		];
		expect(pickerEntries(entries, 10).map((e) => e.name)).toEqual(['a', 'b', 'c']);
		expect(pickerEntries(entries, 2).map((e) => e.name)).toEqual(['a', 'b']);
	});
});
