/**
 * The seeded catalogue: Adobe-published providers and event types with sample events in the shapes
 * Adobe's products really deliver — field names, nesting, envelopes, id fields, field order and time
 * formats follow Adobe's published payloads (docs/emulator.md lists which real sample each one follows);
 * every value is ours. Ids are fixed so tests and users can rely on them. `IMSORG@AdobeOrg` in samples is
 * replaced by the emulator's IMS org id at seed time.
 *
 * How an event type is delivered (envelope, id fields, field order, time format) is its `shape`
 * (shapes.ts). The 8 channels of the AsyncAPI catalogue entry (experience-platform/*, analytics/*,
 * campaign/*, target/*, journey-optimizer/*) use their channel names as event codes ('/' → '.').
 */
import type { EventShape } from './shapes';

export type DeliveryFormat = 'cloud_events_v1' | 'adobe_io';

export interface SeedEvent {
	event_code: string;
	label: string;
	description: string;
	/** the payload: CloudEvent `data` (any JSON value) or the `adobe_io` provider object */
	sample: unknown;
	/** Extra CloudEvents attributes for this type (dataschema, subject, source, ...). */
	attributes?: Record<string, unknown>;
	/** how Adobe delivers this type; see shapes.ts */
	shape?: EventShape;
}

export interface SeedProvider {
	id: string;
	/** Provider *name* used in `x-adobe-provider` and `events_of_interest[].provider`. */
	name: string;
	label: string;
	description: string;
	docs_url: string;
	provider_metadata: string;
	instance_id?: string;
	event_delivery_format: DeliveryFormat;
	events: SeedEvent[];
}

export interface ProviderMetadataSeed {
	id: string;
	group: string;
	label: string;
	description: string;
	has_multiple_providers: boolean;
}

export const PROVIDER_METADATA: ProviderMetadataSeed[] = [
	{ id: 'cc_asset_events', group: 'Creative Cloud', label: 'Creative Cloud Asset Events', description: 'Events on Creative Cloud files and folders.', has_multiple_providers: false },
	{ id: 'ccstorage', group: 'Creative Cloud', label: 'Creative Cloud Assets (legacy)', description: 'Legacy Creative Cloud storage events (2017 format).', has_multiple_providers: false },
	{ id: 'aem', group: 'Experience Cloud', label: 'Experience Manager', description: 'AEM as a Cloud Service events.', has_multiple_providers: true },
	{ id: 'marketo', group: 'Experience Cloud', label: 'Marketo Engage', description: 'Marketo lead activity and audit data streams.', has_multiple_providers: true },
	{ id: 'platform_notifications', group: 'Experience Platform', label: 'Experience Platform', description: 'Adobe Experience Platform notifications.', has_multiple_providers: false },
	{ id: 'analytics_triggers', group: 'Experience Cloud', label: 'Analytics', description: 'Adobe Analytics triggers and report suite changes.', has_multiple_providers: false },
	{ id: 'campaign', group: 'Experience Cloud', label: 'Campaign', description: 'Adobe Campaign deliveries and workflows.', has_multiple_providers: true },
	{ id: 'target', group: 'Experience Cloud', label: 'Target', description: 'Adobe Target activity changes.', has_multiple_providers: false },
	{ id: 'journey_optimizer', group: 'Experience Platform', label: 'Journey Optimizer', description: 'Adobe Journey Optimizer journey events.', has_multiple_providers: false },
	{ id: 'acs', group: 'Adobe Cloud Services', label: 'Admin Console', description: 'Adobe Admin Console audit logs.', has_multiple_providers: false },
	{ id: '3rd_party_custom_events', group: 'Custom', label: 'Custom Events', description: 'Your own events, published through the ingress API.', has_multiple_providers: true },
	{ id: 'asset_compute', group: 'Experience Cloud', label: 'Asset Compute', description: 'Asset Compute worker events.', has_multiple_providers: true },
	{ id: 'dx_commerce_events', group: 'Experience Cloud', label: 'Commerce Events', description: 'Adobe Commerce events.', has_multiple_providers: true },
	{ id: 'cc_content_logs', group: 'Creative Cloud', label: 'Creative Cloud Content Logs', description: 'Who read or changed which Creative Cloud content.', has_multiple_providers: false },
	{ id: 'aem_addon', group: 'Experience Cloud', label: 'Experience Manager (I/O Events add-on)', description: 'Events of AEM 6.x on-premise or managed services through the I/O Events add-on (legacy XDM format).', has_multiple_providers: true },
	{ id: 'cloudmanager_events', group: 'Experience Cloud', label: 'Cloud Manager', description: 'Cloud Manager pipeline executions.', has_multiple_providers: false },
	{ id: 'partner_events', group: 'Partners', label: 'Partner events', description: 'Events of partner applications (shaped like custom events).', has_multiple_providers: true },
	{ id: 'creative_apis', group: 'Creative Cloud', label: 'Photoshop, Lightroom and InDesign APIs', description: 'Job status events of the Firefly Services APIs.', has_multiple_providers: false },
];

// ------------------------------------------------------------------------------------------------
// Creative Cloud Asset Events — shape of Adobe's asset-events property reference example: the
// file under data.xdmEntity["event:resources"][<rel URI>]["event:embedded"], URI-keyed `_links` holding arrays,
// extensions xactionid / recipient.userid / dataschemaversion. (Both id pairs, as Adobe sends until the end
// of 2026, so Adobe's Node SDK — which reads recipient_client_id — verifies them; `data` after the attributes,
// where Adobe's example has it first, so the event id is within the first bytes of a trimmed trace body.)

const CC_REPO = 'urn:aaid:sc:EU:c0ffee00-1d2e-4f3a-8b5c-6d7e8f901a2b';
const CC_USER = 'A1B2C3D4E5F6071829304152@AdobeID';
const CC_HOST = 'https://platform-cs-emu.adobe.io';

