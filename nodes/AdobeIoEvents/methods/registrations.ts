import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { registrationsFor } from '../registrations/client';
import { matchesFilter, pickerEntries } from './search';

/** Most registrations the list shows (a filter narrows the list further). */
export const LIST_SEARCH_LIMIT = 200;

/** Registrations of the credential's workspace, filtered by name or ID. */
export async function searchRegistrations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const registrations = await (await registrationsFor(this)).list();
	const entries = registrations
		.filter((registration: IDataObject) =>
			matchesFilter(filter, registration.name, registration.registration_id),
		)
		.slice(0, LIST_SEARCH_LIMIT)
		.map((registration: IDataObject) => {
			const state = registration.enabled === false ? ', disabled' : '';
			return {
				name: `${String(registration.name ?? registration.registration_id)} (${String(registration.delivery_type ?? 'registration')}${state})`,
				value: String(registration.registration_id ?? ''),
			};
		});
	return { results: pickerEntries(entries, LIST_SEARCH_LIMIT) };
}
