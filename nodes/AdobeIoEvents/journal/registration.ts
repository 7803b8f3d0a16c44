/**
 * Which journal the trigger reads, and the lifecycle of a registration the trigger owns.
 *
 * n8n calls no lifecycle hooks for polling nodes (nothing runs on activation or deactivation), so an owned
 * registration is reconciled on every poll instead:
 *   - it has a deterministic name derived from the workflow id and the node id, so creating it is
 *     idempotent (a 409 "name exists" adopts the existing one, also after static data was lost);
 *   - when the chosen events change it is updated in place (same registration, same journal, cursor kept);
 *   - when the node is switched to an existing registration, the owned one is deleted on the next poll;
 *   - when the owned registration was deleted outside n8n, it is re-created.
 * What cannot be reconciled: deactivating or deleting the workflow, or deleting the node. No code of the
 * node runs then; the registration stays (its name says which workflow created it) and is adopted again
 * when the workflow is reactivated. See the README.
 */

import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { registrationsOf, type RegistrationsClient } from '../registrations/client';
import { conflictingIdOf, httpCodeOf } from '../registrations/errors';
import {
	eventsKeyOf,
	eventsOf,
	journalUrlOf,
	registrationIdOf,
	type EventOfInterest,
} from '../registrations/model';
import { getAdobeContext, type AdobeContext, type AdobeSession } from '../transport';
import { toNodeError } from '../shared/nodeError';
import type { WatchEventsLink } from '../shared/watchEventsLink';

/** The message of a journal failure that is not already an Adobe answer. */
export const JOURNAL_FAILED = 'Reading the Adobe I/O Events journal failed';

export type { EventOfInterest };

/** Adobe's bounds on registration names. */
const NAME_MAX = 255;

/** Static-data record of the registration this node created. */
export interface OwnedRegistration {
	registrationId: string;
	name: string;
	journalUrl: string;
	/** Sorted `provider_id/event_code` list the registration was last created/updated with. */
	eventsKey: string;
	/** `consumerOrgId/projectId/workspaceId` it lives in. */
	workspace: string;
}

/** Static-data record of a resolved existing registration (saves a GET per poll). */
export interface ExistingRegistration {
	registrationId: string;
	journalUrl: string;
	workspace: string;
	/**
	 * Backing up a Watch Events trigger: the registration id its link named when this was resolved (the
	 * link may still name a registration the trigger has since re-created; see resolveLinked).
	 */
	via?: string;
}

export interface JournalTarget {
	registrationId: string;
	journalUrl: string;
	owned: boolean;
}

export function workspaceKey(ctx: Pick<AdobeContext, 'consumerOrgId' | 'projectId' | 'workspaceId'>): string {
	return `${ctx.consumerOrgId}/${ctx.projectId}/${ctx.workspaceId}`;
}

/** The deterministic name of the registration a node owns (unique per workflow + node). */
export function ownedRegistrationName(
	workflowId: string | undefined,
	nodeId: string | undefined,
): string {
	const name = `n8n journal trigger · workflow ${workflowId || 'unsaved'} · node ${nodeId || 'unknown'}`;
	return name.slice(0, NAME_MAX);
}

/** `true` when a transport error carries HTTP status `code`. */
export function isHttpError(error: unknown, code: string): boolean {
	return httpCodeOf(error) === code;
}

function noJournalUrl(fn: IPollFunctions, id: string): NodeApiError {
	return new NodeApiError(fn.getNode(), { registration_id: id } as JsonObject, {
		message: `Registration ${id} has no journal link`,
		description:
			'Adobe returned the registration without "_links.rel:events". Check that the registration is enabled and that the credential belongs to its workspace.',
	});
}

/** The poll's context and registrations client (the session's credential when given). */
export async function openRegistrations(
	fn: IPollFunctions,
	session?: AdobeSession,
): Promise<{ ctx: AdobeContext; registrations: RegistrationsClient }> {
	const ctx = session?.ctx ?? (await getAdobeContext.call(fn));
	return { ctx, registrations: registrationsOf(fn, ctx, session) };
}

