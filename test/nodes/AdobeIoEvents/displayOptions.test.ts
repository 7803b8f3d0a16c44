/**
 * n8n 1.x computes the order in which it resolves a node's parameters from their displayOptions, level by level
 * (n8n-workflow 1.120 `getParameterResolveOrder`): a condition on anything but a sibling parameter, `@version`-like
 * special keys or a root path (`/…`) never resolves, and then EVERY workflow with the node fails to publish or run
 * ("Could not resolve parameter dependencies. Max iterations reached!"). n8n 2.x tolerates it, so only 1.x shows it.
 * This checks the rule on every node and credential description, nested collections included.
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { AdobeIoEventsApi } from '../../../credentials/AdobeIoEventsApi.credentials';
import { AdobeIoEventsOAuth2Api } from '../../../credentials/AdobeIoEventsOAuth2Api.credentials';
import { AdobeIoEvents } from '../../../nodes/AdobeIoEvents/AdobeIoEvents.node';
import { AdobeIoEventsJournalTrigger } from '../../../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node';
import { AdobeIoEventsTrigger } from '../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';

/** The displayOptions keys of `level` that n8n 1.x cannot resolve, with where they are. */
function unresolvable(level: INodeProperties[], where: string): string[] {
	const siblings = new Set(level.map((p) => p.name));
	const problems: string[] = [];
	for (const property of level) {
		for (const rule of Object.values(property.displayOptions ?? {})) {
			for (const key of Object.keys(rule ?? {})) {
				if (key.startsWith('@') || key.startsWith('/') || siblings.has(key)) continue;
				problems.push(`${where} › ${property.name}: displayOptions key "${key}"`);
			}
		}
		if (property.type === 'collection')
			problems.push(...unresolvable((property.options ?? []) as INodeProperties[], `${where} › ${property.name}`));
		if (property.type === 'fixedCollection')
			for (const group of (property.options ?? []) as INodePropertyCollection[])
				problems.push(...unresolvable(group.values, `${where} › ${property.name} › ${group.name}`));
	}
	return problems;
}

describe('displayOptions that n8n 1.x can resolve', () => {
	it.each([
		['Adobe I/O Events node', new AdobeIoEvents().description.properties],
		['Watch Events trigger', new AdobeIoEventsTrigger().description.properties],
		['Journal Trigger', new AdobeIoEventsJournalTrigger().description.properties],
		['Adobe I/O Events API credential', new AdobeIoEventsApi().properties],
		['Adobe I/O Events OAuth2 API credential', new AdobeIoEventsOAuth2Api().properties],
	])('%s: every condition names a sibling, a special key (@…) or a root path (/…)', (where, properties) => {
		expect(unresolvable(properties, where)).toEqual([]);
	});

	it('the check sees a condition on a nested path', () => {
		const notice: INodeProperties = {
			displayName: 'x',
			name: 'notice',
			type: 'notice',
			default: '',
			displayOptions: { show: { 'options.signatureCheck': ['none'] } },
		};
		expect(unresolvable([notice], 'probe')).toEqual(['probe › notice: displayOptions key "options.signatureCheck"']);
	});
});
