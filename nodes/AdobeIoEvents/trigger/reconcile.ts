/**
 * Bringing Adobe in line with the trigger: adopt a registration that already delivers to this
 * node's URL (update what drifted, drop duplicates), or create one. Used by the hooks in
 * ./lifecycle.ts with the working set of ./run.ts; every step is idempotent, so n8n's retried
 * activations never leave two.
 */
import { NodeApiError, type IDataObject, type JsonObject } from 'n8n-workflow';

import { conflictingIdOf, errorText, httpCodeOf } from '../registrations/errors';
import { registrationHealth, registrationIdOf } from '../registrations/model';
import { describeWriteFailure, lifecycleError, NEXT_STEPS, SET_PUBLIC_URL } from './errors';
import { registrationBody, registrationDrift } from './registration';
import { findById, forgetRegistration, MAX_DUPLICATES_REMOVED, type LifecycleRun } from './run';
import { requestSampleEventLater } from './sampleEvent';

function checkHealth(run: LifecycleRun, registration: IDataObject): void {
	const health = registrationHealth(registration);
	run.state.health = health;
	// Only a registration Adobe is still validating may have its validation URL followed.
	if (health !== 'pending') run.runtime.validations.close(run.scope);
	const { logger } = run.fn;
	const id = String(registration.registration_id ?? '');
	if (health === 'unstable') {
		logger.warn(
			`Adobe I/O Events: registration ${id} is UNSTABLE (most recent deliveries failed). Adobe keeps delivering but may disable it; check that n8n answers quickly at ${String(registration.webhook_url)}. Registration → Diagnose in the Adobe I/O Events node tells why; the Journal Trigger can fetch what was missed.`,
		);
	} else if (health === 'pending') {
		logger.info(`Adobe I/O Events: registration ${id} awaits asynchronous webhook validation.`);
	} else if (health === 'disabled') {
		logger.warn(`Adobe I/O Events: registration ${id} is DISABLED by Adobe.`);
		throw new NodeApiError(run.fn.getNode(), { message: 'registration disabled' } as JsonObject, {
			message: `Adobe has disabled the registration "${String(registration.name ?? id)}" of this trigger`,
			description:
				'Adobe stops delivering to a registration after most deliveries failed, or when the webhook challenge failed; ' +
				'n8n asked Adobe to re-enable it and Adobe refused. Make sure n8n is reachable over public HTTPS at ' +
				`${String(registration.webhook_url)} (${SET_PUBLIC_URL}), then unpublish and publish the workflow again ` +
				`(n8n 1.x: deactivate and activate) or re-enable the registration in Adobe Developer Console. ${NEXT_STEPS}`,
		});
	}
}

async function removeDuplicates(
	run: LifecycleRun,
	keep: string,
	matches: IDataObject[],
): Promise<void> {
	const extras = matches.filter((r) => r.registration_id !== keep).slice(0, MAX_DUPLICATES_REMOVED);
	for (const extra of extras) {
		const id = String(extra.registration_id);
		try {
			if (await run.registrations.remove(id)) {
				run.fn.logger.info(
					`Adobe I/O Events: removed duplicate registration ${id} for this trigger's URL`,
				);
			}
		} catch (error) {
			run.fn.logger.warn(
				`Adobe I/O Events: could not remove duplicate registration ${id}: ${errorText(error).slice(0, 200)}`,
			);
		}
	}
}

/**
 * Makes `registration` (already ours: stored ID, same URL, or our name) the trigger's registration:
 * updates what drifted from the parameters (a PUT also re-runs Adobe's challenge for a changed
 * URL and re-enables a disabled one), records it, checks its health, removes other registrations
 * with the same URL (`matches`) and, when listening for a test event, asks for a sample.
 */
