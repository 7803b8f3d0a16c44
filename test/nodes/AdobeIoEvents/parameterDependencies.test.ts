/**
 * n8n 1.x resolves a node's parameters in the order their displayOptions depend on each other and gives up
 * ("Could not resolve parameter dependencies. Max iterations reached!") when a top-level parameter depends
 * on anything but another top-level parameter or the node version — e.g. on an option inside a collection
 * ('options.signatureCheck'). Then no workflow with the node can go live on n8n 1.x (activation answers
 * 400; found by the examples E2E on 1.123.81). n8n 2.x tolerates it, so only this rule catches it.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { AdobeIoEvents } from '../../../nodes/AdobeIoEvents/AdobeIoEvents.node';
import { AdobeIoEventsJournalTrigger } from '../../../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node';
import { AdobeIoEventsTrigger } from '../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';

function dependencies(property: INodeProperties): string[] {
	return [...Object.keys(property.displayOptions?.show ?? {}), ...Object.keys(property.displayOptions?.hide ?? {})];
}

describe.each([
	['Watch Events trigger', new AdobeIoEventsTrigger().description],
	['action node', new AdobeIoEvents().description],
	['Journal Trigger', new AdobeIoEventsJournalTrigger().description],
] as Array<[string, INodeTypeDescription]>)('%s: parameters n8n 1.x can resolve', (_name, description) => {
	it('every top-level parameter is shown or hidden by top-level parameters and the version only', () => {
		const topLevel = new Set(description.properties.map((p) => p.name));
		const unresolvable = description.properties.flatMap((property) =>
			dependencies(property)
				.filter((key) => key !== '@version' && !topLevel.has(key.replace(/^\//, '')))
				.map((key) => `${property.name} ← ${key}`),
		);
		expect(unresolvable).toEqual([]);
	});
});
