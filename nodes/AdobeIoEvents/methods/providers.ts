/**
 * Live provider lists (list search) for every node that picks an events provider.
 * Providers come with their event metadata (`eventmetadata=true`), so the list can say how many
 * event types each offers and the trigger can reuse the same call. `searchCustomProviders` lists only
 * the organization's custom providers (publishing, event type management).
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { adobeApiRequestAllItems, getAdobeContext, type AdobeFunctions } from '../transport';
import { matchesFilter, pickerEntries } from './search';

/** Most providers a list shows (a filter narrows further). */
export const PROVIDER_LIST_LIMIT = 200;

/** `GET /events/{consumerOrgId}/providers`: the providers the organization is entitled to, all pages. */
async function listProviders(this: AdobeFunctions, qs: IDataObject): Promise<IDataObject[]> {
	const context = await getAdobeContext.call(this);
	return await adobeApiRequestAllItems.call(
		this,
		{
			method: 'GET',
			path: `/events/${encodeURIComponent(String(context.consumerOrgId))}/providers`,
			qs,
		},
		'providers',
	);
}

/** Providers the organization is entitled to, each with `_embedded.eventmetadata`. */
export async function listProvidersWithEventMetadata(this: AdobeFunctions): Promise<IDataObject[]> {
	return await listProviders.call(this, { eventmetadata: true });
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

/** listSearch `searchProviders`: providers by label, ID or kind. */
export async function searchProviders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const providers = await listProvidersWithEventMetadata.call(this);
	const matching = providers.filter((p) =>
		matchesFilter(filter, p.label, p.id, p.provider_metadata, p.description),
	);
	return { results: pickerEntries(matching.map(providerItem), PROVIDER_LIST_LIMIT) };
}

/** listSearch `searchCustomProviders`: custom events providers (3rd_party_custom_events) by label or ID. */
export async function searchCustomProviders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const providers = await listProviders.call(this, {
		providerMetadataId: '3rd_party_custom_events',
		eventmetadata: false,
	});
	const entries = providers
		.filter((provider) => matchesFilter(filter, provider.label, provider.id))
		.slice(0, PROVIDER_LIST_LIMIT)
		.map((provider) => ({
			name: String(provider.label ?? provider.id),
			value: String(provider.id ?? ''),
		}));
	return { results: pickerEntries(entries, PROVIDER_LIST_LIMIT) };
}
