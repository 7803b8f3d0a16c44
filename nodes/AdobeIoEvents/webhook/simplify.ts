/**
 * Output → Simplified (pure, no n8n import): one Adobe event, in any envelope, as one flat item of at
 * most 12 fields under stable names chosen per product family — what a no-code builder maps into a
 * Slack message or a sheet row without reading Adobe's nesting.
 *
 *   simplifyEvent(event) → { eventId, type, time, …family fields }
 *
 * - `eventId` is Adobe's event id (`eventid`, else `event_id`: the id de-duplication, the journal and
 *   Adobe's delivery traces use), `time` the event's time as an ISO 8601 string (UTC); both read by
 *   envelope.ts. A field the event does not carry is `null`, so a family's items always have the same keys.
 * - Each family is one row of `FAMILIES` (first match wins): how it is recognised and which field comes
 *   from where. docs/output.md documents the same table for users.
 * - Unknown shapes get the fallback: eventId, type, time, source, subject and the top-level scalar fields
 *   of the payload (`data`), as far as 12 fields go.
 *
 * Total: for any JSON value it returns a flat object — values are strings, numbers, booleans, null or
 * arrays of those — with at most 12 keys, and never throws. The work is bounded: fixed paths (no
 * recursion, whatever the depth), arrays copied only up to `MAX_ARRAY` scalars, and at most one object's
 * keys enumerated (the fallback's or Commerce's scalar fields: linear in that object's size, like the
 * JSON.parse that built it; per-key work stops after `MAX_KEYS_SCANNED` keys).
 */
import { isRecord, type JsonRecord } from '../shared/guards';
import { own, parseEventTime, readEnvelope, type Envelope } from './envelope';

export type SimpleScalar = string | number | boolean | null;
export type SimpleValue = SimpleScalar | SimpleScalar[];
export type SimplifiedEvent = Record<string, SimpleValue>;

/** Most fields of a Simplified item. */
export const MAX_FIELDS = 12;
/** Longest array copied into an item (longer ones are left out, never cut). */
export const MAX_ARRAY = 50;
/** Most keys looked at for the fallback's (or Commerce's) scalar fields. */
export const MAX_KEYS_SCANNED = 200;

interface Event {
	env: Envelope;
	/** the payload: CloudEvent data, pipeline body, XDM activity, legacy event, Commerce's data */
	data: unknown;
}
type Reader = (event: Event) => unknown;
/** One field of a family's item: its name, where it comes from, and whether numeric strings become numbers. */
type Field = readonly [name: string, read: Reader, numeric?: 'number'];

