/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs node:http and timers */
/** Test helpers for the emulator suites: HTTP calls, tokens, and a recording webhook receiver. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from './src/index';

export interface HttpResponse {
	status: number;
	headers: Headers;
	text: string;
	json: <T = Record<string, unknown>>() => T;
}

export async function http(url: string, init: RequestInit & { json?: unknown } = {}): Promise<HttpResponse> {
	const headers = new Headers(init.headers);
	let body = init.body;
	if (init.json !== undefined) {
		body = JSON.stringify(init.json);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	}
	const res = await fetch(url, { ...init, headers, body, redirect: 'manual' });
	const text = await res.text();
	return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

export async function s2sToken(emu: Emulator, scope?: string): Promise<string> {
	const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret });
	if (scope !== undefined) form.set('scope', scope);
	const res = await http(`${emu.urls.ims}/ims/token/v3`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	if (res.status !== 200) throw new Error(`token failed: ${res.status} ${res.text}`);
	return res.json<{ access_token: string }>().access_token;
}

/** A management/journal API caller with the standard Adobe headers. */
export function apiClient(emu: Emulator, token: string) {
	const c = emu.credentials;
	const headers = (): Record<string, string> => ({
		authorization: `Bearer ${token}`,
		'x-api-key': c.clientId,
		'x-ims-org-id': c.imsOrgId,
		accept: 'application/hal+json',
	});
	const ws = `/events/${c.consumerOrgId}/${c.projectId}/${c.workspaceId}`;
	return {
		ws,
		get: (path: string) => http(path.startsWith('http') ? path : `${emu.urls.api}${path}`, { headers: headers() }),
		del: (path: string) => http(`${emu.urls.api}${path}`, { method: 'DELETE', headers: headers() }),
		post: (path: string, json: unknown) => http(`${emu.urls.api}${path}`, { method: 'POST', headers: headers(), json }),
		put: (path: string, json: unknown) => http(`${emu.urls.api}${path}`, { method: 'PUT', headers: headers(), json }),
		journal: (url: string) => http(url, { headers: { authorization: `Bearer ${token}`, 'x-api-key': c.clientId, 'x-ims-org-id': c.imsOrgId } }),
		headers,
	};
}

export async function control<T = Record<string, unknown>>(emu: Emulator, method: string, path: string, json?: unknown): Promise<T> {
	const res = await http(`${emu.urls.control}${path}`, { method, ...(json !== undefined ? { json } : {}) });
	if (res.status !== 200) throw new Error(`control ${method} ${path} → ${res.status} ${res.text}`);
	return res.json<T>();
}

export interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export type Responder = (r: Received) => { status?: number; headers?: Record<string, string>; body?: string; delayMs?: number } | undefined;

/** A webhook receiver on 127.0.0.1 that answers challenges (by default as text/plain) and records everything. */
export class Receiver {
	received: Received[] = [];
	responder: Responder = () => undefined;
	challengeMode: 'text' | 'json' | 'html' | 'wrong' | 'error' | 'timeout' = 'text';
	asyncValidation = true;
	private server!: Server;
	url = '';

	async start(path = '/webhook'): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const rec: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
				this.received.push(rec);
				const u = new URL(rec.url, 'http://x');
				if (rec.method === 'GET' && u.searchParams.has('challenge')) {
					const ch = u.searchParams.get('challenge') as string;
					switch (this.challengeMode) {
						case 'text':
							res.writeHead(200, { 'content-type': 'text/plain' }).end(ch);
							return;
						case 'json':
							res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: ch }));
							return;
						case 'html':
							res.writeHead(200, { 'content-type': 'text/html' }).end(ch);
							return;
						case 'wrong':
							res.writeHead(200, { 'content-type': 'text/plain' }).end('nope');
							return;
						case 'timeout':
							return; // never answers
						default:
							res.writeHead(500).end();
							return;
					}
				}
				if (rec.method === 'POST' && rec.body.toString().includes('validationUrl')) {
					res.writeHead(this.asyncValidation ? 200 : 404).end();
					return;
				}
				const out = this.responder(rec) ?? {};
				const send = (): void => {
					res.writeHead(out.status ?? 200, out.headers ?? { 'content-type': 'text/plain' }).end(out.body ?? 'ok');
				};
				if (out.delayMs) setTimeout(send, out.delayMs);
				else send();
			});
		});
		await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
		return this;
	}

	events(): Received[] {
		return this.received.filter((r) => r.method === 'POST' && !r.body.toString().includes('validationUrl'));
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((r) => this.server.close(() => r()));
	}
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error('waitFor timed out');
		await sleep(20);
	}
}
