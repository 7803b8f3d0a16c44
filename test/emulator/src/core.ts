/**
 * The emulator's state and business rules: catalogue, registrations (challenge, health), event
 * emission into journals and the delivery engine. HTTP services (management, journal, ingress,
 * control) are thin layers over this.
 */
import { randomUUID } from 'node:crypto';
import { PROVIDERS, type DeliveryFormat } from './catalogue';
import { deliveredPayloads, providerEvent } from './shapes';
import type { Clock } from './clock';
import type { EmulatorCredentials } from './credentials';
import { DeliveryEngine, send } from './delivery';
import type { Faults } from './faults';
import { matches, parseFilter } from './filters';
import type { Ims } from './ims';
import { Journal } from './journal';
import type { KeyRing } from './keys';
import type { ChallengeOutcome, EmittedEvent, EventMetadata, Provider, Registration } from './model';

export interface EmulatorUrls {
	ims: string;
	api: string;
	ingress: string;
	journal: string;
	keys: string;
	control: string;
}

export interface EmulatorConfig {
	deliveryTimeoutMs: number;
	challengeTimeoutMs: number;
	asyncValidationWindowMs: number;
	journalRetentionMs: number;
	journalMaxEntries: number;
	journalDefaultLimit: number;
	journalRetryAfterSec: number;
	ingressRateLimit: { requests: number; windowMs: number };
	hmacSignature: boolean;
	batchMaxEvents: number;
	batchMaxBytes: number;
	maxDeliveryRecords: number;
	/** Debug Tracing keeps traces this long (Adobe: 7 days) */
	traceRetentionMs: number;
	registrationQuotaPerClient: number;
	registrationQuotaPerOrg: number;
	healthMinAttempts: number;
	healthFailureRatio: number;
	/** IMS: access tokens (and, separately, refresh tokens) remembered at most; the oldest are forgotten first. */
	maxTokens: number;
}

export const DEFAULT_CONFIG: EmulatorConfig = {
	deliveryTimeoutMs: 10_000,
	challengeTimeoutMs: 10_000,
	asyncValidationWindowMs: 5 * 60_000,
	journalRetentionMs: 7 * 86_400_000,
	journalMaxEntries: 200_000,
	journalDefaultLimit: 100,
	journalRetryAfterSec: 10,
	ingressRateLimit: { requests: 3000, windowMs: 5000 },
	hmacSignature: false,
	batchMaxEvents: 20,
	batchMaxBytes: 2 * 1024 * 1024,
	maxDeliveryRecords: 20_000,
	traceRetentionMs: 7 * 86_400_000,
	registrationQuotaPerClient: 30,
	registrationQuotaPerOrg: 2500,
	healthMinAttempts: 10,
	healthFailureRatio: 0.8,
	maxTokens: 50_000,
};

export class Core {
	providers = new Map<string, Provider>();
	registrations = new Map<string, Registration>();
	private regSeq = 248_700;
	readonly delivery: DeliveryEngine;
	config: EmulatorConfig;
	private validationsById = new Map<string, Registration>();
	/** ingress throttle: request times per api key */
	readonly ingressHits = new Map<string, number[]>();

	constructor(
		readonly creds: EmulatorCredentials,
		readonly clock: Clock,
		readonly keys: KeyRing,
		readonly faults: Faults,
		readonly ims: Ims,
		readonly urls: EmulatorUrls,
		config?: Partial<EmulatorConfig>,
	) {
		this.config = { ...DEFAULT_CONFIG, ...config };
		this.delivery = new DeliveryEngine(this);
		this.seed();
	}

	// ---------------------------------------------------------------- catalogue

	seed(): void {
		this.providers.clear();
		const org = this.creds.imsOrgId;
		const sub = (s: string): string => s.split('IMSORG@AdobeOrg').join(org);
		for (const p of PROVIDERS) {
			const events = new Map<string, EventMetadata>();
			for (const e of p.events) {
				events.set(e.event_code, {
					event_code: e.event_code,
					label: e.label,
					description: e.description,
					sample: sub(JSON.stringify(e.sample)),
					attributes: e.attributes ? (JSON.parse(sub(JSON.stringify(e.attributes))) as Record<string, unknown>) : undefined,
					shape: e.shape,
				});
			}
			this.providers.set(p.id, {
				id: p.id,
				name: sub(p.name),
				label: p.label,
				description: p.description,
				docs_url: p.docs_url,
				publisher: 'Adobe',
				provider_metadata: p.provider_metadata,
				instance_id: p.instance_id,
				event_delivery_format: p.event_delivery_format,
				data_residency_region: 'VA6',
				events,
			});
		}
	}

