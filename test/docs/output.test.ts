/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: reads docs/output.md, located from __dirname */
/**
 * docs/output.md documents the Simplified families: the same families, in the same order, with the same
 * fields in the same order as FAMILIES in simplify.ts (the one table in code).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FAMILIES } from '../../nodes/AdobeIoEvents/webhook/simplify';

const page = readFileSync(join(__dirname, '..', '..', 'docs', 'output.md'), 'utf8');

/** The family table's rows: `| \`family\` | recognised by | \`field\` (source), … |`. */
function documentedFamilies(): Array<{ name: string; fields: string[] }> {
	const rows = page.split('\n').filter((line) => /^\| `[a-zA-Z]+` \|/.test(line) && line.split('|').length === 5);
	return rows.map((row) => {
		const [, family, , fields] = row.split('|');
		return {
			name: /`([a-zA-Z]+)`/.exec(family)![1],
			fields: [...fields.matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]),
		};
	});
}

describe('docs/output.md', () => {
	it('lists every Simplified family with its fields, in the order of the code', () => {
		const documented = documentedFamilies().filter((row) => !['eventId', 'type', 'time'].includes(row.name));
		expect(documented).toEqual(
			FAMILIES.map((family) => ({
				name: family.name,
				fields: family.fields.map(([name]) => name).filter((name) => !['eventId', 'type', 'time'].includes(name)),
			})),
		);
	});
});
