/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code: the emulator runs outside n8n, needs node:http, and its errors become Adobe-shaped HTTP responses */
/**
 * Minimal HTTP plumbing shared by every emulator service: one listener per service on 127.0.0.1,
 * a tiny router, size-limited body reading, `x-request-id` on every response, and a safety net that
 * turns any thrown error into an Adobe-shaped 500 instead of a crash or a hang.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Req {
	method: string;
	url: URL;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	raw: IncomingMessage;
	params: Record<string, string>;
	requestId: string;
	/** Reads the body (once), rejecting with HttpError 413 past the limit. */
	body(): Promise<Buffer>;
}

export interface Res {
	status: number;
	headers: Record<string, string | string[]>;
	body?: string | Buffer;
}

export class HttpError extends Error {
	constructor(
		public readonly res: Res,
		message?: string,
	) {
		super(message ?? `HTTP ${res.status}`);
	}
}

export type Handler = (req: Req) => Promise<Res | 'hang' | 'destroy'> | Res | 'hang' | 'destroy';

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

/** Path patterns like `/events/:consumerOrgId/providers`; `:name` matches one segment. */
export class Router {
	private routes: Route[] = [];

	add(method: string | string[], path: string, handler: Handler): this {
		const keys: string[] = [];
		const source = path
			.split('/')
			.map((seg) => {
				if (seg.startsWith(':')) {
					keys.push(seg.slice(1));
					return '([^/]+)';
				}
				return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		for (const m of Array.isArray(method) ? method : [method]) {
			this.routes.push({ method: m, pattern: new RegExp(`^${source}/?$`), keys, handler });
		}
		return this;
	}

	/** Returns the handler and params, or 'method' when the path exists with another method, or undefined. */
	match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
		let pathMatched = false;
		for (const r of this.routes) {
			const m = r.pattern.exec(path);
			if (!m) continue;
			if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) {
				pathMatched = true;
				continue;
			}
			const params: Record<string, string> = {};
			r.keys.forEach((k, i) => {
				try {
					params[k] = decodeURIComponent(m[i + 1]);
				} catch {
					params[k] = m[i + 1];
				}
			});
			return { handler: r.handler, params };
		}
		return pathMatched ? 'method' : undefined;
	}
}

export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}, contentType = 'application/json'): Res {
	return {
		status,
		headers: { 'content-type': `${contentType};charset=UTF-8`, ...headers },
		body: body === undefined ? '' : JSON.stringify(body),
	};
}

export function hal(status: number, body: unknown, headers: Record<string, string | string[]> = {}): Res {
	return json(status, body, headers, 'application/hal+json');
}

export function text(status: number, body: string, headers: Record<string, string | string[]> = {}): Res {
	return { status, headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers }, body };
}

export function empty(status: number, headers: Record<string, string | string[]> = {}): Res {
	return { status, headers };
}

/** Management/ingress service error (`{reason, message}`, Java SDK ErrorResponse / CSM shape). */
export function apiError(status: number, reason: string, message?: string, headers: Record<string, string | string[]> = {}): Res {
	return json(status, { reason, message: message ?? defaultMessage(status) }, headers);
}

/** API gateway error (`{error_code, message}`). */
export function gatewayError(status: number, errorCode: string, message: string, headers: Record<string, string | string[]> = {}): Res {
	return json(status, { error_code: errorCode, message }, headers);
}

/** IMS OAuth-style error. */
export function oauthError(status: number, error: string, description: string): Res {
	return json(status, { error, error_description: description });
}

function defaultMessage(status: number): string {
	switch (status) {
		case 400:
			return 'Bad Request';
		case 401:
			return 'Unauthorized';
		case 403:
			return 'Forbidden';
		case 404:
			return 'Not Found';
		case 405:
			return 'Method Not Allowed';
		case 409:
			return 'Conflict';
		case 410:
			return 'Gone';
		case 413:
			return 'Payload Too Large';
		case 415:
			return 'Unsupported Media Type';
		case 429:
			return 'Too Many Requests';
		default:
			return status >= 500 ? 'Internal Server Error' : 'Error';
	}
}