	reset(): void {
		for (const r of this.registrations.values()) this.cancelTimers(r);
		this.registrations.clear();
		this.validationsById.clear();
		this.ingressHits.clear();
		this.delivery.reset();
		this.faults.clear();
		this.ims.reset();
		this.seed();
	}

	isWorkspace(c: string, p: string, w: string): boolean {
		return c === this.creds.consumerOrgId && p === this.creds.projectId && w === this.creds.workspaceId;
	}

	// ---------------------------------------------------------------- serialisation

	providerJson(p: Provider, withEvents: boolean): Record<string, unknown> {
		const api = this.urls.api;
		const links: Record<string, { href: string }> = {
			'rel:eventmetadata': { href: `${api}/events/providers/${p.id}/eventmetadata` },
		};
		if (p.owner) links['rel:update'] = { href: `${api}/events/${p.owner.consumerOrgId}/${p.owner.projectId}/${p.owner.workspaceId}/providers/${p.id}` };
		links.self = { href: `${api}/events/providers/${p.id}` };
		const out: Record<string, unknown> = {
			_links: links,
			id: p.id,
			label: p.label,
			description: p.description,
			source: `urn:uuid:${p.id}`,
			...(p.docs_url ? { docs_url: p.docs_url } : {}),
			publisher: p.publisher,
			provider_metadata: p.provider_metadata,
			...(p.instance_id ? { instance_id: p.instance_id } : {}),
			event_delivery_format: p.event_delivery_format,
			data_residency_region: p.data_residency_region,
		};
		if (withEvents) out._embedded = { eventmetadata: [...p.events.values()].map((e) => this.eventMetadataJson(p, e)) };
		return out;
	}

	eventMetadataJson(p: Provider, e: EventMetadata): Record<string, unknown> {
		const api = this.urls.api;
		const links: Record<string, { href: string }> = {};
		if (e.sample !== undefined) links['rel:sample_event'] = { href: `${api}/events/providers/${p.id}/eventmetadata/${encodeURIComponent(e.event_code)}/sample_event` };
		if (p.owner) links['rel:update'] = { href: `${api}/events/${p.owner.consumerOrgId}/${p.owner.projectId}/${p.owner.workspaceId}/providers/${p.id}/eventmetadata/${encodeURIComponent(e.event_code)}` };
		links.self = { href: `${api}/events/providers/${p.id}/eventmetadata/${encodeURIComponent(e.event_code)}` };
		return { _links: links, label: e.label, description: e.description, event_code: e.event_code };
	}

	journalUrl(r: Registration): string {
		return `${this.urls.journal}${this.journalPath(r)}`;
	}

	journalPath(r: Registration): string {
		return `/events/organizations/${r.consumer_id}/integrations/${this.creds.credentialId}/${r.registration_id}`;
	}

	exposedEnabled(r: Registration): boolean {
		return r.enabled && r.health !== 'DISABLED' && r.webhook_status !== 'hook_unreachable';
	}

	registrationJson(r: Registration): Record<string, unknown> {
		const api = this.urls.api;
		return {
			_links: {
				'rel:events': { href: this.journalUrl(r) },
				'rel:trace': { href: `${api}/events/organizations/${r.consumer_id}/integrations/${this.creds.credentialId}/tracing/${r.registration_id}` },
				self: { href: `${api}/events/${r.consumer_id}/${r.project_id}/${r.workspace_id}/registrations/${r.registration_id}` },
			},
			id: r.id,
			name: r.name,
			description: r.description ?? '',
			client_id: r.client_id,
			registration_id: r.registration_id,
			events_of_interest: r.events_of_interest.map((e) => {
				const p = this.providers.get(e.provider_id);
				const m = p?.events.get(e.event_code);
				return {
					event_code: e.event_code,
					event_label: m?.label ?? e.event_code,
					event_description: m?.description ?? '',
					provider_id: e.provider_id,
					provider: p?.name ?? e.provider_id,
					provider_label: p?.label ?? e.provider_id,
					provider_description: p?.description ?? '',
					provider_docs_url: p?.docs_url ?? '',
					event_delivery_format: p?.event_delivery_format ?? 'cloud_events_v1',
				};
			}),
			webhook_status: r.webhook_status,
			created_date: r.created_date,
			updated_date: r.updated_date,
			consumer_id: r.consumer_id,
			project_id: r.project_id,
			workspace_id: r.workspace_id,
			...(r.webhook_url !== undefined ? { webhook_url: r.webhook_url } : {}),
			delivery_type: r.delivery_type,
			enabled: this.exposedEnabled(r),
			...(r.runtime_action ? { runtime_action: r.runtime_action } : {}),
			...(r.destination_metadata ? { destination_metadata: r.destination_metadata } : {}),
			...(r.subscriber_filters.length
				? { subscriber_filters: r.subscriber_filters.map((f) => ({ id: f.id, name: f.name, description: f.description ?? '', subscriber_filter: f.subscriber_filter })) }
				: {}),
		};
	}