export interface Family {
	/** stable id, documented in docs/output.md */
	name: string;
	matches: (event: Event) => boolean;
	fields: readonly Field[];
	/** further fields taken as they are (Commerce's other events: the scalar fields of `value`) */
	rest?: (event: Event) => unknown;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The value at `path` (own properties; numbers index arrays), or undefined. */
function at(root: unknown, ...path: Array<string | number>): unknown {
	let value = root;
	for (const step of path) {
		if (typeof step === 'number') {
			if (!Array.isArray(value) || step >= value.length) return undefined;
			value = value[step] as unknown;
		} else {
			if (!isRecord(value)) return undefined;
			value = own(value, step);
		}
	}
	return value;
}

/** The value of the first of `keys` that `record` has (XDM's prefixed names: xdmAsset:…, xdmDirectory:…). */
function anyOf(record: unknown, ...keys: string[]): unknown {
	for (const key of keys) {
		const value = at(record, key);
		if (value !== undefined) return value;
	}
	return undefined;
}

const firstOf =
	(...readers: Reader[]): Reader =>
	(event) => {
		for (const read of readers) {
			const value = read(event);
			if (value !== undefined && value !== null && value !== '') return value;
		}
		return undefined;
	};

const isoTime = (ms: number | undefined): string | undefined =>
	ms === undefined ? undefined : new Date(ms).toISOString();

/** The last path segment of a URI-like string (`…/event/ended` → `ended`). */
const lastSegment = (value: unknown): unknown =>
	typeof value === 'string' ? value.slice(value.lastIndexOf('/') + 1) : value;

const matchOf = (value: unknown, pattern: RegExp): string | undefined =>
	typeof value === 'string' ? pattern.exec(value)?.[1] : undefined;

const typeStarts =
	(...prefixes: string[]) =>
	(event: Event): boolean =>
		typeof event.env.type === 'string' && prefixes.some((p) => event.env.type!.startsWith(p));

// ---------------------------------------------------------------------------------------------
// Values

function isScalar(value: unknown): value is SimpleScalar {
	return (
		value === null ||
		typeof value === 'string' ||
		typeof value === 'boolean' ||
		(typeof value === 'number' && Number.isFinite(value))
	);
}

/** A value an item may hold: a scalar, or an array of at most MAX_ARRAY scalars; otherwise undefined. */
function simple(value: unknown): SimpleValue | undefined {
	if (isScalar(value)) return value;
	if (Array.isArray(value) && value.length <= MAX_ARRAY && value.every(isScalar))
		return value.slice();
	return undefined;
}

/** Numbers Adobe writes as strings ("268812", "129.9000") as numbers; anything else as `simple`. */
function numeric(value: unknown): SimpleValue | undefined {
	if (typeof value === 'string' && /^-?\d{1,15}(\.\d+)?$/.test(value)) return Number(value);
	return simple(value);
}

// ---------------------------------------------------------------------------------------------
// The fields every family starts with

const EVENT_ID: Field = ['eventId', (e) => e.env.eventId];
const TYPE: Field = ['type', (e) => e.env.type];
const TIME: Field = ['time', (e) => isoTime(e.env.time)];
const SOURCE: Field = ['source', (e) => e.env.source];
const SUBJECT: Field = ['subject', (e) => e.env.subject];

// ---------------------------------------------------------------------------------------------
// Families: one row each (first match wins)

const CC_REPOSITORY = 'http://ns.adobe.com/adobecloud/rel/metadata/repository';
const ccResource = (e: Event): unknown => at(e.data, 'xdmEntity', 'event:resources', CC_REPOSITORY);
const ccFile = (e: Event, key: string): unknown => at(ccResource(e), 'event:embedded', key);

const aemRepo = (e: Event, key: string): unknown => at(e.data, 'repositoryMetadata', key);
const xdmObject = (e: Event): unknown => at(e.data, 'activitystreams:object');
/** XDM object types whose prefixed fields the xdmRepository family reads (AEM add-on, legacy CC storage) */
const XDM_OBJECT = ['xdmAsset', 'xdmDirectory', 'xdmComponentizedPage'] as const;
/** XDM actor / recipient ids */
const XDM_USER = ['xdmAemUser:id', 'xdmImsUser:id', 'xdmImsOrg:id', '@id'];
const cmUrl = (e: Event): unknown => at(xdmObject(e), '@id');
const commerceValue = (e: Event, ...path: Array<string | number>): unknown =>
	at(e.data, 'value', ...path);
const isCommerce = (e: Event): boolean =>
	typeStarts('com.adobe.commerce.')(e) ||
	(e.env.kind === 'partial' && at(e.data, '_metadata', 'commerceEdition') !== undefined);
const jobOutput = (e: Event, ...path: Array<string | number>): unknown =>
	at(e.data, 'outputs', 0, ...path);
const pipelineHeader = (e: Event, key: string): unknown => {
	const inner = e.env.inner;
	const header =
		at(inner, 'header') ?? at(inner, 'com.adobe.mcloud.pipeline.pipelineMessage', 'header');
	return at(header, key);
};
const inDesignJob = (e: Event, ...path: Array<string | number>): unknown =>
	at(e.data, 'value', ...path);

/** Marketo's attribute list `[{name, value}]` as `["name: value", …]`. */
function marketoAttributes(e: Event): unknown {
	const list = at(e.data, 'attributes');
	if (!Array.isArray(list) || list.length > MAX_ARRAY) return undefined;
	const out: string[] = [];
	for (const entry of list) {
		const name = at(entry, 'name');
		const value = at(entry, 'value');
		if (typeof name === 'string' && isScalar(value)) out.push(`${name}: ${String(value)}`);
	}
	return out;
}

/** Analytics' last visited page: the last non-empty pageURL of the hit summary. */
function analyticsPage(e: Event): unknown {
	const pages = at(e.data, 'enrichments', 'analyticsHitSummary', 'dimensions', 'pageURL', 'data');
	if (!Array.isArray(pages) || pages.length > 10_000) return undefined;
	for (let i = pages.length - 1; i >= 0; i--)
		if (typeof pages[i] === 'string' && pages[i] !== '') return pages[i] as string;
	return undefined;
}

export const FAMILIES: readonly Family[] = [
	{
		name: 'creativeCloudAssets',
		matches: typeStarts('com.adobe.platform.events.'),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			SOURCE,
			['action', (e) => at(ccResource(e), 'event:action')],
			['name', (e) => ccFile(e, 'repo:name')],
			['path', (e) => ccFile(e, 'repo:path')],
			['format', (e) => ccFile(e, 'dc:format')],
			['size', (e) => ccFile(e, 'repo:size'), 'number'],
			['assetId', (e) => ccFile(e, 'repo:assetId')],
			[
				'user',
				firstOf(
					(e) => ccFile(e, 'repo:modifiedBy'),
					(e) => ccFile(e, 'repo:createdBy'),
				),
			],
			['modified', (e) => ccFile(e, 'repo:modifyDate')],
		],
	},
	{
		name: 'creativeCloudContentLogs',
		matches: typeStarts('com.adobe.acp.contentlogs.'),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['action', (e) => at(e.data, 'Action')],
			['name', (e) => at(e.data, 'Item Name')],
			['path', (e) => at(e.data, 'Item Path')],
			['itemId', (e) => at(e.data, 'Item ID')],
			['itemType', (e) => at(e.data, 'Item Type')],
			['version', (e) => at(e.data, 'Item Version')],
			['user', (e) => at(e.data, 'User Email')],
			['userName', (e) => at(e.data, 'User Name')],
			['ipAddress', (e) => at(e.data, 'IP Address')],
		],
	},
	{
		name: 'aemAssets',
		matches: typeStarts('aem.assets.'),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			[
				'instance',
				firstOf(
					(e) => aemRepo(e, 'repo:repositoryId'),
					(e) => e.env.source,
				),
			],
			['name', (e) => aemRepo(e, 'repo:name')],
			['path', (e) => aemRepo(e, 'repo:path')],
			['format', (e) => aemRepo(e, 'dc:format')],
			['size', (e) => aemRepo(e, 'repo:size'), 'number'],
			['state', (e) => aemRepo(e, 'aem:assetState')],
			[
				'assetId',
				firstOf(
					(e) => at(e.data, 'assetId'),
					(e) => aemRepo(e, 'repo:assetId'),
				),
			],
			['user', (e) => at(e.data, 'user', 'principalId')],
			['userName', (e) => at(e.data, 'user', 'displayName')],
		],
	},
	{
		name: 'aemSites',
		matches: typeStarts('aem.sites.'),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			[
				'instance',
				firstOf(
					(e) => at(e.data, 'sourceUrl'),
					(e) => e.env.source,
				),
			],
			['path', (e) => at(e.data, 'path')],
			['id', (e) => at(e.data, 'id')],
			['model', (e) => at(e.data, 'model', 'path')],
			['user', (e) => at(e.data, 'user', 'principalId')],
			['userName', (e) => at(e.data, 'user', 'displayName')],
		],
	},
	{
		name: 'cloudManager',
		matches: (e) =>
			e.env.kind === 'xdm' &&
			typeof e.env.type === 'string' &&
			e.env.type.startsWith('https://ns.adobe.com/experience/cloudmanager/'),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['event', (e) => lastSegment(e.env.type)],
			['objectType', (e) => lastSegment(at(e.data, 'xdmEventEnvelope:objectType'))],
			['url', cmUrl],
			['programId', (e) => matchOf(cmUrl(e), /\/program\/([^/]+)/)],
			['pipelineId', (e) => matchOf(cmUrl(e), /\/pipeline\/([^/]+)/)],
			['executionId', (e) => matchOf(cmUrl(e), /\/execution\/([^/]+)/)],
			['status', (e) => at(xdmObject(e), 'status')],
			['user', (e) => at(e.data, 'activitystreams:actor', 'xdmImsUser:id')],
			['org', (e) => at(e.data, 'activitystreams:to', 'xdmImsOrg:id')],
		],
	},
	{
		// XDM activities of AEM's I/O Events add-on and of legacy Creative Cloud storage (prefixed fields:
		// xdmAsset:…, xdmDirectory:…, xdmComponentizedPage:…)
		name: 'xdmRepository',
		matches: (e) => e.env.kind === 'xdm',
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			SOURCE,
			['objectType', (e) => at(e.data, 'xdmEventEnvelope:objectType')],
			[
				'name',
				(e) =>
					anyOf(
						xdmObject(e),
						...XDM_OBJECT.map(
							(t) =>
								`${t}:${t === 'xdmComponentizedPage' ? 'title' : t === 'xdmAsset' ? 'asset_name' : 'name'}`,
						),
					),
			],
			['path', (e) => anyOf(xdmObject(e), ...XDM_OBJECT.map((t) => `${t}:path`))],
			['format', (e) => anyOf(xdmObject(e), ...XDM_OBJECT.map((t) => `${t}:format`))],
			['assetId', (e) => anyOf(xdmObject(e), ...XDM_OBJECT.map((t) => `${t}:asset_id`))],
			['url', (e) => at(xdmObject(e), '@id')],
			['user', (e) => anyOf(at(e.data, 'activitystreams:actor'), ...XDM_USER)],
			['addressedTo', (e) => anyOf(at(e.data, 'activitystreams:to'), ...XDM_USER)],
		],
	},
	{
		name: 'marketoActivity',
		matches: typeStarts('com.adobe.platform.marketo.activity.'),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['munchkinId', (e) => at(e.data, 'munchkinId')],
			['leadId', (e) => at(e.data, 'leadId')],
			['activityType', (e) => at(e.data, 'activityType')],
			['activityTypeId', (e) => at(e.data, 'activityTypeId')],
			['activityDate', (e) => at(e.data, 'activityDate')],
			['primaryAttributeValue', (e) => at(e.data, 'primaryAttributeValue')],
			['primaryAttributeValueId', (e) => at(e.data, 'primaryAttributeValueId')],
			['activityLogItemId', (e) => at(e.data, 'activityLogItemId')],
			['attributes', marketoAttributes],
		],
	},
	{
		name: 'marketoAudit',
		matches: typeStarts(
			'com.adobe.platform.marketo.audit.',
			'com.adobe.platform.marketo.notification.',
		),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			SOURCE,
			['munchkinId', (e) => at(e.data, 'munchkinId')],
			['componentType', (e) => at(e.data, 'componentType')],
			['componentId', (e) => at(e.data, 'componentId')],
			['subType', (e) => at(e.data, 'subType')],
			['action', (e) => at(e.data, 'eventAction')],
			[
				'userId',
				firstOf(
					(e) => at(e.data, 'userId'),
					(e) => at(e.data, 'eventAction', 'userId'),
				),
			],
			['campaignId', (e) => at(e.data, 'eventAction', 'campaignId')],
			['imsOrgId', (e) => at(e.data, 'imsOrgId')],
		],
	},
	{
		name: 'commerceOrder',
		matches: (e) =>
			isCommerce(e) && typeof e.env.type === 'string' && e.env.type.includes('.sales_order_'),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['instance', (e) => at(e.data, 'source')],
			['orderId', (e) => commerceValue(e, 'increment_id')],
			['status', (e) => commerceValue(e, 'status')],
			['total', (e) => commerceValue(e, 'grand_total'), 'number'],
			['currency', (e) => commerceValue(e, 'order_currency_code')],
			['customerEmail', (e) => commerceValue(e, 'customer_email')],
			[
				'customerName',
				(e) => {
					const parts = [
						commerceValue(e, 'customer_firstname'),
						commerceValue(e, 'customer_lastname'),
					];
					const name = parts.filter((p) => typeof p === 'string' && p !== '').join(' ');
					return name === '' ? undefined : name;
				},
			],
			['itemCount', (e) => commerceValue(e, 'total_item_count'), 'number'],
			['createdAt', (e) => commerceValue(e, 'created_at')],
		],
	},
	{
		name: 'commerceProduct',
		matches: (e) =>
			isCommerce(e) &&
			((typeof e.env.type === 'string' && e.env.type.includes('.catalog_product_')) ||
				(e.env.kind === 'partial' && commerceValue(e, 'sku') !== undefined)),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['instance', (e) => at(e.data, 'source')],
			['sku', (e) => commerceValue(e, 'sku')],
			['name', (e) => commerceValue(e, 'name')],
			['price', (e) => commerceValue(e, 'price'), 'number'],
			[
				'qty',
				firstOf(
					(e) => commerceValue(e, 'stock_data', 'qty'),
					(e) => commerceValue(e, 'quantity_and_stock_status', 'qty'),
				),
				'number',
			],
			['productId', (e) => commerceValue(e, 'entity_id')],
			['updatedAt', (e) => commerceValue(e, 'updated_at')],
			['storeId', (e) => at(e.data, '_metadata', 'storeId')],
		],
	},
	{
		name: 'commerce',
		matches: isCommerce,
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['instance', (e) => at(e.data, 'source')],
			['storeId', (e) => at(e.data, '_metadata', 'storeId')],
			['commerceVersion', (e) => at(e.data, '_metadata', 'commerceVersion')],
		],
		rest: (e) => commerceValue(e),
	},
	{
		name: 'adminConsole',
		matches: typeStarts('com.adobe.adminconsole.'),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['activity', (e) => at(e.data, 'activity_name')],
			['actor', (e) => at(e.data, 'actor', 'user', 'email_addr')],
			['targetUser', (e) => at(e.data, 'user', 'email_addr')],
			['privileges', (e) => at(e.data, 'privileges')],
			['severity', (e) => at(e.data, 'severity')],
			['org', (e) => at(e.data, 'cloud', 'org', 'name')],
			['eventCode', (e) => at(e.data, 'metadata', 'event_code')],
			['ipAddress', (e) => at(e.data, 'device', 'ip')],
		],
	},
	{
		// Photoshop and Lightroom API job status (Adobe pipeline messages)
		name: 'creativeJobs',
		matches: (e) =>
			e.env.kind === 'pipeline' &&
			(pipelineHeader(e, 'msgType') === 'JOB_COMPLETION_STATUS' ||
				(typeof e.env.type === 'string' && e.env.type.endsWith('-job-status'))),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['jobId', (e) => at(e.data, 'jobId')],
			['status', (e) => jobOutput(e, 'status')],
			['document', (e) => jobOutput(e, 'document', 'name')],
			['input', (e) => jobOutput(e, 'input')],
			[
				'output',
				firstOf(
					(e) => jobOutput(e, '_links', 'self', 0, 'href'),
					(e) => jobOutput(e, '_links', 'self', 'href'),
				),
			],
			['statusUrl', (e) => at(e.data, '_links', 'self', 'href')],
			['org', (e) => pipelineHeader(e, 'imsOrgId')],
		],
	},
	{
		name: 'inDesign',
		matches: (e) => at(e.data, 'source') === 'indesign' && isRecord(at(e.data, 'value')),
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			SOURCE,
			['jobId', (e) => inDesignJob(e, 'jobId')],
			['state', (e) => inDesignJob(e, 'state')],
			['jobEventId', (e) => inDesignJob(e, 'eventId')],
			['jobTime', (e) => isoTime(parseEventTime(inDesignJob(e, 'timestamp')))],
			['destination', (e) => inDesignJob(e, 'data', 'destination')],
			['inputUrl', (e) => inDesignJob(e, 'data', 'source', 'url')],
		],
	},
	{
		name: 'analyticsTrigger',
		matches: (e) => e.env.kind === 'pipeline' && e.env.type === 'com.adobe.mcloud.protocol.trigger',
		fields: [
			EVENT_ID,
			TYPE,
			TIME,
			['triggerId', (e) => at(e.data, 'triggerId')],
			['mcId', (e) => at(e.data, 'mcId')],
			['triggerTime', (e) => isoTime(parseEventTime(at(e.data, 'triggerTimestamp')))],
			['pageUrl', analyticsPage],
			['messageType', (e) => pipelineHeader(e, 'messageType')],
			['org', (e) => pipelineHeader(e, 'imsOrg')],
		],
	},
];

