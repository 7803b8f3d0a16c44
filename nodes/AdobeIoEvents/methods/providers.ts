/**
 * Live provider list (list search) for every node that picks an events provider.
 * Providers come with their event metadata (`eventmetadata=true`), so the list can say how many
 * event types each offers and the trigger can reuse the same call.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { adobeApiRequestAllItems, getAdobeContext } from '../transport';

/** Most providers a list shows (a filter narrows further). */
export const PROVIDER_LIST_LIMIT = 200;

type AdobeThis = ILoadOptionsFunctions | IHookFunctions | IExecuteFunctions;

/** Providers the organization is entitled to, each with `_embedded.eventmetadata`. */
export async function listProvidersWithEventMetadata(this: AdobeThis): Promise<IDataObject[]> {
	const context = await getAdobeContext.call(this);
	return await adobeApiRequestAllItems.call(
		this,
		{
			method: 'GET',
			path: `/events/${encodeURIComponent(String(context.consumerOrgId))}/providers`,
			qs: { eventmetadata: true },
		},
		'providers',
	);
}

/** Event metadata embedded in a provider object (empty when absent). */
export function embeddedEventMetadata(provider: IDataObject): IDataObject[] {
	const embedded = provider._embedded as IDataObject | undefined;
	const list = embedded?.eventmetadata;
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

function providerItem(provider: IDataObject): INodeListSearchItems {
	const events = embeddedEventMetadata(provider);
	const label = String(provider.label ?? provider.id);
	const kind =
		typeof provider.provider_metadata === 'string' ? provider.provider_metadata : undefined;
	const count = `${events.length} event type${events.length === 1 ? '' : 's'}`;
	return {
		name: `${label} (${count})`,
		value: String(provider.id ?? ''),
		description:
			[kind, provider.description].filter((v) => typeof v === 'string' && v).join(' — ') ||
			undefined,
	};
}

function matches(filter: string | undefined, provider: IDataObject): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	if (!needle) return true;
	return [provider.label, provider.id, provider.provider_metadata, provider.description].some(
		(v) => typeof v === 'string' && v.toLowerCase().includes(needle),
	);
}

/** listSearch `searchProviders`: providers by label, ID or kind. */
export async function searchProviders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const providers = await listProvidersWithEventMetadata.call(this);
	const results = providers
		.filter((provider) => matches(filter, provider))
		.map(providerItem)
		.filter((item) => item.value !== '')
		.sort((a, b) => a.name.localeCompare(b.name))
		.slice(0, PROVIDER_LIST_LIMIT);
	return { results };
}
