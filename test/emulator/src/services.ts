/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: the emulator is not an n8n node; its errors become Adobe-shaped HTTP responses */
/**
 * The journal, ingress and public-key origins.
 */
import { randomUUID } from 'node:crypto';
import type { Core } from './core';
import { checkGateway } from './gateway';
import { Router, apiError, empty, headerValue, json, readJson, text, type Req, type Res } from './http';
import { JournalError, parseSeek } from './journal';
import type { Registration } from './model';

// ------------------------------------------------------------------ journal

export function journalRoutes(core: Core): Router {
	const r = new Router();
	const handler = (req: Req): Res => {
		const { c, cred, rid } = req.params;
		const reg = core.registrations.get(rid);
		if (!reg || reg.consumer_id !== c || cred !== core.creds.credentialId) return apiError(404, `Registration ${rid} does not exist`, 'Not Found');
		return readJournal(core, reg, req);
	};
	r.add('GET', '/events/organizations/:c/integrations/:cred/:rid', handler);
	r.add('GET', '/events-fast/organizations/:c/integrations/:cred/:rid', handler);
	r.add('GET', '/events/organizations/:c/integrations/:cred/:rid/validate', handler);
	r.add('GET', '/events-validate/organizations/:c/integrations/:cred/:rid', handler);
	r.add('GET', '/count/organizations/:c/integrations/:cred/:rid', (req) => {
		const reg = core.registrations.get(req.params.rid);
		if (!reg || reg.consumer_id !== req.params.c) return apiError(404, `Registration ${req.params.rid} does not exist`, 'Not Found');
		return json(200, { count: reg.journal.size });
	});
	return r;
}

function readJournal(core: Core, reg: Registration, req: Req): Res {
	const q = req.query;
	const j = reg.journal;
	j.prune(core.clock.now());
	const since = q.get('since');
	const seek = q.get('seek');
	const latest = q.get('latest');
	const limitRaw = q.get('limit');
	let limit: number | undefined;
	if (limitRaw !== null) {
		if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1) return apiError(400, `limit must be a positive integer (got ${limitRaw})`);
		limit = Math.min(Number(limitRaw), 1_000_000);
	}
	if (since !== null && seek !== null) return apiError(400, 'since and seek cannot be combined');
	if (latest !== null && latest !== 'true' && latest !== 'false') return apiError(400, 'latest must be true or false');
	let after: number | 'oldest' | 'latest' = 'oldest';
	try {
		if (since !== null) after = j.parse(since);
		else if (seek !== null) {
			const ms = parseSeek(seek);
			if (ms === undefined) return apiError(400, `seek must be a negative ISO-8601 duration such as -PT2H or -P1D (got ${seek})`);
			after = j.seqBefore(core.clock.now() - ms);
		} else if (latest === 'true') after = 'latest';
		const page = j.read(after, limit, core.config.journalDefaultLimit, since ?? undefined);
		const base = core.journalPath(reg);
		const lim = limit !== undefined ? `&limit=${limit}` : '';
		const links = [
			`<${base}?since=${encodeURIComponent(page.next)}${lim}>; rel="next"`,
			`<${base}>; rel="events"`,
			`<${base}?latest=true>; rel="latest"`,
			`<${base}/validate?since=${encodeURIComponent(page.next)}>; rel="validate"`,
		];
		if (page.kind === 'empty') {
			return empty(204, { link: links, 'retry-after': String(core.config.journalRetryAfterSec) });
		}
		return {
			status: 200,
			headers: { 'content-type': 'application/json;charset=UTF-8', link: links },
			body: page.body as string,
		};
	} catch (e) {
		if (e instanceof JournalError) {
			if (e.status === 410) return text(410, e.message);
			return apiError(400, e.message);
		}
		throw e;
	}
}

// ------------------------------------------------------------------ ingress

const MAX_PUBLISHERS = 1000;

