/**
 * simplifyEvent: every catalogue event (expected items written out below: what a reviewer checks
 * against test/emulator/src/catalogue.ts), Adobe's real samples (../shared/real-events/, where it exists),
 * and a fast-check property: total, flat, at most 12 fields for any JSON value, with bounded work.
 */
import fc from 'fast-check';

import { readEnvelope } from '../../../../nodes/AdobeIoEvents/webhook/envelope';
import {
	FAMILIES,
	familyOf,
	MAX_FIELDS,
	simplifyEvent,
	type SimplifiedEvent,
} from '../../../../nodes/AdobeIoEvents/webhook/simplify';
import { catalogueSamples, SAMPLE_IMS_ORG } from '../../../emulator/src/samples';
import { describeRealEvents, loadRealEvents } from '../../../helpers/realEvents';

/** The catalogue's emission time (2026-01-15T09:41:07.123Z) and the same without milliseconds. */
const T = '2026-01-15T09:41:07.123Z';
const T_SECONDS = '2026-01-15T09:41:07.000Z';
const ORG = SAMPLE_IMS_ORG;
/** Adobe's event id catalogueSamples() gives each event type */
const id = (code: string) => `evt-${code}`;

/** One expected item per catalogue event type (webhook delivery), by `<provider label> / <event code>`. */
const EXPECTED: Record<string, SimplifiedEvent> = {
	'Creative Cloud Asset Events / com.adobe.platform.events.file_created': {
		eventId: id('com.adobe.platform.events.file_created'),
		type: 'com.adobe.platform.events.file_created',
		time: T,
		source: 'urn:uuid:3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001',
		action: 'created',
		name: 'summer-banner.png',
		path: '/cloud-content/Campaigns/summer-banner.png',
		format: 'image/png',
		size: 48213,
		assetId: 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21',
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		modified: '2026-01-15T09:41:07.123Z',
	},
	'Creative Cloud Asset Events / com.adobe.platform.events.file_updated': {
		eventId: id('com.adobe.platform.events.file_updated'),
		type: 'com.adobe.platform.events.file_updated',
		time: T,
		source: 'urn:uuid:3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001',
		action: 'updated',
		name: 'summer-banner.png',
		path: '/cloud-content/Campaigns/summer-banner.png',
		format: 'image/png',
		size: 51877,
		assetId: 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21',
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		modified: '2026-01-15T09:41:07.123Z',
	},
	'Creative Cloud Asset Events / com.adobe.platform.events.file_deleted': {
		eventId: id('com.adobe.platform.events.file_deleted'),
		type: 'com.adobe.platform.events.file_deleted',
		time: T,
		source: 'urn:uuid:3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001',
		action: 'deleted',
		name: 'summer-banner.png',
		path: '/cloud-content/Campaigns/summer-banner.png',
		format: 'image/png',
		size: 51877,
		assetId: 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21',
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		modified: '2026-01-15T09:41:07.123Z',
	},
	'Creative Cloud Asset Events / com.adobe.platform.events.file_moved': {
		eventId: id('com.adobe.platform.events.file_moved'),
		type: 'com.adobe.platform.events.file_moved',
		time: T,
		source: 'urn:uuid:3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001',
		action: 'moved',
		name: 'summer-banner.png',
		path: '/cloud-content/Archive/summer-banner.png',
		format: 'image/png',
		size: 51877,
		assetId: 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21',
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		modified: '2026-01-15T09:41:07.123Z',
	},
	'Creative Cloud Asset Events / com.adobe.platform.events.file_copied': {
		eventId: id('com.adobe.platform.events.file_copied'),
		type: 'com.adobe.platform.events.file_copied',
		time: T,
		source: 'urn:uuid:3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001',
		action: 'copied',
		name: 'copy of summer-banner.png',
		path: '/cloud-content/Campaigns/copy of summer-banner.png',
		format: 'image/png',
		size: 51877,
		assetId: 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21',
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		modified: '2026-01-15T09:41:07.123Z',
	},
	'Creative Cloud Asset Events / com.adobe.platform.events.directory_created': {
		eventId: id('com.adobe.platform.events.directory_created'),
		type: 'com.adobe.platform.events.directory_created',
		time: T,
		source: 'urn:uuid:3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001',
		action: 'created',
		name: 'Campaigns',
		path: '/cloud-content/Campaigns',
		format: 'application/vnd.adobecloud.directory+json',
		size: 0,
		assetId: 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21',
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		modified: '2026-01-15T09:41:07.123Z',
	},
	'Creative Cloud Content Logs / com.adobe.acp.contentlogs.read': {
		eventId: id('com.adobe.acp.contentlogs.read'),
		type: 'com.adobe.acp.contentlogs.read',
		time: T,
		action: 'Read',
		name: 'summer-banner.png',
		path: '[Robin Emulator] /cloud-content/Campaigns/summer-banner.png',
		itemId: 'urn:aaid:sc:EU:7f3e9a10-2c4b-4d8e-9b61-0a5c3e7d9f21',
		itemType: 'File',
		version: '3',
		user: 'robin@example.com',
		userName: 'Robin Emulator',
		ipAddress: '192.0.2.44',
	},
	'Creative Cloud Assets (legacy) / asset_created': {
		eventId: id('asset_created'),
		type: 'xdmCreated',
		time: T,
		source: 'https://cc-api-storage.adobe.io/',
		objectType: 'xdmAsset',
		name: 'launch-poster.psd',
		path: '/Emulator Folder/launch-poster.psd',
		format: 'image/vnd.adobe.photoshop',
		assetId: 'urn:aaid:sc:eu:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
		url: null,
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		addressedTo: 'A1B2C3D4E5F6071829304152@AdobeID',
	},
	'Creative Cloud Assets (legacy) / asset_updated': {
		eventId: id('asset_updated'),
		type: 'xdmUpdated',
		time: T,
		source: 'https://cc-api-storage.adobe.io/',
		objectType: 'xdmAsset',
		name: 'launch-poster.psd',
		path: '/Emulator Folder/launch-poster.psd',
		format: 'image/vnd.adobe.photoshop',
		assetId: 'urn:aaid:sc:eu:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
		url: null,
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		addressedTo: 'A1B2C3D4E5F6071829304152@AdobeID',
	},
	'Creative Cloud Assets (legacy) / asset_deleted': {
		eventId: id('asset_deleted'),
		type: 'xdmDeleted',
		time: T,
		source: 'https://cc-api-storage.adobe.io/',
		objectType: 'xdmAsset',
		name: null,
		path: null,
		format: null,
		assetId: 'urn:aaid:sc:eu:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
		url: null,
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		addressedTo: 'A1B2C3D4E5F6071829304152@AdobeID',
	},
	'Creative Cloud Assets (legacy) / directory_created': {
		eventId: id('directory_created'),
		type: 'xdmCreated',
		time: T,
		source: 'https://cc-api-storage.adobe.io/',
		objectType: 'xdmDirectory',
		name: 'Launch',
		path: '/Emulator Folder/Launch',
		format: 'application/vnd.adobecloud.directory+json',
		assetId: 'urn:aaid:sc:eu:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
		url: null,
		user: 'A1B2C3D4E5F6071829304152@AdobeID',
		addressedTo: 'A1B2C3D4E5F6071829304152@AdobeID',
	},
	'AEM Sites and Assets (author-p63947-e1249010) / aem.sites.page.published': {
		eventId: id('aem.sites.page.published'),
		type: 'aem.sites.page.published',
		time: T,
		instance: 'https://author-p63947-e1249010.adobeaemcloud.com',
		path: '/content/wknd/us/en/adventures',
		id: 'a1b2c3d4-0000-4000-8000-000000000001',
		model: null,
		user: 'editor@example.com',
		userName: 'Site Editor',
	},
	'AEM Sites and Assets (author-p63947-e1249010) / aem.sites.page.unpublished': {
		eventId: id('aem.sites.page.unpublished'),
		type: 'aem.sites.page.unpublished',
		time: T,
		instance: 'https://author-p63947-e1249010.adobeaemcloud.com',
		path: '/content/wknd/us/en/adventures',
		id: 'a1b2c3d4-0000-4000-8000-000000000001',
		model: null,
		user: 'editor@example.com',
		userName: 'Site Editor',
	},
	'AEM Sites and Assets (author-p63947-e1249010) / aem.sites.contentFragment.created': {
		eventId: id('aem.sites.contentFragment.created'),
		type: 'aem.sites.contentFragment.created',
		time: T,
		instance: 'https://author-p63947-e1249010.adobeaemcloud.com',
		path: '/content/dam/wknd/en/adventures/surf-camp',
		id: '1c1c0b9e-6f9a-4a4e-9d42-4a5c3b6e7f80',
		model: '/conf/wknd/settings/dam/cfm/models/adventure',
		user: 'editor@example.com',
		userName: 'Site Editor',
	},
	'AEM Sites and Assets (author-p63947-e1249010) / aem.sites.contentFragment.modified': {
		eventId: id('aem.sites.contentFragment.modified'),
		type: 'aem.sites.contentFragment.modified',
		time: T,
		instance: 'https://author-p63947-e1249010.adobeaemcloud.com',
		path: '/content/dam/wknd/en/adventures/surf-camp',
		id: '1c1c0b9e-6f9a-4a4e-9d42-4a5c3b6e7f80',
		model: '/conf/wknd/settings/dam/cfm/models/adventure',
		user: 'editor@example.com',
		userName: 'Site Editor',
	},
	'AEM Sites and Assets (author-p63947-e1249010) / aem.assets.asset.created': {
		eventId: id('aem.assets.asset.created'),
		type: 'aem.assets.asset.created',
		time: T,
		instance: 'author-p63947-e1249010.adobeaemcloud.com',
		name: 'surf-camp-hero.jpg',
		path: '/content/dam/wknd/en/adventures/surf-camp/surf-camp-hero.jpg',
		format: 'image/jpeg',
		size: 1843220,
		state: 'processing',
		assetId: 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
		user: 'EDITOR@EXAMPLE.COM',
		userName: 'Casey Editor',
	},
	'AEM Sites and Assets (author-p63947-e1249010) / aem.assets.asset.processing_completed': {
		eventId: id('aem.assets.asset.processing_completed'),
		type: 'aem.assets.asset.processing_completed',
		time: T,
		instance: 'author-p63947-e1249010.adobeaemcloud.com',
		name: 'surf-camp-hero.jpg',
		path: '/content/dam/wknd/en/adventures/surf-camp/surf-camp-hero.jpg',
		format: 'image/jpeg',
		size: 1843220,
		state: 'processed',
		assetId: 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
		user: 'EDITOR@EXAMPLE.COM',
		userName: 'Casey Editor',
	},
	'AEM Sites and Assets (author-p63947-e1249010) / aem.assets.asset.metadata_updated': {
		eventId: id('aem.assets.asset.metadata_updated'),
		type: 'aem.assets.asset.metadata_updated',
		time: T,
		instance: 'author-p63947-e1249010.adobeaemcloud.com',
		name: 'surf-camp-hero.jpg',
		path: '/content/dam/wknd/en/adventures/surf-camp/surf-camp-hero.jpg',
		format: 'image/jpeg',
		size: 1843220,
		state: 'processed',
		assetId: 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
		user: 'EDITOR@EXAMPLE.COM',
		userName: 'Casey Editor',
	},
	'AEM Sites and Assets (author-p63947-e1249010) / aem.assets.asset.published': {
		eventId: id('aem.assets.asset.published'),
		type: 'aem.assets.asset.published',
		time: T,
		instance: 'author-p63947-e1249010.adobeaemcloud.com',
		name: 'surf-camp-hero.jpg',
		path: '/content/dam/wknd/en/adventures/surf-camp/surf-camp-hero.jpg',
		format: null,
		size: 1843220,
		state: 'processed',
		assetId: 'urn:aaid:aem:0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
		user: 'EDITOR@EXAMPLE.COM',
		userName: 'Casey Editor',
	},
	'AEM (I/O Events add-on, author-aem-emulator) / asset_created': {
		eventId: id('asset_created'),
		type: 'xdmCreated',
		time: T_SECONDS,
		source: 'https://author.aem-emulator.example.com:4502/',
		objectType: 'xdmAsset',
		name: 'store-front.png',
		path: '/content/dam/emulator/store-front.png',
		format: 'image/png',
		assetId: 'urn:aaid:aem:6e5d4c3b-2a19-4807-b6a5-948372615049',
		url: null,
		user: 'content-author',
		addressedTo: ORG,
	},
	'AEM (I/O Events add-on, author-aem-emulator) / asset_deleted': {
		eventId: id('asset_deleted'),
		type: 'xdmDeleted',
		time: T_SECONDS,
		source: 'https://author.aem-emulator.example.com:4502/',
		objectType: 'xdmAsset',
		name: null,
		path: null,
		format: null,
		assetId: 'urn:aaid:aem:6e5d4c3b-2a19-4807-b6a5-948372615049',
		url: null,
		user: 'content-author',
		addressedTo: ORG,
	},
	'AEM (I/O Events add-on, author-aem-emulator) / page_published': {
		eventId: id('page_published'),
		type: 'xdmPublished',
		time: T_SECONDS,
		source: 'https://author.aem-emulator.example.com:4502/',
		objectType: 'xdmComponentizedPage',
		name: 'Spring sale',
		path: '/content/emulator/en/spring-sale.html',
		format: null,
		assetId: null,
		url: 'https://www.aem-emulator.example.com/content/emulator/en/spring-sale.html',
		user: 'content-author',
		addressedTo: ORG,
	},
	'AEM (I/O Events add-on, author-aem-emulator) / com.adobe.aio.aem.osgi.custom': {
		eventId: id('com.adobe.aio.aem.osgi.custom'),
		type: 'xdmEmitted',
		time: T_SECONDS,
		source: 'https://author.aem-emulator.example.com:4502/',
		objectType: 'osgiEvent:com/example/inventory/low',
		name: null,
		path: null,
		format: null,
		assetId: null,
		url: null,
		user: null,
		addressedTo: ORG,
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.activity.standard.changesegment': {
		eventId: id('com.adobe.platform.marketo.activity.standard.changesegment'),
		type: 'com.adobe.platform.marketo.activity.standard.changesegment',
		time: T_SECONDS,
		munchkinId: '987-XYZ-321',
		leadId: '5821',
		activityType: 'Change Segment',
		activityTypeId: 108,
		activityDate: '2026-01-15T09:41:06Z',
		primaryAttributeValue: 'Spring Launch Webinar',
		primaryAttributeValueId: 3107,
		activityLogItemId: 7712093345,
		attributes: ['New Segment ID: 2204', 'Segmentation ID: 1187'],
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.activity.standard.newlead': {
		eventId: id('com.adobe.platform.marketo.activity.standard.newlead'),
		type: 'com.adobe.platform.marketo.activity.standard.newlead',
		time: T_SECONDS,
		munchkinId: '987-XYZ-321',
		leadId: '5821',
		activityType: 'New Lead',
		activityTypeId: 12,
		activityDate: '2026-01-15T09:41:06Z',
		primaryAttributeValue: 'Spring Launch Webinar',
		primaryAttributeValueId: 3107,
		activityLogItemId: 7712093345,
		attributes: ['Source Type: Web form fillout'],
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.activity.standard.fillout_form': {
		eventId: id('com.adobe.platform.marketo.activity.standard.fillout_form'),
		type: 'com.adobe.platform.marketo.activity.standard.fillout_form',
		time: T_SECONDS,
		munchkinId: '987-XYZ-321',
		leadId: '5821',
		activityType: 'Fill Out Form',
		activityTypeId: 2,
		activityDate: '2026-01-15T09:41:06Z',
		primaryAttributeValue: 'Spring Launch Webinar',
		primaryAttributeValueId: 3107,
		activityLogItemId: 7712093345,
		attributes: ['Webpage ID: 42'],
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.activity.standard.openemail': {
		eventId: id('com.adobe.platform.marketo.activity.standard.openemail'),
		type: 'com.adobe.platform.marketo.activity.standard.openemail',
		time: T_SECONDS,
		munchkinId: '987-XYZ-321',
		leadId: '5821',
		activityType: 'Open Email',
		activityTypeId: 10,
		activityDate: '2026-01-15T09:41:06Z',
		primaryAttributeValue: 'Spring Launch Webinar',
		primaryAttributeValueId: 3107,
		activityLogItemId: 7712093345,
		attributes: ['Device: Laptop', 'Is Mobile Device: false'],
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.audit.user.email': {
		eventId: id('com.adobe.platform.marketo.audit.user.email'),
		type: 'com.adobe.platform.marketo.audit.user.email',
		time: T,
		source: 'urn:mlm',
		munchkinId: '987-XYZ-321',
		componentType: 'Email',
		componentId: 40917,
		subType: null,
		action: 'approve',
		userId: 'marketer@example.com',
		campaignId: null,
		imsOrgId: ORG,
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.audit.user.login': {
		eventId: id('com.adobe.platform.marketo.audit.user.login'),
		type: 'com.adobe.platform.marketo.audit.user.login',
		time: T,
		source: 'urn:mlm',
		munchkinId: '987-XYZ-321',
		componentType: 'User',
		componentId: 3381,
		subType: null,
		action: 'login',
		userId: 'marketer@example.com',
		campaignId: null,
		imsOrgId: ORG,
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.notification.campaign_failure': {
		eventId: id('com.adobe.platform.marketo.notification.campaign_failure'),
		type: 'com.adobe.platform.marketo.notification.campaign_failure',
		time: T_SECONDS,
		source: 'urn:mlm',
		munchkinId: '987-XYZ-321',
		componentType: 'campaign_abort',
		componentId: null,
		subType: 'user_campaign_abort',
		action: null,
		userId: 'marketer@example.com',
		campaignId: 5531,
		imsOrgId: ORG,
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.notification.web_services': {
		eventId: id('com.adobe.platform.marketo.notification.web_services'),
		type: 'com.adobe.platform.marketo.notification.web_services',
		time: T_SECONDS,
		source: 'urn:mlm',
		munchkinId: '987-XYZ-321',
		componentType: 'web_services',
		componentId: null,
		subType: 'dailyQuota',
		action: null,
		userId: null,
		campaignId: null,
		imsOrgId: ORG,
	},
	'Marketo Engage (987-XYZ-321) / com.adobe.platform.marketo.observability.metrics': {
		eventId: id('com.adobe.platform.marketo.observability.metrics'),
		type: 'com.adobe.platform.marketo.observability.metrics',
		time: T_SECONDS,
		source: 'urn:data_ingestion_service',
		subject: null,
		munchkinId: '987-XYZ-321',
		windowStart: '2026-01-15T09:00:00Z',
	},
	'Commerce (emulator_shop.production) / com.adobe.commerce.observer.sales_order_place_after': {
		eventId: id('com.adobe.commerce.observer.sales_order_place_after'),
		type: 'com.adobe.commerce.observer.sales_order_place_after',
		time: T,
		instance: 'emulator_shop.production',
		orderId: '000000187',
		status: 'pending',
		total: 129.9,
		currency: 'EUR',
		customerEmail: 'buyer@example.com',
		customerName: 'Alex Rivera',
		itemCount: 2,
		createdAt: '2026-01-15 09:41:05',
	},
	'Commerce (emulator_shop.production) / com.adobe.commerce.observer.customer_login': {
		eventId: id('com.adobe.commerce.observer.customer_login'),
		type: 'com.adobe.commerce.observer.customer_login',
		time: T,
		instance: 'emulator_shop.production',
		storeId: '1',
		commerceVersion: '2.4.7-p3',
	},
	'Commerce (emulator_shop.production) / com.adobe.commerce.observer.catalog_product_save_commit_after':
		{
			eventId: id('com.adobe.commerce.observer.catalog_product_save_commit_after'),
			type: 'com.adobe.commerce.observer.catalog_product_save_commit_after',
			time: T,
			instance: 'emulator_shop.production',
			sku: 'TEE-BLUE-M',
			name: 'Blue tee (M)',
			price: 39.95,
			qty: 118,
			productId: null,
			updatedAt: '2026-01-15 09:41:02',
			storeId: '1',
		},
	'Commerce (emulator_shop.production) / com.adobe.commerce.observer.catalog_product_save_after': {
		eventId: null,
		type: null,
		time: null,
		instance: 'emulator_shop.production',
		sku: 'CAP-GREY',
		name: 'Grey cap',
		price: 40,
		qty: 57,
		productId: '42',
		updatedAt: '2026-01-15 09:41:03',
		storeId: '1',
	},
	'Cloud Manager / pipeline_execution_start': {
		eventId: id('pipeline_execution_start'),
		type: 'https://ns.adobe.com/experience/cloudmanager/event/started',
		time: T,
		event: 'started',
		objectType: 'pipeline-execution',
		url: 'https://cloudmanager.adobe.io/api/program/41822/pipeline/7730915/execution/1046',
		programId: '41822',
		pipelineId: '7730915',
		executionId: '1046',
		status: null,
		user: 'D1E2F3A4B5C6D7E8F9A0B1C2@AdobeID',
		org: ORG,
	},
	'Cloud Manager / pipeline_execution_end': {
		eventId: id('pipeline_execution_end'),
		type: 'https://ns.adobe.com/experience/cloudmanager/event/ended',
		time: T,
		event: 'ended',
		objectType: 'pipeline-execution',
		url: 'https://cloudmanager.adobe.io/api/program/41822/pipeline/7730915/execution/1046',
		programId: '41822',
		pipelineId: '7730915',
		executionId: '1046',
		status: 'FAILED',
		user: 'D1E2F3A4B5C6D7E8F9A0B1C2@AdobeID',
		org: ORG,
	},
	'Cloud Manager / pipeline_execution_step_end': {
		eventId: id('pipeline_execution_step_end'),
		type: 'https://ns.adobe.com/experience/cloudmanager/event/ended',
		time: T,
		event: 'ended',
		objectType: 'execution-step-state',
		url: 'https://cloudmanager.adobe.io/api/program/41822/pipeline/7730915/execution/1046/phase/2/step/5',
		programId: '41822',
		pipelineId: '7730915',
		executionId: '1046',
		status: 'FAILED',
		user: 'D1E2F3A4B5C6D7E8F9A0B1C2@AdobeID',
		org: ORG,
	},
	'Cloud Manager / pipeline_execution_step_waiting': {
		eventId: id('pipeline_execution_step_waiting'),
		type: 'https://ns.adobe.com/experience/cloudmanager/event/waiting',
		time: T,
		event: 'waiting',
		objectType: 'execution-step-state',
		url: 'https://cloudmanager.adobe.io/api/program/41822/pipeline/7730915/execution/1046/phase/3/step/1',
		programId: '41822',
		pipelineId: '7730915',
		executionId: '1046',
		status: null,
		user: 'D1E2F3A4B5C6D7E8F9A0B1C2@AdobeID',
		org: ORG,
	},
	'Photoshop and Lightroom APIs / photoshop-job-status': {
		eventId: id('photoshop-job-status'),
		type: 'photoshop-job-status',
		time: null,
		jobId: '7d6c5b4a-3928-4171-8a6b-5c4d3e2f1a09',
		status: 'succeeded',
		document: 'spring-poster.psd',
		input: null,
		output: null,
		statusUrl: 'https://image.adobe.io/pie/psdService/status/7d6c5b4a-3928-4171-8a6b-5c4d3e2f1a09',
		org: ORG,
	},
	'Photoshop and Lightroom APIs / lightroom-job-status': {
		eventId: id('lightroom-job-status'),
		type: 'lightroom-job-status',
		time: null,
		jobId: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b',
		status: 'succeeded',
		document: null,
		input: 'https://storage.example.com/in/beach.dng',
		output: 'https://storage.example.com/out/beach-auto-tone.jpg',
		statusUrl: 'https://image.adobe.io/lrService/status/2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b',
		org: ORG,
	},
	'InDesign APIs / QUEUED': {
		eventId: id('QUEUED'),
		type: 'QUEUED',
		time: T,
		source: 'urn:uuid:0e1d2c3b-4a59-4687-9786-a5b4c3d2e1f0',
		jobId: '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4',
		state: 'QUEUED',
		jobEventId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
		jobTime: '2026-01-15T09:41:07.123Z',
		destination: null,
		inputUrl: null,
	},
	'InDesign APIs / ASSET_DOWNLOAD_FAILED': {
		eventId: id('ASSET_DOWNLOAD_FAILED'),
		type: 'ASSET_DOWNLOAD_FAILED',
		time: T,
		source: 'urn:uuid:0e1d2c3b-4a59-4687-9786-a5b4c3d2e1f0',
		jobId: '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4',
		state: 'ASSET_DOWNLOAD_FAILED',
		jobEventId: '6f5e4d3c-2b1a-4098-8e7d-6c5b4a392817',
		jobTime: '2026-01-15T09:41:07.123Z',
		destination: 'catalog.indd',
		inputUrl: 'https://storage.example.com/in/catalog.indd',
	},
	'Acme notes (partner events) / com.acme.note.added': {
		eventId: id('com.acme.note.added'),
		type: 'com.acme.note.added',
		time: null,
		source: 'urn:uuid:6d7e8f90-a1b2-4c3d-8e4f-customacme01',
		subject: null,
		data: 'Call the customer back about order 000000187',
	},
	'Acme notes (partner events) / com.acme.build.finished': {
		eventId: id('com.acme.build.finished'),
		type: 'com.acme.build.finished',
		time: T_SECONDS,
		source: 'urn:uuid:6d7e8f90-a1b2-4c3d-8e4f-customacme01',
		subject: 'builds/2026.01.15-3',
	},
	'Experience Platform / experience-platform.dataset-ingestion': {
		eventId: id('experience-platform.dataset-ingestion'),
		type: 'experience-platform.dataset-ingestion',
		time: null,
		source: null,
		subject: null,
		datasetId: '5f3c1b2a9e8d7c6b5a4f3e2d',
		batchId: '01H8Z3K4M5N6P7Q8R9S0T1U2V3',
		status: 'success',
		recordCount: 1250,
		failedRecordCount: 0,
		sandboxName: 'prod',
	},
	'Experience Platform / experience-platform.profile-update': {
		eventId: id('experience-platform.profile-update'),
		type: 'experience-platform.profile-update',
		time: null,
		source: null,
		subject: null,
		sandboxName: 'prod',
	},
	'Experience Platform / experience-platform.segment-evaluation': {
		eventId: id('experience-platform.segment-evaluation'),
		type: 'experience-platform.segment-evaluation',
		time: null,
		source: null,
		subject: null,
		segmentJobId: 'b1c2d3e4-5f60-4718-9a2b-3c4d5e6f7a8b',
		status: 'SUCCEEDED',
		sandboxName: 'prod',
	},
	'Experience Platform / sources_flow_run_success': {
		eventId: id('sources_flow_run_success'),
		type: null,
		time: null,
		source: null,
		subject: null,
		createdAt: 1597213529158,
		updatedAt: 1597213529158,
		sandboxId: 'd4f1e2a3-1111-4222-8333-444455556666',
		sandboxName: 'prod',
		flowId: '91a7c5b2-0000-4000-8000-000000000001',
	},
	'Experience Platform / sources_flow_run_failure': {
		eventId: id('sources_flow_run_failure'),
		type: null,
		time: null,
		source: null,
		subject: null,
		createdAt: 1597213529158,
		updatedAt: 1597213529158,
		sandboxId: 'd4f1e2a3-1111-4222-8333-444455556666',
		sandboxName: 'prod',
		flowId: '91a7c5b2-0000-4000-8000-000000000001',
	},
	'Analytics / analytics.report-suite-change': {
		eventId: id('analytics.report-suite-change'),
		type: null,
		time: null,
		source: null,
		subject: null,
		reportSuiteId: 'wkndprod',
		change: 'evars.updated',
		changedBy: 'admin@example.com',
		changedAt: '2025-06-30T08:00:00Z',
	},
	'Analytics / analytics.trigger': {
		eventId: id('analytics.trigger'),
		type: 'com.adobe.mcloud.protocol.trigger',
		time: T,
		triggerId: '0b62f9b3-8b4e-4c2b-9b9e-1f2e3d4c5b6a',
		mcId: '12345678901234567890123456789012345678',
		triggerTime: T_SECONDS,
		pageUrl: 'https://shop.example.com/cart',
		messageType: 'TRIGGER',
		org: ORG,
	},
	'Campaign (wknd-prod) / campaign.delivery-status': {
		eventId: id('campaign.delivery-status'),
		type: 'campaign.delivery-status',
		time: T,
		source: 'urn:uuid:5e4d3c2b-1a09-4876-8543-campaign0001',
		subject: null,
		deliveryId: 'DM1234',
		deliveryLabel: 'Summer newsletter',
		channel: 'email',
		status: 'sent',
		updatedAt: '2025-06-30T09:15:00Z',
	},
	'Campaign (wknd-prod) / campaign.workflow-execution': {
		eventId: id('campaign.workflow-execution'),
		type: 'campaign.workflow-execution',
		time: T,
		source: 'urn:uuid:5e4d3c2b-1a09-4876-8543-campaign0001',
		subject: null,
		workflowId: 'WKF42',
		workflowLabel: 'Daily import',
		state: 'finished',
		startedAt: '2025-06-30T02:00:00Z',
		endedAt: '2025-06-30T02:04:12Z',
		errors: [],
	},
	'Target / target.activity-state-change': {
		eventId: id('target.activity-state-change'),
		type: 'target.activity-state-change',
		time: T,
		source: 'urn:uuid:7a6b5c4d-3e2f-4a1b-8c9d-target000001',
		subject: null,
		activityId: 284512,
		activityName: 'Homepage hero A/B',
		previousState: 'saved',
		state: 'approved',
		changedBy: 'optimizer@example.com',
		changedAt: '2025-06-30T10:00:00Z',
	},
	'Journey Optimizer / journey-optimizer.journey-step': {
		eventId: id('journey-optimizer.journey-step'),
		type: 'journey-optimizer.journey-step',
		time: T,
		source: 'urn:uuid:9c8b7a6d-5e4f-4321-9a8b-ajo000000001',
		subject: null,
		journeyId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
		journeyVersionId: 'a9b8c7d6-e5f4-4321-8765-43210fedcba9',
		journeyName: 'Welcome journey',
		stepId: 'email-1',
		stepName: 'Send welcome email',
		stepStatus: 'processed',
		profileId: 'jane@example.com',
	},
	'Journey Optimizer / journey-optimizer.journey-step-error': {
		eventId: id('journey-optimizer.journey-step-error'),
		type: 'journey-optimizer.journey-step-error',
		time: T,
		source: 'urn:uuid:9c8b7a6d-5e4f-4321-9a8b-ajo000000001',
		subject: null,
		journeyId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
		stepId: 'email-1',
		stepStatus: 'error',
		profileId: 'john@example.com',
		timestamp: '2025-06-30T11:01:00Z',
	},
	'Admin Console audit logs / com.adobe.adminconsole.auditlogs.v1': {
		eventId: id('com.adobe.adminconsole.auditlogs.v1'),
		type: 'com.adobe.adminconsole.auditlogs.v1',
		time: T,
		activity: 'Revoke Privileges',
		actor: 'admin@example.com',
		targetUser: 'jane@example.com',
		privileges: ['PRODUCT_ADMIN'],
		severity: 'Informational',
		org: 'Emulator Org',
		eventCode: 'ADMIN_ROLE_REVOKE_USER:PRODUCT_ADMIN',
		ipAddress: '192.0.2.17',
	},
};