const asset = (action: string, path: string, format: string, size: number): Record<string, unknown> => {
	const assetId = 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21';
	const isDirectory = format === 'application/vnd.adobecloud.directory+json';
	return {
		xdmEntity: {
			'event:resources': {
				'http://ns.adobe.com/adobecloud/rel/metadata/repository': {
					'event:action': action,
					'event:embedded': {
						_links: {
							'http://ns.adobe.com/adobecloud/rel/primary': [
								{ mode: 'id', href: `${CC_HOST}/content/storage/id/${assetId}` },
								{ mode: 'path', href: `${CC_HOST}/content/storage/relpath/${CC_REPO}${path}` },
							],
							'http://ns.adobe.com/adobecloud/rel/rendition': [
								{ mode: 'id', templated: true, href: `${CC_HOST}/rendition/id/${assetId}{;page,size,type}` },
							],
							'http://ns.adobe.com/adobecloud/rel/repository': { href: `${CC_HOST}/content/directory/repo/${CC_REPO}/repositoryResource` },
						},
						'repo:assetId': assetId,
						'repo:state': action === 'deleted' ? 'DISCARDED' : 'ACTIVE',
						'repo:etag': '"5b1d0c3e-7a2f-4e9d-8c6b-1f0e2d3c4b5a"',
						'repo:repositoryId': CC_REPO,
						'repo:name': path.split('/').pop(),
						'dc:format': format,
						'repo:contributors': [{ 'repo:modifiedBy': CC_USER, 'repo:modifiedByClientId': 'emulator-web-client' }],
						'repo:version': '3',
						'storage:region': 'EU',
						'repo:size': isDirectory ? 0 : size,
						'storage:assignee': { id: CC_USER, type: 'user' },
						'repo:modifyDate': '2026-01-15T09:41:07.123Z',
						'repo:id': assetId,
						'repo:representations': { file: !isDirectory, composite: false, directory: isDirectory },
						'repo:createDate': '2026-01-15T09:40:58.004Z',
						'repo:ancestors': [CC_REPO],
						'repo:createdBy': CC_USER,
						'repo:modifiedBy': CC_USER,
						'repo:assetClass': isDirectory ? 'directory' : 'file',
						'repo:path': path,
					},
					'event:resourceGeneration': 41,
				},
				'http://ns.adobe.com/adobecloud/rel/primary': { 'event:action': action, 'event:resourceGeneration': 3 },
				'http://ns.adobe.com/adobecloud/rel/repository': {
					'event:action': 'none',
					'event:embedded': { 'repo:owner': { id: CC_USER, type: 'user' }, 'repo:repositoryId': CC_REPO },
				},
			},
			'event:sequence': -1,
			'event:repository': { 'repo:owner': { id: CC_USER, type: 'user' } },
		},
	};
};

const ASSET_ATTRS = {
	dataschema: 'http://ns.adobe.com/adobecloud/repository/event/asset',
	xactionid: 'e3c1a2b4-6d5f-4e8a-9b7c-0d1e2f3a4b5c-2-SC-2',
	recipient: { userid: CC_USER },
	dataschemaversion: '0.9',
};
const ASSET_SHAPE: EventShape = {};

// Creative Cloud content logs — shape of Adobe's content-logs setup example: data keys with spaces,
// nanosecond time, eventid/recipientclientid only.
const contentLog = (action: string): Record<string, unknown> => ({
	Action: action,
	Date: '2026-01-15T09:41:07.090Z',
	'User Name': 'Robin Emulator',
	'User Email': 'robin@example.com',
	'Item Path': '[Robin Emulator] /cloud-content/Campaigns/summer-banner.png',
	'Item Version': '3',
	'Item Name': 'summer-banner.png',
	'Item ID': 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21',
	'Item Type': 'File',
	'IP Address': '192.0.2.44',
	Created: '2026-01-15T09:40:58.004Z',
	'Last Modified': '2026-01-15T09:41:07.123Z',
});

// Creative Cloud Assets, legacy (ccstorage, adobe_io) — shape of Adobe's Java SDK XDM fixtures: a bare XDM
// activity addressed to a user (xdmImsUser), `+01` hour-only offset with milliseconds.
const ccLegacy = (activity: string, objectType: 'xdmAsset' | 'xdmDirectory', name: string, withDetails = true): Record<string, unknown> => {
	const prefix = objectType;
	const path = `/Emulator Folder/${name}`;
	return {
		'@id': 'urn:oeid:ccstorage:4f0e2d1c-3b4a-4958-8766-5a4b3c2d1e0f',
		'@type': activity,
		'xdmEventEnvelope:objectType': objectType,
		'activitystreams:to': { 'xdmImsUser:id': CC_USER, '@type': 'xdmImsUser' },
		'activitystreams:generator': { 'xdmContentRepository:root': 'https://cc-api-storage.adobe.io/', '@type': 'xdmContentRepository' },
		'activitystreams:actor': { 'xdmImsUser:id': CC_USER, '@type': 'xdmImsUser' },
		'activitystreams:object': {
			'@type': objectType,
			[`${prefix}:asset_id`]: 'urn:aaid:sc:eu:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
			...(withDetails
				? {
						[objectType === 'xdmAsset' ? 'xdmAsset:asset_name' : 'xdmDirectory:name']: name,
						[`${prefix}:etag`]: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
						[`${prefix}:path`]: path,
						[`${prefix}:format`]: objectType === 'xdmAsset' ? 'image/vnd.adobe.photoshop' : 'application/vnd.adobecloud.directory+json',
					}
				: {}),
		},
		'activitystreams:published': '2026-01-15T10:41:07.123+01',
		'@context': {
			activitystreams: 'http://www.w3.org/ns/activitystreams#',
			xdmEventEnvelope: 'https://ns.adobe.com/xdm/common/eventenvelope#',
			[prefix]: objectType === 'xdmAsset' ? 'http://ns.adobe.com/xdm/assets/asset#' : 'https://ns.adobe.com/adobecloud/core/1.0/directory#',
			xdmImsUser: 'https://ns.adobe.com/xdm/ims/user#',
			xdmContentRepository: 'https://ns.adobe.com/xdm/content/repository',
			[activity]: `https://ns.adobe.com/xdm/common/event/${activity.replace(/^xdm/, '').toLowerCase()}#`,
		},
	};
};

// ------------------------------------------------------------------------------------------------
// AEM as a Cloud Service — Sites events keep the documented flat shape; Assets events follow a real
// capture: data.user, data.repositoryMetadata with repo:/dam:/tiff: keys (repo:size a STRING there, a number
// in the published-event example), data.assetMetadata, source `acct:aem-p…-e…@adobe.com`, time with
// microseconds, all four id fields.

const AEM_SOURCE = 'acct:aem-p63947-e1249010@adobe.com';
const AEM_REPO = 'author-p63947-e1249010.adobeaemcloud.com';

const aem = (extra: Record<string, unknown>): Record<string, unknown> => ({
	user: { imsUserId: 'ABCDEF0123456789@AdobeID', principalId: 'editor@example.com', displayName: 'Site Editor' },
	path: '/content/dam/wknd/en/adventures/surf-camp',
	sourceUrl: 'https://author-p63947-e1249010.adobeaemcloud.com',
	...extra,
});

const aemAsset = (state: string, extra: Record<string, unknown> = {}, size: string | number = '1843220'): Record<string, unknown> => ({
	user: { imsUserId: '0F1E2D3C4B5A69788796A5B4@5a6b7c8d9e0f1a2b3c4d5e.e', principalId: 'EDITOR@EXAMPLE.COM', displayName: 'Casey Editor' },
	repositoryMetadata: {
		'repo:repositoryId': AEM_REPO,
		'dc:format': 'image/jpeg',
		'repo:assetClass': 'file',
		'repo:assetId': 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
		'repo:version': '1.2::ci:7e6d5c4b3a29180716253443526170ff',
		'repo:name': 'surf-camp-hero.jpg',
		'repo:size': size,
		'repo:path': '/content/dam/wknd/en/adventures/surf-camp/surf-camp-hero.jpg',
		'repo:createdBy': 'EDITOR@EXAMPLE.COM',
		'repo:ancestors': ['urn:aaid:aem:5f4e3d2c-1b0a-4988-9776-655443322110'],
		'repo:state': 'ACTIVE',
		'repo:createDate': '2026-01-15T09:30:12.345Z',
		'repo:modifyDate': '2026-01-15T09:41:06.512Z',
		'repo:modifiedBy': 'EDITOR@EXAMPLE.COM',
		'dam:sha1': '8c1f3e5a7b9d0f2e4c6a8b0d2f4e6a8c0b2d4f6e',
		'tiff:imageWidth': 2400,
		'tiff:imageLength': 1600,
		'aem:assetState': state,
	},
	assetMetadata: {
		'xcm:machineKeywords': [
			{ value: 'surfboard', confidence: 0.931 },
			{ value: 'beach', confidence: 0.874 },
		],
		'dc:title': 'Surf camp hero',
	},
	assetId: 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
	...extra,
});
const AEM_ASSET_ATTRS = { source: AEM_SOURCE };
const AEM_ASSET_SHAPE: EventShape = { time: 'iso-micro' };

