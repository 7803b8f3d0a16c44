/**
 * Event types (event codes) of the chosen provider, for dropdowns (`getEventCodes`) and list
 * search (`searchEventCodes`). The provider is read from the node's `providerId` parameter
 * (resource locator, list or ID), so any node using that parameter name can use these.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { adobeApiRequestAllItems, type AdobeFunctions } from '../transport';
import { matchesFilter, pickerEntries } from './search';

/** Most event types a list shows. */
export const EVENT_CODE_LIST_LIMIT = 500;

/** `GET /events/providers/{providerId}/eventmetadata`: every page, or the first `limit` entries. */
export async function listEventMetadata(
	this: AdobeFunctions,
	providerId: string,
	limit?: number,
): Promise<IDataObject[]> {
	return await adobeApiRequestAllItems.call(
		this,
		{ method: 'GET', path: `/events/providers/${encodeURIComponent(providerId)}/eventmetadata` },
		'eventmetadata',
		limit,
	);
}

/** Whether an event metadata entry advertises a sample event (`_links["rel:sample_event"]`). */
export function hasSampleEvent(eventMetadata: IDataObject): boolean {
	const links = eventMetadata._links as IDataObject | undefined;
	return links !== undefined && links['rel:sample_event'] !== undefined;
}

function selectedProviderId(context: ILoadOptionsFunctions): string {
	let value: unknown;
	try {
		value = context.getCurrentNodeParameter('providerId', { extractValue: true });
	} catch {
		value = undefined;
	}
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) {
		value = (value as IDataObject).value;
	}
	return typeof value === 'string' ? value.trim() : '';
}

function toOption(eventMetadata: IDataObject): INodePropertyOptions {
	const code = String(eventMetadata.event_code ?? '');
	const label =
		typeof eventMetadata.label === 'string' && eventMetadata.label ? eventMetadata.label : code;
	const sample = hasSampleEvent(eventMetadata) ? ' (has a sample event)' : '';
	return {
		name: label === code ? code : `${label} (${code})`,
		value: code,
		description:
			`${typeof eventMetadata.description === 'string' ? eventMetadata.description : ''}${sample}`.trim() ||
			undefined,
	};
}

async function eventCodeOptions(
	context: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodePropertyOptions[]> {
	const providerId = selectedProviderId(context);
	if (!providerId || providerId.startsWith('=')) return [];
	const metadata = await listEventMetadata.call(context, providerId);
	return pickerEntries(
		metadata.map(toOption).filter((option) => matchesFilter(filter, option.name)),
		EVENT_CODE_LIST_LIMIT,
	);
}

/** loadOptions `getEventCodes`. */
export async function getEventCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await eventCodeOptions(this);
}

/** listSearch `searchEventCodes`. */
export async function searchEventCodes(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const options = await eventCodeOptions(this, filter);
	return {
		results: options.map((o) => ({
			name: o.name,
			value: String(o.value),
			description: o.description,
		})),
	};
}
