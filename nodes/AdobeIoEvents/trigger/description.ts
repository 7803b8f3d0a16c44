/**
 * Parameters of the Watch Events trigger (Adobe I/O Events Trigger).
 *
 * Two layouts, chosen by the node's typeVersion (trigger/settings.ts reads both):
 *   1, 1.1  (saved workflows)  Delivery and Signature Check on the first screen, as they were published.
 *   2       (new nodes)        the first screen holds Credential, Provider, Event Types and Output;
 *                              Delivery and Signature Check moved under Options (same names, same values).
 * Output: every version offers Simplified; it is the default from version 2 on (1 and 1.1 keep Full).
 * Option VALUES never change between versions: saved workflows keep working.
 */
import type { IDisplayOptions, INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { DOCS, docsLink } from '../shared/docs';
import {
	authenticationProperty,
	eventCodesProperty,
	eventOutputProperty,
	optionsCollection,
	providerLocatorProperty,
} from '../shared/descriptions';
import { PUBLIC_URL_SETTING } from '../diagnosis/webhookUrl';

export type DeliveryType = 'webhook' | 'webhook_batch';
export type SignatureCheck = 'digital' | 'hmac' | 'either' | 'none';
export type { OutputMode } from '../webhook/output';

/** typeVersions of the trigger; the last is what n8n gives new nodes. */
export const TRIGGER_VERSIONS = [1, 1.1, 2];
export const TRIGGER_DEFAULT_VERSION = 2;
/** From this typeVersion on, Delivery and Signature Check live under Options. */
export const OPTIONS_LAYOUT_VERSION = 2;
/** The settings whose place depends on the typeVersion: first screen before OPTIONS_LAYOUT_VERSION. */
export const MOVED_TO_OPTIONS = ['deliveryType', 'signatureCheck'] as const;

/** Shown only on versions with the first-screen layout (1, 1.1). */
const FIRST_SCREEN_LAYOUT: IDisplayOptions = {
	hide: { '@version': [{ _cnd: { gte: OPTIONS_LAYOUT_VERSION } }] },
};
/** Shown only on versions with the Options layout (2 and later). */
const OPTIONS_LAYOUT: IDisplayOptions = {
	show: { '@version': [{ _cnd: { gte: OPTIONS_LAYOUT_VERSION } }] },
};

/**
 * n8n's trigger panel (the input side of the node's window): what "Listen for test event" does and what
 * publishing does. Worded for both n8n lines (2.x publishes a workflow, 1.x activates it).
 */
export const triggerPanel: TriggerPanelDefinition = {
	executionsHelp: {
		inactive:
			"<b>While building your workflow</b>, click 'Listen for test event'. n8n creates a separate Adobe registration named “[n8n test] …” for the test URL and asks Adobe for a sample event (Options → Send Sample Event When Testing); the event shows up in this editor. n8n deletes the test registration when the test ends.<br /><br />" +
			"<b>Once you're happy with your workflow</b>, publish it (n8n 1.x: activate it). n8n then registers the production URL with Adobe, and every matching event starts an execution. These executions show up in the <a data-key='executions'>executions list</a>, but not in the editor.<br /><br />" +
			`Adobe must reach n8n over public HTTPS: set ${PUBLIC_URL_SETTING} to n8n's public address. ${docsLink(DOCS.publicUrl)}`,
		active:
			"<b>While building your workflow</b>, click 'Listen for test event'. n8n creates a separate Adobe registration named “[n8n test] …” for the test URL and asks Adobe for a sample event (Options → Send Sample Event When Testing); the event shows up in this editor. n8n deletes the test registration when the test ends.<br /><br />" +
			"<b>Your workflow also runs automatically</b>, since it's published (n8n 1.x: active): every event Adobe delivers to the production URL starts an execution. These executions show up in the <a data-key='executions'>executions list</a>, but not in the editor.<br /><br />" +
			`If events stop arriving, run Registration → Diagnose in the Adobe I/O Events node. ${docsLink(DOCS.whenEventsStop)}`,
	},
	activationHint: {
		inactive:
			"Once you've finished building your workflow, publish it (n8n 1.x: activate it): Adobe then delivers events continuously (you just won't see those executions here).",
		active:
			"Adobe also delivers events to the published workflow (n8n 1.x: the active workflow), but those executions won't show up here.",
	},
};

const deliveryTypeProperty: INodeProperties = {
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
				'Adobe sends up to about 20 events (2 MB) per request; each event still becomes one item',
		},
	],
	default: 'webhook',
	description: 'How Adobe sends events to n8n',
};

const signatureCheckProperty: INodeProperties = {
	displayName: 'Signature Check',
	name: 'signatureCheck',
	type: 'options',
	options: [
		{
			name: 'Adobe Digital Signatures (Recommended)',
			value: 'digital',
			description: 'Verify the RSA signatures Adobe adds to every delivery',
		},
		{
			name: 'Legacy HMAC with Client Secret',
			value: 'hmac',
			description: 'Verify the legacy x-adobe-signature header with the credential’s client secret',
		},
		{
			name: 'Either',
			value: 'either',
			description: 'Accept a delivery when the digital signatures or the legacy HMAC verify',
		},
		{
			name: 'None (Insecure)',
			value: 'none',
			description: 'Accept unsigned deliveries: anyone who knows the URL can start this workflow',
		},
	],
	default: 'digital',
	description: `How n8n checks that a delivery comes from Adobe (${docsLink(DOCS.signatureCheck, 'details')})`,
};