// AEM I/O Events add-on (AEM 6.x, adobe_io) — shape of Adobe's AEM FAQ and journaling examples: bare XDM
// activities, `-08` hour-only offsets, the actor as xdmAemUser:id or @id, page fields prefixed
// xdmComponentizedPage:, custom OSGi events under osgiEvent:properties.
const AEM_ADDON_ROOT = 'https://author.aem-emulator.example.com:4502/';
const aemAddon = (activity: string, objectType: string, object: Record<string, unknown>, actor: Record<string, unknown> | undefined): Record<string, unknown> => ({
	'@id': 'urn:oeid:aem:2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
	'@type': activity,
	'xdmEventEnvelope:objectType': objectType,
	'activitystreams:published': '2026-01-15T01:41:07-08',
	'activitystreams:to': { '@type': 'xdmImsOrg', 'xdmImsOrg:id': 'IMSORG@AdobeOrg' },
	'activitystreams:generator': { '@type': 'xdmContentRepository', 'xdmContentRepository:root': AEM_ADDON_ROOT },
	...(actor ? { 'activitystreams:actor': actor } : {}),
	'activitystreams:object': object,
});

// ------------------------------------------------------------------------------------------------
// Marketo Engage — lead activities are CloudEvents (eventid ≠ the CloudEvent id, eventid/recipientclientid
// only, a name/dataType/value attribute list, seconds-precision time); user audit and notifications come
// in Marketo's `{eventid, event: {body: <CloudEvent without id>}, recipientclientid}` wrapper with a zoneless
// `YYYY-MM-DD hh:mm:ss.SSS` time (audit) and eventAction a string (audit) or an object (notifications);
// observability events carry numeric-string keys.

const MUNCHKIN = '987-XYZ-321';
const marketoActivity = (typeId: number, type: string, attrs: Array<Record<string, unknown>>): Record<string, unknown> => ({
	munchkinId: MUNCHKIN,
	leadId: '5821',
	activityDate: '2026-01-15T09:41:06Z',
	activityTypeId: typeId,
	activityType: type,
	activityLogItemId: 7712093345,
	primaryAttributeValueId: 3107,
	primaryAttributeValue: 'Spring Launch Webinar',
	attributes: attrs,
});
const MARKETO_ACTIVITY: { attributes: Record<string, unknown>; shape: EventShape } = {
	attributes: { source: 'urn:marketo_activity_stream' },
	shape: { ids: 'current', time: 'iso-seconds' },
};
const marketoAudit = (componentType: string, componentId: number, action: string): Record<string, unknown> => ({
	componentId,
	componentType,
	eventAction: action,
	munchkinId: MUNCHKIN,
	imsOrgId: 'IMSORG@AdobeOrg',
	userId: 'marketer@example.com',
});
const MARKETO_AUDIT_ATTRS = { source: 'urn:mlm', dataschema: 'V2.0' };
const marketoNotification = (componentType: string, subType: string, eventAction: Record<string, unknown>): Record<string, unknown> => ({
	munchkinId: MUNCHKIN,
	imsOrgId: 'IMSORG@AdobeOrg',
	componentType,
	subType,
	eventAction,
});
const MARKETO_NOTIFICATION_ATTRS = { source: 'urn:mlm', dataschema: 'V1.0' };

// ------------------------------------------------------------------------------------------------
// Adobe Commerce — shape of Adobe's Commerce sample app captures: `data` before the CloudEvents attributes,
// data = {key, value: {…entity…}, source: "<instance>", _metadata}, numbers as strings, Commerce's
// `YYYY-MM-DD hh:mm:ss` dates inside value; some captures carry only the deprecated event_id /
// recipient_client_id. The product-save type is delivered in the partial `{event: {data}}` envelope of
// Adobe's Commerce docs sample (unfiltered, wide, with a numeric-string-keyed map).

const COMMERCE_INSTANCE = 'emulator_shop.production';
/** Commerce's `data.key`: the id of the observed change (not a secret) */
const COMMERCE_CHANGE_ID = '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d';
const commerceMetadata = { commerceEdition: 'Adobe Commerce', commerceVersion: '2.4.7-p3', eventsClientVersion: '1.9.0', storeId: '1', websiteId: '1', storeGroupId: '1' };
const commerce = (value: Record<string, unknown>): Record<string, unknown> => ({
	key: COMMERCE_CHANGE_ID,
	value,
	source: COMMERCE_INSTANCE,
	_metadata: commerceMetadata,
});
const COMMERCE_ATTRS = { source: 'urn:uuid:b7c6d5e4-f3a2-4b1c-8d0e-9f8a7b6c5d4e' };

// ------------------------------------------------------------------------------------------------
// Cloud Manager (adobe_io) — shape of Adobe's Cloud Manager docs and SDK fixtures: {event_id, event: <XDM
// activity>} with a `+0000` offset (no colon) and the execution's API URL as the object @id. Real events
// carry no status: the `status` under activitystreams:object is OURS (so workflows can branch on a failure
// without a Cloud Manager API call in the emulator); a real workflow reads it from the execution URL.

const cmExecution = 'https://cloudmanager.adobe.io/api/program/41822/pipeline/7730915/execution/1046';
const cloudManager = (activity: string, objectType: string, objectId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
	'@id': 'urn:oeid:cloudmanager:8e7d6c5b-4a39-4281-9706-f5e4d3c2b1a0',
	'@type': `https://ns.adobe.com/experience/cloudmanager/event/${activity}`,
	'xdmEventEnvelope:objectType': `https://ns.adobe.com/experience/cloudmanager/${objectType}`,
	'activitystreams:published': '2026-01-15T09:41:07.123+0000',
	'activitystreams:to': { 'xdmImsOrg:id': 'IMSORG@AdobeOrg', '@type': 'xdmImsOrg' },
	'activitystreams:actor': { 'xdmImsUser:id': 'D1E2F3A4B5C6D7E8F9A0B1C2@AdobeID', '@type': 'xdmImsUser' },
	'activitystreams:object': { '@id': objectId, '@type': 'https://ns.adobe.com/experience/cloudmanager/pipeline-execution', ...extra },
});

// ------------------------------------------------------------------------------------------------
// Photoshop / Lightroom APIs (adobe_io) — Adobe pipeline messages {header, body}: the event code in
// header.eventCode and header._adobeio.eventCode, the job under body. InDesign APIs — CloudEvents whose type
// is a bare job state, data first, data.value.data nested.

