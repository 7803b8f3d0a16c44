/**
 * The seeded catalogue: Adobe-published providers and event types with realistic sample events.
 * Ids are fixed so tests and users can rely on them. `IMSORG@AdobeOrg` in samples is replaced by the
 * emulator's IMS org id at seed time.
 *
 * Sources: docs samples (reference §10), the legacy CSM reference (ccstorage) and the 8 channels of the
 * AsyncAPI catalogue entry (experience-platform/*, analytics/*, campaign/*, target/*, journey-optimizer/*),
 * whose channel names are used as event codes ('/' → '.').
 */
export type DeliveryFormat = 'cloud_events_v1' | 'adobe_io';

export interface SeedEvent {
	event_code: string;
	label: string;
	description: string;
	sample: Record<string, unknown>;
	/** Extra CloudEvents attributes for this type (dataschema, subject, ...). */
	attributes?: Record<string, unknown>;
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
];

const asset = (action: string, path: string, format: string): Record<string, unknown> => ({
	xdmEntity: {
		'event:resources': {
			'http://ns.adobe.com/adobecloud/rel/metadata/repository': {
				'event:action': action,
				'event:embedded': {
					'repo:assetId': 'urn:aaid:sc:AP:2b461647-5849-53d0-8775-aa9ec0e104f4',
					'repo:path': path,
					'repo:name': path.split('/').pop(),
					'dc:format': format,
					'repo:size': 45312,
					'repo:modifyDate': '2025-06-30T12:53:48.749Z',
				},
			},
			'http://ns.adobe.com/adobecloud/rel/primary': { 'event:action': action, 'event:resourceGeneration': 2 },
		},
		'event:sequence': -1,
		'event:repository': { 'repo:owner': { id: '8246321A50EFA4270A490D45@AdobeID', type: 'user' } },
	},
});

const ASSET_ATTRS = {
	dataschema: 'http://ns.adobe.com/adobecloud/repository/event/asset',
	dataschemaversion: '0.9',
	recipient: { userid: '8246321A50EFA4270A490D45@AdobeID' },
};

const ccLegacy = (type: string): Record<string, unknown> => ({
	id: 'e1b3f7a2-5c4d-4e6f-8a9b-0c1d2e3f4a5b',
	category: 'asset',
	source: 'creative-cloud',
	type,
	asset: {
		type: 'file',
		url: 'https://cc-api-storage.adobe.io/id/urn:aaid:sc:us:4123ba4c-93a8-4c5d-b67f-3d44b2a7d3c1',
		filename: 'banner.psd',
		pathname: '/files/Campaigns/banner.psd',
		asset_id: 'urn:aaid:sc:us:4123ba4c-93a8-4c5d-b67f-3d44b2a7d3c1',
		user_id: '8246321A50EFA4270A490D45@AdobeID',
		mime_type: 'image/vnd.adobe.photoshop',
	},
	created_at: '2025-06-30T12:53:48Z',
});

const aem = (extra: Record<string, unknown>): Record<string, unknown> => ({
	user: { imsUserId: 'ABCDEF0123456789@AdobeID', principalId: 'editor@example.com', displayName: 'Site Editor' },
	path: '/content/dam/wknd/en/adventures/surf-camp',
	sourceUrl: 'https://author-p63947-e1249010.adobeaemcloud.com',
	...extra,
});

