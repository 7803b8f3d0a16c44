/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: the emulator runs outside n8n and needs node:http, timers and process */
/**
 * Webhook side of I/O Events: the registration challenge (sync GET, async POST `{validationUrl}`),
 * and the delivery engine (signed CloudEvents, `webhook_batch`, 10 s timeout, Adobe's retry rules on
 * the emulator clock, ACTIVE / UNSTABLE / DISABLED health).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { randomUUID } from 'node:crypto';
import type { Core } from './core';
import type { DeliveryRecord, EmittedEvent, Registration, Trace } from './model';
import { hmacSignature } from './keys';

/** Retry delays after attempt n (1-based): 1, 2, 4, 8, 15, 15, … minutes (docs retry-doc). */
export function retryDelayMs(retryNumber: number): number {
	const minutes = Math.min(15, 2 ** (retryNumber - 1));
	return minutes * 60_000;
}
export const RETRY_WINDOW_MS = 24 * 3_600_000;
export const HEALTH_WINDOW_MS = 24 * 3_600_000;
export const BATCH_MAX_EVENTS = 20;
export const BATCH_MAX_BYTES = 2 * 1024 * 1024;
/** Adobe's Debug Tracing keeps request and response bodies up to 64 KB (bytes), trimmed beyond. */
export const TRACE_BODY_LIMIT = 64 * 1024;
/** Adobe's Debug Tracing keeps the last 100 traces of a registration. */
export const MAX_TRACES = 100;
const MAX_CONCURRENT = 48;
const MAX_ATTEMPTS_KEPT = 10_000;

export interface HttpResult {
	status: number | null;
	headers: IncomingHttpHeaders;
	body: string;
	error?: 'timeout' | 'connection_failed';
	durationMs: number;
}

/** The first `maxBytes` bytes of `input` as UTF-8 text, never cutting a character in half. */
export function trimUtf8(input: Buffer | string, maxBytes: number): string {
	const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
	if (buf.length <= maxBytes) return buf.toString('utf8');
	let end = maxBytes;
	// buf[end] is the first byte left out: while it continues a character (10xxxxxx), leave that character out too.
	while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
	return buf.subarray(0, end).toString('utf8');
}

/** Header map as Adobe's tracing API shows it: every value a list. */
export function headerLists(h: IncomingHttpHeaders | Record<string, string>): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
	return out;
}

export interface Agents {
	http: HttpAgent;
	https: HttpsAgent;
}

export function createAgents(): Agents {
	return { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };
}

/** One outbound HTTP request whose timeout spans the whole attempt (connect included). */
export function send(agents: Agents, url: string, method: string, headers: Record<string, string>, body: Buffer | undefined, timeoutMs: number): Promise<HttpResult> {
	const started = Date.now();
	return new Promise((resolve) => {
		let settled = false;
		const finish = (r: Omit<HttpResult, 'durationMs'>): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve({ ...r, durationMs: Date.now() - started });
		};
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			resolve({ status: null, headers: {}, body: '', error: 'connection_failed', durationMs: 0 });
			return;
		}
		const isHttps = target.protocol === 'https:';
		const req = (isHttps ? httpsRequest : httpRequest)(
			target,
			{
				method,
				headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
				agent: isHttps ? agents.https : agents.http,
			},
			(res) => {
				const chunks: Buffer[] = [];
				let size = 0;
				res.on('data', (c: Buffer) => {
					// Only what a trace can hold is kept (the rest is read and dropped).
					if (size < TRACE_BODY_LIMIT) chunks.push(c);
					size += c.length;
				});
				res.on('end', () => finish({ status: res.statusCode ?? null, headers: res.headers, body: trimUtf8(Buffer.concat(chunks), TRACE_BODY_LIMIT) }));
				res.on('error', () => finish({ status: res.statusCode ?? null, headers: res.headers, body: '' }));
			},
		);
		const timer = setTimeout(() => {
			finish({ status: null, headers: {}, body: '', error: 'timeout' });
			req.destroy();
		}, timeoutMs);
		req.on('error', () => finish({ status: null, headers: {}, body: '', error: 'connection_failed' }));
		if (body) req.end(body);
		else req.end();
	});
}

