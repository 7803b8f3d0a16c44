/* eslint-disable @n8n/community-nodes/no-restricted-imports -- harness code: runs outside n8n (a local server for tests), needs node:http */
/**
 * Cloud Manager's API on 127.0.0.1 for the examples E2E — the one call the pipeline-failure example makes:
 * `GET /api/program/{programId}/pipeline/{pipelineId}/execution/{executionId}`, answered with a pipeline
 * execution in the shape of Cloud Manager's API (id, programId, pipelineId, artifactsVersion, user, status,
 * trigger, createdAt/updatedAt/finishedAt, `_embedded.stepStates`, `_links`; values ours). Cloud Manager's
 * events say only that an execution ended; its status is read here, as a real workflow reads it.
 *
 * Like Cloud Manager it wants `Authorization: Bearer <IMS access token>` (the test says which tokens are
 * valid), `x-api-key` (the client id) and `x-gw-ims-org-id` (the organization): 401 / 403 otherwise. Unknown
 * executions are 404. Every request is kept (at most 100).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CloudManagerStep {
	action: string;
	status: string;
	environment?: string;
}

export interface CloudManagerExecution {
	programId: string;
	pipelineId: string;
	executionId: string;
	status: 'NOT_STARTED' | 'RUNNING' | 'CANCELLING' | 'CANCELLED' | 'FINISHED' | 'ERROR' | 'FAILED';
	steps: CloudManagerStep[];
}

export interface CloudManagerRequest {
	path: string;
	status: number;
}

export interface CloudManagerFake {
	/** base URL to use instead of https://cloudmanager.adobe.io */
	url: string;
	requests: CloudManagerRequest[];
	/** adds or replaces an execution the API knows */
	setExecution(execution: CloudManagerExecution): void;
	close(): Promise<void>;
}

const MAX_REQUESTS = 100;
const STARTED = '2026-01-15T09:12:40.301Z';
const FINISHED = '2026-01-15T09:41:06.877Z';

function executionBody(base: string, e: CloudManagerExecution): Record<string, unknown> {
	const self = `/api/program/${e.programId}/pipeline/${e.pipelineId}/execution/${e.executionId}`;
	return {
		id: e.executionId,
		programId: e.programId,
		pipelineId: e.pipelineId,
		artifactsVersion: '2026.115.91240301.0000046512',
		user: 'D1E2F3A4B5C6D7E8F9A0B1C2@AdobeID',
		status: e.status,
		trigger: 'MANUAL',
		createdAt: STARTED,
		updatedAt: FINISHED,
		finishedAt: FINISHED,
		_embedded: {
			stepStates: e.steps.map((step, index) => ({
				id: String(4400 + index),
				stepId: String(100 + index),
				phaseId: String(10 + Math.floor(index / 2)),
				action: step.action,
				repository: 'emulator-site',
				branch: 'main',
				environment: step.environment ?? 'emulator-dev',
				environmentType: 'dev',
				startedAt: STARTED,
				finishedAt: FINISHED,
				status: step.status,
				_links: { self: { href: `${base}${self}/phase/${10 + Math.floor(index / 2)}/step/${100 + index}` } },
			})),
		},
		_links: {
			self: { href: `${base}${self}` },
			'http://ns.adobe.com/adobecloud/rel/program': { href: `${base}/api/program/${e.programId}` },
			'http://ns.adobe.com/adobecloud/rel/pipeline': { href: `${base}/api/program/${e.programId}/pipeline/${e.pipelineId}` },
		},
	};
}

/** Starts the API; `isValidToken` says whether a bearer token is one Adobe IMS issued to `clientId`. */
export async function startCloudManagerFake(options: {
	clientId: string;
	imsOrgId: string;
	isValidToken: (token: string) => boolean;
}): Promise<CloudManagerFake> {
	const executions = new Map<string, CloudManagerExecution>();
	const keyOf = (p: string, pl: string, e: string): string => `${p}/${pl}/${e}`;
	const fake: CloudManagerFake = {
		url: '',
		requests: [],
		setExecution: (execution) => executions.set(keyOf(execution.programId, execution.pipelineId, execution.executionId), execution),
		close: async () => undefined,
	};
	const server: Server = createServer((req, res) => {
		const path = (req.url ?? '').split('?')[0];
		const answer = (status: number, body: unknown): void => {
			fake.requests.push({ path, status });
			if (fake.requests.length > MAX_REQUESTS) fake.requests.shift();
			res.writeHead(status, { 'content-type': status === 200 ? 'application/hal+json' : 'application/json' }).end(JSON.stringify(body));
		};
		req.resume();
		const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
		if (!token || !options.isValidToken(token)) return answer(401, { error_code: '401013', message: 'Oauth token is not valid' });
		if (req.headers['x-api-key'] !== options.clientId) return answer(403, { error_code: '403003', message: 'Api Key is invalid' });
		if (req.headers['x-gw-ims-org-id'] !== options.imsOrgId) return answer(403, { status: 403, type: 'http://ns.adobe.com/adobecloud/problem/organization-not-found', title: 'Organization not found' });
		const match = /^\/api\/program\/([^/]+)\/pipeline\/([^/]+)\/execution\/([^/]+)$/.exec(path);
		const execution = match && req.method === 'GET' ? executions.get(keyOf(match[1], match[2], match[3])) : undefined;
		if (!execution) return answer(404, { status: 404, type: 'http://ns.adobe.com/adobecloud/problem/resource-not-found', title: 'Execution not found' });
		answer(200, executionBody(fake.url, execution));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	fake.close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return fake;
}