const pipelineHeader = (eventCode: string, msgId: string): Record<string, unknown> => ({
	msgType: 'JOB_COMPLETION_STATUS',
	msgId,
	imsOrgId: 'IMSORG@AdobeOrg',
	eventCode,
	_pipelineMeta: { pipelineMessageId: '1768470067123:402113:VA6_C2:17:0' },
	_smarts: { definitionId: '9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c', runningSmartId: 'psmart-emulator0000000000' },
	_adobeio: { imsOrgId: 'IMSORG@AdobeOrg', providerMetadata: 'di_event_code', eventCode },
});
const INDESIGN_JOB = '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4';
const indesign = (state: string, eventId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
	key: eventId,
	source: 'indesign',
	value: { jobId: INDESIGN_JOB, eventId, state, timestamp: 1768470067123, ...extra },
});
const INDESIGN: { attributes: Record<string, unknown>; shape: EventShape } = {
	attributes: { source: 'urn:uuid:0e1d2c3b-4a59-4687-9786-a5b4c3d2e1f0' },
	shape: { ids: 'current', dataFirst: true },
};

const platformHeader = (msgType: string, eventCode: string, body: Record<string, unknown>): Record<string, unknown> => ({
	header: {
		msgType,
		msgId: '3d1c8fbd-0a3f-4b5c-9d6e-7f8091a2b3c4',
		msgVersion: '1.0',
		xactionId: '6f1d2e3c-4b5a-4968-8776-a5b4c3d2e1f0',
		createdAt: 1751288028749,
		originalTimestamp: 1751288028749,
		imsOrgId: 'IMSORG@AdobeOrg',
		xdmSchema: { name: '_xdm.context.profile', version: '1.0' },
		_adobeio: { eventCode, imsOrgId: 'IMSORG@AdobeOrg', providerMetadata: 'platform_notifications' },
	},
	body,
});