export type ErrorStyle = 'api' | 'gateway' | 'oauth' | 'text';

export function errorFor(style: ErrorStyle, status: number, reason: string): Res {
	switch (style) {
		case 'oauth':
			return oauthError(status, status >= 500 ? 'server_error' : 'invalid_request', reason);
		case 'gateway':
			return gatewayError(status, `${status}000`, reason);
		case 'text':
			return text(status, reason);
		default:
			return apiError(status, reason);
	}
}

/** Parses a JSON body; throws HttpError 400 (Adobe-shaped) when it is not JSON. */
export async function readJson(req: Req, style: ErrorStyle = 'api'): Promise<unknown> {
	const buf = await req.body();
	if (buf.length === 0) throw new HttpError(errorFor(style, 400, 'Request body is required'));
	try {
		return JSON.parse(buf.toString('utf8')) as unknown;
	} catch {
		throw new HttpError(errorFor(style, 400, 'Request body is not valid JSON'));
	}
}

export async function readJsonObject(req: Req, style: ErrorStyle = 'api', allowEmpty = false): Promise<Record<string, unknown>> {
	const buf = await req.body();
	if (buf.length === 0 && allowEmpty) return {};
	const v = await readJson(req, style);
	if (v === null || typeof v !== 'object' || Array.isArray(v)) {
		throw new HttpError(errorFor(style, 400, 'Request body must be a JSON object'));
	}
	return v as Record<string, unknown>;
}

export interface ServiceOptions {
	name: string;
	bodyLimit: number;
	errorStyle: ErrorStyle;
	/** Runs before routing; may answer (faults, gateway checks). */
	before?: (req: Req) => Promise<Res | 'hang' | 'destroy' | undefined> | Res | 'hang' | 'destroy' | undefined;
	/** Called with every finished request (for logs/metrics). */
	onError?: (err: unknown) => void;
}

