import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequest } from '../../transport';
import { eventCodeOption, operationDescription, providerLocator } from '../common.descriptions';
import { providerPath } from '../provider/api';
import { getRequiredId } from '../utils';

export const description = operationDescription('sampleEvent', 'get', [
	providerLocator,
	eventCodeOption,
]);

/** Adobe returns the sample as a JSON string in `sample_payload`; parse it when it is JSON. */
export function parseSamplePayload(sample: IDataObject): IDataObject {
	const payload = sample.sample_payload;
	if (typeof payload !== 'string') return sample;
	try {
		return { ...sample, sample_payload: JSON.parse(payload) as IDataObject };
	} catch {
		return sample;
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getRequiredId.call(this, 'eventCode', itemIndex, 'Event type');
	const sample = (await adobeApiRequest.call(this, {
		method: 'GET',
		path: providerPath(providerId, 'eventmetadata', eventCode, 'sample_event'),
	})) as IDataObject;
	return { providerId, eventCode, ...parseSamplePayload(sample) };
}