export async function adopt(
	run: LifecycleRun,
	registration: IDataObject,
	matches: IDataObject[] = [],
): Promise<void> {
	const { settings, webhookUrl } = run;
	const id = String(registration.registration_id);
	const drift = registrationDrift(registration, settings, webhookUrl);
	let current = registration;
	if (drift.length > 0) {
		run.fn.logger.info(
			`Adobe I/O Events: updating registration ${id} (${drift.join(', ')} changed)`,
		);
		// The PUT re-runs Adobe's challenge (a changed URL, re-enabling): Adobe may fall back to
		// asynchronous validation while it runs, as on create.
		run.runtime.validations.expect(run.scope);
		try {
			current =
				(await run.registrations.update(id, registrationBody(settings, webhookUrl))) ??
				registration;
		} catch (error) {
			run.runtime.validations.close(run.scope);
			throw describeWriteFailure(run.fn, error, settings, webhookUrl, 'update');
		}
	}
	run.state.registrationId = id;
	run.state.webhookUrl = webhookUrl;
	checkHealth(run, current);
	await removeDuplicates(run, id, matches);
	requestSampleEventLater(run.fn, settings, id);
}

/** Adobe marked a new registration disabled (challenge failed): remove it, then say why. */
async function discardUnverified(
	run: LifecycleRun,
	created: IDataObject,
	id: string,
): Promise<never> {
	try {
		await run.registrations.remove(id);
		forgetRegistration(run.state);
	} catch (error) {
		run.fn.logger.warn(
			`Adobe I/O Events: could not remove failed registration ${id}: ${errorText(error).slice(0, 200)}`,
		);
	}
	throw new NodeApiError(run.fn.getNode(), { message: 'challenge failed' } as JsonObject, {
		message: 'Adobe could not verify the webhook URL (challenge failed)',
		description:
			`Adobe registered the webhook but marked it ${String(created.webhook_status ?? 'disabled')}: it could not reach ${run.webhookUrl}. ` +
			`Make sure this URL is reachable from the internet over HTTPS (${SET_PUBLIC_URL}) and try again. ${NEXT_STEPS}`,
	});
}

/** A 409 on create: adopt the registration holding our name if it is ours, else explain. */
async function adoptConflicting(
	run: LifecycleRun,
	error: unknown,
	conflictingId: string,
): Promise<void> {
	const existing = await findById(run, conflictingId);
	if (existing && existing.webhook_url === run.webhookUrl) return await adopt(run, existing);
	throw lifecycleError(
		run.fn,
		error,
		`An Adobe registration named "${run.settings.name}" already exists for another URL`,
		`Registration ${conflictingId} uses this name${existing ? ` and delivers to ${String(existing.webhook_url)}` : ''}. ` +
			'Set a different Options → Registration Name, or delete that registration, then publish the workflow again (n8n 1.x: activate it).',
	);
}

/** Creates the trigger's registration (no registration delivers to its URL yet). */
export async function createNew(run: LifecycleRun): Promise<void> {
	const { fn, settings, webhookUrl } = run;
	let created: IDataObject;
	// Adobe challenges the URL while it creates the registration and may fall back to async validation.
	run.runtime.validations.expect(run.scope);
	try {
		created = await run.registrations.create(registrationBody(settings, webhookUrl));
	} catch (error) {
		run.runtime.validations.close(run.scope);
		const conflictingId = httpCodeOf(error) === '409' ? conflictingIdOf(error) : undefined;
		if (conflictingId) return await adoptConflicting(run, error, conflictingId);
		throw describeWriteFailure(fn, error, settings, webhookUrl, 'create');
	}
	const id = registrationIdOf(created);
	if (!id) {
		throw new NodeApiError(fn.getNode(), (created ?? {}) as JsonObject, {
			message: 'Adobe did not return a registration ID',
			description:
				'The registration may or may not exist; publishing (n8n 1.x: activating) the workflow again adopts it by URL if it does.',
		});
	}
	run.state.registrationId = id;
	run.state.webhookUrl = webhookUrl;
	if (registrationHealth(created) === 'disabled') {
		run.runtime.validations.close(run.scope);
		await discardUnverified(run, created, id);
	}
	checkHealth(run, created);
	fn.logger.info(
		`Adobe I/O Events: created ${fn.getMode() === 'manual' ? 'test ' : ''}registration ${id} for ${webhookUrl}`,
	);
	// Not awaited: see SAMPLE_EVENT_DELAY_MS.
	requestSampleEventLater(fn, settings, id);
}