export interface Service {
	server: Server;
	url: string;
	close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1', '::1']);

export async function startService(router: Router, opts: ServiceOptions, port: number): Promise<Service> {
	const sockets = new Set<Socket>();
	const server = createServer((raw, response) => {
		void handle(raw, response);
	});
	server.on('connection', (s) => {
		if (!LOOPBACK.has(s.remoteAddress ?? '')) {
			s.destroy();
			return;
		}
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
		else socket.destroy();
	});
	server.headersTimeout = 20_000;
	server.requestTimeout = 0;
	server.keepAliveTimeout = 5_000;

	async function handle(raw: IncomingMessage, response: ServerResponse): Promise<void> {
		const requestId = randomUUID();
		let url: URL;
		try {
			url = new URL(raw.url ?? '/', 'http://127.0.0.1');
		} catch {
			url = new URL('http://127.0.0.1/');
		}
		let bodyPromise: Promise<Buffer> | undefined;
		const req: Req = {
			method: (raw.method ?? 'GET').toUpperCase(),
			url,
			path: url.pathname.replace(/\/{2,}/g, '/'),
			query: url.searchParams,
			headers: raw.headers,
			raw,
			params: {},
			requestId,
			body: () => (bodyPromise ??= readBody(raw, opts.bodyLimit, opts.errorStyle)),
		};
		let result: Res | 'hang' | 'destroy';
		try {
			const early = opts.before ? await opts.before(req) : undefined;
			if (early) {
				result = early;
			} else {
				const m = router.match(req.method, req.path);
				if (m === undefined) result = errorFor(opts.errorStyle, 404, `HTTP 404 Not Found: ${req.method} ${req.path}`);
				else if (m === 'method') result = errorFor(opts.errorStyle, 405, `HTTP 405 Method ${req.method} not allowed on ${req.path}`);
				else {
					req.params = m.params;
					result = await m.handler(req);
				}
			}
		} catch (err) {
			if (err instanceof HttpError) result = err.res;
			else {
				opts.onError?.(err);
				result = errorFor(opts.errorStyle, 500, `Internal error in the ${opts.name} emulator: ${(err as Error)?.message ?? String(err)}`);
			}
		}
		if (result === 'hang') return; // a fault: the socket is destroyed later by the fault timer or close()
		if (result === 'destroy') {
			raw.socket.destroy();
			return;
		}
		// Drain an unread request body so keep-alive connections stay usable (bounded by the limit).
		if (!bodyPromise && raw.readable) {
			try {
				await req.body();
			} catch {
				/* too large: the connection is closed below */
			}
		}
		try {
			const headers: Record<string, string | string[]> = { 'x-request-id': requestId, ...result.headers };
			const body = result.body === undefined ? undefined : typeof result.body === 'string' ? Buffer.from(result.body, 'utf8') : result.body;
			if (body !== undefined && result.status !== 204 && result.status !== 304) headers['content-length'] = String(body.length);
			response.writeHead(result.status, headers);
			if (req.method === 'HEAD' || result.status === 204 || result.status === 304 || body === undefined) response.end();
			else response.end(body);
		} catch (err) {
			opts.onError?.(err);
			response.destroy();
		}
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const addr = server.address() as AddressInfo;
	return {
		server,
		url: `http://127.0.0.1:${addr.port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
				server.closeAllConnections?.();
			}),
	};
}

function readBody(raw: IncomingMessage, limit: number, style: ErrorStyle): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const declared = Number(raw.headers['content-length']);
		if (Number.isFinite(declared) && declared > limit) {
			raw.resume();
			reject(new HttpError(errorFor(style, 413, `Request body exceeds the limit of ${limit} bytes`)));
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		let failed = false;
		raw.on('data', (c: Buffer) => {
			if (failed) return;
			size += c.length;
			if (size > limit) {
				failed = true;
				reject(new HttpError(errorFor(style, 413, `Request body exceeds the limit of ${limit} bytes`)));
				return;
			}
			chunks.push(c);
		});
		raw.on('end', () => {
			if (!failed) resolve(Buffer.concat(chunks));
		});
		raw.on('error', (e) => {
			if (!failed) {
				failed = true;
				reject(new HttpError(errorFor(style, 400, `Request body could not be read: ${e.message}`)));
			}
		});
	});
}

/** Parses `application/x-www-form-urlencoded` and `multipart/form-data` bodies into a flat map. */
export function parseForm(contentType: string | undefined, body: Buffer): Record<string, string> | undefined {
	const ct = (contentType ?? '').toLowerCase();
	if (ct.startsWith('application/x-www-form-urlencoded') || (ct === '' && body.length > 0 && !body.toString('utf8').trim().startsWith('{'))) {
		const out: Record<string, string> = {};
		for (const [k, v] of new URLSearchParams(body.toString('utf8'))) out[k] = v;
		return out;
	}
	if (ct.startsWith('multipart/form-data')) {
		const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
		if (!m) return undefined;
		const boundary = `--${m[1] ?? m[2]}`;
		const textBody = body.toString('latin1');
		const out: Record<string, string> = {};
		for (const part of textBody.split(boundary)) {
			const sep = part.indexOf('\r\n\r\n');
			if (sep < 0) continue;
			const head = part.slice(0, sep);
			const name = /name="([^"]*)"/i.exec(head);
			if (!name) continue;
			let value = part.slice(sep + 4);
			if (value.endsWith('\r\n')) value = value.slice(0, -2);
			out[name[1]] = Buffer.from(value, 'latin1').toString('utf8');
		}
		return out;
	}
	if (ct.startsWith('application/json')) {
		try {
			const v = JSON.parse(body.toString('utf8')) as unknown;
			if (v && typeof v === 'object' && !Array.isArray(v)) {
				const out: Record<string, string> = {};
				for (const [k, val] of Object.entries(v)) out[k] = typeof val === 'string' ? val : JSON.stringify(val);
				return out;
			}
		} catch {
			return undefined;
		}
	}
	return undefined;
}

export function headerValue(req: Req, name: string): string | undefined {
	const v = req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}