function isFlat(item: unknown): boolean {
	if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
	if (Object.getPrototypeOf(item) !== Object.prototype) return false;
	const scalar = (v: unknown) =>
		v === null ||
		typeof v === 'string' ||
		typeof v === 'boolean' ||
		(typeof v === 'number' && Number.isFinite(v));
	return Object.values(item).every((v) => scalar(v) || (Array.isArray(v) && v.every(scalar)));
}

describe('simplifyEvent on the catalogue', () => {
	const samples = catalogueSamples();

	it('has an expected item for every catalogue event type, and none for a type that is gone', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual(samples.map((s) => s.name).sort());
	});

	it.each(samples.map((s) => [s.name, s] as const))('%s', (name, sample) => {
		const item = simplifyEvent(sample.webhook);
		expect(item).toEqual(EXPECTED[name]);
		expect(Object.keys(item)).toEqual(Object.keys(EXPECTED[name])); // the documented order
		expect(Object.keys(item).length).toBeLessThanOrEqual(MAX_FIELDS);
		expect(isFlat(item)).toBe(true);
		// the same event read from the journal: the same item (a legacy provider's bare object has no event id)
		const fromJournal = simplifyEvent(sample.journal);
		expect(fromJournal).toEqual(
			sample.provider.event_delivery_format === 'adobe_io'
				? { ...EXPECTED[name], eventId: null }
				: EXPECTED[name],
		);
		// the input is not modified
		expect(JSON.stringify(sample.webhook)).toEqual(
			JSON.stringify(catalogueSamples().find((s) => s.name === name)!.webhook),
		);
	});

	it('each family’s row has at most 9 fields after eventId, type and time, each named once', () => {
		for (const family of FAMILIES) {
			const names = family.fields.map(([name]) => name);
			expect(names.length).toBeLessThanOrEqual(MAX_FIELDS - 3);
			expect(names).not.toEqual(expect.arrayContaining(['eventId']));
			expect(names.filter((n) => ['eventId', 'type', 'time'].includes(n))).toEqual([]);
			expect(new Set(names).size).toBe(names.length);
		}
	});

	it('the catalogue reaches every family', () => {
		const reached = new Set(samples.map((s) => familyOf(s.webhook)));
		for (const family of FAMILIES) expect(reached).toContain(family.name);
		expect(reached).toContain('fallback');
	});
});