export function ingressRoutes(core: Core): Router {
	const r = new Router();
	const windows = core.ingressHits;
	const publish = async (req: Req): Promise<Res> => {
		const gw = checkGateway(core, req, 'events');
		if (!('token' in gw)) return gw;
		// Throttle: N requests per window per api key (default 3 000 / 5 s) → 429 + Retry-After.
		const key = headerValue(req, 'x-api-key') as string;
		const now = Date.now();
		const { requests, windowMs } = core.config.ingressRateLimit;
		const hits = (windows.get(key) ?? []).filter((t) => t > now - windowMs);
		if (hits.length >= requests) {
			windows.set(key, hits);
			const retryAfter = Math.max(1, Math.ceil((hits[0] + windowMs - now) / 1000));
			return json(429, { error_code: '429050', message: 'Too many requests' }, { 'retry-after': String(retryAfter) });
		}
		hits.push(now);
		windows.set(key, hits);
		if (windows.size > MAX_PUBLISHERS) windows.delete(windows.keys().next().value as string);

		const ct = (headerValue(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
		if (ct !== 'application/cloudevents+json' && ct !== 'application/json') {
			return apiError(415, `Content-Type must be application/cloudevents+json (got ${ct || 'none'})`, 'Unsupported Media Type');
		}
		const ev = await readJson(req);
		if (!ev || typeof ev !== 'object' || Array.isArray(ev)) return apiError(400, 'The event must be a CloudEvents JSON object');
		const e = ev as Record<string, unknown>;
		const problems: string[] = [];
		if (e.specversion !== '1.0') problems.push('specversion must be "1.0"');
		for (const k of ['id', 'source', 'type']) if (typeof e[k] !== 'string' || (e[k] as string).length === 0) problems.push(`${k} is required (non-empty string)`);
		if (e.datacontenttype !== undefined && e.datacontenttype !== 'application/json') problems.push('datacontenttype must be application/json');
		if (e.time !== undefined && (typeof e.time !== 'string' || Number.isNaN(Date.parse(e.time)))) problems.push('time must be an RFC 3339 timestamp');
		for (const k of Object.keys(e)) if (!/^[a-z0-9_]{1,64}$/.test(k)) problems.push(`attribute name "${k}" is not a valid CloudEvents name (lower-case a-z, 0-9)`);
		if (problems.length) return apiError(400, `Invalid CloudEvent: ${problems.join('; ')}`);
		const m = /^urn:uuid:(.+)$/.exec(e.source as string);
		const provider = m ? core.providers.get(m[1]) : undefined;
		if (!provider) return apiError(400, `Invalid CloudEvent: source must be urn:uuid:<provider id> of one of your providers (got ${String(e.source)})`);
		if (!provider.owner) return apiError(403, `Provider ${provider.id} is published by Adobe; you can only publish to your own providers`, 'Forbidden');
		const base: Record<string, unknown> = { ...e };
		if ((headerValue(req, 'x-event-phidata') ?? '').toLowerCase() === 'true') base.phidata = true;
		const out = core.emit(provider, e.type as string, base);
		if (out.registrations === 0) return empty(204);
		return text(200, 'OK');
	};
	r.add('POST', '/', publish);
	r.add('POST', '/api/events', publish);
	return r;
}

// ------------------------------------------------------------------ public keys

export function keyRoutes(core: Core): Router {
	const r = new Router();
	const serve = (req: Req): Res => {
		const m = /^pub-key-([A-Za-z0-9_-]+)\.pem$/.exec(req.params.file);
		const key = m ? core.keys.find(m[1]) : undefined;
		if (!key) {
			return {
				status: 404,
				headers: { 'content-type': 'application/xml' },
				body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${req.params.env}/keys/${escapeXml(req.params.file)}</Key><RequestId>${randomUUID()}</RequestId></Error>`,
			};
		}
		return { status: 200, headers: { 'content-type': 'application/x-x509-ca-cert' }, body: key.publicPem };
	};
	r.add('GET', '/:env/keys/:file', (req) => {
		if (req.params.env !== 'prod' && req.params.env !== 'stage') return text(404, 'Not Found');
		return serve(req);
	});
	return r;
}

function escapeXml(s: string): string {
	return s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
