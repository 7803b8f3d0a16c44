import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from './actions/resources';
import { ACTION_SIMPLIFIED_VERSION, ACTION_VERSIONS } from './actions/journal/getEvents.operation';
import { router } from './actions/router';
import { getEventCodes } from './methods/eventCodes';
import { searchCustomProviders, searchProviders } from './methods/providers';
import { searchRegistrations } from './methods/registrations';
import { adobeCredentials, authenticationProperty } from './shared/descriptions';
import { DOCS } from './shared/docs';

export class AdobeIoEvents implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe I/O Events',
		name: 'adobeIoEvents',
		icon: { light: 'file:../../icons/adobe.svg', dark: 'file:../../icons/adobe.dark.svg' },
		group: ['transform'],
		// 1.1: Journal → Get Events outputs Simplified events by default (1 keeps the events as journaled);
		// otherwise the same node
		version: ACTION_VERSIONS,
		defaultVersion: ACTION_SIMPLIFIED_VERSION,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Adobe I/O Events registrations, providers and event types, publish events and read the journal',
		// n8n's Docs link: as written (the codex URL would get ?utm_… appended after its #anchor).
		documentationUrl: DOCS.actionNode,
		defaults: { name: 'Adobe I/O Events' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: adobeCredentials,
		properties: [authenticationProperty, ...resourceProperties],
	};

	methods = {
		loadOptions: { getEventCodes },
		listSearch: { searchCustomProviders, searchProviders, searchRegistrations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
