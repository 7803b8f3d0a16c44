/**
 * A tiny recording HTTP server on 127.0.0.1 for wire-level tests.
 *
 *   const server = await startTestServer((req, res) => { res.json(200, { ok: true }); });
 *   … server.url …  server.requests[0].headers / .body (string) / .form (URLSearchParams)
 *   await server.close();
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:http */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	url: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: string;
	/** the body parsed as application/x-www-form-urlencoded */
	form: URLSearchParams;
	json<T = unknown>(): T;
}

export interface TestResponder {
	json(status: number, body: unknown, headers?: Record<string, string>): void;
	text(status: number, body: string, headers?: Record<string, string>): void;
	empty(status: number, headers?: Record<string, string>): void;
	raw: ServerResponse;
}

export type TestHandler = (req: RecordedRequest, res: TestResponder) => void | Promise<void>;

export interface TestServer {
	url: string;
	port: number;
	requests: RecordedRequest[];
	setHandler(handler: TestHandler): void;
	close(): Promise<void>;
}

export async function startTestServer(handler: TestHandler): Promise<TestServer> {
	let current = handler;
	const requests: RecordedRequest[] = [];
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				url: req.url ?? '/',
				path: parsed.pathname,
				query: parsed.searchParams,
				headers: req.headers,
				body,
				form: new URLSearchParams(body),
				json: <T>() => JSON.parse(body) as T,
			};
			requests.push(recorded);
			const responder: TestResponder = {
				raw: res,
				json(status, payload, headers = {}) {
					res.writeHead(status, { 'content-type': 'application/json', ...headers });
					res.end(JSON.stringify(payload));
				},
				text(status, payload, headers = {}) {
					res.writeHead(status, { 'content-type': 'text/plain', ...headers });
					res.end(payload);
				},
				empty(status, headers = {}) {
					res.writeHead(status, headers);
					res.end();
				},
			};
			Promise.resolve(current(recorded, responder)).catch((error: unknown) => {
				if (!res.headersSent) res.writeHead(599);
				res.end(String(error));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		setHandler(next) {
			current = next;
		},
		close: async () =>
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
