/**
 * Description snippets every node uses: the `authentication` parameter and the credentials list,
 * plus builders for the provider / registration / event-type pickers and the event output choice
 * that the action node and both triggers share (each call returns fresh objects).
 *
 *   credentials: adobeCredentials,
 *   properties: [authenticationProperty, …],
 */
import type { IDisplayOptions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { API_CREDENTIAL, ADOBE_ID_CREDENTIAL } from './constants';
import { DOCS, docsLink } from './docs';

export type NodeAuthentication = 'serviceAccount' | 'oAuth2';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'OAuth Server-to-Server / Service Account',
			value: 'serviceAccount',
			description: 'Credential of an Adobe Developer Console project (recommended)',
		},
		{
			name: 'OAuth2 (Personal Adobe ID)',
			value: 'oAuth2',
			description: 'Sign in with your own Adobe ID',
		},
	],
	default: 'serviceAccount',
};

export const adobeCredentials: INodeCredentialDescription[] = [
	{
		name: API_CREDENTIAL,
		required: true,
		displayOptions: { show: { authentication: ['serviceAccount'] } },
	},
	{
		name: ADOBE_ID_CREDENTIAL,
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

/** Where a shared picker differs between nodes. Keys left out are not set on the property at all. */
interface PickerOptions {
	description?: string;
	/** Default true; `false` sets `required: false`. */
	required?: boolean;
	displayOptions?: IDisplayOptions;
}

/** A picker's "From List" mode: the node's list search `searchListMethod`. */
interface ListMode {
	placeholder: string;
	searchListMethod: string;
}

/** A picker's "ID" mode, checked in the editor against `check.regex` when given. */
interface IdMode {
	placeholder: string;
	check?: { regex: string; errorMessage: string };
}

/** A picker (resource locator) that starts in its From List mode with nothing chosen. */
function pickerProperty(
	displayName: string,
	name: string,
	options: PickerOptions & { description: string },
	list: ListMode,
	id: IdMode,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: list.placeholder,
				typeOptions: { searchListMethod: list.searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: id.placeholder,
				...(id.check ? { validation: [{ type: 'regex' as const, properties: id.check }] } : {}),
			},
		],
	};
}

/**
 * The journal start positions, named alike in the Journal Trigger, Journal → Get Events, their error
 * messages and the docs. The keys are the option values (a contract with saved workflows).
 */
export const JOURNAL_START = {
	latest: 'Now',
	oldest: 'Oldest Available',
	seek: 'Time Ago',
	position: 'After a Position',
} as const;

/** What a user reads when the duration of "Time Ago" is not an ISO 8601 duration. */
export function notADuration(value: string): { message: string; description: string } {
	return {
		message: `"${value.slice(0, 50)}" is not an ISO 8601 duration`,
		description: 'Write it like PT2H (2 hours), P1D (1 day) or P5DT2H (5 days and 2 hours).',
	};
}

/**
 * The ISO 8601 duration of the "Time Ago" start position. `name` and `required` differ per node as they
 * were published (saved workflows).
 */
export function journalDurationProperty(
	name: string,
	displayOptions: IDisplayOptions,
	required: boolean,
): INodeProperties {
	return {
		displayName: 'Duration',
		name,
		type: 'string',
		default: 'PT1H',
		...(required ? { required } : {}),
		placeholder: 'e.g. PT2H, P1D',
		description:
			'How far back to start, as an ISO 8601 duration: PT2H = 2 hours, P1D = 1 day (the journal keeps 7 days)',
		displayOptions,
	};
}

/** What a provider ID looks like (Adobe: at most 38 characters). */
export const PROVIDER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,38}$/;
export const PROVIDER_ID_HINT = 'A provider ID has at most 38 characters: letters, digits, . _ : -';

/**
 * Provider picker: searchable list of the providers the organization is entitled to (or `list`),
 * or an ID.
 * `checkIdInEditor: false` leaves the ID mode without n8n's regex validation: n8n runs that check
 * before EVERY execution with its timeout-guarded regex engine (milliseconds of blocked event loop
 * under load), which a trigger would pay per event — the trigger checks the format in code instead.
 */
