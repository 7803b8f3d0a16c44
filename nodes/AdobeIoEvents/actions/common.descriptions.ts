import type { INodeProperties } from 'n8n-workflow';

/** Registration picker: searchable list of this workspace's registrations, or an ID. */
export const registrationLocator: INodeProperties = {
	displayName: 'Registration',
	name: 'registrationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The event registration (in the workspace of the credential)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a registration...',
			typeOptions: { searchListMethod: 'searchRegistrations', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 2a1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[A-Za-z0-9._:-]+$',
						errorMessage: 'Use the registration ID (registration_id), e.g. a UUID',
					},
				},
			],
		},
	],
};

/** Provider picker: searchable list of the providers the organization is entitled to, or an ID. */
export const providerLocator: INodeProperties = {
	displayName: 'Provider',
	name: 'providerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The events provider',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a provider...',
			typeOptions: { searchListMethod: 'searchProviders', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 5c7a2b1e-93f0-4a57-b6c1-3d2e8f9a0b4c',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[A-Za-z0-9._:-]{1,38}$',
						errorMessage: 'A provider ID has at most 38 characters: letters, digits, . _ : -',
					},
				},
			],
		},
	],
};

/** Custom providers only (publishing, event type management). */
export const customProviderLocator: INodeProperties = {
	...providerLocator,
	description: 'Your custom events provider (see resource Provider to create one)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a custom provider...',
			typeOptions: { searchListMethod: 'searchCustomProviders', searchable: true },
		},
		...(providerLocator.modes ?? []).slice(1),
	],
};

/** Event code of the selected provider (dropdown or expression). */
export const eventCodeOption: INodeProperties = {
	displayName: 'Event Type Name or ID',
	name: 'eventCode',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getEventCodes', loadOptionsDependsOn: ['providerId.value'] },
	default: '',
	required: true,
	description:
		'The event code, e.g. com.example.order.created. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Return All + Limit pair for a "get many" operation. */
export function returnAllAndLimit(
	show: { resource: string[]; operation: string[] },
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
