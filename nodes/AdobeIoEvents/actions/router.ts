import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { AdobeIoEventsResource, ExecutionState, OperationModule } from './node.type';
import { resources } from './resources';
import { EventCodeCache } from './utils';

function findOperation(resource: string, operation: string): OperationModule | undefined {
	if (!Object.prototype.hasOwnProperty.call(resources, resource)) return undefined;
	const operations = resources[resource as AdobeIoEventsResource] as unknown as Record<
		string,
		OperationModule | undefined
	>;
	if (!Object.prototype.hasOwnProperty.call(operations, operation)) return undefined;
	// a resource module also exports its `description` array: only an operation module runs
	const candidate = operations[operation];
	return typeof candidate?.execute === 'function' ? candidate : undefined;
}

/** What continueOnFail outputs for a failed item: message, details and HTTP status if any. */
function errorJson(error: Error & { description?: unknown; httpCode?: unknown }): IDataObject {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description !== '') {
		json.description = error.description;
	}
	if (error.httpCode !== undefined && error.httpCode !== null) json.httpCode = String(error.httpCode);
	return json;
}

/**
 * Runs the chosen operation once per input item. Every output item is paired with its input
 * item; a failing item either stops the node with an error that names the item, or (with
 * Continue On Fail) becomes an `{ error }` item and the next item runs.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const state: ExecutionState = { eventCodes: new EventCodeCache() };

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const module = findOperation(resource, operation);
			if (!module) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of resource "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			const result = await module.execute.call(this, itemIndex, state);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: errorJson(error as Error), pairedItem: { item: itemIndex } });
				continue;
			}
			if (error instanceof NodeApiError) {
				error.context.itemIndex = itemIndex;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			if (error instanceof NodeOperationError) {
				error.context.itemIndex = itemIndex;
				throw new NodeOperationError(this.getNode(), error, { itemIndex });
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
