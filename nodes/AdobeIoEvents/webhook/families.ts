/**
 * THE table of Output → Simplified: one row per product family — how its events are recognised (first
 * match wins) and which field of the item comes from where. docs/output.md documents the same table for
 * users (test/docs/output.test.ts keeps them equal). Every item starts with eventId, type and time
 * (COMMON_FIELDS); a row lists at most 9 more. Pure, no n8n import.
 */
import { isRecord } from '../shared/guards';
import { parseEventTime } from './envelope';
import {
	anyOf,
	at,
	firstOf,
	fromData,
	isoTime,
	isScalar,
	lastSegment,
	MAX_ARRAY,
	matchOf,
	SOURCE,
	typeStarts,
	type Family,
	type ReadEvent,
} from './simplifyRead';

// ---------------------------------------------------------------------------------------------
// Families: one row each (first match wins)

const CC_REPOSITORY = 'http://ns.adobe.com/adobecloud/rel/metadata/repository';
const ccResource = (e: ReadEvent): unknown =>
	at(e.data, 'xdmEntity', 'event:resources', CC_REPOSITORY);
const ccFile = (e: ReadEvent, key: string): unknown => at(ccResource(e), 'event:embedded', key);

const aemRepo = (e: ReadEvent, key: string): unknown => at(e.data, 'repositoryMetadata', key);
const xdmObject = (e: ReadEvent): unknown => at(e.data, 'activitystreams:object');
/** XDM object types whose prefixed fields the xdmRepository family reads (AEM add-on, legacy CC storage) */
const XDM_OBJECT = ['xdmAsset', 'xdmDirectory', 'xdmComponentizedPage'] as const;
/** XDM actor / recipient ids */
const XDM_USER = ['xdmAemUser:id', 'xdmImsUser:id', 'xdmImsOrg:id', '@id'];
const cmUrl = (e: ReadEvent): unknown => at(xdmObject(e), '@id');
const commerceValue = (e: ReadEvent, ...path: Array<string | number>): unknown =>
	at(e.data, 'value', ...path);
const isCommerce = (e: ReadEvent): boolean =>
	typeStarts('com.adobe.commerce.')(e) ||
	(e.env.kind === 'partial' && at(e.data, '_metadata', 'commerceEdition') !== undefined);
const jobOutput = (e: ReadEvent, ...path: Array<string | number>): unknown =>
	at(e.data, 'outputs', 0, ...path);
const pipelineHeader = (e: ReadEvent, key: string): unknown => {
	const inner = e.env.inner;
	const header =
		at(inner, 'header') ?? at(inner, 'com.adobe.mcloud.pipeline.pipelineMessage', 'header');
	return at(header, key);
};
const inDesignJob = (e: ReadEvent, ...path: Array<string | number>): unknown =>
	at(e.data, 'value', ...path);