const marketoActivity = (typeId: number, type: string, attrs: Array<Record<string, unknown>>): Record<string, unknown> => ({
	munchkinId: '123-ABC-456',
	leadId: '1234',
	activityDate: '2025-06-25T13:03:40Z',
	activityTypeId: typeId,
	activityType: type,
	activityLogItemId: 1234567890,
	primaryAttributeValueId: 1234,
	primaryAttributeValue: 'Attribute Value',
	attributes: attrs,
});

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
			{ event_code: 'com.adobe.platform.events.file_created', label: 'File created', description: 'A file was created in Creative Cloud storage', sample: asset('created', '/cloud-content/download.jpeg', 'image/jpeg'), attributes: ASSET_ATTRS },
			{ event_code: 'com.adobe.platform.events.file_updated', label: 'File updated', description: 'A file was updated in Creative Cloud storage', sample: asset('updated', '/cloud-content/download.jpeg', 'image/jpeg'), attributes: ASSET_ATTRS },
			{ event_code: 'com.adobe.platform.events.file_deleted', label: 'File deleted', description: 'A file was deleted from Creative Cloud storage', sample: asset('deleted', '/cloud-content/download.jpeg', 'image/jpeg'), attributes: ASSET_ATTRS },
			{ event_code: 'com.adobe.platform.events.file_moved', label: 'File moved', description: 'A file was moved in Creative Cloud storage', sample: asset('moved', '/cloud-content/archive/download.jpeg', 'image/jpeg'), attributes: ASSET_ATTRS },
			{ event_code: 'com.adobe.platform.events.file_copied', label: 'File copied', description: 'A file was copied in Creative Cloud storage', sample: asset('copied', '/cloud-content/copy of download.jpeg', 'image/jpeg'), attributes: ASSET_ATTRS },
			{ event_code: 'com.adobe.platform.events.directory_created', label: 'Folder created', description: 'A folder was created in Creative Cloud storage', sample: asset('created', '/cloud-content/Campaigns', 'application/vnd.adobecloud.directory+json'), attributes: ASSET_ATTRS },
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
			{ event_code: 'asset_created', label: 'Asset created', description: 'An asset was uploaded to Creative Cloud', sample: ccLegacy('asset_created') },
			{ event_code: 'asset_updated', label: 'Asset updated', description: 'An asset was updated in Creative Cloud', sample: ccLegacy('asset_updated') },
			{ event_code: 'asset_deleted', label: 'Asset deleted', description: 'An asset was deleted from Creative Cloud', sample: ccLegacy('asset_deleted') },
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
			{ event_code: 'aem.assets.asset.created', label: 'Asset created', description: 'An asset was uploaded to AEM Assets', sample: aem({ path: '/content/dam/wknd/en/adventures/surf-camp/hero.jpg', assetId: 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6', format: 'image/jpeg' }) },
			{ event_code: 'aem.assets.asset.processing_completed', label: 'Asset processing completed', description: 'Renditions and metadata of an asset are ready', sample: aem({ path: '/content/dam/wknd/en/adventures/surf-camp/hero.jpg', assetId: 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6' }) },
		],
	},
	{
		id: '8d4c2e1a-1b2c-4d3e-8f4a-marketo00001',
		name: 'marketo_IMSORG@AdobeOrg_123-ABC-456',
		label: 'Marketo Engage (123-ABC-456)',
		description: 'Lead activity and user audit data streams of Marketo subscription 123-ABC-456',
		docs_url: 'https://developer.adobe.com/events/docs/guides/using/marketo/',
		provider_metadata: 'marketo',
		instance_id: '123-ABC-456',
		event_delivery_format: 'cloud_events_v1',
		events: [
			{ event_code: 'com.adobe.platform.marketo.activity.standard.changesegment', label: 'Change segment', description: 'A lead changed segment', sample: marketoActivity(108, 'Change Segment', [{ name: 'New Segment ID', dataType: 'object', value: 5678 }, { name: 'Segmentation ID', dataType: 'object', value: 1234 }]), attributes: { source: 'urn:marketo_activity_stream' } },
			{ event_code: 'com.adobe.platform.marketo.activity.standard.newlead', label: 'New lead', description: 'A lead was created', sample: marketoActivity(12, 'New Lead', [{ name: 'Source Type', dataType: 'string', value: 'Web form fillout' }]), attributes: { source: 'urn:marketo_activity_stream' } },
			{ event_code: 'com.adobe.platform.marketo.activity.standard.fillout_form', label: 'Fill out form', description: 'A lead filled out a form', sample: marketoActivity(2, 'Fill Out Form', [{ name: 'Webpage ID', dataType: 'integer', value: 42 }]), attributes: { source: 'urn:marketo_activity_stream' } },
			{ event_code: 'com.adobe.platform.marketo.audit.user.login', label: 'User login', description: 'A Marketo user logged in', sample: { munchkinId: '123-ABC-456', userId: 'marketer@example.com', action: 'login', ipAddress: '192.0.2.10', occurredAt: '2025-06-25T13:03:40Z' } },
			{ event_code: 'com.adobe.platform.marketo.notification.campaign_failure', label: 'Campaign failure', description: 'A smart campaign failed', sample: { munchkinId: '123-ABC-456', campaignId: 1001, campaignName: 'Welcome nurture', reason: 'Flow step failed', occurredAt: '2025-06-25T13:03:40Z' } },
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
			{ event_code: 'analytics.trigger', label: 'Analytics trigger', description: 'A visitor behaviour trigger fired', sample: { 'com.adobe.mcloud.pipeline.pipelineMessage': { header: { sentTime: 1751288028749, imsOrg: 'IMSORG@AdobeOrg' }, 'com.adobe.mcloud.protocol.trigger': { triggerId: '0b62f9b3-8b4e-4c2b-9b9e-1f2e3d4c5b6a', triggerTimestamp: 1751288028000, mcId: '12345678901234567890123456789012345678', enrichments: { analyticsHitSummary: { dimensions: { eVar3: { type: 'string', data: ['Surf camp'] } } } }, triggerPath: ['abandoned-cart'] } } } },
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
			{ event_code: 'com.adobe.adminconsole.auditlogs.v1', label: 'Audit log entry', description: 'An administrative action was recorded', sample: { activity_name: 'Update', class_name: 'Entity Management', actor: { user: { email_addr: 'admin@example.com' } }, entity: { type: 'user', name: 'jane@example.com' }, time: 1751288028749 }, attributes: { subject: 'IMSORG@AdobeOrg' } },
		],
	},
];
