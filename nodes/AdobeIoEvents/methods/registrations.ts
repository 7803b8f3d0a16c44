import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { registrationsFor } from '../registrations/client';
import { adobeApiRequestAllItems, getAdobeContext } from '../transport';

/** Most entries a dropdown shows (a filter narrows the list further). */
export const LIST_SEARCH_LIMIT = 200;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

/** Registrations of the credential's workspace, filtered by name or ID. */
export async function searchRegistrations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const registrations = await (await registrationsFor(this)).list();
	const results = registrations
		.filter((registration: IDataObject) =>
			matches(filter, registration.name, registration.registration_id),
		)
		.slice(0, LIST_SEARCH_LIMIT)
		.map((registration: IDataObject) => {
			const state = registration.enabled === false ? ', disabled' : '';
			return {
				name: `${String(registration.name ?? registration.registration_id)} (${String(registration.delivery_type ?? 'registration')}${state})`,
				value: String(registration.registration_id ?? ''),
			};
		})
		.filter((entry) => entry.value !== '')
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Custom events providers (provider metadata 3rd_party_custom_events) of the organization. */
export async function searchCustomProviders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const context = await getAdobeContext.call(this);
	const providers = await adobeApiRequestAllItems.call(
		this,
		{
			method: 'GET',
			path: `/events/${encodeURIComponent(String(context.consumerOrgId))}/providers`,
			qs: { providerMetadataId: '3rd_party_custom_events', eventmetadata: false },
		},
		'providers',
	);
	const results = providers
		.filter((provider: IDataObject) => matches(filter, provider.label, provider.id))
		.slice(0, LIST_SEARCH_LIMIT)
		.map((provider: IDataObject) => ({
			name: String(provider.label ?? provider.id),
			value: String(provider.id ?? ''),
		}))
		.filter((entry) => entry.value !== '')
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
