/**
 * Parameters of the Watch Events trigger (Adobe I/O Events Trigger).
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	authenticationProperty,
	eventCodesProperty,
	eventOutputProperty,
	optionsCollection,
	providerLocatorProperty,
} from '../shared/descriptions';

export type DeliveryType = 'webhook' | 'webhook_batch';
export type SignatureCheck = 'digital' | 'hmac' | 'either' | 'none';
export type OutputMode = 'full' | 'data';

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		// One option on purpose: n8n's node panel names a trigger's actions after the options of a
		// parameter called "Trigger On", so the trigger is listed as "Watch Events" (as in Workfront Fusion).
		displayName: 'Trigger On',
		name: 'triggerOn',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Watch Events',
				value: 'watchEvents',
				action: 'Watch Events',
				description: 'Start the workflow for every event Adobe delivers for the chosen event types',
			},
		],
		default: 'watchEvents',
	},
	{
		displayName:
			'Adobe must reach this workflow over public HTTPS. Run n8n behind a public URL and set N8N_WEBHOOK_URL (e.g. https://n8n.example.com/). "Listen for test event" and the live workflow get separate Adobe registrations; publishing (n8n 1.x: activating) the workflow registers the production one.',
		name: 'publicUrlNotice',
		type: 'notice',
		default: '',
	},
	providerLocatorProperty({
		description: 'The events provider (Creative Cloud, AEM, Marketo, your custom provider, …)',
		// checked when the workflow goes live (readTriggerSettings), not before every execution
		checkIdInEditor: false,
	}),
	eventCodesProperty({
		lead: 'Event types to watch',
	}),
	{
		displayName: 'Delivery',
		name: 'deliveryType',
		type: 'options',
		options: [
			{
				name: 'One Event per Request',
				value: 'webhook',
				description: 'Adobe sends each event in its own request',
			},
			{
				name: 'Batches of Events',
				value: 'webhook_batch',
				description:
					'Adobe groups events (up to about 20 events / 2 MB per request); each event still becomes one item',
			},
		],
		default: 'webhook',
	},
	{
		displayName: 'Signature Check',
		name: 'signatureCheck',
		type: 'options',
		options: [
			{
				name: 'Adobe Digital Signatures (Recommended)',
				value: 'digital',
				description:
					'Verify the RSA signatures Adobe adds to every delivery, with keys from Adobe’s key host',
			},
			{
				name: 'Legacy HMAC with Client Secret',
				value: 'hmac',
				description:
					'Verify the legacy x-adobe-signature header (HMAC-SHA256 with the credential’s client secret)',
			},
			{
				name: 'Either',
				value: 'either',
				description: 'Accept a delivery when the digital signatures or the legacy HMAC verify',
			},
			{
				name: 'None (Insecure)',
				value: 'none',
				description:
					'Accept unsigned deliveries — anyone who knows the URL can start this workflow',
			},
		],
		default: 'digital',
	},
	{
		displayName:
			'WARNING: signature checking is OFF. Anyone who learns this webhook URL can start this workflow with forged events. Use this only for local experiments.',
		name: 'signatureOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { signatureCheck: ['none'] } },
	},
	eventOutputProperty(
		'The event as Adobe delivered it (specversion, type, source, ID, time, data, …)',
	),
	optionsCollection('Add option', [
		{
			displayName: 'Accept Events Without a Recipient (Legacy)',
			name: 'acceptUnaddressed',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept signed events that name no recipient client ID. Adobe adds the recipient to every event it routes, and its signing keys are shared by all Adobe customers: an event without a recipient may have been sent to somebody else and replayed to this URL. Turn on only for an old integration that sends events without it. (With the legacy HMAC check such events are always accepted: that signature uses your own client secret.)',
		},
		{
			displayName: 'Acknowledge',
			name: 'acknowledge',
			type: 'options',
			options: [
				{
					name: 'When Queued',
					value: 'whenQueued',
					description:
						'Answer Adobe as soon as n8n has queued the execution (fastest). If n8n stops or crashes before the workflow ran, the event is lost.',
				},
				{
					name: 'When the Workflow Has Finished',
					value: 'whenFinished',
					description:
						'Answer Adobe only after the workflow ran successfully; if it fails or n8n stops, Adobe delivers the event again',
				},
			],
			default: 'whenQueued',
			description:
				'When n8n tells Adobe that an event was received. Adobe waits at most 10 seconds per delivery: with "When the Workflow Has Finished" a workflow that takes longer is retried (up to 24 hours, and it may run more than once) and many slow answers can make Adobe mark the registration unstable. For long workflows, keep "When Queued" and hand the events to a queue first, or use the Adobe I/O Events Journal Trigger, which never loses an event.',
		},
		{
			displayName: 'Drop Duplicate Events',
			name: 'dedupe',
			type: 'boolean',
			default: true,
			description:
				'Whether to drop an event whose eventid was already received in the last 24 hours (bounded window, per n8n process)',
		},
		{
			displayName: 'Include Delivery Metadata',
			name: 'includeDeliveryMetadata',
			type: 'boolean',
			default: false,
			description:
				'Whether to add a _delivery field with the x-adobe-* headers (delivery ID, event ID, event code, provider, retry count) and the receive time',
		},
		{
			displayName: 'Registration Description',
			name: 'registrationDescription',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description:
				'Description of the Adobe registration. Default: which workflow and node created it.',
		},
		{
			displayName: 'Registration Name',
			name: 'registrationName',
			type: 'string',
			default: '',
			placeholder: 'n8n: My workflow / Adobe I/O Events Trigger',
			description:
				'Name of the Adobe registration (unique in the workspace). Default: workflow and node name. Test registrations get the prefix "[n8n test]".',
		},
		{
			displayName: 'Send Sample Event When Testing',
			name: 'sendSampleEvent',
			type: 'boolean',
			default: true,
			description:
				'Whether to ask Adobe to send a sample event after "Listen for test event" registers, when the event type has one',
		},
		{
			displayName: 'Subscriber Filter (JSON)',
			name: 'subscriberFilter',
			type: 'json',
			default: '',
			placeholder: '{"data": {"size": [{"numeric": [">", 1000]}]}}',
			description:
				'Optional subscriber-defined filter (Adobe event-ruler JSON pattern). Only matching events are delivered.',
		},
	]),
];
