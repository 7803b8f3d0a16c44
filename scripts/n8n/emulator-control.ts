/**
 * Client for the emulator's control API (test/emulator/README.md): emit events, read the delivery log
 * and the registrations as Adobe holds them, sign bodies with Adobe's current keys.
 */

export interface EmulatorRegistration {
	registration_id: string;
	id: number;
	name: string;
	description?: string;
	client_id: string;
	webhook_url?: string;
	delivery_type: string;
	webhook_status: string;
	enabled: boolean;
	events_of_interest: Array<{ provider_id?: string; event_code: string }>;
	health?: string;
	challenge?: { mode: string; ok: boolean; detail: string };
	journal?: { url: string; [key: string]: unknown };
	[key: string]: unknown;
}

export interface EmulatorDelivery {
	delivery_id: string;
	registration_id: string;
	registration_name: string;
	delivery_type: string;
	url: string;
	event_ids: string[];
	event_codes: string[];
	batch_size: number;
	retry_count: number;
	status: number | null;
	outcome: 'delivered' | 'retry_scheduled' | 'dropped' | 'retries_exhausted';
	/** set when no answer came: `timeout` or `connection_failed` (status null) */
	error?: 'timeout' | 'connection_failed';
	/** the injected fault that shaped this attempt, if any */
	fault?: string;
	time: string;
	duration_ms: number;
}

export interface EmulatorTrace {
	event: string;
	id: string;
	registrationId: string;
	trace: {
		tracingRequest: { requestUrl: string; requestMethod: string; contentType: string; requestBody: string; requestHeaders: Record<string, string[]> };
		tracingResponse: { responseBody: string; responseCode: number; responseTime: number };
	};
}

export interface EmitResult {
	event_ids: string[];
	provider_id: string;
	event_code: string;
	registrations: number;
	webhook_deliveries: number;
}

export interface SignedBody {
	body: string;
	headers: Record<string, string>;
}

export class EmulatorControl {
	constructor(readonly controlUrl: string) {}

	private async call<T>(method: string, path: string, body?: unknown, timeoutMs = 120000): Promise<T> {
		const response = await fetch(`${this.controlUrl}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`emulator control ${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/** Emits `count` events of `eventCode`; with `wait`, resolves after the first delivery attempts. */
	async emit(options: {
		eventCode: string;
		providerId?: string;
		count?: number;
		data?: unknown;
		attributes?: Record<string, unknown>;
		registrationId?: string;
		wait?: boolean;
	}): Promise<EmitResult> {
		return await this.call('POST', '/events', {
			event_code: options.eventCode,
			provider_id: options.providerId,
			count: options.count,
			data: options.data,
			attributes: options.attributes,
			registration_id: options.registrationId,
			wait: options.wait ?? true,
		});
	}

	/** Resolves when no delivery attempt is in flight (give a long `timeoutMs` after a burst). */
	async idle(timeoutMs?: number): Promise<void> {
		await this.call('POST', '/idle', undefined, timeoutMs);
	}

	async registrations(): Promise<EmulatorRegistration[]> {
		return (await this.call<{ registrations: EmulatorRegistration[] }>('GET', '/registrations')).registrations;
	}

	async deliveries(filter: { registrationId?: string; eventId?: string; outcome?: string } = {}): Promise<EmulatorDelivery[]> {
		const qs = new URLSearchParams();
		if (filter.registrationId) qs.set('registration_id', filter.registrationId);
		if (filter.eventId) qs.set('event_id', filter.eventId);
		if (filter.outcome) qs.set('outcome', filter.outcome);
		const suffix = qs.toString() ? `?${qs}` : '';
		return (await this.call<{ deliveries: EmulatorDelivery[] }>('GET', `/deliveries${suffix}`)).deliveries;
	}

	/** Delivery traces of a registration (newest first), with the exact request Adobe sent. */
	async traces(registrationId: string): Promise<EmulatorTrace[]> {
		return await this.call('GET', `/registrations/${encodeURIComponent(registrationId)}/traces`);
	}

	async clearDeliveries(): Promise<void> {
		await this.call('DELETE', '/deliveries');
	}

	/** Signs an exact body (or enriches + serialises an event / array of events) with Adobe's current keys. */
	async sign(input: { body: string } | { event: unknown; recipient?: string }): Promise<SignedBody> {
		return await this.call('POST', '/sign', input);
	}

	async keys(): Promise<{ keys: Array<{ id: string; path: string; current: boolean; publicKey: string }>; base_url: string }> {
		return await this.call('GET', '/keys');
	}

	/** New key pair(s): one slot, or both (default). Old public keys stay published; deliveries sign with the new ones. */
	async rotateKeys(slot?: 1 | 2): Promise<Array<{ id: string; path: string; current: boolean }>> {
		return (await this.call<{ keys: Array<{ id: string; path: string; current: boolean }> }>('POST', '/keys/rotate', slot === undefined ? {} : { slot })).keys;
	}

	async reset(): Promise<void> {
		await this.call('POST', '/reset', {});
	}

	async config(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
		return await this.call('POST', '/config', patch);
	}

	/** `GET /`: counters, among them `pending_retries` (scheduled Adobe retries). */
	async summary(): Promise<{ pending_retries: number; registrations: number; [key: string]: unknown }> {
		return await this.call('GET', '/');
	}

	/** The emulator clock (`nowMs` minus Date.now() is its offset after manual advances). */
	async clock(): Promise<{ mode: 'real' | 'manual'; now: string; nowMs: number; pendingTimers: number }> {
		return await this.call('GET', '/clock');
	}

	/** Switches the emulator clock (`manual`: Adobe's retry schedule runs only when advanced). */
	async setClock(mode: 'real' | 'manual', timeScale?: number): Promise<void> {
		await this.call('POST', '/clock', { mode, time_scale: timeScale });
	}

	/** Moves emulator time; resolves after the retries that fell due were attempted. */
	async advanceClock(by: { ms?: number; minutes?: number; hours?: number }): Promise<void> {
		await this.call('POST', '/clock/advance', by);
	}

	async faults(faults: unknown): Promise<unknown> {
		return await this.call('POST', '/faults', faults);
	}

	async clearFaults(): Promise<void> {
		await this.call('DELETE', '/faults');
	}
}
