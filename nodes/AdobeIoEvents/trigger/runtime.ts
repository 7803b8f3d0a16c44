/**
 * The Watch Events trigger's process-wide delivery state (one DeliveryRuntime per n8n process)
 * and the scope both the lifecycle hooks and webhook() use to address their part of it.
 */
import type {
	ICredentialDataDecryptedObject,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { contextOrThrow, credentialTypeOf, type AdobeContext } from '../transport';
import { createDeliveryRuntime, type DeliveryRuntime } from '../webhook/runtime';

/** What a delivery needs from the trigger's credential: read at most once a minute per trigger node. */
export interface DeliveryCredential {
	/** client id, environment, base URLs — nothing secret */
	ctx: AdobeContext;
	/** for the legacy HMAC check only ('' when the check does not use it) */
	clientSecret: string;
}

export type TriggerRuntime = DeliveryRuntime<DeliveryCredential>;

/** The delivery state of every Watch Events trigger in this n8n process (see ../webhook/runtime). */
export const deliveryRuntime: TriggerRuntime = createDeliveryRuntime<DeliveryCredential>();

/** How a trigger node is told apart within its workflow: its id (its name when it has none). */
export function nodeKeyOf(node: { id?: string; name: string }): string {
	return node.id ?? node.name;
}

/**
 * The delivery-state scope of one trigger node: `nodeKey` (nodeKeyOf) of workflow `workflowId`, in test
 * ("Listen for test event") or production. The Journal Trigger that backs a Watch Events trigger up
 * uses the production scope of that trigger's node, so both paths share one de-duplication window.
 */
export function scopeOf(workflowId: string, nodeKey: string, phase: 'test' | 'prod'): string {
	return `${workflowId}|${nodeKey}|${phase}`;
}

/** One trigger node of one workflow; "Listen for test event" and the published workflow apart. */
export function triggerScope(fn: IHookFunctions | IWebhookFunctions): string {
	const phase = fn.getMode() === 'manual' ? 'test' : 'prod';
	return scopeOf(String(fn.getWorkflow().id ?? ''), nodeKeyOf(fn.getNode()), phase);
}

/** Cache key of a trigger node's credential (the credential can change; the node keeps its id). */
export function credentialKey(fn: IWebhookFunctions): string {
	const node = fn.getNode();
	const credentialType = credentialTypeOf(fn);
	const credentialId = node.credentials?.[credentialType]?.id ?? '';
	return `${String(fn.getWorkflow().id ?? '')}|${nodeKeyOf(node)}|${credentialType}|${credentialId}`;
}

/**
 * What deliveries of this trigger node need from its credential, read ONCE (n8n decrypts the
 * credential and evaluates its expressions on every read, a cost every delivery would otherwise
 * pay) and reused for ≤ 60 s: a changed credential is picked up within a minute, or at once when
 * `refresh` (a check that failed on the cached value; see `runtime.mayRefresh`).
 */
export async function deliveryCredential(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	options: { refresh?: boolean } = {},
): Promise<DeliveryCredential> {
	const key = credentialKey(fn);
	if (options.refresh) runtime.credentials.delete(key);
	return await runtime.credentials.get(key, async () => {
		const credentialType = credentialTypeOf(fn);
		const data = await fn.getCredentials<ICredentialDataDecryptedObject>(credentialType);
		const clientSecret = typeof data.clientSecret === 'string' ? data.clientSecret : '';
		return { ctx: contextOrThrow(fn, credentialType, data), clientSecret };
	});
}