/** The fallback's fields before the payload's own scalar fields. */
const FALLBACK_FIELDS: readonly Field[] = [EVENT_ID, TYPE, TIME, SOURCE, SUBJECT];

// ---------------------------------------------------------------------------------------------

/** Sets `key` as an own data property (a key like `__proto__` stays a plain field). */
function put(item: SimplifiedEvent, key: string, value: SimpleValue): void {
	Object.defineProperty(item, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The top-level scalar fields of `payload` (a scalar payload is `data`), until the item holds 12 fields. */
function addScalars(item: SimplifiedEvent, payload: unknown): void {
	let count = Object.keys(item).length;
	if (!isRecord(payload)) {
		const value = simple(payload);
		if (
			value !== undefined &&
			count < MAX_FIELDS &&
			!Object.prototype.hasOwnProperty.call(item, 'data')
		)
			put(item, 'data', value);
		return;
	}
	let scanned = 0;
	for (const key in payload) {
		if (count >= MAX_FIELDS || ++scanned > MAX_KEYS_SCANNED) break;
		if (!Object.prototype.hasOwnProperty.call(payload, key)) continue;
		if (Object.prototype.hasOwnProperty.call(item, key)) continue;
		const value = simple(payload[key]);
		if (value === undefined) continue;
		put(item, key, value);
		count++;
	}
}

/** The family an event belongs to (`fallback` when none). */
export function familyOf(event: unknown): string {
	const env = readEnvelope(event);
	const read: Event = { env, data: env.data };
	return FAMILIES.find((family) => family.matches(read))?.name ?? 'fallback';
}

/** One event (any envelope, any JSON value) as one flat item of at most 12 fields. Never throws. */
export function simplifyEvent(event: unknown): SimplifiedEvent {
	const env = readEnvelope(event);
	const read: Event = { env, data: env.data };
	const family = FAMILIES.find((f) => f.matches(read));
	const fields = family?.fields ?? FALLBACK_FIELDS;
	const item: SimplifiedEvent = {};
	for (const [name, get, convert] of fields.slice(0, MAX_FIELDS)) {
		const raw = get(read);
		put(item, name, (convert === 'number' ? numeric(raw) : simple(raw)) ?? null);
	}
	if (!family) addScalars(item, env.data);
	else if (family.rest) addScalars(item, family.rest(read) as JsonRecord);
	return item;
}