/** Adobe retries 429, 5xx except 505, and "no response" (timeouts, connection failures). */
export function isRetryable(status: number | null): boolean {
	if (status === null) return true;
	if (status === 429) return true;
	return status >= 500 && status <= 599 && status !== 505;
}

interface Job {
	id: string;
	reg: Registration;
	events: EmittedEvent[];
	/** exact payload strings (one per event, enriched for this registration) */
	payloads: string[];
	firstAttemptAt?: number;
	retryCount: number;
	done: Promise<void>;
	resolveFirst: () => void;
	firstDone: boolean;
}

class Semaphore {
	private active = 0;
	private queue: Array<() => void> = [];
	constructor(private readonly max: number) {}
	async run<T>(fn: () => Promise<T>): Promise<T> {
		if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
		this.active++;
		try {
			return await fn();
		} finally {
			this.active--;
			this.queue.shift()?.();
		}
	}
}

export class DeliveryEngine {
	private pendingBatches = new Map<string, { reg: Registration; items: Array<{ ev: EmittedEvent; payload: string; resolve: () => void }> }>();
	private flushScheduled = false;
	private sem = new Semaphore(MAX_CONCURRENT);
	private inflight = new Set<Promise<unknown>>();
	private retryTimers = new Set<number>();
	deliveries: DeliveryRecord[] = [];
	private deliverySeq = 0;
	readonly agents = createAgents();

	constructor(private readonly core: Core) {}

	destroy(): void {
		this.agents.http.destroy();
		this.agents.https.destroy();
	}

	reset(): void {
		this.pendingBatches.clear();
		for (const t of this.retryTimers) this.core.clock.clearTimer(t);
		this.retryTimers.clear();
		this.deliveries = [];
	}

	get pendingRetries(): number {
		return this.retryTimers.size;
	}

	/** Queues an event for a webhook registration; resolves when its first delivery attempt has finished. */
	enqueue(reg: Registration, ev: EmittedEvent, payload: string): Promise<void> {
		if (reg.delivery_type === 'webhook_batch') {
			return new Promise((resolve) => {
				let b = this.pendingBatches.get(reg.registration_id);
				if (!b) {
					b = { reg, items: [] };
					this.pendingBatches.set(reg.registration_id, b);
				}
				b.items.push({ ev, payload, resolve });
				if (!this.flushScheduled) {
					this.flushScheduled = true;
					setImmediate(() => this.flush());
				}
			});
		}
		return this.startJob(reg, [ev], [payload]);
	}

	/** Splits pending batch events into deliveries of ≤ 20 events and ≤ 2 MB. */
	private flush(): void {
		this.flushScheduled = false;
		const batches = [...this.pendingBatches.values()];
		this.pendingBatches.clear();
		for (const { reg, items } of batches) {
			let cur: typeof items = [];
			let bytes = 2;
			const emit = (): void => {
				if (!cur.length) return;
				const group = cur;
				void this.startJob(
					reg,
					group.map((g) => g.ev),
					group.map((g) => g.payload),
				).then(() => group.forEach((g) => g.resolve()));
				cur = [];
				bytes = 2;
			};
			for (const it of items) {
				const size = Buffer.byteLength(it.payload) + 1;
				if (cur.length >= this.core.config.batchMaxEvents || (cur.length > 0 && bytes + size > this.core.config.batchMaxBytes)) emit();
				cur.push(it);
				bytes += size;
			}
			emit();
		}
	}

	private startJob(reg: Registration, events: EmittedEvent[], payloads: string[]): Promise<void> {
		let resolveFirst!: () => void;
		const done = new Promise<void>((r) => (resolveFirst = r));
		const job: Job = { id: randomUUID(), reg, events, payloads, retryCount: 0, done, resolveFirst, firstDone: false };
		const p = this.sem.run(() => this.attempt(job));
		this.track(p);
		return done;
	}

	private track(p: Promise<unknown>): void {
		this.inflight.add(p);
		void p.finally(() => this.inflight.delete(p));
	}

