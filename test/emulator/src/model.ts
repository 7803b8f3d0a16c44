/** Internal data model of the emulator (what the control API exposes as "internal state"). */
import type { DeliveryFormat } from './catalogue';
import type { EventShape } from './shapes';
import type { Journal } from './journal';

export interface EventMetadata {
	event_code: string;
	label: string;
	description: string;
	/** decoded sample payload (string), if any */
	sample?: string;
	/** extra CloudEvents attributes used when emitting this type */
	attributes?: Record<string, unknown>;
	/** how Adobe delivers this type (envelope, id fields, field order, time format); see shapes.ts */
	shape?: EventShape;
}

export interface Provider {
	id: string;
	name: string;
	label: string;
	description: string;
	docs_url?: string;
	publisher: string;
	provider_metadata: string;
	instance_id?: string;
	event_delivery_format: DeliveryFormat;
	data_residency_region: string;
	/** owned = created through the API by this workspace (has rel:update, can be changed/deleted) */
	owner?: { consumerOrgId: string; projectId: string; workspaceId: string };
	events: Map<string, EventMetadata>;
}

export type Health = 'ACTIVE' | 'UNSTABLE' | 'DISABLED';
export type DeliveryType = 'webhook' | 'webhook_batch' | 'journal' | 'aws_eventbridge';

export interface SubscriberFilter {
	id: string;
	name: string;
	description?: string;
	subscriber_filter: string;
	created_date: string;
	updated_date: string;
}

export interface ChallengeOutcome {
	at: string;
	mode: 'sync' | 'async' | 'none';
	ok: boolean;
	detail: string;
	status?: number;
	contentType?: string;
}

export interface PendingValidation {
	id: string;
	challenge: string;
	url: string;
	expiresAt: number;
	timer: number;
}

export interface Registration {
	id: number;
	registration_id: string;
	name: string;
	description?: string;
	client_id: string;
	webhook_url?: string;
	runtime_action?: string;
	delivery_type: DeliveryType;
	events_of_interest: Array<{ provider_id: string; event_code: string }>;
	enabled: boolean;
	webhook_status: string;
	destination_metadata?: Record<string, unknown>;
	subscriber_filters: SubscriberFilter[];
	created_date: string;
	updated_date: string;
	consumer_id: string;
	project_id: string;
	workspace_id: string;
	// internal state
	health: Health;
	unstableSince?: number;
	healthTimer?: number;
	attempts: Array<{ at: number; ok: boolean }>;
	/** failures among `attempts` (kept in step so health checks are O(1)) */
	failedAttempts: number;
	challenge?: ChallengeOutcome;
	validation?: PendingValidation;
	hmacSignature?: boolean;
	journal: Journal;
	traces: Trace[];
}

/**
 * One entry of Adobe's Debug Tracing (`TracingRequestResponse` in Adobe's OpenAPI): written for every
 * delivery attempt (and challenge request) the emulator really made. Headers are maps of arrays of
 * values, `ts` / `deliveryTime` epoch milliseconds, `responseTime` the attempt's duration in ms.
 */
export interface Trace {
	/** event code (`challenge` for a validation request) */
	event: string;
	/** the delivery id (`x-adobe-delivery-id`, = `delivery_id` in the control API's delivery log) */
	id: string;
	date: string;
	clientId: string;
	registrationId: string;
	trace: {
		tracingRequest: { requestUrl: string; requestMethod: string; contentType: string; requestBody: string; requestHeaders: Record<string, string[]> };
		tracingResponse: { responseBody: string; responseCode: number; responseTime: number; responseHeaders: Record<string, string[]> };
		ts: number;
		deliveryTime: number;
		insightsInfo: Array<{ providerName: string; eventCode: string; eventIds: string[] }>;
	};
}

export interface DeliveryRecord {
	delivery_id: string;
	registration_id: string;
	registration_name: string;
	delivery_type: DeliveryType;
	url: string;
	event_ids: string[];
	event_codes: string[];
	batch_size: number;
	bytes: number;
	retry_count: number;
	/** HTTP status, or null when no response (timeout / connection failure) */
	status: number | null;
	/** Adobe's tracing code for "no HTTP response": 602 connection failure, 604 timeout */
	adobe_status?: number;
	error?: 'timeout' | 'connection_failed';
	outcome: 'delivered' | 'retry_scheduled' | 'dropped' | 'retries_exhausted';
	next_retry_at?: string;
	time: string;
	duration_ms: number;
	fault?: string;
	signature_mode?: string;
}

export interface EmittedEvent {
	eventid: string;
	providerId: string;
	providerName: string;
	eventCode: string;
	format: DeliveryFormat;
	/** the provider's event (CloudEvent without I/O Events enrichment, or the raw adobe_io object) */
	base: Record<string, unknown>;
	time: number;
}
