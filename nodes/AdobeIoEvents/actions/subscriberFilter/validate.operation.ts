import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { operationDescription, registrationLocator } from '../common.descriptions';
import { getRequiredId, getString, parseJsonValue, parseOptionalJson, seg } from '../utils';

export const description = operationDescription('subscriberFilter', 'validate', [
	{ ...registrationLocator, description: 'The registration the filter is meant for' },
	{
		displayName: 'Filter (JSON)',
		name: 'filter',
		type: 'json',
		default: '{\n  "data": {\n    "status": ["paid"]\n  }\n}',
		required: true,
		description:
			'The event-ruler pattern to check, as a JSON object. Events match when every field listed matches one of its values.',
	},
	{
		displayName: 'Filter Name',
		name: 'filterName',
		type: 'string',
		default: 'n8n subscriber filter',
		description: 'Name of the filter (3 to 80 characters)',
	},
	{
		displayName: 'Sample Events (JSON)',
		name: 'sampleEvents',
		type: 'json',
		default: '[]',
		description:
			'Optional events to test the filter against, as a JSON array; the result tells which of them match',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	const filterText = this.getNodeParameter('filter', itemIndex, '');
	const pattern = parseJsonValue.call(this, filterText, 'Filter', itemIndex, 'object');
	const name = getString.call(this, 'filterName', itemIndex) || 'n8n subscriber filter';
	const samplesText = this.getNodeParameter('sampleEvents', itemIndex, '[]');
	const samples = parseOptionalJson.call(this, samplesText, 'Sample Events', itemIndex, 'array', '[]');
	const body: IDataObject = { name, subscriber_filter: JSON.stringify(pattern) };
	if (Array.isArray(samples) && samples.length) body.sample_events = samples as IDataObject[];

	const context = await getAdobeContext.call(this);
	const result = (await adobeApiRequest.call(this, {
		method: 'POST',
		path: workspacePath(context, 'registrations', seg(registrationId), 'filter', 'validate'),
		body,
	})) as unknown;
	const output: IDataObject = { valid: true, registrationId, filter: pattern as IDataObject };
	if (result !== null && typeof result === 'object') Object.assign(output, result as IDataObject);
	return output;
}
