/**
 * One lifecycle hook's working set, read once at its start (settings, this node's delivery URLs,
 * static data, the registrations client), and the reads every hook shares. The steps that change
 * Adobe live in ./reconcile.ts; the hooks in ./lifecycle.ts.
 */
import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { checkWebhookReach } from '../diagnosis/webhookUrl';
import { registrationsOf, type RegistrationsClient } from '../registrations/client';
import { getAdobeContext, type AdobeContext } from '../transport';
import { orFail, plainHttpWarning, SET_PUBLIC_URL, unreachableUrlError } from './errors';
import type { TriggerSettings } from './registration';
import { type TriggerRuntime, triggerScope } from './runtime';
import {
	readAcknowledgeMode,
	readTriggerSettings,
	WEBHOOK_NAMES,
	type AcknowledgeMode,
} from './settings';

/** What the trigger keeps in the node's static data (test and production have their own). */
export interface RegistrationState extends IDataObject {
	registrationId?: string;
	webhookUrl?: string;
	health?: string;
}

/** Most registrations with this node's URL cleaned up in one go (duplicates from old bugs). */
export const MAX_DUPLICATES_REMOVED = 10;

/** Everything one lifecycle hook works with, read once at its start. */
export interface LifecycleRun {
	fn: IHookFunctions;
	settings: TriggerSettings;
	/** The URL the registration must deliver to (the path of the chosen Acknowledge mode). */
	webhookUrl: string;
	/** Every delivery URL of this node (one per Acknowledge mode): a registration on any is ours. */
	nodeUrls: string[];
	state: RegistrationState;
	registrations: RegistrationsClient;
	runtime: TriggerRuntime;
	scope: string;
}

export function stateOf(fn: IHookFunctions): RegistrationState {
	return fn.getWorkflowStaticData('node') as RegistrationState;
}

export function forgetRegistration(state: RegistrationState): void {
	delete state.registrationId;
	delete state.webhookUrl;
	delete state.health;
}

/** This node's delivery URL for each Acknowledge mode (the chosen one first). */
export function nodeDeliveryUrls(fn: IHookFunctions, chosen: AcknowledgeMode): string[] {
	const modes = [
		chosen,
		...(Object.keys(WEBHOOK_NAMES) as AcknowledgeMode[]).filter((m) => m !== chosen),
	];
	return modes
		.map((mode) => fn.getNodeWebhookUrl(WEBHOOK_NAMES[mode].delivery))
		.filter((url): url is string => typeof url === 'string' && url !== '');
}

function requireWebhookUrl(fn: IHookFunctions, urls: string[]): string {
	const url = urls[0];
	if (!url) {
		throw new NodeOperationError(
			fn.getNode(),
			'n8n could not determine this trigger’s webhook URL',
			{
				description: `Save the workflow and try again; ${SET_PUBLIC_URL}.`,
			},
		);
	}
	return url;
}

/**
 * Refuses, before any call to Adobe, a webhook URL Adobe cannot reach (Production and Stage; the policy
 * is diagnosis/webhookUrl.ts); warns in the log about http:// on a public host.
 */
function requireReachable(fn: IHookFunctions, ctx: AdobeContext, webhookUrl: string): void {
	const verdict = checkWebhookReach(webhookUrl, ctx.environment);
	if (verdict.kind === 'not-public')
		throw unreachableUrlError(fn, webhookUrl, verdict.host, verdict.reach);
	if (verdict.kind === 'plain-http') fn.logger.warn(plainHttpWarning(webhookUrl));
}

export async function openLifecycle(
	fn: IHookFunctions,
	runtime: TriggerRuntime,
): Promise<LifecycleRun> {
	const nodeUrls = nodeDeliveryUrls(fn, readAcknowledgeMode.call(fn));
	const webhookUrl = requireWebhookUrl(fn, nodeUrls);
	const settings = readTriggerSettings.call(fn);
	const ctx = await getAdobeContext.call(fn);
	requireReachable(fn, ctx, webhookUrl);
	return {
		fn,
		settings,
		webhookUrl,
		nodeUrls,
		state: stateOf(fn),
		registrations: registrationsOf(fn, ctx),
		runtime,
		scope: triggerScope(fn),
	};
}

/** The registration with this ID, or undefined when Adobe no longer has it. */
export async function findById(run: LifecycleRun, id: string): Promise<IDataObject | undefined> {
	return await orFail(
		run.fn,
		run.registrations.find(id),
		'Could not read the Adobe registration of this trigger',
		'Check that Adobe I/O Events is reachable and the credential is valid, then publish the workflow again (n8n 1.x: activate it).',
	);
}

/** The workspace's registrations that deliver to one of `urls` (all pages; those of `urls[0]` first). */
export async function findByUrls(
	fn: IHookFunctions,
	registrations: RegistrationsClient,
	urls: string[],
): Promise<IDataObject[]> {
	return await orFail(
		fn,
		registrations.findByUrls(urls),
		'Could not list the registrations of your Adobe workspace',
		'Check the credential (Consumer Org, Project and Workspace IDs, and the I/O Management API scope), then publish the workflow again (n8n 1.x: activate it).',
	);
}