describe('simplifyEvent: fallback and edge cases', () => {
	it('unknown shapes: eventId, type, time, source, subject, then the payload’s top-level scalars up to 12 fields', () => {
		const data: Record<string, unknown> = {
			nested: { a: 1 },
			list: [1, 'two', true, null],
			big: Array(51).fill(1),
		};
		for (let i = 0; i < 20; i++) data[`f${i}`] = i;
		const item = simplifyEvent({
			specversion: '1.0',
			id: 'i',
			source: 's',
			type: 'com.example.x',
			subject: 'sub',
			time: '2026-01-15T09:41:07.123Z',
			eventid: 'e',
			data,
		});
		expect(item).toEqual({
			eventId: 'e',
			type: 'com.example.x',
			time: T,
			source: 's',
			subject: 'sub',
			list: [1, 'two', true, null],
			f0: 0,
			f1: 1,
			f2: 2,
			f3: 3,
			f4: 4,
			f5: 5,
		});
	});

	it('a payload field named like a common field does not replace it; "__proto__" stays a plain field', () => {
		const event = JSON.parse(
			'{"specversion":"1.0","type":"t","data":{"type":"other","__proto__":"x","constructor":"y"}}',
		) as unknown;
		const item = simplifyEvent(event);
		expect(item.type).toBe('t');
		expect(Object.prototype.hasOwnProperty.call(item, '__proto__')).toBe(true);
		expect(item.constructor).toBe('y');
		expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
	});

	it.each([null, 0, 'text', true, [], [1, 2], {}, { event: null }, { data: null }])(
		'%j → a flat item with the common fields',
		(value) => {
			const item = simplifyEvent(value);
			expect(isFlat(item)).toBe(true);
			expect(item).toMatchObject({
				eventId: null,
				type: null,
				time: null,
				source: null,
				subject: null,
			});
		},
	);

	it('numbers Adobe writes as strings become numbers only where a family says so', () => {
		const order = simplifyEvent({
			specversion: '1.0',
			type: 'com.adobe.commerce.observer.sales_order_place_after',
			data: {
				source: 'shop',
				value: {
					increment_id: '0042',
					grand_total: '10.5000',
					total_item_count: '99999999999999999999',
				},
			},
		});
		expect(order).toMatchObject({
			orderId: '0042',
			total: 10.5,
			itemCount: '99999999999999999999',
		});
	});
});

