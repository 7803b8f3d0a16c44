import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Errors leaving a node are always NodeApiError / NodeOperationError: those from the transport
 * pass through unchanged (they already carry Adobe's answer, secret-free); anything else is
 * wrapped with `message` and its own text as the description.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	message = 'The request to Adobe I/O Events failed',
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const text = error instanceof Error ? error.message : String(error);
	return new NodeApiError(node, { message: text } as JsonObject, { message, description: text });
}
