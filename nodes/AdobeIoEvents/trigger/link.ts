/**
 * The Watch Events side of the link to a Journal Trigger that backs the trigger up
 * (../shared/watchEventsLink.ts): the lifecycle hooks publish which registration the trigger uses, and
 * withdraw it when they delete the registration. Production only ("Listen for test event" has its own
 * static data and registration).
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { readLinks, removeLink, writeLink } from '../shared/watchEventsLink';
import type { LifecycleRun } from './run';
import { nodeKeyOf } from './runtime';

function globalOf(fn: IHookFunctions): IDataObject {
	return fn.getWorkflowStaticData('global');
}

/**
 * Publishes the registration `registrationId` as this trigger's. `created`: the trigger has just created
 * it (its journal starts with the trigger's events); an adopted registration keeps the creation time of
 * an earlier link to the same registration.
 */
export function publishLink(run: LifecycleRun, registrationId: string, created: boolean): void {
	const { fn } = run;
	if (fn.getMode() === 'manual') return;
	const node = fn.getNode();
	const nodeKey = nodeKeyOf(node);
	const global = globalOf(fn);
	const previous = readLinks(global).find(
		(link) => link.nodeKey === nodeKey && link.registrationId === registrationId,
	);
	const createdAt = created ? Date.now() : previous?.createdAt;
	writeLink(global, {
		nodeKey,
		nodeName: node.name,
		registrationId,
		urls: run.nodeUrls,
		...(createdAt !== undefined ? { createdAt } : {}),
	});
}

/** Withdraws this trigger's link (its registration is deleted). */
export function withdrawLink(fn: IHookFunctions): void {
	if (fn.getMode() === 'manual') return;
	removeLink(globalOf(fn), nodeKeyOf(fn.getNode()));
}

/** Node types of the Journal Trigger, as n8n names them (community package or custom folder). */
const JOURNAL_TYPE_SUFFIX = '.adobeIoEventsJournalTrigger';

/**
 * The Journal Triggers backing this trigger up: enabled Journal Triggers with Registration "The Watch
 * Events Trigger in This Workflow" that feed a node this trigger feeds. `undefined` when n8n cannot tell.
 */
export function journalBackupsOf(fn: IHookFunctions): string[] | undefined {
	try {
		const me = fn.getNode().name;
		const names = new Set<string>();
		for (const child of fn.getChildNodes(me)) {
			for (const parent of fn.getParentNodes(child.name, {
				includeNodeParameters: true,
				depth: 1,
			})) {
				if (
					parent.type.endsWith(JOURNAL_TYPE_SUFFIX) &&
					!parent.disabled &&
					parent.parameters?.registrationSource === 'watchEvents'
				) {
					names.add(parent.name);
				}
			}
		}
		return [...names];
	} catch {
		return undefined;
	}
}
