/**
 * Registration lifecycle of the Watch Events trigger: n8n's checkExists / create / delete hooks.
 *
 * n8n calls checkExists → (false) create on every publish, start and "Listen for test event",
 * retries activation up to 5 times, and calls delete on unpublish / end of test. Adobe allows
 * only 30 registrations per client ID, so every hook is idempotent and reconciles with what Adobe
 * actually holds, matched by this node's webhook URL — never trusting static data alone. Test
 * ("Listen for test event") and production registrations are different URLs, are tracked in
 * different static data, and carry different names. The steps live in ./reconcile.ts, the
 * working set each hook opens in ./run.ts.
 */
import type { IHookFunctions } from 'n8n-workflow';

import { registrationsOf } from '../registrations/client';
import { getAdobeContext } from '../transport';
import { lifecycleError } from './errors';
import { withdrawLink } from './link';
import { adopt, createNew } from './reconcile';
import {
	findById,
	findByUrls,
	forgetRegistration,
	MAX_DUPLICATES_REMOVED,
	nodeDeliveryUrls,
	openLifecycle,
	stateOf,
} from './run';
import { deliveryRuntime, triggerScope, type TriggerRuntime } from './runtime';

export async function checkExists(
	this: IHookFunctions,
	runtime: TriggerRuntime = deliveryRuntime,
): Promise<boolean> {
	const run = await openLifecycle(this, runtime);
	const storedId = run.state.registrationId;
	if (storedId) {
		const stored = await findById(run, storedId);
		// Ours by ID: also follows a changed n8n URL (the PUT re-runs Adobe's challenge).
		if (stored) {
			await adopt(run, stored);
			return true;
		}
		this.logger.info(
			`Adobe I/O Events: registration ${storedId} no longer exists; looking it up by URL`,
		);
		forgetRegistration(run.state);
	}
	const matches = await findByUrls(this, run.registrations, run.nodeUrls);
	if (matches.length === 0) return false;
	this.logger.info(
		`Adobe I/O Events: adopting existing registration ${String(matches[0].registration_id)} for ${run.webhookUrl}`,
	);
	// Also a test registration left behind (n8n stopped while listening): it serves this test too.
	await adopt(run, matches[0], matches);
	return true;
}

export async function create(
	this: IHookFunctions,
	runtime: TriggerRuntime = deliveryRuntime,
): Promise<boolean> {
	const run = await openLifecycle(this, runtime);
	// An earlier attempt may have created it (activation is retried), or it delivers to this node's
	// other Acknowledge path: adopt (and move) instead of duplicating.
	const matches = await findByUrls(this, run.registrations, run.nodeUrls);
	if (matches.length > 0) await adopt(run, matches[0], matches);
	else await createNew(run);
	return true;
}

export async function deleteRegistration(
	this: IHookFunctions,
	runtime: TriggerRuntime = deliveryRuntime,
): Promise<boolean> {
	const state = stateOf(this);
	const registrations = registrationsOf(this, await getAdobeContext.call(this));
	runtime.validations.close(triggerScope(this));
	let ids: string[] = [];
	if (state.registrationId) ids = [state.registrationId];
	else {
		const urls = nodeDeliveryUrls(this, 'whenQueued');
		const matches = urls.length ? await findByUrls(this, registrations, urls) : [];
		ids = matches.map((r) => String(r.registration_id)).slice(0, MAX_DUPLICATES_REMOVED);
	}
	for (const id of ids) {
		try {
			if (await registrations.remove(id))
				this.logger.info(`Adobe I/O Events: deleted registration ${id}`);
		} catch (error) {
			// Keep the ID: the next activation's checkExists reconciles it.
			this.logger.warn(
				`Adobe I/O Events: could not delete registration ${id}; kept for the next activation`,
			);
			throw lifecycleError(
				this,
				error,
				`Could not delete the Adobe registration ${id}`,
				'n8n keeps its ID and removes or reuses it the next time this workflow is published (n8n 1.x: activated). You can also delete it in Adobe Developer Console.',
			);
		}
	}
	forgetRegistration(state);
	withdrawLink(this);
	return true;
}