	/** Resolves when no delivery attempt is running (due retries included). */
	async idle(): Promise<void> {
		while (this.inflight.size) await Promise.allSettled([...this.inflight]);
	}

	buildBody(job: { reg: Registration; payloads: string[] }): string {
		return job.reg.delivery_type === 'webhook_batch' ? `[${job.payloads.join(',')}]` : job.payloads[0];
	}

	private async attempt(job: Job): Promise<void> {
		const { reg, events } = job;
		const core = this.core;
		const now = core.clock.now();
		job.firstAttemptAt ??= now;
		const fault = core.faults.take('deliveries', undefined, reg.registration_id);
		let bodyStr = this.buildBody(job);
		if (fault?.mode === 'wrong_recipient') {
			const other = 'ffffffffffffffffffffffffffffffff';
			bodyStr = bodyStr.split(JSON.stringify(reg.client_id)).join(JSON.stringify(other));
		}
		const body = Buffer.from(bodyStr, 'utf8');
		const first = events[0];
		const deliveryId = randomUUID();
		const legacy = first.format === 'adobe_io';
		const headers: Record<string, string> = {
			'user-agent': 'Adobe/1.0',
			'accept-encoding': 'deflate,compress,identity',
			'content-type': legacy ? 'application/json; charset=utf-8' : 'application/cloudevents+json; charset=UTF-8',
			'x-adobe-delivery-id': deliveryId,
			'x-adobe-event-code': first.eventCode,
			'x-adobe-event-id': first.eventid,
			'x-adobe-provider': first.providerName,
			'x-request-id': randomUUID(),
			...core.keys.sign(body),
		};
		if (job.retryCount > 0) headers['x-adobe-retry-count'] = String(job.retryCount);
		if (fault?.mode === 'bad_signature') {
			// Signatures of different bytes: structurally valid, cryptographically wrong.
			const forged = core.keys.sign(Buffer.concat([body, Buffer.from(' ')]));
			headers['x-adobe-digital-signature-1'] = forged['x-adobe-digital-signature-1'];
			headers['x-adobe-digital-signature-2'] = forged['x-adobe-digital-signature-2'];
		}
		if (fault?.mode === 'key_path_off_host') {
			headers['x-adobe-public-key1-path'] = `@evil.example${headers['x-adobe-public-key1-path']}`;
			headers['x-adobe-public-key2-path'] = `@evil.example${headers['x-adobe-public-key2-path']}`;
		}
		if (reg.hmacSignature ?? core.config.hmacSignature) {
			headers['x-adobe-signature'] = hmacSignature(body, fault?.mode === 'hmac_mismatch' ? 'wrong-secret' : core.creds.clientSecret);
		}
		let result: HttpResult;
		if (fault && (fault.status !== undefined || fault.timeoutMs !== undefined) && !fault.mode) {
			result =
				fault.timeoutMs !== undefined
					? { status: null, headers: {}, body: '', error: 'timeout', durationMs: core.config.deliveryTimeoutMs }
					: { status: fault.status as number, headers: {}, body: `injected fault ${fault.status}`, durationMs: 0 };
		} else {
			result = await send(this.agents, reg.webhook_url as string, 'POST', headers, body, core.config.deliveryTimeoutMs);
		}
		const ok = result.status !== null && result.status >= 200 && result.status < 300;
		const retryable = !ok && isRetryable(result.status);
		const after = core.clock.now();
		let outcome: DeliveryRecord['outcome'] = ok ? 'delivered' : 'dropped';
		let nextAt: number | undefined;
		if (retryable) {
			const delay = retryDelayMs(job.retryCount + 1);
			if (after + delay - (job.firstAttemptAt ?? after) <= RETRY_WINDOW_MS) {
				outcome = 'retry_scheduled';
				nextAt = after + delay;
			} else outcome = 'retries_exhausted';
		}
		const record: DeliveryRecord = {
			delivery_id: deliveryId,
			registration_id: reg.registration_id,
			registration_name: reg.name,
			delivery_type: reg.delivery_type,
			url: reg.webhook_url ?? '',
			event_ids: events.map((e) => e.eventid),
			event_codes: events.map((e) => e.eventCode),
			batch_size: events.length,
			bytes: body.length,
			retry_count: job.retryCount,
			status: result.status,
			...(result.error ? { error: result.error, adobe_status: result.error === 'timeout' ? 604 : 602 } : {}),
			outcome,
			...(nextAt !== undefined ? { next_retry_at: new Date(nextAt).toISOString() } : {}),
			time: new Date(now).toISOString(),
			duration_ms: result.durationMs,
			...(fault ? { fault: fault.mode ?? (fault.timeoutMs !== undefined ? 'timeout' : `status ${fault.status}`) } : {}),
		};
		this.record(record);
		this.trace(reg, events, headers, bodyStr, result, now, 'POST', reg.webhook_url ?? '', deliveryId);
		core.recordAttempt(reg, ok);
		if (!job.firstDone) {
			job.firstDone = true;
			job.resolveFirst();
		}
		if (nextAt !== undefined) {
			const timer = core.clock.setTimer(nextAt - core.clock.now(), () => {
				this.retryTimers.delete(timer);
				// Scheduled retries keep running for deleted/disabled registrations within their 24 h window.
				job.retryCount += 1;
				const p = this.sem.run(() => this.attempt(job));
				this.track(p);
				return p;
			});
			this.retryTimers.add(timer);
		}
	}

