import type { INodeProperties } from 'n8n-workflow';

import {
	authenticationProperty,
	eventCodesProperty,
	eventOutputProperty,
	JOURNAL_START,
	journalDurationProperty,
	optionsCollection,
	providerLocatorProperty,
	registrationLocatorProperty,
} from '../shared/descriptions';
import { DOCS, docsLink } from '../shared/docs';
import { MAX_DEDUPE_WINDOW, MAX_EVENTS_PER_POLL, MAX_PAGES_PER_POLL, MAX_PAGE_SIZE } from './drain';

/**
 * n8n opens a new connection (TLS handshake against Adobe) for every request, so fewer, larger pages are
 * cheaper; Adobe caps every page at 1.5 MB anyway, whatever the limit.
 */
export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_MAX_EVENTS = 1000;
export const DEFAULT_MAX_PAGES = 100;
export const DEFAULT_DEDUPE_WINDOW = 1000;
/** typeVersions of the Journal Trigger; the last is what n8n gives new nodes (Output → Simplified by default). */
export const JOURNAL_TRIGGER_VERSIONS = [1, 1.1];
export const JOURNAL_SIMPLIFIED_VERSION = 1.1;

/** Events returned by "Fetch Test Event". */
export const MANUAL_SAMPLE_SIZE = 10;

export const journalTriggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Registration',
		name: 'registrationSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Use an Existing Registration',
				value: 'existing',
				description:
					"Read the journal of a registration you already have (any delivery type: a webhook registration's journal also holds the events its webhook missed)",
			},
			{
				name: 'Create One for This Node',
				value: 'create',
				description:
					'The trigger creates and maintains a journal registration for the events you choose',
			},
		],
		default: 'existing',
	},
	registrationLocatorProperty({
		description: 'The registration whose journal is read (in the workspace of the credential)',
		displayOptions: { show: { registrationSource: ['existing'] } },
	}),
	{
		displayName: `The trigger creates a journal registration named after this workflow and node and keeps it in line with the events below. When the workflow is unpublished (n8n 1.x: deactivated) or deleted, the registration stays in Adobe: delete it in Adobe Developer Console or with the Adobe I/O Events node; publishing again picks it up. ${docsLink(DOCS.journalTrigger)}`,
		name: 'ownedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registrationSource: ['create'] } },
	},
	providerLocatorProperty({ displayOptions: { show: { registrationSource: ['create'] } } }),
	eventCodesProperty({
		lead: 'Event types to collect',
		displayOptions: { show: { registrationSource: ['create'] } },
	}),
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		options: [
			{
				name: JOURNAL_START.latest,
				value: 'latest',
				description: 'Only events that arrive after the first poll',
			},
			{
				name: JOURNAL_START.oldest,
				value: 'oldest',
				description: 'Everything the journal still holds (up to 7 days)',
			},
			{
				name: JOURNAL_START.seek,
				value: 'seek',
				description: 'Events from a duration ago, e.g. the last 2 hours',
			},
		],
		default: 'latest',
		description: `Where the first poll starts; afterwards the trigger resumes where it stopped, also after a restart (${docsLink(DOCS.journalTrigger, 'more')})`,
	},
	journalDurationProperty('seekDuration', { show: { startFrom: ['seek'] } }, false),
	...eventOutputProperty(
		'The event as Adobe journaled it (specversion, type, source, ID, time, data, …)',
		JOURNAL_SIMPLIFIED_VERSION,
	),
	optionsCollection('Add Option', [
		{
			displayName: 'Dedupe Window',
			name: 'dedupeWindow',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_DEDUPE_WINDOW },
			default: DEFAULT_DEDUPE_WINDOW,
			description:
				'How many recent event IDs are remembered across polls to drop events Adobe journals twice (0 = only within one poll)',
		},
		{
			displayName: 'Include Delivery Metadata',
			name: 'includeDeliveryMetadata',
			type: 'boolean',
			default: false,
			description:
				'Whether to add a _delivery field with source "journal", the journal position, the event ID, the event code and the registration ID (as the Watch Events trigger adds its delivery headers)',
		},
		{
			displayName: 'Max Events per Poll',
			name: 'maxEvents',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_EVENTS_PER_POLL },
			default: DEFAULT_MAX_EVENTS,
			description:
				'The most events one poll hands to the workflow; the rest follows at the next polls',
		},
		{
			displayName: 'Max Requests per Poll',
			name: 'maxPages',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGES_PER_POLL },
			default: DEFAULT_MAX_PAGES,
			description: 'The most journal pages one poll reads',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
			default: DEFAULT_PAGE_SIZE,
			description:
				'Events requested per journal page (Adobe also caps a page at 1.5 MB, so big events come in smaller pages)',
		},
		{
			displayName: 'When the Saved Position Expired',
			name: 'onExpired',
			type: 'options',
			options: [
				{
					name: 'Restart From Oldest Available',
					value: 'oldest',
					description: 'Lose only what Adobe already deleted',
				},
				{
					name: 'Restart From Now',
					value: 'latest',
					description: 'Skip everything still in the journal',
				},
			],
			default: 'oldest',
			description:
				'Adobe keeps events 7 days. If the workflow was off longer, the saved position is gone (410) and the trigger restarts here, with a warning in the log.',
		},
	]),
];
