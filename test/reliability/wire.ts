/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs node:http (exact header lines, repeated headers), process and timers */
/**
 * Wire helpers of the reliability suite: raw HTTP requests whose header lines are sent exactly as
 * given (repeated lines, any name case), execution counting per Adobe `eventid` from n8n's public
 * executions API (always on a settled list), a recording "evil" host, and Adobe-shaped signed deliveries (emulator keys).
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CC_EVENT_CODES, CC_PROVIDER_ID } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl } from '../../scripts/n8n/emulator-control';
import type { N8nClient, N8nExecution } from '../../scripts/n8n/n8n-api';
import { runsOf, successfulRunsByEvent, type EventRun } from './attempts';

export interface WireResponse {
	status: number;
	body: string;
}

/**
 * Sends one request. `headers` is a list of [name, value] lines sent verbatim (name case kept,
 * repeats kept), so duplicated and case-variant headers reach the server as a real client sends them.
 */
export async function sendRaw(
	url: string,
	options: { method?: string; headers?: Array<[string, string]>; body?: Buffer | string; timeoutMs?: number },
): Promise<WireResponse> {
	const target = new URL(url);
	const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
	const rawHeaders: string[] = [];
	// Raw header arrays get no automatic Host line, and Node's server answers 400 without one.
	if (!(options.headers ?? []).some(([n]) => n.toLowerCase() === 'host')) rawHeaders.push('Host', target.host);
	for (const [name, value] of options.headers ?? []) rawHeaders.push(name, value);
	if (body !== undefined && !(options.headers ?? []).some(([n]) => n.toLowerCase() === 'content-length')) {
		rawHeaders.push('Content-Length', String(body.length));
	}
	return await new Promise<WireResponse>((resolve, reject) => {
		const req = httpRequest(
			{
				host: target.hostname,
				port: target.port,
				path: `${target.pathname}${target.search}`,
				method: options.method ?? 'POST',
				headers: rawHeaders,
				agent: false,
				setHost: true,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			},
		);
		req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error(`request to ${url} timed out`)));
		req.on('error', reject);
		if (body !== undefined) req.end(body);
		else req.end();
	});
}

export function headerLines(headers: Record<string, string>): Array<[string, string]> {
	return Object.entries(headers);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Adobe event ids an execution's trigger output holds (one item per event; attempts.ts reads the items). */
export function eventIdsOf(execution: N8nExecution, triggerName: string): string[] {
	return runsOf(execution, triggerName).map((run) => run.eventId);
}

export interface ExecutionCensus {
	executions: N8nExecution[];
	/** eventid → number of SUCCESSFUL executions whose trigger output holds it */
	perEvent: Map<string, number>;
	/** eventid → start times (ms) of those executions */
	startedAt: Map<string, number[]>;
	/** eventid → those executions, each with the delivery id that ties it to an attempt (attempts.ts) */
	runsByEvent: Map<string, EventRun[]>;
	statuses: Record<string, number>;
}

/** n8n's executions of a workflow, counted per eventid, once the list is settled (N8nClient.settledExecutions). */
export async function census(client: N8nClient, workflowId: string, triggerName: string): Promise<ExecutionCensus> {
	const executions = await client.settledExecutions(workflowId, { includeData: true });
	const statuses: Record<string, number> = {};
	for (const execution of executions) statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
	// an execution that n8n itself failed to run to the end does not count as the event's run
	const runsByEvent = successfulRunsByEvent(executions, triggerName);
	const perEvent = new Map<string, number>();
	const startedAt = new Map<string, number[]>();
	for (const [id, runs] of runsByEvent) {
		perEvent.set(id, runs.length);
		startedAt.set(id, runs.map((run) => run.startedAt ?? Number.NaN));
	}
	return { executions, perEvent, startedAt, runsByEvent, statuses };
}

/** Number of executions of a workflow (any status) once the list is settled (N8nClient.settledExecutions). */
export async function executionCount(client: N8nClient, workflowId: string): Promise<number> {
	return (await client.settledExecutions(workflowId)).length;
}

export interface RecordingHost {
	url: string;
	hits: Array<{ method: string; url: string }>;
	close(): Promise<void>;
}

/** A host that must never be contacted (SSRF / off-host key probes): it records every request. */
export async function startRecordingHost(): Promise<RecordingHost> {
	const hits: RecordingHost['hits'] = [];
	const server: Server = createServer((req: IncomingMessage, res) => {
		hits.push({ method: req.method ?? '', url: req.url ?? '' });
		req.resume();
		res.writeHead(200, { 'content-type': 'text/plain' });
		res.end('-----BEGIN PUBLIC KEY-----\nnot really\n-----END PUBLIC KEY-----\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		hits,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export const CT_CLOUDEVENTS = 'application/cloudevents+json; charset=UTF-8';

/**
 * A CloudEvent as Adobe delivers it to `clientId`: fresh ids, now as its time, both recipient fields, a
 * Creative Cloud file event (file_deleted, non-ASCII data) unless `fields` say otherwise.
 */
export function adobeCloudEvent(clientId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
	const id = randomUUID();
	return {
		specversion: '1.0',
		id: randomUUID(),
		source: `urn:uuid:${CC_PROVIDER_ID}`,
		type: CC_EVENT_CODES[2],
		datacontenttype: 'application/json',
		time: new Date().toISOString(),
		eventid: id,
		event_id: id,
		recipientclientid: clientId,
		recipient_client_id: clientId,
		data: { path: `/reliability/${id}.psd`, size: 1234, note: 'ünïcødé ✓' },
		...fields,
	};
}

/** Adobe's headers for exact bytes, signed by the emulator with its current keys: both RSA signatures, key paths, the legacy HMAC. */
export async function adobeSignedHeaders(ctl: EmulatorControl, body: string): Promise<Record<string, string>> {
	const signed = await ctl.sign({ body });
	if (signed.body !== body) throw new Error('emulator signed different bytes');
	return {
		'content-type': CT_CLOUDEVENTS,
		'user-agent': 'Adobe/1.0',
		'x-adobe-delivery-id': randomUUID(),
		...signed.headers,
	};
}

/** A forged delivery of `body`: both signatures made by `rogueSign`, the two key paths given. */
export async function sendForged(
	url: string,
	body: string,
	rogueSign: (body: string) => string,
	paths: [string, string],
): Promise<WireResponse> {
	return await sendRaw(url, {
		headers: headerLines({
			'content-type': CT_CLOUDEVENTS,
			'x-adobe-digital-signature-1': rogueSign(body),
			'x-adobe-digital-signature-2': rogueSign(body),
			'x-adobe-public-key1-path': paths[0],
			'x-adobe-public-key2-path': paths[1],
		}),
		body,
	});
}