export function providerLocatorProperty(
	options: PickerOptions & { checkIdInEditor?: boolean; list?: ListMode } = {},
): INodeProperties {
	const check = { regex: PROVIDER_ID_PATTERN.source, errorMessage: PROVIDER_ID_HINT };
	return pickerProperty(
		'Provider',
		'providerId',
		{ ...options, description: options.description ?? 'The events provider' },
		options.list ?? { placeholder: 'Select a provider...', searchListMethod: 'searchProviders' },
		{
			placeholder: 'e.g. 5c7a2b1e-93f0-4a57-b6c1-3d2e8f9a0b4c',
			check: options.checkIdInEditor === false ? undefined : check,
		},
	);
}

/** Registration picker: searchable list of the workspace's registrations, or an ID. */
export function registrationLocatorProperty(
	options: PickerOptions & { description: string },
): INodeProperties {
	return pickerProperty(
		'Registration',
		'registrationId',
		options,
		{ placeholder: 'Select a registration...', searchListMethod: 'searchRegistrations' },
		{
			placeholder: 'e.g. 2a1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
			check: {
				regex: '^[A-Za-z0-9._:-]+$',
				errorMessage: 'Use the registration ID (registration_id), e.g. a UUID',
			},
		},
	);
}

/**
 * Event types of the selected provider (multi-select, loaded from `providerId`). `lead` is the first
 * sentence of the description without its period (what the events are for); the standard
 * "Choose from the list…" sentence follows.
 * `required` defaults to true; `false` leaves the key out.
 */
export function eventCodesProperty(
	options: Omit<PickerOptions, 'description'> & { lead: string },
): INodeProperties {
	return {
		displayName: 'Event Type Names or IDs',
		name: 'eventCodes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEventCodes', loadOptionsDependsOn: ['providerId.value'] },
		...(options.required === false ? {} : { required: true }),
		default: [],
		description: `${options.lead}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
	};
}

/**
 * A collection parameter: fields the user adds one by one with the `placeholder` button. The key
 * order is the one the editor and the node descriptions have always had.
 */
function collectionProperty(
	displayName: string,
	name: string,
	placeholder: string,
	options: INodeProperties[],
	description?: string,
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder,
		default: {},
		...(description === undefined ? {} : { description }),
		...(displayOptions === undefined ? {} : { displayOptions }),
		options,
	};
}

/**
 * The "Options" collection of a node or an operation. Its button reads "Add Option" on some and
 * "Add option" on others, as published; the caller names which so that no description changes.
 */
export function optionsCollection(
	placeholder: 'Add Option' | 'Add option',
	options: INodeProperties[],
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return collectionProperty('Options', 'options', placeholder, options, undefined, displayOptions);
}

/** The "Additional Fields" collection of a Create operation: its optional fields. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return collectionProperty('Additional Fields', 'additionalFields', 'Add Field', options);
}

/** The "Update Fields" collection of an Update operation: only the fields added there change. */
export function updateFieldsCollection(options: INodeProperties[]): INodeProperties {
	return collectionProperty(
		'Update Fields',
		'updateFields',
		'Add Field',
		options,
		'Only the fields you add here change; everything else is kept as it is',
	);
}

/**
 * Output of the triggers and of Journal → Get Events: Simplified (simplifyEvent: one flat item of the
 * event's most useful fields), the whole event (described by `fullDescription`) or only its data. Every
 * version offers all three; versions before `simplifiedFromVersion` keep Full as their default (a saved
 * workflow stores no default value, so it must not change), later ones default to Simplified. Two
 * properties with the same name, one per version range.
 */
export function eventOutputProperty(
	fullDescription: string,
	simplifiedFromVersion: number,
): INodeProperties[] {
	const output: INodeProperties = {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description: `One flat item with the event’s most useful fields (at most 12), named per product (${docsLink(DOCS.output, 'fields')})`,
			},
			{
				name: 'Full CloudEvent',
				value: 'full',
				description: fullDescription,
			},
			{
				name: 'Data Only',
				value: 'data',
				description: 'Only the event’s data payload',
			},
		],
		default: 'full',
	};
	const from = [{ _cnd: { gte: simplifiedFromVersion } }];
	return [
		{ ...output, displayOptions: { hide: { '@version': from } } },
		{ ...output, default: 'simplified', displayOptions: { show: { '@version': from } } },
	];
}