/** Marketo's attribute list `[{name, value}]` as `["name: value", …]`. */
function marketoAttributes(e: ReadEvent): unknown {
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
function analyticsPage(e: ReadEvent): unknown {
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
			fromData('action', 'Action'),
			fromData('name', 'Item Name'),
			fromData('path', 'Item Path'),
			fromData('itemId', 'Item ID'),
			fromData('itemType', 'Item Type'),
			fromData('version', 'Item Version'),
			fromData('user', 'User Email'),
			fromData('userName', 'User Name'),
			fromData('ipAddress', 'IP Address'),
		],
	},
	{
		name: 'aemAssets',
		matches: typeStarts('aem.assets.'),
		fields: [
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
			fromData('user', 'user', 'principalId'),
			fromData('userName', 'user', 'displayName'),
		],
	},
	{
		name: 'aemSites',
		matches: typeStarts('aem.sites.'),
		fields: [
			[
				'instance',
				firstOf(
					(e) => at(e.data, 'sourceUrl'),
					(e) => e.env.source,
				),
			],
			fromData('path'),
			fromData('id'),
			fromData('model', 'model', 'path'),
			fromData('user', 'user', 'principalId'),
			fromData('userName', 'user', 'displayName'),
		],
	},
	{
		name: 'cloudManager',
		matches: (e) =>
			e.env.kind === 'xdm' &&
			typeof e.env.type === 'string' &&
			e.env.type.startsWith('https://ns.adobe.com/experience/cloudmanager/'),
		fields: [
			['event', (e) => lastSegment(e.env.type)],
			['objectType', (e) => lastSegment(at(e.data, 'xdmEventEnvelope:objectType'))],
			['url', cmUrl],
			['programId', (e) => matchOf(cmUrl(e), /\/program\/([^/]+)/)],
			['pipelineId', (e) => matchOf(cmUrl(e), /\/pipeline\/([^/]+)/)],
			['executionId', (e) => matchOf(cmUrl(e), /\/execution\/([^/]+)/)],
			['status', (e) => at(xdmObject(e), 'status')],
			fromData('user', 'activitystreams:actor', 'xdmImsUser:id'),
			fromData('org', 'activitystreams:to', 'xdmImsOrg:id'),
		],
	},
	{
		// XDM activities of AEM's I/O Events add-on and of legacy Creative Cloud storage (prefixed fields:
		// xdmAsset:…, xdmDirectory:…, xdmComponentizedPage:…)
		name: 'xdmRepository',
		matches: (e) => e.env.kind === 'xdm',
		fields: [
			SOURCE,
			fromData('objectType', 'xdmEventEnvelope:objectType'),
			[
				'name',
				(e) =>
					anyOf(
						xdmObject(e),
						'xdmAsset:asset_name',
						'xdmDirectory:name',
						'xdmComponentizedPage:title',
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
			fromData('munchkinId'),
			fromData('leadId'),
			fromData('activityType'),
			fromData('activityTypeId'),
			fromData('activityDate'),
			fromData('primaryAttributeValue'),
			fromData('primaryAttributeValueId'),
			fromData('activityLogItemId'),
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
			SOURCE,
			fromData('munchkinId'),
			fromData('componentType'),
			fromData('componentId'),
			fromData('subType'),
			fromData('action', 'eventAction'),
			[
				'userId',
				firstOf(
					(e) => at(e.data, 'userId'),
					(e) => at(e.data, 'eventAction', 'userId'),
				),
			],
			fromData('campaignId', 'eventAction', 'campaignId'),
			fromData('imsOrgId'),
		],
	},
	{
		name: 'commerceOrder',
		matches: (e) =>
			isCommerce(e) && typeof e.env.type === 'string' && e.env.type.includes('.sales_order_'),
		fields: [
			fromData('instance', 'source'),
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
			fromData('instance', 'source'),
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
			fromData('storeId', '_metadata', 'storeId'),
		],
	},
	{
		name: 'commerce',
		matches: isCommerce,
		fields: [
			fromData('instance', 'source'),
			fromData('storeId', '_metadata', 'storeId'),
			fromData('commerceVersion', '_metadata', 'commerceVersion'),
		],
		rest: (e) => commerceValue(e),
	},
	{
		name: 'adminConsole',
		matches: typeStarts('com.adobe.adminconsole.'),
		fields: [
			fromData('activity', 'activity_name'),
			fromData('actor', 'actor', 'user', 'email_addr'),
			fromData('targetUser', 'user', 'email_addr'),
			fromData('privileges'),
			fromData('severity'),
			fromData('org', 'cloud', 'org', 'name'),
			fromData('eventCode', 'metadata', 'event_code'),
			fromData('ipAddress', 'device', 'ip'),
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
			fromData('jobId'),
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
			fromData('statusUrl', '_links', 'self', 'href'),
			['org', (e) => pipelineHeader(e, 'imsOrgId')],
		],
	},
	{
		name: 'inDesign',
		matches: (e) => at(e.data, 'source') === 'indesign' && isRecord(at(e.data, 'value')),
		fields: [
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
			fromData('triggerId'),
			fromData('mcId'),
			['triggerTime', (e) => isoTime(parseEventTime(at(e.data, 'triggerTimestamp')))],
			['pageUrl', analyticsPage],
			['messageType', (e) => pipelineHeader(e, 'messageType')],
			['org', (e) => pipelineHeader(e, 'imsOrg')],
		],
	},
];

/** The fallback's fields before the payload's own scalar fields. */
