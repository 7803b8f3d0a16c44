/**
 * The Watch Events trigger's process-wide delivery state (one DeliveryRuntime per n8n process)
 * and the scope both the lifecycle hooks and webhook() use to address their part of it.
 */
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { credentialTypeOf, getAdobeContext, type AdobeContext } from '../transport';
import { createDeliveryRuntime, type DeliveryRuntime } from '../webhook/runtime';
import { readClientSecret } from './settings';

export type TriggerRuntime = DeliveryRuntime<AdobeContext>;

/** The delivery state of every Watch Events trigger in this n8n process (see ../webhook/runtime). */
export const deliveryRuntime: TriggerRuntime = createDeliveryRuntime<AdobeContext>();

/** One trigger node of one workflow; "Listen for test event" and the published workflow apart. */
export function triggerScope(fn: IHookFunctions | IWebhookFunctions): string {
	const node = fn.getNode();
	const phase = fn.getMode() === 'manual' ? 'test' : 'prod';
	return `${String(fn.getWorkflow().id ?? '')}|${node.id ?? node.name}|${phase}`;
}

/** Cache key of a trigger node's credential (the credential can change; the node keeps its id). */
function credentialKey(fn: IWebhookFunctions): string {
	const node = fn.getNode();
	const credentialType = credentialTypeOf(fn);
	const credentialId = node.credentials?.[credentialType]?.id ?? '';
	return `${String(fn.getWorkflow().id ?? '')}|${node.id ?? node.name}|${credentialType}|${credentialId}`;
}

/**
 * The delivery context (client id, environment, base URLs — nothing secret) of this trigger node
 * and credential, reused for ≤ 60 s: reading the credential makes n8n decrypt it and evaluate its
 * expressions, a cost every delivery would otherwise pay. A changed credential is picked up within
 * a minute.
 */
export async function deliveryContext(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
): Promise<AdobeContext> {
	return await runtime.contexts.get(credentialKey(fn), async () => await getAdobeContext.call(fn));
}

/** The client secret for the HMAC check, cached like the delivery context (never logged, never in an item). */
export async function clientSecret(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
): Promise<string> {
	return await runtime.secrets.get(credentialKey(fn), async () => await readClientSecret.call(fn));
}