const SIGNATURE_OFF_NOTICE =
	'Signature checking is off: anyone who knows this webhook URL can start this workflow with forged events. Use this only for local experiments.';

/** Options of every version (v2 adds Delivery and Signature Check to them). */
const sharedOptions: INodeProperties[] = [
	{
		displayName: 'Accept Events Without a Recipient (Legacy)',
		name: 'acceptUnaddressed',
		type: 'boolean',
		default: false,
		description: `Whether to accept signed events that name no recipient client ID: only for old integrations, as it weakens the ${docsLink(DOCS.signatureCheck, 'replay protection')}`,
	},
	{
		displayName: 'Respond',
		name: 'acknowledge',
		type: 'options',
		options: [
			{
				name: 'Immediately',
				value: 'whenQueued',
				description:
					'As soon as n8n has received the event (fastest). An event is lost if n8n stops before its workflow ran.',
			},
			{
				name: 'When Last Node Finishes',
				value: 'whenFinished',
				description:
					'After the workflow succeeded. If it fails, Adobe sends the event again; Adobe waits at most 10 seconds.',
			},
		],
		default: 'whenQueued',
		description: `When n8n answers Adobe's delivery (${docsLink(DOCS.deliveryGuarantees, 'what each choice guarantees')})`,
	},
	{
		displayName: 'Drop Duplicate Events',
		name: 'dedupe',
		type: 'boolean',
		default: true,
		description: 'Whether to drop an event whose ID this trigger already received in the last 24 hours',
	},
	{
		displayName: 'Include Delivery Metadata',
		name: 'includeDeliveryMetadata',
		type: 'boolean',
		default: false,
		description:
			'Whether to add a _delivery field with Adobe’s delivery headers (delivery ID, event ID, retry count, …) and the receive time',
	},
	{
		displayName: 'Registration Description',
		name: 'registrationDescription',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. Sends new assets to the review channel',
		description: 'Description of the Adobe registration. Default: which workflow and node created it.',
	},
	{
		displayName: 'Registration Name',
		name: 'registrationName',
		type: 'string',
		default: '',
		placeholder: 'e.g. n8n: My workflow / Adobe I/O Events Trigger',
		description:
			'Name of the Adobe registration, unique in the workspace. Default: the workflow and node name; test registrations start with “[n8n test]”.',
	},
	{
		displayName: 'Send Sample Event When Testing',
		name: 'sendSampleEvent',
		type: 'boolean',
		default: true,
		description:
			'Whether to ask Adobe for a sample event when you listen for a test event (if the event type has one)',
	},
	{
		displayName: 'Subscriber Filter (JSON)',
		name: 'subscriberFilter',
		type: 'json',
		default: '',
		placeholder: 'e.g. {"data": {"size": [{"numeric": [">", 1000]}]}}',
		description: `Adobe delivers only the events that match this ${docsLink(DOCS.watchEvents, 'event-ruler pattern')}`,
	},
];

function byDisplayName(a: INodeProperties, b: INodeProperties): number {
	return a.displayName.localeCompare(b.displayName);
}

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		// One option on purpose: n8n's node panel names a trigger's actions after the options of a
		// parameter called "Trigger On" (whatever its displayOptions), so the trigger is listed as
		// "Watch Events" (as in Workfront Fusion). Hidden from version 2 on: one choice is no choice.
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
		displayOptions: FIRST_SCREEN_LAYOUT,
	},
	{
		// Version 2 says this in the trigger panel (and refuses a URL Adobe cannot reach when it goes live).
		displayName: `Adobe must reach this workflow over public HTTPS: set ${PUBLIC_URL_SETTING} to n8n's public address. "Listen for test event" and the published workflow (n8n 1.x: active workflow) get separate Adobe registrations. ${docsLink(DOCS.publicUrl)}`,
		name: 'publicUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: FIRST_SCREEN_LAYOUT,
	},
	providerLocatorProperty({
		description: 'The events provider (Creative Cloud, AEM, Marketo, your custom provider, …)',
		// checked when the workflow goes live (readTriggerSettings), not before every execution
		checkIdInEditor: false,
	}),
	eventCodesProperty({
		lead: 'Event types to watch',
	}),
	{ ...deliveryTypeProperty, displayOptions: FIRST_SCREEN_LAYOUT },
	{ ...signatureCheckProperty, displayOptions: FIRST_SCREEN_LAYOUT },
	{
		displayName: SIGNATURE_OFF_NOTICE,
		name: 'signatureOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { ...FIRST_SCREEN_LAYOUT, show: { signatureCheck: ['none'] } },
	},
	{
		displayName: SIGNATURE_OFF_NOTICE,
		name: 'signatureOffNotice',
		type: 'notice',
		default: '',
		// A root path ('/…'): n8n 1.x resolves parameter dependencies by sibling name and fails every
		// workflow of this node on a plain nested path ("Could not resolve parameter dependencies").
		displayOptions: {
			show: { ...OPTIONS_LAYOUT.show, '/options.signatureCheck': ['none'] },
		},
	},
	...eventOutputProperty(
		'The event as Adobe delivered it (specversion, type, source, ID, time, data, …)',
		OPTIONS_LAYOUT_VERSION,
	),
	optionsCollection('Add option', sharedOptions, FIRST_SCREEN_LAYOUT),
	optionsCollection(
		'Add option',
		[...sharedOptions, deliveryTypeProperty, signatureCheckProperty].sort(byDisplayName),
		OPTIONS_LAYOUT,
	),
];