	/** Internal view for the control API. */
	registrationState(r: Registration): Record<string, unknown> {
		const now = this.clock.now();
		const window = r.attempts.filter((a) => a.at > now - 24 * 3_600_000);
		return {
			...this.registrationJson(r),
			health: r.health,
			enabled_flag: r.enabled,
			unstable_since: r.unstableSince ? new Date(r.unstableSince).toISOString() : undefined,
			attempts_24h: window.length,
			failures_24h: window.filter((a) => !a.ok).length,
			challenge: r.challenge,
			pending_validation: r.validation ? { validationUrl: r.validation.url, expires_at: new Date(r.validation.expiresAt).toISOString() } : undefined,
			hmac_signature: r.hmacSignature ?? this.config.hmacSignature,
			journal: { url: this.journalUrl(r), ...r.journal.stats() },
		};
	}

	// ---------------------------------------------------------------- registrations

	newRegistration(fields: Omit<Registration, 'id' | 'registration_id' | 'health' | 'attempts' | 'failedAttempts' | 'journal' | 'traces' | 'created_date' | 'updated_date' | 'webhook_status'>): Registration {
		const now = new Date(this.clock.now()).toISOString();
		return {
			...fields,
			id: ++this.regSeq,
			registration_id: randomUUID(),
			webhook_status: 'verified',
			health: 'ACTIVE',
			attempts: [],
			failedAttempts: 0,
			journal: new Journal(() => ({ retentionMs: this.config.journalRetentionMs, maxEntries: this.config.journalMaxEntries })),
			traces: [],
			created_date: now,
			updated_date: now,
		};
	}

	cancelTimers(r: Registration): void {
		if (r.healthTimer) this.clock.clearTimer(r.healthTimer);
		r.healthTimer = undefined;
		if (r.validation) {
			this.clock.clearTimer(r.validation.timer);
			this.validationsById.delete(r.validation.id);
			r.validation = undefined;
		}
	}

	delete(r: Registration): void {
		this.cancelTimers(r);
		this.registrations.delete(r.registration_id);
	}

	/**
	 * Runs the webhook challenge against `url` (sync GET, then the async POST `{validationUrl}`).
	 * Records the outcome on `r.challenge`; an accepted async validation must then be armed with
	 * `startValidation` once the registration is stored.
	 */
	async challenge(
		r: Registration,
		url: string,
	): Promise<{ status: 'verified' } | { status: 'accepted'; pending: { id: string; challenge: string; url: string } } | { status: 'failed'; reason: string }> {
		const challenge = randomUUID();
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			return { status: 'failed', reason: 'webhook_url is not a valid URL' };
		}
		target.searchParams.set('challenge', challenge);
		const headers = { 'user-agent': 'Adobe/1.0', 'x-request-id': randomUUID(), accept: '*/*' };
		const at = this.clock.now();
		const res = await send(this.delivery.agents, target.toString(), 'GET', headers, undefined, this.config.challengeTimeoutMs);
		this.delivery.trace(r, undefined, headers, '', res, at, 'GET', target.toString());
		const ct = String(res.headers['content-type'] ?? '');
		const media = ct.split(';')[0].trim().toLowerCase();
		let detail: string;
		let ok = false;
		if (res.status === null) detail = res.error === 'timeout' ? 'challenge GET timed out' : 'webhook could not be reached';
		else if (res.status !== 200) detail = `challenge GET answered HTTP ${res.status}`;
		else if (media === 'text/plain') {
			ok = res.body.trim() === challenge;
			detail = ok ? 'challenge echoed as text/plain' : 'text/plain body is not the challenge value';
		} else if (media === 'application/json') {
			try {
				const v = JSON.parse(res.body) as unknown;
				ok = !!v && typeof v === 'object' && (v as Record<string, unknown>).challenge === challenge;
				detail = ok ? 'challenge echoed as JSON {"challenge"}' : 'JSON body has no matching "challenge" field';
			} catch {
				detail = 'application/json body is not valid JSON';
			}
		} else {
			detail = `wrong content type "${ct || 'none'}": answer text/plain with the raw value or application/json {"challenge": …}`;
		}
		const outcome: ChallengeOutcome = { at: new Date(at).toISOString(), mode: 'sync', ok, detail, ...(res.status !== null ? { status: res.status } : {}), contentType: ct || undefined };
		r.challenge = outcome;
		if (ok) return { status: 'verified' };

