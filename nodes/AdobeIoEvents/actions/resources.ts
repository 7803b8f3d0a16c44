/**
 * Every resource of the action node in one place: the module table the router dispatches on, and
 * the node's Resource parameter followed by every operation's properties (as the editor shows them).
 */
import type { INodeProperties } from 'n8n-workflow';

import * as customApiCall from './customApiCall/CustomApiCall.resource';
import * as event from './event/Event.resource';
import * as eventMetadata from './eventMetadata/EventMetadata.resource';
import * as journal from './journal/Journal.resource';
import type { AdobeIoEventsResource, ResourceModule } from './node.type';
import * as provider from './provider/Provider.resource';
import * as providerMetadata from './providerMetadata/ProviderMetadata.resource';
import * as registration from './registration/Registration.resource';
import * as sampleEvent from './sampleEvent/SampleEvent.resource';
import * as subscriberFilter from './subscriberFilter/SubscriberFilter.resource';

/** Typed dispatch table: every resource/operation of NodeMap must have a module here. */
export const resources: { [R in AdobeIoEventsResource]: ResourceModule<R> } = {
	customApiCall,
	event,
	eventMetadata,
	journal,
	provider,
	providerMetadata,
	registration,
	sampleEvent,
	subscriberFilter,
};

/** The Resource parameter, then each resource's Operation parameter and operation properties. */
export const resourceProperties: INodeProperties[] = [
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
];
