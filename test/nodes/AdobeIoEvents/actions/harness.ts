/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:http for a webhook receiver that answers Adobe's challenge */
/**
 * Runs the Adobe I/O Events action node the way n8n does: the node's parameter defaults are
 * applied (NodeHelpers.getNodeParameters, as the editor saves them), the real n8n-core
 * ExecuteContext from the shared harness executes it, and every request goes over HTTP to the
 * emulator through n8n's real httpRequestWithAuthentication.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';

import { AdobeIoEvents } from '../../../../nodes/AdobeIoEvents/AdobeIoEvents.node';
import { startEmulator, type Emulator } from '../../../emulator/src/index';
import { createExecuteContext, createLoadOptionsContext } from '../../../helpers/n8n-context';
import { emulatorCredentials } from '../../../helpers/emulator-credentials';

export type { Emulator };

export async function start(): Promise<Emulator> {
	return await startEmulator({ port: 0 });
}

export function credentialsFor(emulator: Emulator): ICredentialDataDecryptedObject {
	return emulatorCredentials(emulator);
}

/** A resource locator value in "By ID" mode. */
export function byId(value: string): INodeParameters {
	return { __rl: true, mode: 'id', value };
}

/** The typeVersion action-node tests run with unless they choose one. */
export const DEFAULT_TEST_VERSION = 1;

export function withDefaults(
	node: AdobeIoEvents,
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

export interface RunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** credential data (default: the emulator's service credential) */
	credentials?: ICredentialDataDecryptedObject;
	/** credential type the data is for (default adobeIoEventsApi; use with authentication: 'oAuth2') */
	credentialType?: 'adobeIoEventsApi' | 'adobeIoEventsOAuth2Api';
	/** the node's typeVersion (default DEFAULT_TEST_VERSION): its parameter defaults are applied */
	typeVersion?: number;
}

/** An OAuth2 (personal Adobe ID) credential holding a token the emulator issued. */
export async function oauth2CredentialsFor(emulator: Emulator): Promise<ICredentialDataDecryptedObject> {
	const response = await fetch(`${emulator.urls.control}/tokens`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	const { access_token: accessToken } = (await response.json()) as { access_token: string };
	const { authentication: _unused, ...service } = credentialsFor(emulator);
	void _unused;
	return { ...service, oauthTokenData: { access_token: accessToken, token_type: 'Bearer' } };
}

/** Executes the node once with `parameters`; returns its output items. */
export async function run(
	emulator: Emulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<INodeExecutionData[]> {
	const node = new AdobeIoEvents();
	const typeVersion = options.typeVersion ?? DEFAULT_TEST_VERSION;
	const { context } = createExecuteContext({
		nodeType: node,
		typeVersion,
		parameters: withDefaults(node, parameters, typeVersion),
		credentials: {
			[options.credentialType ?? 'adobeIoEventsApi']: options.credentials ?? credentialsFor(emulator),
		},
		inputData: (options.items ?? [{}]).map((json) => ({ json })),
		continueOnFail: options.continueOnFail,
	});
	const output = await node.execute.call(context);
	return output[0];
}

/** Runs the node and returns the json of every output item. */
export async function runJson(
	emulator: Emulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<IDataObject[]> {
	return (await run(emulator, parameters, options)).map((item) => item.json);
}

/** Runs the node expecting it to throw; returns the error. */
export async function runError(
	emulator: Emulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<Error & { description?: string; httpCode?: string; context?: IDataObject }> {
	try {
		await run(emulator, parameters, options);
	} catch (error) {
		return error as Error & { description?: string; httpCode?: string; context?: IDataObject };
	}
	throw new Error('expected the node to fail');
}

export function loadOptionsContext(emulator: Emulator, parameters: INodeParameters) {
	const node = new AdobeIoEvents();
	const full = withDefaults(node, parameters);
	return {
		...createLoadOptionsContext({
			nodeType: node,
			parameters: full,
			currentNodeParameters: full,
			credentials: { adobeIoEventsApi: credentialsFor(emulator) },
		}),
		adobeNode: node,
	};
}

/** A webhook receiver on 127.0.0.1 that answers Adobe's challenge and records deliveries. */
export async function startReceiver(): Promise<{ url: string; received: unknown[]; close: () => Promise<void> }> {
	const received: unknown[] = [];
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (req.method === 'GET') {
			const challenge = url.searchParams.get('challenge') ?? '';
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end(challenge);
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			try {
				received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
			} catch {
				received.push(Buffer.concat(chunks).toString('utf8'));
			}
			res.writeHead(200);
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