		// Asynchronous validation fallback.
		const id = randomUUID();
		const validationChallenge = randomUUID();
		const validationUrl = `${this.urls.api}/csm/registrations/validate?id=${id}&challenge=${validationChallenge}`;
		const body = Buffer.from(JSON.stringify({ validationUrl }));
		const postHeaders = { 'user-agent': 'Adobe/1.0', 'content-type': 'application/json', 'x-request-id': randomUUID() };
		const at2 = this.clock.now();
		const res2 = await send(this.delivery.agents, url, 'POST', postHeaders, body, this.config.challengeTimeoutMs);
		this.delivery.trace(r, undefined, postHeaders, body.toString(), res2, at2, 'POST', url);
		if (res2.status !== null && res2.status >= 200 && res2.status < 300) {
			r.challenge = { ...outcome, mode: 'async', ok: true, detail: `${detail}; async validation accepted (GET the validationUrl within ${Math.round(this.config.asyncValidationWindowMs / 1000)} s)` };
			return { status: 'accepted', pending: { id, challenge: validationChallenge, url: validationUrl } };
		}
		const asyncDetail = res2.status === null ? (res2.error === 'timeout' ? 'validation POST timed out' : 'validation POST could not be delivered') : `validation POST answered HTTP ${res2.status}`;
		r.challenge = { ...outcome, detail: `${detail}; ${asyncDetail}` };
		return { status: 'failed', reason: `${detail}; ${asyncDetail}` };
	}

	/** Arms a pending async validation (served for `asyncValidationWindowMs`, then the registration is disabled). */
	startValidation(r: Registration, pending: { id: string; challenge: string; url: string }): void {
		if (r.validation) {
			this.clock.clearTimer(r.validation.timer);
			this.validationsById.delete(r.validation.id);
		}
		const timer = this.clock.setTimer(this.config.asyncValidationWindowMs, () => this.validationExpired(r, pending.id));
		r.validation = { ...pending, expiresAt: this.clock.now() + this.config.asyncValidationWindowMs, timer };
		this.validationsById.set(pending.id, r);
		r.webhook_status = 'accepted';
	}

	get pendingValidations(): number {
		return this.validationsById.size;
	}

	private validationExpired(r: Registration, id: string): void {
		if (r.validation?.id !== id) return;
		this.validationsById.delete(id);
		r.validation = undefined;
		r.webhook_status = 'hook_unreachable';
		r.health = 'DISABLED';
		r.challenge = { ...(r.challenge as ChallengeOutcome), ok: false, detail: 'async validation URL was not visited within the window: registration disabled' };
	}

	/** Handles a GET of an async validationUrl. */
	completeValidation(id: string | null, challenge: string | null): { ok: boolean; message: string; status: number } {
		const r = id ? this.validationsById.get(id) : undefined;
		if (!r || !r.validation) return { ok: false, status: 404, message: 'Unknown or expired validation request' };
		if (r.validation.challenge !== challenge) return { ok: false, status: 400, message: 'Invalid challenge' };
		this.clock.clearTimer(r.validation.timer);
		this.validationsById.delete(r.validation.id);
		r.validation = undefined;
		r.webhook_status = 'verified';
		r.health = 'ACTIVE';
		this.resetAttempts(r);
		r.challenge = { ...(r.challenge as ChallengeOutcome), ok: true, detail: 'async validation completed' };
		return { ok: true, status: 200, message: `Registration ${r.name} validated` };
	}

	// ---------------------------------------------------------------- health

	resetAttempts(r: Registration): void {
		r.attempts = [];
		r.failedAttempts = 0;
	}

	/** Drops attempts older than the 24 h health window (and beyond the size bound). */
	private pruneAttempts(r: Registration, now: number): void {
		const cutoff = now - 24 * 3_600_000;
		let i = 0;
		while (i < r.attempts.length && (r.attempts[i].at <= cutoff || r.attempts.length - i > 10_000)) {
			if (!r.attempts[i].ok) r.failedAttempts--;
			i++;
		}
		if (i) r.attempts.splice(0, i);
	}

	recordAttempt(r: Registration, ok: boolean): void {
		const now = this.clock.now();
		r.attempts.push({ at: now, ok });
		if (!ok) r.failedAttempts++;
		if (r.health === 'ACTIVE' && this.disableConditionMet(r)) {
			r.health = 'UNSTABLE';
			r.unstableSince = now;
			if (r.webhook_status === 'verified') r.webhook_status = 'unstable';
			r.healthTimer = this.clock.setTimer(24 * 3_600_000, () => this.reevaluate(r));
		}
	}

	disableConditionMet(r: Registration): boolean {
		this.pruneAttempts(r, this.clock.now());
		if (r.attempts.length < this.config.healthMinAttempts) return false;
		return r.failedAttempts / r.attempts.length >= this.config.healthFailureRatio;
	}

	private reevaluate(r: Registration): void {
		r.healthTimer = undefined;
		if (r.health !== 'UNSTABLE' || !this.registrations.has(r.registration_id)) return;
		if (this.disableConditionMet(r)) {
			r.health = 'DISABLED';
			r.webhook_status = 'hook_unreachable';
		} else {
			r.health = 'ACTIVE';
			r.unstableSince = undefined;
			if (r.webhook_status === 'unstable') r.webhook_status = 'verified';
		}
	}

	// ---------------------------------------------------------------- emission

	findProviderForCode(eventCode: string): Provider | undefined {
		for (const p of this.providers.values()) if (p.events.has(eventCode)) return p;
		for (const r of this.registrations.values()) {
			const e = r.events_of_interest.find((x) => x.event_code === eventCode);
			if (e) return this.providers.get(e.provider_id);
		}
		return undefined;
	}

	/**
	 * Builds the provider-side event (before I/O Events enrichment), in the shape of its event type
	 * (shapes.ts): the catalogue's sample (or `data`) as a CloudEvent, or the `adobe_io` provider object
	 * (the sample's time rewritten to now when the type has a time format).
	 */
	buildBase(p: Provider, eventCode: string, data: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
		const meta = p.events.get(eventCode);
		return providerEvent({
			providerId: p.id,
			format: p.event_delivery_format,
			eventCode,
			sample: meta?.sample ? (JSON.parse(meta.sample) as unknown) : undefined,
			attributes: meta?.attributes,
			shape: meta?.shape,
			data,
			extra,
			now: this.clock.now(),
			id: randomUUID(),
		});
	}

	/** The exact payload a registration receives (webhook body element and journal `event`). */
	payloadFor(r: Registration, ev: EmittedEvent): { webhook: string; journal: string } {
		const shape = this.providers.get(ev.providerId)?.events.get(ev.eventCode)?.shape ?? {};
		const payloads = deliveredPayloads(ev.format, ev.base, shape, ev.eventid, r.client_id);
		const webhook = JSON.stringify(payloads.webhook);
		return { webhook, journal: payloads.journal === payloads.webhook ? webhook : JSON.stringify(payloads.journal) };
	}

	matchingRegistrations(ev: EmittedEvent): Registration[] {
		const out: Registration[] = [];
		for (const r of this.registrations.values()) {
			if (!r.events_of_interest.some((e) => e.provider_id === ev.providerId && e.event_code === ev.eventCode)) continue;
			if (r.subscriber_filters.length) {
				try {
					if (!matches(ev.base, parseFilter(r.subscriber_filters[0].subscriber_filter))) continue;
				} catch {
					continue;
				}
			}
			out.push(r);
		}
		return out;
	}

	/**
	 * Emits one event: journals it for every matching registration and queues webhook deliveries.
	 * `only` targets a single registration (sample-event test deliveries).
	 */
	emit(p: Provider, eventCode: string, base: Record<string, unknown>, only?: Registration): { event: EmittedEvent; registrations: number; firstAttempts: Promise<void>[] } {
		const ev: EmittedEvent = {
			eventid: randomUUID(),
			providerId: p.id,
			providerName: p.name,
			eventCode,
			format: p.event_delivery_format as DeliveryFormat,
			base,
			time: this.clock.now(),
		};
		const regs = only ? [only] : this.matchingRegistrations(ev);
		const firstAttempts: Promise<void>[] = [];
		for (const r of regs) {
			if (!r.enabled) continue; // switched off by its owner: nothing is recorded
			const payload = this.payloadFor(r, ev);
			r.journal.append(ev.eventid, payload.journal, ev.time);
			if (
				(r.delivery_type === 'webhook' || r.delivery_type === 'webhook_batch') &&
				r.webhook_url &&
				!r.runtime_action &&
				this.exposedEnabled(r) &&
				(r.webhook_status === 'verified' || r.webhook_status === 'unstable')
			) {
				firstAttempts.push(this.delivery.enqueue(r, ev, payload.webhook));
			}
		}
		return { event: ev, registrations: regs.length, firstAttempts };
	}
}
