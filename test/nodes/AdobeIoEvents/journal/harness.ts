/**
 * Runs the journal trigger's poll() the way n8n does: node parameter defaults applied as the editor
 * saves them, the real n8n-core PollContext from the shared harness, every request over HTTP to the
 * emulator through n8n's real httpRequestWithAuthentication.
 *
 * Every poll gets a NEW context built from the JSON of the static data the previous poll left behind,
 * i.e. each poll is a "restart": nothing survives in memory, only what n8n would persist.
 */
import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INodeExecutionData,
	type INodeParameters,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { AdobeIoEventsJournalTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node';
import { startEmulator, type Emulator } from '../../../emulator/src/index';
import { createPollContext, TestCredentialStore } from '../../../helpers/n8n-context';
import { emulatorCredentials } from '../../../helpers/emulator-credentials';

export type { Emulator };

export async function start(): Promise<Emulator> {
	return await startEmulator({ port: 0 });
}

export function credentialsFor(emulator: Emulator): ICredentialDataDecryptedObject {
	return emulatorCredentials(emulator);
}

export function byId(value: string): INodeParameters {
	return { __rl: true, mode: 'id', value };
}

/** The typeVersion journal-trigger tests run with unless they choose one. */
export const DEFAULT_TEST_VERSION = 1;

export function withDefaults(
	node: AdobeIoEventsJournalTrigger,
	parameters: INodeParameters,
	typeVersion: number = DEFAULT_TEST_VERSION,
): INodeParameters {
	const full = NodeHelpers.getNodeParameters(
		node.description.properties,
		parameters,
		true,
		false,
		{ typeVersion },
		node.description,
	);
	return { ...(full ?? {}), ...parameters };
}

export interface PollOutcome {
	items: INodeExecutionData[] | null;
	/** JSON of the node's static data after the poll (what n8n persists). */
	staticData: IDataObject;
	warnings: string[];
}

export interface PollOptions {
	mode?: WorkflowExecuteMode;
	workflowId?: string;
	store?: TestCredentialStore;
	/** n8n's poll budget (PollContext.getPollBudgetMs, n8n 2.x); null: no such method, as in n8n 1.x. */
	pollBudgetMs?: number | null;
	/** Make the Nth journal request (1-based) of this poll fail with ECONNREFUSED before it leaves. */
	failJournalRequest?: number;
	/** the node's typeVersion (default DEFAULT_TEST_VERSION): its parameter defaults are applied */
	typeVersion?: number;
}

/** Static data as it is once the last 204's retry-after has elapsed (a poll later). */
export function afterRetryAfter(staticData: IDataObject): IDataObject {
	const cursor = staticData.cursor as IDataObject | undefined;
	if (!cursor) return staticData;
	const rest = { ...cursor };
	delete rest.notBefore;
	return { ...staticData, cursor: rest };
}

/** One poll in a fresh context (a restart) from `staticData`. */
export async function poll(
	emulator: Emulator,
	parameters: INodeParameters,
	staticData: IDataObject = {},
	options: PollOptions = {},
): Promise<PollOutcome> {
	const node = new AdobeIoEventsJournalTrigger();
	const typeVersion = options.typeVersion ?? DEFAULT_TEST_VERSION;
	const harness = createPollContext({
		nodeType: node,
		typeVersion,
		parameters: withDefaults(node, parameters, typeVersion),
		credentials: { adobeIoEventsApi: credentialsFor(emulator) },
		nodeStaticData: staticData,
		mode: options.mode ?? 'trigger',
		workflowId: options.workflowId,
		store: options.store,
	});
	const { context } = harness;
	const warnings: string[] = [];
	const spy = jest.spyOn(context.logger, 'warn').mockImplementation((message: string) => {
		warnings.push(message);
	});
	if (options.pollBudgetMs === null) {
		delete (context as { getPollBudgetMs?: unknown }).getPollBudgetMs;
	} else if (options.pollBudgetMs !== undefined) {
		context.getPollBudgetMs = () => options.pollBudgetMs as number;
	}
	if (options.failJournalRequest !== undefined) {
		const real = context.helpers.httpRequestWithAuthentication;
		let journalRequests = 0;
		context.helpers.httpRequestWithAuthentication = async function (
			this: unknown,
			type,
			requestOptions,
			additional,
		) {
			if (
				String(requestOptions.url).includes('/events/organizations/') &&
				++journalRequests === options.failJournalRequest
			) {
				throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' });
			}
			return await real.call(this as typeof context, type, requestOptions, additional);
		};
	}
	let result: INodeExecutionData[][] | null;
	try {
		result = await node.poll.call(context);
	} finally {
		spy.mockRestore();
	}
	return {
		items: result === null ? null : result[0],
		staticData: JSON.parse(JSON.stringify(harness.nodeStaticData())) as IDataObject,
		warnings,
	};
}
