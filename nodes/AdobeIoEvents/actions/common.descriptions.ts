import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { providerLocatorProperty, registrationLocatorProperty } from '../shared/descriptions';
import type { AdobeIoEventsResource, NodeMap } from './node.type';

/**
 * The description of one operation: its properties, each shown only when that resource and
 * operation are chosen (`displayOptions.show.resource/operation` merged after the property's own).
 */
export function operationDescription<R extends AdobeIoEventsResource>(
	resource: R,
	operation: NodeMap[R],
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, properties);
}

/**
 * The field with an example (`placeholder`, placed after `default` like in a written-out field):
 * how a Create operation shows a field that its Update operation offers without one.
 */
export function withExample(field: INodeProperties, placeholder: string): INodeProperties {
	const { displayName, name, type, required, default: defaultValue, ...rest } = field;
	return {
		displayName,
		name,
		type,
		...(required === undefined ? {} : { required }),
		default: defaultValue,
		placeholder,
		...rest,
	};
}

/**
 * The field as a Create operation shows it at the top level: required, with an example, where the
 * Update operation offers the same field optionally under Update Fields.
 */
export function requiredWithExample(field: INodeProperties, placeholder: string): INodeProperties {
	return withExample({ ...field, required: true }, placeholder);
}

/** Registration picker: searchable list of this workspace's registrations, or an ID. */
export const registrationLocator: INodeProperties = registrationLocatorProperty({
	description: 'The event registration (in the workspace of the credential)',
});

/** Provider picker: searchable list of the providers the organization is entitled to, or an ID. */
export const providerLocator: INodeProperties = providerLocatorProperty();

/** Custom providers only (publishing, event type management). */
export const customProviderLocator: INodeProperties = providerLocatorProperty({
	description: 'Your custom events provider (see resource Provider to create one)',
	list: { placeholder: 'Select a custom provider...', searchListMethod: 'searchCustomProviders' },
});

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
export function returnAllAndLimit<R extends AdobeIoEventsResource>(
	resource: R,
	operation: NodeMap[R],
): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
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
