/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: the emulator is not an n8n node; its errors become Adobe-shaped HTTP responses */
/**
 * Control API (own origin, no auth, loopback only): drive the emulator from tests, benchmarks
 * and the sandbox. Documented in test/emulator/README.md.
 */
import { randomUUID } from 'node:crypto';
import type { ClockMode } from './clock';
import { DEFAULT_CONFIG, type Core, type EmulatorConfig } from './core';
import { DELIVERY_MODES, FAULT_TARGETS, MAX_FAULTS, type DeliveryMode, type FaultTarget } from './faults';
import { ALLOWED_METASCOPES, ALLOWED_SCOPES, DEFAULT_SCOPES } from './ims';
import { hmacSignature } from './keys';
import { HttpError, Router, apiError, json, readJson, readJsonObject, type Req } from './http';
import { JournalError } from './journal';
import type { Provider, Registration } from './model';

const bad = (reason: string): HttpError => new HttpError(apiError(400, reason, 'Bad Request'));
const MAX_EMIT = 100_000;

function int(v: unknown, name: string, min: number, max: number, dflt?: number): number {
	if (v === undefined || v === null) {
		if (dflt === undefined) throw bad(`${name} is required`);
		return dflt;
	}
	if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(`${name} must be an integer between ${min} and ${max}`);
	return v;
}

