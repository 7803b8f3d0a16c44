import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Errors leaving the trigger are always NodeApiError / NodeOperationError: those from the transport
 * pass through unchanged (they already carry Adobe's answer); anything else is wrapped.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	message = 'Reading the Adobe I/O Events journal failed',
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const text = error instanceof Error ? error.message : String(error);
	return new NodeApiError(node, { message: text } as JsonObject, { message, description: text });
}