// ---------------------------------------------------------------------------------------------
// Adobe's real samples

/** The family each real sample belongs to, and the fields it must fill (names only; values are Adobe's). */
const REAL: Array<[RegExp, string, string[]]> = [
	[
		/^admin-console__/,
		'adminConsole',
		[
			'type',
			'time',
			'activity',
			'actor',
			'targetUser',
			'privileges',
			'severity',
			'org',
			'eventCode',
		],
	],
	[
		/^aem-addon__(asset_created|page_published)/,
		'xdmRepository',
		['type', 'time', 'source', 'objectType', 'name', 'path', 'user', 'addressedTo'],
	],
	[/^aem-addon__asset_deleted/, 'xdmRepository', ['type', 'time', 'objectType', 'assetId', 'user']],
	[/^aem-addon__com\.adobe\.aio/, 'xdmRepository', ['type', 'time', 'objectType', 'addressedTo']],
	[
		/^aem-assets__/,
		'aemAssets',
		[
			'eventId|type',
			'time',
			'instance',
			'name',
			'path',
			'size',
			'state',
			'assetId',
			'user',
			'userName',
		],
	],
	[
		/^analytics-triggers__/,
		'analyticsTrigger',
		['eventId', 'type', 'time', 'triggerId', 'mcId', 'triggerTime', 'pageUrl', 'org'],
	],
	[
		/^cc-assets__/,
		'creativeCloudAssets',
		[
			'eventId',
			'type',
			'time',
			'source',
			'action',
			'name',
			'path',
			'format',
			'size',
			'assetId',
			'user',
			'modified',
		],
	],
	[
		/^cc-content-logs__/,
		'creativeCloudContentLogs',
		[
			'eventId',
			'type',
			'time',
			'action',
			'name',
			'path',
			'itemId',
			'itemType',
			'user',
			'userName',
			'ipAddress',
		],
	],
	[
		/^cc-storage-legacy__/,
		'xdmRepository',
		[
			'type',
			'time',
			'source',
			'objectType',
			'name',
			'path',
			'format',
			'assetId',
			'user',
			'addressedTo',
		],
	],
	[
		/^cloud-manager__/,
		'cloudManager',
		[
			'eventId',
			'type',
			'time',
			'event',
			'objectType',
			'url',
			'programId',
			'pipelineId',
			'executionId',
			'org',
		],
	],
	[
		/^commerce__.*catalog_product_save_after/,
		'commerceProduct',
		['instance', 'sku', 'name', 'price', 'qty', 'productId', 'updatedAt', 'storeId'],
	],
	[
		/^commerce__.*catalog_product_save_commit_after/,
		'commerceProduct',
		['eventId', 'type', 'time', 'instance', 'sku', 'name', 'price', 'qty', 'updatedAt', 'storeId'],
	],
	[
		/^commerce__.*customer_login/,
		'commerce',
		['eventId', 'type', 'time', 'instance', 'storeId', 'commerceVersion'],
	],
	[/^custom-events__/, 'fallback', ['eventId', 'type', 'source', 'data']],
	[
		/^indesign-apis__/,
		'inDesign',
		['eventId', 'type', 'time', 'source', 'jobId', 'state', 'jobEventId', 'jobTime'],
	],
	[
		/^(photoshop|lightroom)-api__/,
		'creativeJobs',
		['eventId', 'type', 'jobId', 'status', 'output|document', 'statusUrl', 'org'],
	],
	[
		/^marketo__.*activity/,
		'marketoActivity',
		[
			'eventId',
			'type',
			'time',
			'munchkinId',
			'leadId',
			'activityType',
			'activityTypeId',
			'activityDate',
			'attributes',
		],
	],
	[
		/^marketo__.*audit/,
		'marketoAudit',
		[
			'eventId',
			'type',
			'time',
			'source',
			'munchkinId',
			'componentType',
			'componentId',
			'action',
			'userId',
			'imsOrgId',
		],
	],
	[
		/^marketo__.*notification/,
		'marketoAudit',
		['eventId', 'type', 'time', 'source', 'munchkinId', 'componentType', 'subType', 'imsOrgId'],
	],
	[/^marketo__.*observability/, 'fallback', ['type', 'time', 'source', 'munchkinId']],
];