/** Resolves an existing registration (cached in static data per workspace). */
export async function resolveExisting(
	this: IPollFunctions,
	registrationId: string,
	cached: ExistingRegistration | undefined,
	session?: AdobeSession,
): Promise<{ target: JournalTarget; record: ExistingRegistration }> {
	const { ctx, registrations } = await openRegistrations(this, session);
	const workspace = workspaceKey(ctx);
	if (cached?.registrationId === registrationId && cached.workspace === workspace && cached.journalUrl) {
		return { target: { registrationId, journalUrl: cached.journalUrl, owned: false }, record: cached };
	}
	let registration: IDataObject | undefined;
	try {
		registration = await registrations.find(registrationId);
	} catch (error) {
		throw toNodeError(this.getNode(), error, JOURNAL_FAILED);
	}
	if (!registration) {
		throw new NodeOperationError(this.getNode(), `Registration ${registrationId} does not exist`, {
			description:
				'Choose a registration of the workspace configured in the credential, or let the trigger create one.',
		});
	}
	const journalUrl = journalUrlOf(registration);
	if (!journalUrl) throw noJournalUrl(this, registrationId);
	const record = { registrationId, journalUrl, workspace };
	return { target: { registrationId, journalUrl, owned: false }, record };
}

function registrationBody(name: string, events: EventOfInterest[], fn: IPollFunctions): IDataObject {
	const workflow = fn.getWorkflow();
	const workflowName = String(workflow.name ?? workflow.id ?? '').slice(0, 200);
	return {
		name,
		description: `Journal registration owned by the n8n Adobe I/O Events Journal Trigger (workflow "${workflowName}", node "${fn.getNode().name.slice(0, 200)}"). n8n cannot delete it when the workflow is deactivated or deleted: delete it yourself then.`,
		delivery_type: 'journal',
		events_of_interest: events.map((e) => ({ provider_id: e.provider_id, event_code: e.event_code })),
		enabled: true,
	};
}

export interface OwnedResult {
	target: JournalTarget;
	record: OwnedRegistration;
	created: boolean;
	warnings: string[];
}

/**
 * Makes sure the registration this node owns exists with exactly `events`, creating, adopting or updating it.
 * Idempotent: safe to run on every poll and after lost static data.
 */
export async function ensureOwned(
	this: IPollFunctions,
	events: EventOfInterest[],
	previous: OwnedRegistration | undefined,
	options: { verify: boolean },
	session?: AdobeSession,
): Promise<OwnedResult> {
	const { ctx, registrations } = await openRegistrations(this, session);
	const workspace = workspaceKey(ctx);
	const name = ownedRegistrationName(this.getWorkflow().id, this.getNode().id);
	const eventsKey = eventsKeyOf(events);
	const body = registrationBody(name, events, this);
	const warnings: string[] = [];

	const finish = (registration: IDataObject, created: boolean): OwnedResult => {
		const registrationId = registrationIdOf(registration);
		const journalUrl = journalUrlOf(registration);
		if (!registrationId) {
			throw new NodeApiError(this.getNode(), registration as JsonObject, {
				message: 'Adobe returned a registration without registration_id',
			});
		}
		if (!journalUrl) throw noJournalUrl(this, registrationId);
		const record: OwnedRegistration = { registrationId, name, journalUrl, eventsKey, workspace };
		return { target: { registrationId, journalUrl, owned: true }, record, created, warnings };
	};
	/** Adopts `registration` as ours, updating it when its events or enabled flag drifted. */
	const adopt = async (registration: IDataObject): Promise<OwnedResult> => {
		if (eventsKeyOf(eventsOf(registration)) === eventsKey && registration.enabled !== false)
			return finish(registration, false);
		return finish(await registrations.update(registrationIdOf(registration) as string, body), false);
	};

	let current = previous;
	if (current && current.workspace !== workspace) {
		warnings.push(
			`The credential now points to another workspace; the registration "${current.name}" (${current.registrationId}) in the previous workspace was left in place. Delete it there if you no longer need it.`,
		);
		current = undefined;
	}

	try {
		if (current) {
			if (!options.verify && current.eventsKey === eventsKey && current.name === name) {
				const { registrationId, journalUrl } = current;
				return { target: { registrationId, journalUrl, owned: true }, record: current, created: false, warnings };
			}
			const registration = await registrations.find(current.registrationId);
			if (registration) return await adopt(registration);
			warnings.push(
				`The registration "${current.name}" (${current.registrationId}) was deleted outside n8n; creating it again. Events published in between are not in the new journal.`,
			);
		}
		return finish(await registrations.create(body), true);
	} catch (error) {
		if (!isHttpError(error, '409')) throw toNodeError(this.getNode(), error, JOURNAL_FAILED);
		// Same name already exists (an earlier attempt, a manual test run, lost static data): adopt it.
		const existingId = conflictingIdOf(error) ?? registrationIdOf(await findOwnedByName(this, registrations, name));
		const existing = existingId ? await registrations.find(existingId).catch(rethrow(this)) : undefined;
		if (!existing) {
			throw new NodeApiError(this.getNode(), { name } as JsonObject, {
				message: 'Adobe refused to create the journal registration (409 Conflict)',
				description:
					'The workspace may have reached its registration quota (30 per credential). Delete unused registrations, or choose an existing registration in this node.',
				httpCode: '409',
			});
		}
		return await adopt(existing).catch(rethrow(this));
	}
}

