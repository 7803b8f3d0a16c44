import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { diagnose } from '../../diagnosis/rules';
import type { DeliveryTrace } from '../../diagnosis/traces';
import { registrationsFor } from '../../registrations/client';
import { isPushDelivery } from '../../registrations/model';
import { getAdobeContext } from '../../transport';
import { PUBLIC_URL_SETTING } from '../../diagnosis/webhookUrl';
import { optionsCollection } from '../../shared/descriptions';
import { operationDescription, registrationLocator } from '../common.descriptions';
import { getRequiredId } from '../utils';
import { getDeliveryTraces } from './getDeliveryTraces.operation';

/** Failed deliveries a diagnosis lists (newest first). */
export const LAST_FAILURES = 5;

export const description = operationDescription('registration', 'diagnose', [
	registrationLocator,
	optionsCollection('Add option', [
		{
			displayName: 'Public Webhook Base URL',
			name: 'webhookBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/',
			description: `The public base URL of this n8n’s webhooks (${PUBLIC_URL_SETTING}). Leave empty to use the base URL n8n reports; set it when the editor and the webhooks have different addresses.`,
		},
	]),
]);

function failureItem(trace: DeliveryTrace): IDataObject {
	return {
		time: trace.time,
		responseCode: trace.responseCode,
		meaning: trace.meaning,
		eventId: trace.eventId,
		eventCode: trace.eventCode,
	};
}

/**
 * One item: a verdict on why events do or do not arrive, built from the registration, its delivery
 * traces and — when its URL is one of this n8n's webhooks — what that means here.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	const options = this.getNodeParameter('options', itemIndex, {}) as { webhookBaseUrl?: string };
	const configuredBase = (options.webhookBaseUrl ?? '').trim();
	const context = await getAdobeContext.call(this);
	const registration = await (await registrationsFor(this)).get(registrationId);

	let traces: DeliveryTrace[] | undefined;
	let tracesUnavailable = '';
	if (isPushDelivery(registration.delivery_type)) {
		try {
			traces = await getDeliveryTraces.call(this, registrationId, itemIndex, 0);
		} catch (error) {
			// A verdict from the registration alone still helps; say why the traces are missing.
			const { message, description: hint } = error as Error & { description?: unknown };
			tracesUnavailable = `${message}${typeof hint === 'string' && hint ? `. ${hint}` : ''}`;
		}
	}

	const result = diagnose({
		registration,
		traces,
		tracesUnavailable,
		instanceBaseUrl: configuredBase || this.getInstanceBaseUrl(),
		environment: context.environment,
	});
	const { facts } = result;
	return {
		verdict: result.verdict,
		severity: result.severity,
		status: result.status,
		summary: result.summary,
		action: result.action,
		findings: result.findings,
		registrationId: facts.registrationId || registrationId,
		registrationName: facts.name,
		deliveryType: facts.deliveryType,
		webhookUrl: facts.webhookUrl,
		enabled: facts.enabled,
		webhookStatus: facts.webhookStatus,
		n8nWebhook: facts.url.n8nKind ?? '',
		thisN8n: facts.url.thisInstance,
		tracesRead: facts.tracesRead,
		deliveries: facts.stats as unknown as IDataObject,
		lastFailures: facts.deliveries
			.filter((trace) => !trace.success)
			.slice(0, LAST_FAILURES)
			.map(failureItem),
	};
}
