import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { updateFieldsCollection } from '../../shared/descriptions';
import { customProviderLocator, operationDescription } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';
import { getProvider } from './get.operation';
import { validateProviderModel } from './model';

export const description = operationDescription('provider', 'update', [
	customProviderLocator,
	updateFieldsCollection([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Description of the provider (up to 255 characters)',
		},
		{
			displayName: 'Documentation URL',
			name: 'docsUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/docs/events',
			description: 'Where subscribers can read about the events of this provider',
		},
		{
			displayName: 'Label',
			name: 'label',
			type: 'string',
			default: '',
			description: 'Name of the provider shown in the Adobe Developer Console',
		},
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	// Adobe's PUT replaces label, description and docs_url: keep what the user did not change.
	const current = await getProvider.call(this, providerId, false);
	const body: IDataObject = { label: current.label };
	if (current.description !== undefined && current.description !== null) body.description = current.description;
	if (current.docs_url !== undefined && current.docs_url !== null) body.docs_url = current.docs_url;
	if (changes.label !== undefined) body.label = String(changes.label).trim();
	if (changes.description !== undefined) body.description = String(changes.description);
	if (changes.docsUrl !== undefined) body.docs_url = String(changes.docsUrl).trim();
	validateProviderModel.call(this, body, itemIndex);

	const context = await getAdobeContext.call(this);
	return (await adobeApiRequest.call(this, {
		method: 'PUT',
		path: workspacePath(context, 'providers', seg(providerId)),
		body,
	})) as IDataObject;
}