const real = loadRealEvents();

describeRealEvents('simplifyEvent on Adobe’s real samples', real, (samples) => {
	const events = [
		...samples.single.map((s) => ({ name: s.name, event: s.json })),
		...samples.batches.flatMap((s) =>
			(s.json as unknown[]).map((event, i) => ({
				name: `${s.name.slice('batches/'.length)}[${i}]`,
				event,
			})),
		),
		...samples.journalPages.flatMap((s) =>
			(s.json as { events: Array<{ event: unknown }> }).events.map((entry, i) => ({
				name: `${s.name.slice('batches/'.length)} events[${i}]`,
				event: entry.event,
			})),
		),
	];

	it.each(events.map((e) => [e.name, e.event] as const))('%s', (name, event) => {
		const item = simplifyEvent(event);
		expect(isFlat(item)).toBe(true);
		expect(Object.keys(item).length).toBeLessThanOrEqual(MAX_FIELDS);
		// the event id users see is Adobe's, never the CloudEvent id
		expect(item.eventId).toBe(readEnvelope(event).eventId ?? null);
		const row = REAL.find(([pattern]) => pattern.test(name.replace(/^.*\//, '')));
		const [, family, filled] = row ?? [undefined, 'batch', []];
		if (row) expect(familyOf(event)).toBe(family);
		for (const fields of filled) {
			const present = fields
				.split('|')
				.some((field) => item[field] !== null && item[field] !== undefined);
			expect({ field: fields, present }).toEqual({ field: fields, present: true });
		}
	});

	it('every real sample file is in the table (a new family needs a row)', () => {
		for (const sample of samples.single) expect(REAL.some(([p]) => p.test(sample.name))).toBe(true);
	});
});

// ---------------------------------------------------------------------------------------------
// Property: total, flat, ≤ 12 keys for any JSON value

const HOSTILE_KEYS = [
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'valueOf',
];
const ENVELOPE_KEYS = [
	'specversion',
	'type',
	'time',
	'source',
	'id',
	'eventid',
	'event_id',
	'event',
	'body',
	'header',
	'data',
	'value',
	'recipientclientid',
	'activitystreams:object',
	'activitystreams:published',
	'xdmEventEnvelope:objectType',
	'@type',
	'@id',
	'com.adobe.mcloud.pipeline.pipelineMessage',
	'repositoryMetadata',
	'xdmEntity',
	'outputs',
	'_links',
	'attributes',
];
const key = fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_KEYS, ...ENVELOPE_KEYS));
const { json } = fc.letrec((tie) => ({
	json: fc.oneof(
		{ maxDepth: 6, depthSize: 'small' },
		fc.constant(null),
		fc.boolean(),
		fc.double(),
		fc.integer(),
		fc.string(),
		fc.constantFrom(
			'1.0',
			'2026-01-15 09:41:07.123',
			'1768470067123',
			'FAILED',
			'indesign',
			'JOB_COMPLETION_STATUS',
		),
		fc.array(tie('json'), { maxLength: 5 }),
		fc.dictionary(key, tie('json'), { maxKeys: 8 }),
	),
}));
const TYPES = [
	...FAMILIES.map((f) => f.name),
	'com.adobe.platform.events.file_created',
	'com.adobe.acp.contentlogs.read',
	'aem.assets.asset.processed',
	'aem.sites.page.published',
	'https://ns.adobe.com/experience/cloudmanager/event/ended',
	'com.adobe.platform.marketo.activity.x',
	'com.adobe.platform.marketo.audit.user.x',
	'com.adobe.commerce.observer.sales_order_place_after',
	'com.adobe.commerce.observer.catalog_product_save_after',
	'com.adobe.commerce.x',
	'com.adobe.adminconsole.auditlogs.v1',
	'photoshop-job-status',
	'com.adobe.mcloud.protocol.trigger',
];
/** Events in every envelope with arbitrary content where each family reads. */
const enveloped = fc.oneof(
	fc.record({
		specversion: fc.constant('1.0'),
		type: fc.constantFrom(...TYPES),
		source: json,
		eventid: json,
		time: json,
		data: json,
	}),
	fc.record({
		eventid: json,
		event: fc.record({
			body: fc.record({
				specversion: fc.constant('1.0'),
				type: fc.constantFrom(...TYPES),
				data: json,
			}),
			recipientclientid: json,
		}),
	}),
	fc.record({
		event_id: json,
		event: fc.record({
			header: fc.oneof(
				json,
				fc.record({
					msgType: fc.constant('JOB_COMPLETION_STATUS'),
					eventCode: fc.constantFrom(...TYPES),
				}),
			),
			body: json,
		}),
	}),
	fc.record({
		event: fc.record({
			'com.adobe.mcloud.pipeline.pipelineMessage': fc.record({
				header: json,
				'com.adobe.mcloud.protocol.trigger': json,
			}),
		}),
	}),
	fc.record({
		'@type': fc.constantFrom(...TYPES),
		'activitystreams:object': json,
		'activitystreams:actor': json,
		'activitystreams:to': json,
		'xdmEventEnvelope:objectType': json,
	}),
	fc.record({
		event: fc.record({
			data: fc.record({
				source: fc.constant('indesign'),
				value: json,
				_metadata: fc.record({ commerceEdition: json }),
			}),
		}),
	}),
);

function checkTotal(value: unknown): void {
	let item: SimplifiedEvent | undefined;
	expect(() => (item = simplifyEvent(value))).not.toThrow();
	expect(isFlat(item)).toBe(true);
	expect(Object.keys(item!).length).toBeLessThanOrEqual(MAX_FIELDS);
}

describe('simplifyEvent is total (fast-check)', () => {
	it('any JSON value, also after a JSON round trip (own "__proto__" keys)', () => {
		fc.assert(
			fc.property(fc.oneof(json, enveloped), (value) => {
				checkTotal(value);
				checkTotal(JSON.parse(JSON.stringify(value) ?? 'null'));
			}),
			{ numRuns: 3000 },
		);
	});

	it('fast-check’s own JSON values and objects with prototypes', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => checkTotal(value)),
			{ numRuns: 1000 },
		);
		fc.assert(
			fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) =>
				checkTotal(value),
			),
			{ numRuns: 1000 },
		);
	});

	it('bounded work on deep values and huge arrays and strings (no recursion, no copy)', () => {
		let deep: unknown = 'bottom';
		for (let i = 0; i < 100_000; i++) deep = { data: deep, event: deep, body: deep, value: deep };
		const hugeArray = Array(1_000_000).fill('x');
		const inputs = [
			deep,
			{ specversion: '1.0', type: 't', data: { list: hugeArray, text: 'y'.repeat(5_000_000) } },
			{
				specversion: '1.0',
				type: 'com.adobe.platform.marketo.activity.x',
				data: { attributes: hugeArray },
			},
			{ specversion: '1.0', type: 'com.adobe.mcloud.protocol.trigger', data: hugeArray },
			hugeArray,
		];
		for (const input of inputs) {
			const started = Date.now();
			checkTotal(input);
			expect(Date.now() - started).toBeLessThan(50);
		}
		expect(simplifyEvent(inputs[1])).not.toHaveProperty('list'); // too long: left out, never cut
	});

	it('wide objects: at most one key enumeration, well under the JSON.parse that built them (median of paired rounds)', () => {
		const wide: Record<string, unknown> = {};
		for (let i = 0; i < 50_000; i++) wide[`k${i}`] = { nested: i };
		const shapes = [
			(data: unknown) => ({ specversion: '1.0', type: 't', data }),
			(data: unknown) => ({
				specversion: '1.0',
				type: 'com.adobe.commerce.x',
				data: { value: data },
			}),
			(data: unknown) => ({
				'@type': 'x',
				'activitystreams:object': data,
				'activitystreams:actor': data,
				'activitystreams:to': data,
			}),
		];
		for (const shape of shapes) {
			const text = JSON.stringify(shape(wide));
			const ratios: number[] = [];
			for (let round = 0; round < 5; round++) {
				let started = Date.now();
				const parsed = JSON.parse(text) as unknown;
				const parse = Math.max(1, Date.now() - started);
				started = Date.now();
				checkTotal(parsed);
				ratios.push((Date.now() - started) / parse);
			}
			ratios.sort((a, b) => a - b);
			expect(ratios[2]).toBeLessThan(0.5);
		}
	});
});
