import {
	chooseLink,
	LINKS_KEY,
	MAX_LINKS,
	MAX_LINK_URLS,
	readLinks,
	removeLink,
	writeLink,
	type WatchEventsLink,
} from '../../../../nodes/AdobeIoEvents/shared/watchEventsLink';
import type { IDataObject } from 'n8n-workflow';

const link = (n: number, extra: Partial<WatchEventsLink> = {}): WatchEventsLink => ({
	nodeKey: `node-${n}`,
	nodeName: `Trigger ${n}`,
	registrationId: `reg-${n}`,
	urls: [
		`https://n8n.example/webhook/${n}/webhook`,
		`https://n8n.example/webhook/${n}/webhook-finished`,
	],
	...extra,
});

describe('the Watch Events ↔ Journal Trigger link (global static data)', () => {
	it('writes, replaces, reads back through JSON and removes one node’s link without touching others', () => {
		const global: IDataObject = { somethingElse: 1 };
		writeLink(global, link(1, { createdAt: 5 }));
		writeLink(global, link(2));
		writeLink(global, link(1, { registrationId: 'reg-1b' }));
		const stored = JSON.parse(JSON.stringify(global)) as IDataObject;
		expect(readLinks(stored)).toEqual([link(2), link(1, { registrationId: 'reg-1b' })]);
		removeLink(stored, 'node-2');
		expect(readLinks(stored).map((l) => l.nodeKey)).toEqual(['node-1']);
		removeLink(stored, 'node-1');
		expect(stored).toEqual({ somethingElse: 1 });
		removeLink(stored, 'node-1'); // already gone
		expect(stored).toEqual({ somethingElse: 1 });
	});

	it('is bounded: at most MAX_LINKS links (the oldest goes) and MAX_LINK_URLS URLs each', () => {
		const global: IDataObject = {};
		for (let i = 0; i < MAX_LINKS + 5; i++) writeLink(global, link(i));
		const links = readLinks(global);
		expect(links).toHaveLength(MAX_LINKS);
		expect(links[0].nodeKey).toBe('node-5');
		writeLink(global, link(99, { urls: Array.from({ length: 10 }, (_, i) => `u${i}`) }));
		expect(readLinks(global).find((l) => l.nodeKey === 'node-99')?.urls).toHaveLength(
			MAX_LINK_URLS,
		);
	});

	it('skips what is malformed (another node wrote there, an old format)', () => {
		const global = {
			[LINKS_KEY]: {
				a: { nodeKey: 'a', nodeName: 'A', registrationId: 'r', urls: ['u', 7] },
				b: { nodeKey: 'b', nodeName: 'B' },
				c: 'nonsense',
				d: { nodeKey: 'd', nodeName: 'D', registrationId: 'x'.repeat(3000), urls: [] },
			},
		};
		expect(readLinks(global)).toEqual([
			{ nodeKey: 'a', nodeName: 'A', registrationId: 'r', urls: ['u'] },
		]);
		expect(readLinks(undefined)).toEqual([]);
		expect(readLinks({ [LINKS_KEY]: [] })).toEqual([]);
	});

	it('chooses the trigger connected to the same next node; else the only one; waits for a connected one without a link', () => {
		const one = link(1);
		const two = link(2);
		expect(chooseLink([one, two], ['Trigger 2'])).toEqual({ link: two });
		expect(chooseLink([one], [])).toEqual({ link: one });
		expect(chooseLink([], [])).toEqual({});
		// the connected trigger has not registered yet: never the other one's
		expect(chooseLink([one], ['Trigger 2'])).toEqual({});
		expect(chooseLink([one, two], [])).toEqual({ ambiguous: ['Trigger 1', 'Trigger 2'] });
		expect(chooseLink([one, two], ['Trigger 1', 'Trigger 2'])).toEqual({
			ambiguous: ['Trigger 1', 'Trigger 2'],
		});
	});
});