export function controlRoutes(core: Core, onReset: (resetConfig: boolean) => void): Router {
	const r = new Router();
	const reg = (id: string): Registration => {
		const x = core.registrations.get(id);
		if (!x) throw new HttpError(apiError(404, `Registration ${id} does not exist`, 'Not Found'));
		return x;
	};

	r.add('GET', '/', () =>
		json(200, {
			service: 'adobe-io-events-emulator',
			urls: core.urls,
			clock: core.clock.state,
			registrations: core.registrations.size,
			pending_retries: core.delivery.pendingRetries,
			pending_validations: core.pendingValidations,
			tokens: core.ims.stats,
			docs: 'test/emulator/README.md',
		}),
	);

	// ------------------------------------------------------------ events
	r.add('POST', '/events', async (req) => {
		const body = await readJsonObject(req);
		if (typeof body.event_code !== 'string' || !body.event_code) throw bad('event_code is required');
		const code = body.event_code;
		let provider: Provider | undefined;
		if (body.provider_id !== undefined) {
			if (typeof body.provider_id !== 'string') throw bad('provider_id must be a string');
			provider = core.providers.get(body.provider_id);
			if (!provider) throw new HttpError(apiError(404, `Provider ${body.provider_id} was not found`, 'Not Found'));
		} else {
			provider = core.findProviderForCode(code);
			if (!provider) throw bad(`No provider defines event code ${code}; pass provider_id`);
		}
		const count = int(body.count, 'count', 1, MAX_EMIT, 1);
		if (body.attributes !== undefined && (typeof body.attributes !== 'object' || body.attributes === null || Array.isArray(body.attributes))) throw bad('attributes must be an object');
		const attributes = (body.attributes ?? {}) as Record<string, unknown>;
		let only: Registration | undefined;
		if (body.registration_id !== undefined) only = reg(String(body.registration_id));
		const ids: string[] = [];
		const firsts: Promise<void>[] = [];
		let matched = 0;
		for (let i = 0; i < count; i++) {
			const base = core.buildBase(provider, code, body.data, attributes);
			const out = core.emit(provider, code, base, only);
			ids.push(out.event.eventid);
			matched = Math.max(matched, out.registrations);
			firsts.push(...out.firstAttempts);
		}
		if (body.wait === true) await Promise.all(firsts);
		return json(200, { event_ids: ids, provider_id: provider.id, event_code: code, registrations: matched, webhook_deliveries: firsts.length });
	});

	r.add('POST', '/idle', async () => {
		await core.delivery.idle();
		return json(200, { idle: true });
	});

	// ------------------------------------------------------------ deliveries
	r.add('GET', '/deliveries', (req) => {
		const q = req.query;
		let list = core.delivery.deliveries;
		const rid = q.get('registration_id');
		if (rid) list = list.filter((d) => d.registration_id === rid);
		const eid = q.get('event_id');
		if (eid) list = list.filter((d) => d.event_ids.includes(eid));
		const outcome = q.get('outcome');
		if (outcome) list = list.filter((d) => d.outcome === outcome);
		const since = q.get('since');
		if (since) {
			const idx = list.findIndex((d) => d.delivery_id === since);
			if (idx >= 0) list = list.slice(idx + 1);
		}
		const limitRaw = q.get('limit');
		if (limitRaw) {
			const n = Number(limitRaw);
			if (!Number.isInteger(n) || n < 1) throw bad('limit must be a positive integer');
			list = list.slice(-n);
		}
		return json(200, { count: list.length, deliveries: list });
	});
	r.add('DELETE', '/deliveries', () => {
		core.delivery.deliveries = [];
		return json(200, { cleared: true });
	});

	// ------------------------------------------------------------ registrations (internal state)
	r.add('GET', '/registrations', () => json(200, { registrations: [...core.registrations.values()].map((x) => core.registrationState(x)) }));
	r.add('GET', '/registrations/:id', (req) => json(200, core.registrationState(reg(req.params.id))));
	r.add(['PATCH', 'POST'], '/registrations/:id', async (req) => {
		const x = reg(req.params.id);
		const body = await readJsonObject(req);
		if (body.hmac_signature !== undefined) {
			if (typeof body.hmac_signature !== 'boolean' && body.hmac_signature !== null) throw bad('hmac_signature must be a boolean or null');
			x.hmacSignature = body.hmac_signature === null ? undefined : body.hmac_signature;
		}
		if (body.health !== undefined) {
			if (!['ACTIVE', 'UNSTABLE', 'DISABLED'].includes(String(body.health))) throw bad('health must be ACTIVE, UNSTABLE or DISABLED');
			x.health = body.health as Registration['health'];
			x.webhook_status = x.health === 'DISABLED' ? 'hook_unreachable' : x.health === 'UNSTABLE' ? 'unstable' : 'verified';
			x.unstableSince = x.health === 'UNSTABLE' ? core.clock.now() : undefined;
		}
		if (body.webhook_status !== undefined) {
			if (typeof body.webhook_status !== 'string') throw bad('webhook_status must be a string');
			x.webhook_status = body.webhook_status;
		}
		if (body.enabled !== undefined) {
			if (typeof body.enabled !== 'boolean') throw bad('enabled must be a boolean');
			x.enabled = body.enabled;
		}
		return json(200, core.registrationState(x));
	});
	r.add('GET', '/registrations/:id/traces', (req) => json(200, core.delivery.tracesOf(reg(req.params.id))));

	// ------------------------------------------------------------ faults
	r.add('GET', '/faults', () => json(200, { faults: core.faults.all() }));
	r.add('DELETE', '/faults', () => {
		core.faults.clear();
		return json(200, { cleared: true });
	});
	r.add('POST', '/faults', async (req) => {
		const raw = await readJson(req);
		const list = Array.isArray(raw) ? raw : [raw];
		if (list.length === 0 || list.length > 100) throw bad('send one fault object or an array of 1-100');
		if (core.faults.all().length + list.length > MAX_FAULTS) throw bad(`at most ${MAX_FAULTS} faults can be queued; DELETE /faults first`);
		const created = list.map((f) => {
			if (!f || typeof f !== 'object' || Array.isArray(f)) throw bad('a fault must be an object');
			const o = f as Record<string, unknown>;
			if (!FAULT_TARGETS.includes(o.target as FaultTarget)) throw bad(`target must be one of ${FAULT_TARGETS.join(', ')}`);
			const target = o.target as FaultTarget;
			const count = int(o.count, 'count', 1, 100_000, 1);
			let status: number | undefined;
			let timeoutMs: number | undefined;
			let mode: DeliveryMode | undefined;
			if (o.status !== undefined) status = int(o.status, 'status', 100, 999);
			if (o.timeout !== undefined && o.timeout !== false) {
				timeoutMs = o.timeout === true ? 30_000 : int(o.timeout, 'timeout', 0, 120_000);
			}
			if (o.mode !== undefined) {
				if (target !== 'deliveries') throw bad('mode is only valid for target "deliveries"');
				if (!DELIVERY_MODES.includes(o.mode as DeliveryMode)) throw bad(`mode must be one of ${DELIVERY_MODES.join(', ')}`);
				mode = o.mode as DeliveryMode;
			}
			if ([status, timeoutMs, mode].filter((v) => v !== undefined).length !== 1) throw bad('give exactly one of status, timeout or mode');
			return core.faults.add({
				target,
				status,
				timeoutMs,
				mode,
				remaining: count,
				retryAfter: o.retry_after === undefined ? undefined : int(o.retry_after, 'retry_after', 0, 86_400),
				match: typeof o.match === 'string' ? o.match : undefined,
				registrationId: typeof o.registration_id === 'string' ? o.registration_id : undefined,
			});
		});
		return json(200, { faults: created });
	});

	// ------------------------------------------------------------ clock
	r.add('GET', '/clock', () => json(200, core.clock.state));
	r.add('POST', '/clock', async (req) => {
		const body = await readJsonObject(req);
		if (body.mode !== 'real' && body.mode !== 'manual') throw bad('mode must be "real" or "manual"');
		let scale: number | undefined;
		if (body.time_scale !== undefined) {
			if (typeof body.time_scale !== 'number' || !(body.time_scale > 0) || body.time_scale > 100_000) throw bad('time_scale must be a number between 0 and 100000');
			scale = body.time_scale;
		}
		core.clock.setMode(body.mode as ClockMode, scale);
		return json(200, core.clock.state);
	});
	r.add('POST', '/clock/advance', async (req) => {
		const body = await readJsonObject(req);
		const ms = (body.ms ?? 0) as number;
		const total = (typeof body.ms === 'number' ? ms : 0) + (typeof body.minutes === 'number' ? body.minutes * 60_000 : 0) + (typeof body.hours === 'number' ? body.hours * 3_600_000 : 0);
		if (!Number.isFinite(total) || total < 0 || total > 366 * 86_400_000 || (body.ms !== undefined && typeof body.ms !== 'number')) throw bad('ms (or minutes / hours) must be a non-negative number up to one year');
		const ran = await core.clock.advance(total);
		return json(200, { ...core.clock.state, timers_run: ran });
	});

	// ------------------------------------------------------------ keys, signing, tokens
	r.add('GET', '/keys', () => json(200, { keys: core.keys.list(), base_url: core.urls.keys }));
	r.add('POST', '/keys/rotate', async (req) => {
		const body = await readJsonObject(req, 'api', true);
		const slot = body.slot === undefined ? undefined : int(body.slot, 'slot', 1, 2);
		core.keys.rotate(slot as 1 | 2 | undefined);
		return json(200, { keys: core.keys.list() });
	});
	r.add('POST', '/sign', async (req) => {
		const body = await readJsonObject(req);
		let raw: string;
		if (typeof body.body === 'string') raw = body.body;
		else if (body.event !== undefined) {
			if (!body.event || typeof body.event !== 'object') throw bad('event must be an object or array');
			const recipient = typeof body.recipient === 'string' ? body.recipient : core.creds.clientId;
			const enrich = (e: unknown): unknown => {
				const id = randomUUID();
				return { ...(e as Record<string, unknown>), eventid: id, event_id: id, recipient_client_id: recipient, recipientclientid: recipient };
			};
			raw = JSON.stringify(Array.isArray(body.event) ? body.event.map(enrich) : enrich(body.event));
		} else throw bad('give body (the exact string to sign) or event (an object to enrich, serialise and sign)');
		const headers: Record<string, string> = { ...core.keys.sign(raw), 'x-adobe-signature': hmacSignature(raw, core.creds.clientSecret) };
		return json(200, { body: raw, headers });
	});
	r.add('POST', '/tokens/invalidate', async (req) => {
		const body = await readJsonObject(req, 'api', true);
		const n = core.ims.invalidate(body.refresh_tokens === true);
		return json(200, { invalidated: n });
	});
	r.add('POST', '/tokens', async (req) => {
		const body = await readJsonObject(req, 'api', true);
		const scopes = Array.isArray(body.scopes) ? body.scopes.map(String) : DEFAULT_SCOPES;
		const metascopes = Array.isArray(body.metascopes) ? body.metascopes.map(String) : [];
		for (const s of scopes) if (!ALLOWED_SCOPES.has(s)) throw bad(`unknown scope ${s}`);
		for (const s of metascopes) if (!ALLOWED_METASCOPES.has(s)) throw bad(`unknown metascope ${s}`);
		const lifetime = int(body.lifetime_ms, 'lifetime_ms', 1, 366 * 86_400_000, 86_400_000);
		const { token, info } = core.ims.issue({ kind: 'client_credentials', clientId: core.creds.clientId, scopes: new Set(scopes), metascopes: new Set(metascopes) }, lifetime);
		return json(200, { access_token: token, expires_at: new Date(info.expiresAt).toISOString() });
	});

	// ------------------------------------------------------------ journal
	r.add('POST', '/journal/expire', async (req) => {
		const body = await readJsonObject(req, 'api', true);
		const targets = body.registration_id !== undefined ? [reg(String(body.registration_id))] : [...core.registrations.values()];
		let expired = 0;
		try {
			for (const t of targets) expired += t.journal.expire(typeof body.position === 'string' ? body.position : undefined);
		} catch (e) {
			if (e instanceof JournalError) throw bad(e.message);
			throw e;
		}
		return json(200, { expired });
	});

	// ------------------------------------------------------------ config & reset
	r.add('GET', '/config', () => json(200, core.config));
	r.add('POST', '/config', async (req) => {
		const body = await readJsonObject(req);
		const next: EmulatorConfig = { ...core.config };
		for (const [k, v] of Object.entries(body)) {
			if (!(k in DEFAULT_CONFIG)) throw bad(`unknown config key ${k}`);
			const dflt = (DEFAULT_CONFIG as unknown as Record<string, unknown>)[k];
			if (typeof dflt === 'number') {
				if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw bad(`${k} must be a non-negative number`);
			} else if (typeof dflt === 'boolean') {
				if (typeof v !== 'boolean') throw bad(`${k} must be a boolean`);
			} else if (k === 'ingressRateLimit') {
				const o = v as { requests?: unknown; windowMs?: unknown };
				if (!o || typeof o.requests !== 'number' || typeof o.windowMs !== 'number' || o.requests < 1 || o.windowMs < 1) throw bad('ingressRateLimit must be {requests, windowMs}');
			}
			(next as unknown as Record<string, unknown>)[k] = v;
		}
		core.config = next;
		return json(200, core.config);
	});
	r.add('POST', '/reset', async (req: Req) => {
		const body = await readJsonObject(req, 'api', true);
		core.reset();
		onReset(body.config !== false);
		return json(200, { reset: true });
	});
	return r;
}
