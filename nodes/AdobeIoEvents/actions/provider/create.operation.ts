import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { additionalFieldsCollection } from '../../shared/descriptions';
import { operationDescription, requiredWithExample } from '../common.descriptions';
import { getString } from '../utils';
import { writeCustomProvider } from './api';
import { providerDescriptionField, providerDocsUrlField, providerLabelField } from './fields';
import { validateProviderModel } from './model';

export const description = operationDescription('provider', 'create', [
	requiredWithExample(providerLabelField(), 'e.g. Webshop orders'),
	additionalFieldsCollection([
		{
			displayName: 'Data Residency Region',
			name: 'dataResidencyRegion',
			type: 'options',
			options: [
				{ name: 'Europe (IRL1)', value: 'IRL1' },
				{ name: 'United States (VA6)', value: 'VA6' },
			],
			default: 'VA6',
			description: 'Where Adobe stores the events of this provider',
		},
		providerDescriptionField(),
		providerDocsUrlField(),
		{
			displayName: 'Instance ID',
			name: 'instanceId',
			type: 'string',
			default: '',
			description:
				'Unique ID of this provider instance. Adobe generates one if empty. Creating a provider again with the same instance ID fails with a conflict.',
		},
		{
			displayName: 'Provider Metadata',
			name: 'providerMetadata',
			type: 'string',
			default: '3rd_party_custom_events',
			description:
				'Kind of provider: 3rd_party_custom_events for your own events (see resource Provider Metadata)',
		},
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { label: getString.call(this, 'label', itemIndex) };
	if (additional.description) body.description = String(additional.description);
	if (additional.docsUrl) body.docs_url = String(additional.docsUrl).trim();
	body.provider_metadata =
		String(additional.providerMetadata ?? '').trim() || '3rd_party_custom_events';
	if (additional.instanceId) body.instance_id = String(additional.instanceId).trim();
	if (additional.dataResidencyRegion) body.data_residency_region = additional.dataResidencyRegion;
	validateProviderModel.call(this, body, itemIndex);
	return await writeCustomProvider.call(this, 'POST', [], body);
}