	private record(r: DeliveryRecord): void {
		r.delivery_id ||= String(++this.deliverySeq);
		this.deliveries.push(r);
		// Bounded; trimmed in chunks so a long run does not pay O(n) per attempt.
		const max = this.core.config.maxDeliveryRecords;
		if (this.deliveries.length > max + Math.max(1, Math.floor(max / 10))) this.deliveries.splice(0, this.deliveries.length - max);
	}

	/**
	 * Records one request the emulator really sent to a webhook (a delivery attempt, or a challenge
	 * when `events` is undefined) as Adobe's Debug Tracing shows it: the last 100 per registration,
	 * bodies trimmed at 64 KB, 602 / 604 for attempts that got no HTTP answer. Signature headers are
	 * left out of the recorded request.
	 */
	trace(reg: Registration, events: EmittedEvent[] | undefined, reqHeaders: Record<string, string>, reqBody: string, result: HttpResult, at: number, method = 'POST', url = reg.webhook_url ?? '', deliveryId: string = randomUUID()): void {
		const first = events?.[0];
		const t: Trace = {
			event: first?.eventCode ?? 'challenge',
			id: deliveryId,
			date: new Date(at).toISOString(),
			clientId: reg.client_id,
			registrationId: reg.registration_id,
			trace: {
				tracingRequest: {
					requestUrl: url,
					requestMethod: method,
					contentType: reqHeaders['content-type'] ?? '',
					requestBody: trimUtf8(reqBody, TRACE_BODY_LIMIT),
					requestHeaders: headerLists(Object.fromEntries(Object.entries(reqHeaders).filter(([k]) => !k.startsWith('x-adobe-digital-signature')))),
				},
				tracingResponse: {
					responseBody: result.body,
					responseCode: result.status ?? (result.error === 'timeout' ? 604 : 602),
					responseTime: result.durationMs,
					responseHeaders: headerLists(result.headers),
				},
				ts: at,
				deliveryTime: at,
				insightsInfo: events ? [{ providerName: first?.providerName ?? '', eventCode: first?.eventCode ?? '', eventIds: events.map((e) => e.eventid) }] : [],
			},
		};
		reg.traces.push(t);
		if (reg.traces.length > MAX_TRACES) reg.traces.splice(0, reg.traces.length - MAX_TRACES);
	}

	/** A registration's traces as the tracing API serves them: newest first, none older than the retention. */
	tracesOf(reg: Registration): Trace[] {
		const cutoff = this.core.clock.now() - this.core.config.traceRetentionMs;
		return reg.traces.filter((t) => t.trace.ts > cutoff).reverse();
	}
}

export { MAX_ATTEMPTS_KEPT };
