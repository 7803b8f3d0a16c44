import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { adobeCredentials, authenticationProperty } from './shared/descriptions';
import * as customApiCall from './actions/customApiCall/CustomApiCall.resource';
import * as event from './actions/event/Event.resource';
import * as eventMetadata from './actions/eventMetadata/EventMetadata.resource';
import * as journal from './actions/journal/Journal.resource';
import * as provider from './actions/provider/Provider.resource';
import * as providerMetadata from './actions/providerMetadata/ProviderMetadata.resource';
import * as registration from './actions/registration/Registration.resource';
import * as sampleEvent from './actions/sampleEvent/SampleEvent.resource';
import * as subscriberFilter from './actions/subscriberFilter/SubscriberFilter.resource';
import { router } from './actions/router';
import { getEventCodes } from './methods/eventCodes';
import { searchCustomProviders, searchProviders } from './methods/providers';
import { searchRegistrations } from './methods/registrations';

export class AdobeIoEvents implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe I/O Events',
		name: 'adobeIoEvents',
		icon: { light: 'file:../../icons/adobe.svg', dark: 'file:../../icons/adobe.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Adobe I/O Events registrations, providers and event types, publish events and read the journal',
		defaults: { name: 'Adobe I/O Events' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: adobeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Custom API Call', value: 'customApiCall' },
					{ name: 'Event', value: 'event' },
					{ name: 'Event Type', value: 'eventMetadata' },
					{ name: 'Journal', value: 'journal' },
					{ name: 'Provider', value: 'provider' },
					{ name: 'Provider Metadata', value: 'providerMetadata' },
					{ name: 'Registration', value: 'registration' },
					{ name: 'Sample Event', value: 'sampleEvent' },
					{ name: 'Subscriber Filter', value: 'subscriberFilter' },
				],
				default: 'registration',
			},
			...customApiCall.description,
			...event.description,
			...eventMetadata.description,
			...journal.description,
			...provider.description,
			...providerMetadata.description,
			...registration.description,
			...sampleEvent.description,
			...subscriberFilter.description,
		],
	};

	methods = {
		loadOptions: { getEventCodes },
		listSearch: { searchCustomProviders, searchProviders, searchRegistrations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