export const PROVIDERS: SeedProvider[] = [
	{
		id: '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001',
		name: 'cc_asset_events',
		label: 'Creative Cloud Asset Events',
		description: 'Files and folders created, updated, copied, moved or deleted in Creative Cloud storage',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/asset-events/',
		provider_metadata: 'cc_asset_events',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'com.adobe.platform.events.file_created', label: 'File created', description: 'A file was created in Creative Cloud storage', sample: asset('created', '/cloud-content/Campaigns/summer-banner.png', 'image/png', 48213), attributes: ASSET_ATTRS, shape: ASSET_SHAPE },
			{ event_code: 'com.adobe.platform.events.file_updated', label: 'File updated', description: 'A file was updated in Creative Cloud storage', sample: asset('updated', '/cloud-content/Campaigns/summer-banner.png', 'image/png', 51877), attributes: ASSET_ATTRS, shape: ASSET_SHAPE },
			{ event_code: 'com.adobe.platform.events.file_deleted', label: 'File deleted', description: 'A file was deleted from Creative Cloud storage', sample: asset('deleted', '/cloud-content/Campaigns/summer-banner.png', 'image/png', 51877), attributes: ASSET_ATTRS, shape: ASSET_SHAPE },
			{ event_code: 'com.adobe.platform.events.file_moved', label: 'File moved', description: 'A file was moved in Creative Cloud storage', sample: asset('moved', '/cloud-content/Archive/summer-banner.png', 'image/png', 51877), attributes: ASSET_ATTRS, shape: ASSET_SHAPE },
			{ event_code: 'com.adobe.platform.events.file_copied', label: 'File copied', description: 'A file was copied in Creative Cloud storage', sample: asset('copied', '/cloud-content/Campaigns/copy of summer-banner.png', 'image/png', 51877), attributes: ASSET_ATTRS, shape: ASSET_SHAPE },
			{ event_code: 'com.adobe.platform.events.directory_created', label: 'Folder created', description: 'A folder was created in Creative Cloud storage', sample: asset('created', '/cloud-content/Campaigns', 'application/vnd.adobecloud.directory+json', 0), attributes: ASSET_ATTRS, shape: ASSET_SHAPE },
		],
	},
	{
		id: '0c1d2e3f-4a5b-4c6d-8e7f-cclogs000001',
		name: 'cc_content_logs_IMSORG@AdobeOrg',
		label: 'Creative Cloud Content Logs',
		description: 'Who read, created or changed Creative Cloud content of the organization',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/contentlogs/contentlogs-setup/',
		provider_metadata: 'cc_content_logs',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'com.adobe.acp.contentlogs.read', label: 'Content read', description: 'A user opened or downloaded an item', sample: contentLog('Read'), attributes: { source: 'urn:aio_provider_metadata:content_logs' }, shape: { ids: 'current', time: 'iso-nano' } },
		],
	},
	{
		id: 'ccstorage',
		name: 'ccstorage',
		label: 'Creative Cloud Assets (legacy)',
		description: 'Legacy Creative Cloud Assets events (asset created, updated, deleted)',
		docs_url: 'https://developer.adobe.com/events/docs/guides/',
		provider_metadata: 'ccstorage',
		event_delivery_format: 'adobe_io',
		events: [
			{ event_code: 'asset_created', label: 'Asset created', description: 'An asset was uploaded to Creative Cloud', sample: ccLegacy('xdmCreated', 'xdmAsset', 'launch-poster.psd'), shape: { time: 'offset-hh-ms' } },
			{ event_code: 'asset_updated', label: 'Asset updated', description: 'An asset was updated in Creative Cloud', sample: ccLegacy('xdmUpdated', 'xdmAsset', 'launch-poster.psd'), shape: { time: 'offset-hh-ms' } },
			{ event_code: 'asset_deleted', label: 'Asset deleted', description: 'An asset was deleted from Creative Cloud', sample: ccLegacy('xdmDeleted', 'xdmAsset', 'launch-poster.psd', false), shape: { time: 'offset-hh-ms' } },
			{ event_code: 'directory_created', label: 'Folder created', description: 'A folder was created in Creative Cloud', sample: ccLegacy('xdmCreated', 'xdmDirectory', 'Launch'), shape: { time: 'offset-hh-ms' } },
		],
	},
	{
		id: '6c2f1b9d-9f3e-4f0a-a7d1-aem000000001',
		name: 'aemsites_IMSORG@AdobeOrg_acct-aem-p63947-e1249010@adobe.com',
		label: 'AEM Sites and Assets (author-p63947-e1249010)',
		description: 'AEM as a Cloud Service events for program 63947, environment 1249010',
		docs_url: 'https://developer.adobe.com/experience-cloud/experience-manager-apis/guides/events/',
		provider_metadata: 'aem',
		instance_id: 'author-p63947-e1249010',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'aem.sites.page.published', label: 'Page published', description: 'A page was published', sample: aem({ path: '/content/wknd/us/en/adventures', id: 'a1b2c3d4-0000-4000-8000-000000000001' }) },
			{ event_code: 'aem.sites.page.unpublished', label: 'Page unpublished', description: 'A page was unpublished', sample: aem({ path: '/content/wknd/us/en/adventures', id: 'a1b2c3d4-0000-4000-8000-000000000001' }) },
			{ event_code: 'aem.sites.contentFragment.created', label: 'Content fragment created', description: 'A content fragment was created', sample: aem({ model: { id: 'L2NvbmYvd2tuZC9tb2RlbHM', path: '/conf/wknd/settings/dam/cfm/models/adventure' }, id: '1c1c0b9e-6f9a-4a4e-9d42-4a5c3b6e7f80', tags: ['wknd:activity/surfing'], properties: [] }) },
			{ event_code: 'aem.sites.contentFragment.modified', label: 'Content fragment modified', description: 'A content fragment was modified', sample: aem({ model: { id: 'L2NvbmYvd2tuZC9tb2RlbHM', path: '/conf/wknd/settings/dam/cfm/models/adventure' }, id: '1c1c0b9e-6f9a-4a4e-9d42-4a5c3b6e7f80', tags: ['wknd:activity/surfing'], properties: [{ name: 'title', changeType: 'modified' }, { name: 'price', changeType: 'added' }] }), attributes: { dataschema: 'https://ns.adobe.com/xdm/aem/sites/events/content-fragment-modified.json' } },
			{ event_code: 'aem.assets.asset.created', label: 'Asset created', description: 'An asset was uploaded to AEM Assets', sample: aemAsset('processing'), attributes: AEM_ASSET_ATTRS, shape: AEM_ASSET_SHAPE },
			{ event_code: 'aem.assets.asset.processing_completed', label: 'Asset processing completed', description: 'Renditions and metadata of an asset are ready', sample: aemAsset('processed'), attributes: AEM_ASSET_ATTRS, shape: AEM_ASSET_SHAPE },
			{ event_code: 'aem.assets.asset.metadata_updated', label: 'Asset metadata updated', description: 'Metadata of an asset changed', sample: aemAsset('processed', { assetMetadata: { 'event:updated': { 'dc:title': 'Surf camp' }, 'dc:title': 'Surf camp hero' } }), attributes: AEM_ASSET_ATTRS, shape: AEM_ASSET_SHAPE },
			{ event_code: 'aem.assets.asset.published', label: 'Asset published', description: 'An asset was published to the publish tier', sample: { assetId: 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6', user: { imsUserId: '0F1E2D3C4B5A69788796A5B4@5a6b7c8d9e0f1a2b3c4d5e.e', principalId: 'EDITOR@EXAMPLE.COM', displayName: 'Casey Editor' }, tier: 'publish', repositoryMetadata: { 'aem:assetState': 'processed', 'repo:name': 'surf-camp-hero.jpg', 'repo:path': '/content/dam/wknd/en/adventures/surf-camp/surf-camp-hero.jpg', 'repo:size': 1843220 }, assetMetadata: { campaign: 'spring-2026', approved: true, rating: 4 } }, attributes: { source: AEM_REPO } },
		],
	},
	{
		id: '2e3f4a5b-6c7d-4e8f-9a0b-aemaddon0001',
		name: 'aem_IMSORG@AdobeOrg_author-aem-emulator',
		label: 'AEM (I/O Events add-on, author-aem-emulator)',
		description: 'AEM 6.x events through the I/O Events add-on (legacy XDM format)',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/aem/aem-faq/',
		provider_metadata: 'aem_addon',
		instance_id: 'author-aem-emulator',
		event_delivery_format: 'adobe_io',
		events: [
			{ event_code: 'asset_created', label: 'Asset created', description: 'An asset was created in the DAM', sample: aemAddon('xdmCreated', 'xdmAsset', { '@type': 'xdmAsset', 'xdmAsset:asset_id': 'urn:aaid:aem:6e5d4c3b-2a19-4807-b6a5-948372615049', 'xdmAsset:asset_name': 'store-front.png', 'xdmAsset:etag': 'f0e1d2c3b4a5968778695a4b3c2d1e0f', 'xdmAsset:path': '/content/dam/emulator/store-front.png', 'xdmAsset:format': 'image/png' }, { '@id': 'content-author', '@type': 'xdmAemUser' }), shape: { time: 'offset-hh' } },
			{ event_code: 'asset_deleted', label: 'Asset deleted', description: 'An asset was deleted from the DAM', sample: aemAddon('xdmDeleted', 'xdmAsset', { '@type': 'xdmAsset', 'xdmAsset:asset_id': 'urn:aaid:aem:6e5d4c3b-2a19-4807-b6a5-948372615049' }, { 'xdmAemUser:id': 'content-author', '@type': 'xdmAemUser' }), shape: { time: 'offset-colon' } },
			{ event_code: 'page_published', label: 'Page published', description: 'A page was published', sample: aemAddon('xdmPublished', 'xdmComponentizedPage', { '@id': 'https://www.aem-emulator.example.com/content/emulator/en/spring-sale.html', '@type': 'xdmComponentizedPage', 'xdmComponentizedPage:title': 'Spring sale', 'xdmComponentizedPage:path': '/content/emulator/en/spring-sale.html' }, { 'xdmAemUser:id': 'content-author', '@type': 'xdmAemUser' }), shape: { time: 'offset-colon' } },
			{ event_code: 'com.adobe.aio.aem.osgi.custom', label: 'Custom OSGi event', description: 'An OSGi event forwarded by the add-on', sample: aemAddon('xdmEmitted', 'osgiEvent:com/example/inventory/low', { '@type': 'osgiEvent:com/example/inventory/low', 'osgiEvent:topic': 'com/example/inventory/low', 'osgiEvent:properties': { sku: 'TEE-BLUE-M', remaining: '3' } }, undefined), shape: { time: 'offset-hh' } },
		],
	},
	{
		id: '8d4c2e1a-1b2c-4d3e-8f4a-marketo00001',
		name: 'marketo_IMSORG@AdobeOrg_123-ABC-456',
		label: 'Marketo Engage (987-XYZ-321)',
		description: 'Lead activity, user audit, notification and observability data streams of a Marketo subscription',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/marketo/',
		provider_metadata: 'marketo',
		instance_id: '123-ABC-456',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'com.adobe.platform.marketo.activity.standard.changesegment', label: 'Change segment', description: 'A lead changed segment', sample: marketoActivity(108, 'Change Segment', [{ name: 'New Segment ID', dataType: 'object', value: 2204 }, { name: 'Segmentation ID', dataType: 'object', value: 1187 }]), ...MARKETO_ACTIVITY },
			{ event_code: 'com.adobe.platform.marketo.activity.standard.newlead', label: 'New lead', description: 'A lead was created', sample: marketoActivity(12, 'New Lead', [{ name: 'Source Type', dataType: 'string', value: 'Web form fillout' }]), ...MARKETO_ACTIVITY },
			{ event_code: 'com.adobe.platform.marketo.activity.standard.fillout_form', label: 'Fill out form', description: 'A lead filled out a form', sample: marketoActivity(2, 'Fill Out Form', [{ name: 'Webpage ID', dataType: 'integer', value: 42 }]), ...MARKETO_ACTIVITY },
			{ event_code: 'com.adobe.platform.marketo.activity.standard.openemail', label: 'Open email', description: 'A lead opened an email', sample: marketoActivity(10, 'Open Email', [{ name: 'Device', dataType: 'string', value: 'Laptop' }, { name: 'Is Mobile Device', dataType: 'boolean', value: false }]), ...MARKETO_ACTIVITY },
			{ event_code: 'com.adobe.platform.marketo.audit.user.email', label: 'User audit: email', description: 'A Marketo user changed an email asset', sample: marketoAudit('Email', 40917, 'approve'), attributes: MARKETO_AUDIT_ATTRS, shape: { envelope: 'marketo-wrapper', noCloudEventId: true, time: 'zoneless-ms' } },
			{ event_code: 'com.adobe.platform.marketo.audit.user.login', label: 'User audit: login', description: 'A Marketo user logged in (recipient inside event, as in one of Adobe’s examples)', sample: marketoAudit('User', 3381, 'login'), attributes: MARKETO_AUDIT_ATTRS, shape: { envelope: 'marketo-wrapper-inner', noCloudEventId: true, time: 'zoneless-ms' } },
			{ event_code: 'com.adobe.platform.marketo.notification.campaign_failure', label: 'Campaign failure', description: 'A smart campaign failed', sample: marketoNotification('campaign_abort', 'user_campaign_abort', { campaignId: 5531, userId: 'marketer@example.com' }), attributes: MARKETO_NOTIFICATION_ATTRS, shape: { envelope: 'marketo-wrapper', noCloudEventId: true, time: 'iso-seconds' } },
			{ event_code: 'com.adobe.platform.marketo.notification.web_services', label: 'Web services quota', description: 'The daily API quota reached a threshold', sample: marketoNotification('web_services', 'dailyQuota', { dailyQuota: 50000, percent: 80, serviceNames: ['leads', 'activities'] }), attributes: MARKETO_NOTIFICATION_ATTRS, shape: { envelope: 'marketo-wrapper', noCloudEventId: true, time: 'iso-seconds' } },
			{ event_code: 'com.adobe.platform.marketo.observability.metrics', label: 'Observability metrics', description: 'Ingestion counts of the last window', sample: { munchkinId: MUNCHKIN, windowStart: '2026-01-15T09:00:00Z', requests: { received: 12, processed: 11, rejected: { '606': 1 } }, records: { person: { high: { received: 400, created: 380, updated: 15, failed: { '503': 5 } } } } }, attributes: { source: 'urn:data_ingestion_service' }, shape: { ids: 'current', time: 'iso-seconds' } },
		],
	},
	{
		id: '5d6e7f80-91a2-4b3c-8d4e-commerce0001',
		name: 'dx_commerce_events_IMSORG@AdobeOrg_emulator_shop',
		label: 'Commerce (emulator_shop.production)',
		description: 'Adobe Commerce order, customer and catalog events of emulator_shop',
		docs_url: 'https://developer.adobe.com/commerce/extensibility/events/',
		provider_metadata: 'dx_commerce_events',
		instance_id: 'emulator_shop.production',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{
				event_code: 'com.adobe.commerce.observer.sales_order_place_after',
				label: 'Order placed',
				description: 'An order was placed',
				sample: commerce({ entity_id: '187', increment_id: '000000187', state: 'new', status: 'pending', customer_email: 'buyer@example.com', customer_firstname: 'Alex', customer_lastname: 'Rivera', grand_total: '129.9000', subtotal: '119.9000', shipping_amount: '10.0000', order_currency_code: 'EUR', total_item_count: '2', total_qty_ordered: '3.0000', created_at: '2026-01-15 09:41:05', items: [{ sku: 'TEE-BLUE-M', name: 'Blue tee (M)', qty_ordered: '2.0000', price: '39.9500' }, { sku: 'CAP-GREY', name: 'Grey cap', qty_ordered: '1.0000', price: '40.0000' }] }),
				attributes: COMMERCE_ATTRS,
				shape: { ids: 'deprecated', dataFirst: true },
			},
			{ event_code: 'com.adobe.commerce.observer.customer_login', label: 'Customer login', description: 'A customer logged in (no fields subscribed: value is {})', sample: commerce({}), attributes: COMMERCE_ATTRS, shape: { ids: 'deprecated', dataFirst: true } },
			{ event_code: 'com.adobe.commerce.observer.catalog_product_save_commit_after', label: 'Product saved', description: 'A product was saved', sample: commerce({ sku: 'TEE-BLUE-M', name: 'Blue tee (M)', created_at: '2025-11-02 08:12:44', updated_at: '2026-01-15 09:41:02', stock_data: { qty: '118' }, price: '39.950000' }), attributes: COMMERCE_ATTRS },
			{
				event_code: 'com.adobe.commerce.observer.catalog_product_save_after',
				label: 'Product saved (unfiltered)',
				description: 'A product was saved; every field, in the partial {event: {data}} envelope of Adobe’s sample',
				sample: commerce({ _edit_mode: true, store_id: '0', entity_id: '42', attribute_set_id: '4', type_id: 'simple', sku: 'CAP-GREY', has_options: false, created_at: '2025-10-01 12:00:00', updated_at: '2026-01-15 09:41:03', name: 'Grey cap', status: '1', visibility: '4', price: '40.000000', options: [], media_gallery: { images: [], values: [] }, quantity_and_stock_status: { is_in_stock: '1', qty: '57' }, category_ids: ['7'], website_ids: { '1': '1' }, is_salable: 1, parent_id: 0 }),
				attributes: COMMERCE_ATTRS,
				shape: { envelope: 'commerce-partial' },
			},
		],
	},
	{
		id: '9f8e7d6c-5b4a-4392-8170-cloudmanager1',
		name: 'cloudmanager_IMSORG@AdobeOrg',
		label: 'Cloud Manager',
		description: 'Cloud Manager pipeline execution events of the organization',
		docs_url: 'https://developer.adobe.com/experience-cloud/cloud-manager/guides/getting-started/understanding-the-api/',
		provider_metadata: 'cloudmanager_events',
		event_delivery_format: 'adobe_io',
		events: [
			{ event_code: 'pipeline_execution_start', label: 'Pipeline execution started', description: 'A pipeline execution started', sample: cloudManager('started', 'pipeline-execution', cmExecution), shape: { time: 'iso' } },
			{ event_code: 'pipeline_execution_end', label: 'Pipeline execution ended', description: 'A pipeline execution ended (this sample: failed)', sample: cloudManager('ended', 'pipeline-execution', cmExecution, { status: 'FAILED' }), shape: { time: 'offset-hhmm' } },
			{ event_code: 'pipeline_execution_step_end', label: 'Pipeline step ended', description: 'A step of a pipeline execution ended (this sample: failed)', sample: cloudManager('ended', 'execution-step-state', `${cmExecution}/phase/2/step/5`, { status: 'FAILED' }), shape: { time: 'offset-hhmm' } },
			{ event_code: 'pipeline_execution_step_waiting', label: 'Pipeline step waiting', description: 'A step of a pipeline execution waits for approval', sample: cloudManager('waiting', 'execution-step-state', `${cmExecution}/phase/3/step/1`), shape: { time: 'offset-hhmm' } },
		],
	},
	{
		id: '1a2b3c4d-5e6f-4a7b-8c9d-creativeapis1',
		name: 'creative_apis_IMSORG@AdobeOrg',
		label: 'Photoshop and Lightroom APIs',
		description: 'Job status events of the Photoshop and Lightroom APIs',
		docs_url: 'https://developer.adobe.com/firefly-services/docs/photoshop/',
		provider_metadata: 'creative_apis',
		event_delivery_format: 'adobe_io',
		events: [
			{ event_code: 'photoshop-job-status', label: 'Photoshop job status', description: 'A Photoshop API job finished', sample: { header: pipelineHeader('photoshop-job-status', '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b'), body: { jobId: '7d6c5b4a-3928-4171-8a6b-5c4d3e2f1a09', outputs: [{ status: 'succeeded', layers: [{ id: 3, index: 0, type: 'layer', name: 'Headline', locked: false, visible: true, bounds: { top: 40, left: 60, width: 880, height: 120 }, blendOptions: { opacity: 100, mode: 'normal' } }], document: { name: 'spring-poster.psd', width: 1200, height: 1800, bitDepth: 8, imageMode: 'rgb', photoshopBuild: 'Adobe Creative Imaging Service' } }], _links: { self: { href: 'https://image.adobe.io/pie/psdService/status/7d6c5b4a-3928-4171-8a6b-5c4d3e2f1a09' } } } } },
			{ event_code: 'lightroom-job-status', label: 'Lightroom job status', description: 'A Lightroom API job finished', sample: { header: pipelineHeader('lightroom-job-status', '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b'), body: { jobId: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b', outputs: [{ input: 'https://storage.example.com/in/beach.dng', status: 'succeeded', _links: { self: [{ href: 'https://storage.example.com/out/beach-auto-tone.jpg', storage: 'external' }] } }], _links: { self: { href: 'https://image.adobe.io/lrService/status/2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b' } } } } },
		],
	},
	{
		id: '4b5c6d7e-8f90-4a1b-9c2d-indesignapi1',
		name: 'indesign_apis_IMSORG@AdobeOrg',
		label: 'InDesign APIs',
		description: 'Job state events of the InDesign APIs',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/indesign-apis/indesign-apis-events-data-stream-setup/',
		provider_metadata: 'creative_apis',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'QUEUED', label: 'Job queued', description: 'An InDesign job was queued', sample: indesign('QUEUED', '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716'), ...INDESIGN },
			{ event_code: 'ASSET_DOWNLOAD_FAILED', label: 'Asset download failed', description: 'An input asset of an InDesign job could not be downloaded', sample: indesign('ASSET_DOWNLOAD_FAILED', '6f5e4d3c-2b1a-4098-8e7d-6c5b4a392817', { data: { destination: 'catalog.indd', source: { url: 'https://storage.example.com/in/catalog.indd', type: 'AWS' } } }), ...INDESIGN },
		],
	},
	{
		id: '6d7e8f90-a1b2-4c3d-8e4f-customacme01',
		name: 'acme_notes_IMSORG@AdobeOrg',
		label: 'Acme notes (partner events)',
		description: 'A partner’s provider, shaped like custom events published through the ingress API',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/custom_events/',
		provider_metadata: 'partner_events',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'com.acme.note.added', label: 'Note added', description: 'A note was added (data is a plain string; no time)', sample: 'Call the customer back about order 000000187', shape: { ids: 'deprecated', time: 'none', dataFirst: true } },
			{ event_code: 'com.acme.build.finished', label: 'Build finished', description: 'A build finished (data is {}; time as Java Date.toString())', sample: {}, attributes: { subject: 'builds/2026.01.15-3' }, shape: { time: 'java-date' } },
		],
	},
	{
		id: '1f6e5d4c-3b2a-4190-8e7d-aep000000001',
		name: 'platform_notifications',
		label: 'Experience Platform',
		description: 'Adobe Experience Platform notifications: ingestion, profiles, segments, sources',
		docs_url: 'https://experienceleague.adobe.com/en/docs/experience-platform/',
		provider_metadata: 'platform_notifications',
		event_delivery_format: 'adobe_io',
		events: [
			{ event_code: 'experience-platform.dataset-ingestion', label: 'Dataset Ingestion Event', description: 'A dataset batch ingestion completed or failed (channel experience-platform/dataset-ingestion)', sample: platformHeader('ingestion', 'experience-platform.dataset-ingestion', { datasetId: '5f3c1b2a9e8d7c6b5a4f3e2d', batchId: '01H8Z3K4M5N6P7Q8R9S0T1U2V3', status: 'success', recordCount: 1250, failedRecordCount: 0, sandboxName: 'prod' }) },
			{ event_code: 'experience-platform.profile-update', label: 'Profile Update Event', description: 'A unified profile was created or updated (channel experience-platform/profile-update)', sample: platformHeader('xdmEntityProjectionEvent', 'experience-platform.profile-update', { xdmEntity: { identityMap: { email: [{ id: 'jane@example.com' }] }, person: { name: { firstName: 'Jane', lastName: 'Doe' } } }, sandboxName: 'prod' }) },
			{ event_code: 'experience-platform.segment-evaluation', label: 'Segment Evaluation Event', description: 'An audience segment evaluation job completed (channel experience-platform/segment-evaluation)', sample: platformHeader('segmentJob', 'experience-platform.segment-evaluation', { segmentJobId: 'b1c2d3e4-5f60-4718-9a2b-3c4d5e6f7a8b', status: 'SUCCEEDED', segments: [{ id: 'seg-42', profiles: 18342 }], sandboxName: 'prod' }) },
			{ event_code: 'sources_flow_run_success', label: 'Sources flow run success', description: 'A sources dataflow run succeeded', sample: { createdAt: 1597213529158, updatedAt: 1597213529158, sandboxId: 'd4f1e2a3-1111-4222-8333-444455556666', sandboxName: 'prod', flowId: '91a7c5b2-0000-4000-8000-000000000001', metrics: { durationSummary: { startedAtUTC: 1597212928000, completedAtUTC: 1597213529000 }, recordSummary: { inputRecordCount: 500, outputRecordCount: 500, failedRecordCount: 0 } } } },
			{ event_code: 'sources_flow_run_failure', label: 'Sources flow run failure', description: 'A sources dataflow run failed', sample: { createdAt: 1597213529158, updatedAt: 1597213529158, sandboxId: 'd4f1e2a3-1111-4222-8333-444455556666', sandboxName: 'prod', flowId: '91a7c5b2-0000-4000-8000-000000000001', errors: [{ code: 'CONNECTOR-2001', message: 'The source connection was refused' }] } },
		],
	},
	{
		id: '2b7a9c8d-4e5f-4a6b-9c7d-analytics001',
		name: 'analytics_triggers_IMSORG@AdobeOrg',
		label: 'Analytics',
		description: 'Adobe Analytics triggers and report suite configuration changes',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/analytics-triggers-event-setup/',
		provider_metadata: 'analytics_triggers',
		event_delivery_format: 'adobe_io',
		events: [
			{ event_code: 'analytics.report-suite-change', label: 'Report Suite Change Event', description: 'An Analytics report suite configuration changed (channel analytics/report-suite-change)', sample: { reportSuiteId: 'wkndprod', change: 'evars.updated', changedBy: 'admin@example.com', changedAt: '2025-06-30T08:00:00Z', details: { evar: 'eVar12', name: 'Campaign tracking code' } } },
			{
				event_code: 'analytics.trigger',
				label: 'Analytics trigger',
				description: 'A visitor behaviour trigger fired (an Analytics pipeline message)',
				sample: {
					envelopeType: 'DATA',
					partition: 4,
					offset: 90211734,
					createTime: 1768470067130,
					topic: 'triggers',
					'com.adobe.mcloud.pipeline.pipelineMessage': {
						header: { messageType: 'TRIGGER', source: 'triggers', sentTime: 1768470067123, imsOrg: 'IMSORG@AdobeOrg', properties: [{ name: 'trace', value: 'false' }, { name: 'triggerFiredTimestamp', value: '1768470067100' }], messageId: '4c3b2a19-0817-4f6e-9d5c-4b3a29180706' },
						'com.adobe.mcloud.protocol.trigger': {
							triggerId: '0b62f9b3-8b4e-4c2b-9b9e-1f2e3d4c5b6a',
							triggerTimestamp: 1768470067000,
							mcId: '12345678901234567890123456789012345678',
							enrichments: { analyticsHitSummary: { dimensions: { pageURL: { type: 'string', data: ['https://shop.example.com/', '', 'https://shop.example.com/cart'], name: 'pageURL', source: 'session summary' } }, products: {} } },
							triggerPath: [{ timestamp: 1768470060000, stateId: 'start', transition: 'null' }, { timestamp: 1768470067000, stateId: 'notify', transition: 'inactive_timeout -> 5' }],
						},
					},
				},
				shape: { time: 'epoch-ms' },
			},
		],
	},
	{
		id: '5e4d3c2b-1a09-4876-8543-campaign0001',
		name: 'campaign_IMSORG@AdobeOrg_wknd-prod',
		label: 'Campaign (wknd-prod)',
		description: 'Adobe Campaign delivery and workflow events',
		docs_url: 'https://experienceleague.adobe.com/en/docs/campaign/',
		provider_metadata: 'campaign',
		instance_id: 'wknd-prod',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'campaign.delivery-status', label: 'Delivery Status Event', description: 'A Campaign delivery changed status: sent, bounced, opened (channel campaign/delivery-status)', sample: { deliveryId: 'DM1234', deliveryLabel: 'Summer newsletter', channel: 'email', status: 'sent', counts: { targeted: 12000, sent: 11890, bounced: 110, opened: 4200 }, updatedAt: '2025-06-30T09:15:00Z' } },
			{ event_code: 'campaign.workflow-execution', label: 'Workflow Execution Event', description: 'A Campaign workflow started, completed or failed (channel campaign/workflow-execution)', sample: { workflowId: 'WKF42', workflowLabel: 'Daily import', state: 'finished', startedAt: '2025-06-30T02:00:00Z', endedAt: '2025-06-30T02:04:12Z', errors: [] } },
		],
	},
	{
		id: '7a6b5c4d-3e2f-4a1b-8c9d-target000001',
		name: 'target_IMSORG@AdobeOrg',
		label: 'Target',
		description: 'Adobe Target activity state changes',
		docs_url: 'https://experienceleague.adobe.com/en/docs/target/',
		provider_metadata: 'target',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'target.activity-state-change', label: 'Activity State Change Event', description: 'A Target activity was activated, deactivated or archived (channel target/activity-state-change)', sample: { activityId: 284512, activityName: 'Homepage hero A/B', type: 'ab', previousState: 'saved', state: 'approved', changedBy: 'optimizer@example.com', changedAt: '2025-06-30T10:00:00Z' } },
		],
	},
	{
		id: '9c8b7a6d-5e4f-4321-9a8b-ajo000000001',
		name: 'journey_optimizer_IMSORG@AdobeOrg',
		label: 'Journey Optimizer',
		description: 'Adobe Journey Optimizer journey events',
		docs_url: 'https://experienceleague.adobe.com/en/docs/journey-optimizer/',
		provider_metadata: 'journey_optimizer',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'journey-optimizer.journey-step', label: 'Journey Step Event', description: 'A profile progressed through a journey step (channel journey-optimizer/journey-step)', sample: { journeyId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b', journeyVersionId: 'a9b8c7d6-e5f4-4321-8765-43210fedcba9', journeyName: 'Welcome journey', stepId: 'email-1', stepName: 'Send welcome email', stepStatus: 'processed', profileId: 'jane@example.com', timestamp: '2025-06-30T11:00:00Z' } },
			{ event_code: 'journey-optimizer.journey-step-error', label: 'Journey step error', description: 'A journey step failed for a profile', sample: { journeyId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b', stepId: 'email-1', stepStatus: 'error', error: { code: 'CJM-ERR-1002', message: 'Profile has no email' }, profileId: 'john@example.com', timestamp: '2025-06-30T11:01:00Z' } },
		],
	},
	{
		id: '4d5e6f7a-8b9c-4d0e-9f1a-adminconsole1',
		name: 'acs_IMSORG@AdobeOrg',
		label: 'Admin Console audit logs',
		description: 'Adobe Admin Console audit log events (OCSF)',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/admin-audit-logs/',
		provider_metadata: 'acs',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{
				event_code: 'com.adobe.adminconsole.auditlogs.v1',
				label: 'Audit log entry',
				description: 'An administrative action was recorded (OCSF; time as an epoch-millisecond string)',
				sample: {
					activity_id: 2,
					activity_name: 'Revoke Privileges',
					actor: { user: { email_addr: 'admin@example.com', uid: '5A6B7C8D9E0F1A2B3C4D5E6F@AdobeID', type: 'User', type_id: 1 } },
					category_name: 'Identity & Access Management',
					category_uid: 3,
					class_name: 'User Access Management',
					class_uid: 3005,
					cloud: { org: { name: 'Emulator Org', uid: 'IMSORG@AdobeOrg' }, provider: 'Adobe' },
					device: { ip: '192.0.2.17', type: 'Unknown', type_id: 0 },
					metadata: { event_code: 'ADMIN_ROLE_REVOKE_USER:PRODUCT_ADMIN', product: { name: 'Adobe Admin Console Audit Log', vendor_name: 'Adobe' }, profiles: ['cloud', 'datetime'], tenant_uid: 'IMSORG@AdobeOrg', version: '2026.01.01' },
					privileges: ['PRODUCT_ADMIN'],
					severity: 'Informational',
					severity_id: 1,
					type_name: 'User Access Management: Revoke Privileges',
					type_uid: 300502,
					user: { email_addr: 'jane@example.com', uid: '6B7C8D9E0F1A2B3C4D5E6F70@AdobeID' },
				},
				attributes: { source: 'https://adminconsole.adobe.com/IMSORG@AdobeOrg', subject: 'IMSORG@AdobeOrg' },
				shape: { ids: 'current', time: 'epoch-ms-string' },
			},
		],
	},
];
