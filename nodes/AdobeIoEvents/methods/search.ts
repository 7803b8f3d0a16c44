/**
 * What every picker list of the nodes does with what Adobe returned (pure): match the user's filter,
 * drop entries without a value, sort by name and keep at most a bounded number.
 */

/** Whether any string in `values` contains `filter` (case-insensitive); a blank filter matches all. */
export function matchesFilter(filter: string | undefined, ...values: unknown[]): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	if (!needle) return true;
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

/** The entries that have a value, sorted by name, at most `limit` of them. */
export function pickerEntries<T extends { name: string; value: unknown }>(
	entries: T[],
	limit: number,
): T[] {
	return entries
		.filter((entry) => entry.value !== '')
		.sort((a, b) => a.name.localeCompare(b.name))
		.slice(0, limit);
}
