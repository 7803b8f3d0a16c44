import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_BODY_LENGTH,
	MAX_BODY_LENGTH,
	MAX_TRACES,
	flattenTraces,
	traceItem,
	type DeliveryTrace,
} from '../../diagnosis/traces';
import { registrationsOf } from '../../registrations/client';
import { httpCodeOf } from '../../registrations/errors';
import { getAdobeContext } from '../../transport';
import { optionsCollection } from '../../shared/descriptions';
import { operationDescription, registrationLocator } from '../common.descriptions';
import type { OperationResult } from '../node.type';
import { getRequiredId } from '../utils';

const CREDENTIAL_ID_HELP =
	'Open the Adobe I/O Events credential and fill in "Credential ID": in Adobe Developer Console open the project, click Download (project overview) and copy project.workspace.details.credentials[].id from the JSON — a number such as 54108, not the Client ID.';

export const description = operationDescription('registration', 'getDeliveryTraces', [
	registrationLocator,
	{
		displayName: 'Only Failures',
		name: 'onlyFailures',
		type: 'boolean',
		default: false,
		description:
			'Whether to output only the deliveries that failed (any answer but 2xx, and Adobe’s 6xx codes for no answer)',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TRACES },
		default: 50,
		description: 'Max number of results to return',
	},
	optionsCollection('Add option', [
		{
			displayName: 'Body Length',
			name: 'bodyLength',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_BODY_LENGTH },
			default: DEFAULT_BODY_LENGTH,
			description:
				'How many characters of each request and response body to keep (longer ones are cut and marked as trimmed; 0 leaves the bodies out). Adobe itself keeps at most 64 KB.',
		},
		{
			displayName: 'Include Validation Requests',
			name: 'includeValidations',
			type: 'boolean',
			default: false,
			description:
				'Whether to also output Adobe’s validation (challenge) requests to the webhook, not only event deliveries',
		},
	]),
]);

/**
 * Adobe's Debug Tracing for a registration (`GET /events/organizations/{consumerOrgId}/integrations/
 * {credentialId}/tracing/{registrationId}`): the last 100 requests Adobe sent to its webhook, newest
 * first, flattened. Shared with Diagnose.
 */
export async function getDeliveryTraces(
	this: IExecuteFunctions,
	registrationId: string,
	itemIndex: number,
	bodyLength = DEFAULT_BODY_LENGTH,
): Promise<DeliveryTrace[]> {
	const context = await getAdobeContext.call(this);
	if (!context.credentialId) {
		throw new NodeOperationError(
			this.getNode(),
			'The credential field "Credential ID" is empty: Adobe keeps delivery traces per credential, so it is needed to read them',
			{ itemIndex, description: CREDENTIAL_ID_HELP },
		);
	}
	if (!context.consumerOrgId) {
		throw new NodeOperationError(
			this.getNode(),
			'The credential field "Consumer Org ID" is empty: it is needed to read delivery traces',
			{
				itemIndex,
				description: 'Find it in the Developer Console project JSON (project.org.id) or URL.',
			},
		);
	}
	let body: unknown;
	try {
		body = await registrationsOf(this, context).traces(registrationId);
	} catch (error) {
		if (httpCodeOf(error) === '404') {
			throw new NodeOperationError(
				this.getNode(),
				`Adobe has no delivery traces for registration "${registrationId}" under Credential ID ${context.credentialId}`,
				{
					itemIndex,
					description: `Check the registration ID, and that the credential's "Credential ID" belongs to the project of this registration. ${CREDENTIAL_ID_HELP}`,
				},
			);
		}
		throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
	}
	return flattenTraces(body, bodyLength);
}

/** One item per delivery attempt, newest first. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	const onlyFailures = this.getNodeParameter('onlyFailures', itemIndex, false) as boolean;
	const limit = Math.min(
		MAX_TRACES,
		Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)) || 1),
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		bodyLength?: number;
		includeValidations?: boolean;
	};
	const traces = await getDeliveryTraces.call(
		this,
		registrationId,
		itemIndex,
		options.bodyLength ?? DEFAULT_BODY_LENGTH,
	);
	return traces
		.filter((trace) => options.includeValidations === true || trace.kind === 'delivery')
		.filter((trace) => !onlyFailures || !trace.success)
		.slice(0, limit)
		.map(traceItem);
}
