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

import { adobeApiRequest, getAdobeContext, workspacePath, type AdobeSession } from '../transport';
import { toNodeError } from './errors';

export interface EventOfInterest {
	provider_id: string;
	event_code: string;
}

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
}

export interface JournalTarget {
	registrationId: string;
	journalUrl: string;
	owned: boolean;
}

interface WorkspaceIds {
	consumerOrgId: string;
	projectId: string;
	workspaceId: string;
	clientId: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function workspaceKey(ctx: WorkspaceIds): string {
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

export function eventsKeyOf(events: EventOfInterest[]): string {
	return [...new Set(events.map((e) => `${e.provider_id}/${e.event_code}`))].sort().join('\n');
}

/** The journal URL of a registration object: `_links["rel:events"].href` (v2), legacy `events_url`. */
export function journalUrlOf(registration: unknown): string | undefined {
	if (!isRecord(registration)) return undefined;
	const links = registration._links;
	if (isRecord(links)) {
		const rel = links['rel:events'];
		if (isRecord(rel) && typeof rel.href === 'string' && rel.href) return rel.href;
	}
	if (typeof registration.events_url === 'string' && registration.events_url)
		return registration.events_url;
	return undefined;
}

function registrationIdOf(registration: unknown): string | undefined {
	if (!isRecord(registration)) return undefined;
	const id = registration.registration_id;
	return typeof id === 'string' && id ? id : undefined;
}

function eventsOf(registration: unknown): EventOfInterest[] {
	if (!isRecord(registration) || !Array.isArray(registration.events_of_interest)) return [];
	return registration.events_of_interest.filter(isRecord).map((e) => ({
		provider_id: String(e.provider_id ?? ''),
		event_code: String(e.event_code ?? ''),
	}));
}

export function isHttpError(error: unknown, code: string): boolean {
	return isRecord(error) && String((error as { httpCode?: unknown }).httpCode) === code;
}

/** `x-conflicting-id` of a 409 NodeApiError (transport puts it in `context.conflictingId`). */
function conflictingIdOf(error: unknown): string | undefined {
	if (!isRecord(error)) return undefined;
	const context = error.context;
	if (isRecord(context) && typeof context.conflictingId === 'string' && context.conflictingId) {
		return context.conflictingId;
	}
	for (const text of [error.description, error.message]) {
		if (typeof text !== 'string') continue;
		const match = /conflicting[ -_]?id[^A-Za-z0-9]+([A-Za-z0-9._:-]+)/i.exec(text);
		if (match) return match[1];
	}
	return undefined;
}

function registrationPath(ctx: WorkspaceIds, id: string): string {
	return workspacePath(ctx as never, 'registrations', encodeURIComponent(id));
}

function noJournalUrl(fn: IPollFunctions, id: string): NodeApiError {
	return new NodeApiError(fn.getNode(), { registration_id: id } as JsonObject, {
		message: `Registration ${id} has no journal link`,
		description:
			'Adobe returned the registration without "_links.rel:events". Check that the registration is enabled and that the credential belongs to its workspace.',
	});
}

async function getRegistration(
	this: IPollFunctions,
	ctx: WorkspaceIds,
	id: string,
	session?: AdobeSession,
): Promise<IDataObject> {
	return (await adobeApiRequest.call(this, {
		method: 'GET',
		path: registrationPath(ctx, id),
		session,
	})) as IDataObject;
}

/** Resolves an existing registration (cached in static data per workspace). */
export async function resolveExisting(
	this: IPollFunctions,
	registrationId: string,
	cached: ExistingRegistration | undefined,
	session?: AdobeSession,
): Promise<{ target: JournalTarget; record: ExistingRegistration }> {
	const ctx = (session?.ctx ?? (await getAdobeContext.call(this))) as unknown as WorkspaceIds;
	const workspace = workspaceKey(ctx);
	if (
		cached &&
		cached.registrationId === registrationId &&
		cached.workspace === workspace &&
		cached.journalUrl
	) {
		return {
			target: { registrationId, journalUrl: cached.journalUrl, owned: false },
			record: cached,
		};
	}
	let registration: IDataObject;
	try {
		registration = await getRegistration.call(this, ctx, registrationId, session);
	} catch (error) {
		if (isHttpError(error, '404')) {
			throw new NodeOperationError(
				this.getNode(),
				`Registration ${registrationId} does not exist`,
				{
					description:
						'Choose a registration of the workspace configured in the credential, or let the trigger create one.',
				},
			);
		}
		throw toNodeError(this.getNode(), error);
	}
	const journalUrl = journalUrlOf(registration);
	if (!journalUrl) throw noJournalUrl(this, registrationId);
	const record = { registrationId, journalUrl, workspace };
	return { target: { registrationId, journalUrl, owned: false }, record };
}

function registrationBody(
	ctx: WorkspaceIds,
	name: string,
	events: EventOfInterest[],
	fn: IPollFunctions,
): IDataObject {
	const workflow = fn.getWorkflow();
	return {
		client_id: ctx.clientId,
		name,
		description: `Journal registration owned by the n8n Adobe I/O Events Journal Trigger (workflow "${String(
			workflow.name ?? workflow.id ?? '',
		).slice(
			0,
			200,
		)}", node "${fn.getNode().name.slice(0, 200)}"). n8n cannot delete it when the workflow is deactivated or deleted: delete it yourself then.`,
		delivery_type: 'journal',
		events_of_interest: events.map((e) => ({
			provider_id: e.provider_id,
			event_code: e.event_code,
		})),
		enabled: true,
	};
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
): Promise<{
	target: JournalTarget;
	record: OwnedRegistration;
	created: boolean;
	warnings: string[];
}> {
	const ctx = (session?.ctx ?? (await getAdobeContext.call(this))) as unknown as WorkspaceIds;
	const workspace = workspaceKey(ctx);
	const name = ownedRegistrationName(this.getWorkflow().id, this.getNode().id);
	const eventsKey = eventsKeyOf(events);
	const warnings: string[] = [];

	const finish = (registration: IDataObject, created: boolean) => {
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

	const updateIfNeeded = async (registration: IDataObject): Promise<IDataObject> => {
		if (eventsKeyOf(eventsOf(registration)) === eventsKey && registration.enabled !== false)
			return registration;
		const id = registrationIdOf(registration) as string;
		return (await adobeApiRequest.call(this, {
			method: 'PUT',
			path: registrationPath(ctx, id),
			body: registrationBody(ctx, name, events, this),
			session,
		})) as IDataObject;
	};

	let current = previous;
	if (current && current.workspace !== workspace) {
		warnings.push(
			`The credential now points to another workspace; the registration "${current.name}" (${current.registrationId}) in the previous workspace was left in place. Delete it there if you no longer need it.`,
		);
		current = undefined;
	}

	if (current) {
		if (!options.verify && current.eventsKey === eventsKey && current.name === name) {
			return {
				target: {
					registrationId: current.registrationId,
					journalUrl: current.journalUrl,
					owned: true,
				},
				record: current,
				created: false,
				warnings,
			};
		}
		try {
			const registration = await getRegistration.call(this, ctx, current.registrationId, session);
			return finish(await updateIfNeeded(registration), false);
		} catch (error) {
			if (!isHttpError(error, '404')) throw toNodeError(this.getNode(), error);
			warnings.push(
				`The registration "${current.name}" (${current.registrationId}) was deleted outside n8n; creating it again. Events published in between are not in the new journal.`,
			);
		}
	}

	try {
		const created = (await adobeApiRequest.call(this, {
			method: 'POST',
			path: workspacePath(ctx as never, 'registrations'),
			body: registrationBody(ctx, name, events, this),
			session,
		})) as IDataObject;
		return finish(created, true);
	} catch (error) {
		if (!isHttpError(error, '409')) throw toNodeError(this.getNode(), error);
		// Same name already exists (an earlier attempt, a manual test run, lost static data): adopt it.
		const existingId = conflictingIdOf(error) ?? (await findByName.call(this, ctx, name, session));
		if (!existingId) {
			throw new NodeApiError(this.getNode(), { name } as JsonObject, {
				message: 'Adobe refused to create the journal registration (409 Conflict)',
				description:
					'The workspace may have reached its registration quota (30 per credential). Delete unused registrations, or choose an existing registration in this node.',
				httpCode: '409',
			});
		}
		const registration = await getRegistration.call(this, ctx, existingId, session);
		return finish(await updateIfNeeded(registration), false);
	}
}

async function findByName(
	this: IPollFunctions,
	ctx: WorkspaceIds,
	name: string,
	session?: AdobeSession,
): Promise<string | undefined> {
	const list = (await adobeApiRequest.call(this, {
		method: 'GET',
		path: workspacePath(ctx as never, 'registrations'),
		session,
	})) as IDataObject;
	const embedded = isRecord(list?._embedded) ? list._embedded : {};
	const registrations = Array.isArray(embedded.registrations) ? embedded.registrations : [];
	for (const r of registrations) {
		if (isRecord(r) && r.name === name) return registrationIdOf(r);
	}
	return undefined;
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
	const ctx = (session?.ctx ?? (await getAdobeContext.call(this))) as unknown as WorkspaceIds;
	const name = ownedRegistrationName(this.getWorkflow().id, this.getNode().id);
	const id =
		previous && previous.workspace === workspaceKey(ctx)
			? previous.registrationId
			: await findByName.call(this, ctx, name, session);
	// Never delete the registration the node was just pointed at (a user may pick the one it created).
	if (!id || id === keepId) return undefined;
	try {
		await adobeApiRequest.call(this, { method: 'DELETE', path: registrationPath(ctx, id), session });
	} catch (error) {
		if (!isHttpError(error, '404')) throw toNodeError(this.getNode(), error);
	}
	return id;
}