function rethrow(fn: IPollFunctions): (error: unknown) => never {
	return (error: unknown) => {
		throw toNodeError(fn.getNode(), error, JOURNAL_FAILED);
	};
}

async function findOwnedByName(
	fn: IPollFunctions,
	registrations: RegistrationsClient,
	name: string,
): Promise<IDataObject | undefined> {
	return await registrations.findByName(name).catch(rethrow(fn));
}

/**
 * Deletes the registration this node owned (after the node was switched to an existing registration).
 * Finds it by name when static data has no record. "Already gone" is success.
 */
export async function deleteOwned(
	this: IPollFunctions,
	previous: OwnedRegistration | undefined,
	keepId: string,
	session?: AdobeSession,
): Promise<string | undefined> {
	const { ctx, registrations } = await openRegistrations(this, session);
	const name = ownedRegistrationName(this.getWorkflow().id, this.getNode().id);
	const id =
		previous && previous.workspace === workspaceKey(ctx)
			? previous.registrationId
			: registrationIdOf(await findOwnedByName(this, registrations, name));
	// Never delete the registration the node was just pointed at (a user may pick the one it created).
	if (!id || id === keepId) return undefined;
	await registrations.remove(id).catch(rethrow(this));
	return id;
}

/**
 * The journal of the registration a Watch Events trigger of this workflow uses (its link), cached in
 * static data while the link names the same registration. `lookUp`: do not trust the cache (the journal
 * was gone). A registration the link names that no longer exists is looked up by the trigger's delivery
 * URLs: the trigger re-created it (after it was deleted, or when the workflow was published with a
 * changed trigger) and the link this node holds is older than that.
 */
export async function resolveLinked(
	this: IPollFunctions,
	link: WatchEventsLink,
	cached: ExistingRegistration | undefined,
	options: { lookUp: boolean },
	session?: AdobeSession,
): Promise<{ target: JournalTarget; record: ExistingRegistration; warning?: string }> {
	const { ctx, registrations } = await openRegistrations(this, session);
	const workspace = workspaceKey(ctx);
	if (
		!options.lookUp &&
		cached?.via === link.registrationId &&
		cached.workspace === workspace &&
		cached.journalUrl
	) {
		const { registrationId, journalUrl } = cached;
		return { target: { registrationId, journalUrl, owned: false }, record: cached };
	}
	let registration: IDataObject | undefined;
	let warning: string | undefined;
	try {
		registration = await registrations.find(link.registrationId);
		if (!registration && link.urls.length > 0) {
			registration = (await registrations.findByUrls(link.urls))[0];
			if (registration) {
				warning = `The registration ${link.registrationId} of the Adobe I/O Events Trigger "${link.nodeName}" is gone; following the one that delivers to its URL now (${String(registration.registration_id)}).`;
			}
		}
	} catch (error) {
		throw toNodeError(this.getNode(), error, JOURNAL_FAILED);
	}
	const registrationId = registration ? registrationIdOf(registration) : undefined;
	if (!registration || !registrationId) {
		throw new NodeOperationError(
			this.getNode(),
			`The Adobe I/O Events Trigger "${link.nodeName}" has no registration at Adobe`,
			{
				description:
					'Its registration was deleted. Publish the workflow again (n8n 1.x: deactivate and activate it): the trigger creates a new registration, and this trigger follows it.',
			},
		);
	}
	const journalUrl = journalUrlOf(registration);
	if (!journalUrl) throw noJournalUrl(this, registrationId);
	const record: ExistingRegistration = { registrationId, journalUrl, workspace, via: link.registrationId };
	return { target: { registrationId, journalUrl, owned: false }, record, warning };
}
