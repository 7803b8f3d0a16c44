/**
 * What the browser suite asks the emulator directly (not through n8n): its control API (emit events,
 * inspect registrations and deliveries, inject faults; test/emulator/README.md) and its management
 * API, called the way Adobe's own clients call it (IMS bearer token from the control API's `/tokens`,
 * `x-api-key`, `x-gw-ims-org-id`). The UI is checked against these answers.
 */
import type { EmulatorHandle } from '../../../scripts/n8n/stack';

export interface EmulatorRegistrationState {
	id?: string | number;
	registration_id?: string;
	name?: string;
	webhook_url?: string;
	webhook_status?: string;
	enabled?: boolean;
	[key: string]: unknown;
}

export interface EmittedEvents {
	event_ids: string[];
	provider_id: string;
	event_code: string;
	registrations: number;
	webhook_deliveries: number;
}

export interface EmulatorDelivery {
	delivery_id: string;
	registration_id: string;
	url: string;
	event_ids: string[];
	event_codes: string[];
	status: number;
	outcome: string;
}

export interface EmulatorProvider {
	id: string;
	label: string;
	_embedded?: { eventmetadata?: Array<{ event_code: string; label: string }> };
	[key: string]: unknown;
}

async function call<T>(
	method: string,
	url: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<T> {
	const response = await fetch(url, {
		method,
		headers: {
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text.slice(0, 500)}`);
	return (text ? JSON.parse(text) : {}) as T;
}

export class EmulatorClient {
	private token: string | undefined;

	constructor(readonly emulator: EmulatorHandle) {}

	get credentials(): EmulatorHandle['credentials'] {
		return this.emulator.credentials;
	}

	// ------------------------------------------------------------------ control API

	async registrations(): Promise<EmulatorRegistrationState[]> {
		const out = await call<{ registrations: EmulatorRegistrationState[] }>(
			'GET',
			`${this.emulator.urls.control}/registrations`,
		);
		return out.registrations;
	}

	/** Emits `count` events of `eventCode` (catalogue sample data unless `data` is given) and waits for the first delivery attempts. */
	async emit(
		eventCode: string,
		options: { providerId?: string; data?: unknown } = {},
	): Promise<EmittedEvents> {
		return await call<EmittedEvents>('POST', `${this.emulator.urls.control}/events`, {
			event_code: eventCode,
			...(options.providerId ? { provider_id: options.providerId } : {}),
			...(options.data === undefined ? {} : { data: options.data }),
			wait: true,
		});
	}

	async deliveriesOf(eventId: string): Promise<EmulatorDelivery[]> {
		const out = await call<{ deliveries: EmulatorDelivery[] }>(
			'GET',
			`${this.emulator.urls.control}/deliveries?event_id=${encodeURIComponent(eventId)}`,
		);
		return out.deliveries;
	}

	/** Every delivery attempt the emulator made (to any registration), oldest first. */
	async deliveries(): Promise<EmulatorDelivery[]> {
		const out = await call<{ deliveries: EmulatorDelivery[] }>(
			'GET',
			`${this.emulator.urls.control}/deliveries`,
		);
		return out.deliveries;
	}

	async addFault(fault: Record<string, unknown>): Promise<void> {
		await call('POST', `${this.emulator.urls.control}/faults`, fault);
	}

	async clearFaults(): Promise<void> {
		await call('DELETE', `${this.emulator.urls.control}/faults`);
	}

	// ------------------------------------------------------------------ management API (as Adobe's clients call it)

	private async headers(): Promise<Record<string, string>> {
		if (!this.token) {
			const out = await call<{ access_token: string }>(
				'POST',
				`${this.emulator.urls.control}/tokens`,
				{},
			);
			this.token = out.access_token;
		}
		return {
			authorization: `Bearer ${this.token}`,
			'x-api-key': this.credentials.clientId,
			'x-gw-ims-org-id': this.credentials.imsOrgId,
		};
	}

	private workspacePath(): string {
		const c = this.credentials;
		return `${this.emulator.urls.api}/events/${c.consumerOrgId}/${c.projectId}/${c.workspaceId}`;
	}

	/** The providers the organization sees, each with its event metadata. */
	async providers(): Promise<EmulatorProvider[]> {
		const out = await call<{ _embedded?: { providers?: EmulatorProvider[] } }>(
			'GET',
			`${this.emulator.urls.api}/events/${this.credentials.consumerOrgId}/providers?eventmetadata=true`,
			undefined,
			await this.headers(),
		);
		return out._embedded?.providers ?? [];
	}

	/** Creates a custom events provider in the workspace with the given event types; returns its id. */
	async createCustomProvider(
		label: string,
		description: string,
		eventTypes: Array<{ event_code: string; label: string; description: string }>,
	): Promise<string> {
		const headers = await this.headers();
		const provider = await call<{ id: string }>(
			'POST',
			`${this.workspacePath()}/providers`,
			{ label, description },
			headers,
		);
		for (const eventType of eventTypes) {
			await call(
				'POST',
				`${this.workspacePath()}/providers/${provider.id}/eventmetadata`,
				eventType,
				headers,
			);
		}
		return provider.id;
	}
}
