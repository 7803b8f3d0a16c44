import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { updateFieldsCollection } from '../../shared/descriptions';
import { customProviderLocator, operationDescription } from '../common.descriptions';
import { getRequiredId, getUpdateFields } from '../utils';
import { writeCustomProvider } from './api';
import { providerDescriptionField, providerDocsUrlField, providerLabelField } from './fields';
import { getProvider } from './get.operation';
import { validateProviderModel } from './model';

export const description = operationDescription('provider', 'update', [
	customProviderLocator,
	updateFieldsCollection([providerDescriptionField(), providerDocsUrlField(), providerLabelField()]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const changes = getUpdateFields.call(this, itemIndex);
	// Adobe's PUT replaces label, description and docs_url: keep what the user did not change.
	const current = await getProvider.call(this, providerId, false);
	const body: IDataObject = { label: current.label };
	if (current.description !== undefined && current.description !== null) body.description = current.description;
	if (current.docs_url !== undefined && current.docs_url !== null) body.docs_url = current.docs_url;
	if (changes.label !== undefined) body.label = String(changes.label).trim();
	if (changes.description !== undefined) body.description = String(changes.description);
	if (changes.docsUrl !== undefined) body.docs_url = String(changes.docsUrl).trim();
	validateProviderModel.call(this, body, itemIndex);
	return await writeCustomProvider.call(this, 'PUT', [providerId], body);
}
