/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: the emulator is not an n8n node; its errors become Adobe-shaped HTTP responses */
/**
 * Management API on its own origin (`urls.api`), paths exactly as on api.adobe.io:
 * providers, provider metadata, event metadata, sample events, registrations (v2), subscriber
 * filters, tracing, plus the async validation URL (`/csm/registrations/validate`).
 */
import { randomUUID } from 'node:crypto';
import { PROVIDER_METADATA } from './catalogue';
import type { Core } from './core';
import { FilterError, matches, parseFilter } from './filters';
import { isLoopbackHost } from './ims';
import { HttpError, Router, apiError, empty, hal, json, readJson, readJsonObject, text, type Req, type Res } from './http';
import type { DeliveryType, Provider, Registration, SubscriberFilter } from './model';

const bad = (reason: string): HttpError => new HttpError(apiError(400, reason, 'Bad Request'));
const notFound = (reason: string): HttpError => new HttpError(apiError(404, reason, 'Not Found'));

function str(body: Record<string, unknown>, key: string, opts: { required?: boolean; min?: number; max: number; pattern?: RegExp }): string | undefined {
	const v = body[key];
	if (v === undefined || v === null || (v === '' && !opts.required && !opts.min)) {
		if (opts.required) throw bad(`${key} is required`);
		return undefined;
	}
	if (typeof v !== 'string') throw bad(`${key} must be a string`);
	if (v.length < (opts.min ?? 0) || v.length > opts.max) throw bad(`${key} must be between ${opts.min ?? 0} and ${opts.max} characters`);
	if (opts.pattern && !opts.pattern.test(v)) throw bad(`${key} has an invalid format`);
	return v;
}

const LABEL_RE = /^[\w\s\-_.(),@:'`?#!]+$/;
const EVENT_CODE_RE = /^[\w\-.]+$/;
const CLIENT_ID_RE = /^[\w\-.]+$/;
const DELIVERY_TYPES: DeliveryType[] = ['webhook', 'webhook_batch', 'journal', 'aws_eventbridge'];

export function managementRoutes(core: Core): Router {
	const r = new Router();

	const workspace = (req: Req): void => {
		const { c, p, w } = req.params;
		if (c !== core.creds.consumerOrgId) throw notFound(`Consumer organization ${c} was not found`);
		if (!core.isWorkspace(c, p, w)) throw notFound(`Project ${p} / workspace ${w} was not found in consumer organization ${c}`);
	};
	const provider = (id: string): Provider => {
		const p = core.providers.get(id);
		if (!p) throw notFound(`Provider ${id} was not found`);
		return p;
	};
	const ownedProvider = (req: Req): Provider => {
		workspace(req);
		const p = provider(req.params.pid);
		if (!p.owner) throw new HttpError(apiError(403, `Provider ${p.id} is published by Adobe and cannot be changed`, 'Forbidden'));
		if (!core.isWorkspace(p.owner.consumerOrgId, p.owner.projectId, p.owner.workspaceId)) throw notFound(`Provider ${p.id} was not found in this workspace`);
		return p;
	};
	const registration = (req: Req): Registration => {
		workspace(req);
		const reg = core.registrations.get(req.params.rid);
		if (!reg || reg.workspace_id !== req.params.w || reg.project_id !== req.params.p) throw notFound(`Registration ${req.params.rid} does not exist`);
		return reg;
	};

	// ------------------------------------------------------------ async validation (no auth: a browser link)
	r.add('GET', '/csm/registrations/validate', (req) => {
		const out = core.completeValidation(req.query.get('id'), req.query.get('challenge'));
		return out.ok ? text(200, out.message) : apiError(out.status, out.message);
	});

	// ------------------------------------------------------------ provider metadata
	r.add('GET', '/events/providermetadata', () =>
		hal(200, {
			_links: { self: { href: `${core.urls.api}/events/providermetadata` } },
			_embedded: { providermetadata: PROVIDER_METADATA.map((m) => ({ ...m })) },
		}),
	);

	// ------------------------------------------------------------ providers
	r.add('GET', '/events/providers/:pid', (req) => hal(200, core.providerJson(provider(req.params.pid), req.query.get('eventmetadata') === 'true')));

	r.add('GET', '/events/:c/providers', (req) => {
		const { c } = req.params;
		if (c !== core.creds.consumerOrgId) throw notFound(`Consumer organization ${c} was not found`);
		const single = req.query.get('providerMetadataId');
		const many = req.query.getAll('providerMetadataIds').flatMap((v) => v.split(',')).filter(Boolean);
		const instanceId = req.query.get('instanceId');
		if (single && many.length) throw bad('Only one of providerMetadataIds or providerMetadataId can be set');
		const known = new Set(PROVIDER_METADATA.map((m) => m.id));
		for (const id of single ? [single] : many) if (!known.has(id)) throw notFound(`Provider metadata ${id} was not found`);
		let list = [...core.providers.values()].filter((p) => !p.owner || p.owner.consumerOrgId === c);
		if (single) list = list.filter((p) => p.provider_metadata === single);
		if (many.length) list = list.filter((p) => many.includes(p.provider_metadata));
		if (instanceId) {
			list = list.filter((p) => p.instance_id === instanceId);
			if (!list.length) throw notFound(`No provider with instanceId ${instanceId}`);
		}
		const withEvents = req.query.get('eventmetadata') === 'true';
		return hal(200, {
			_links: { self: { href: `${core.urls.api}/events/${c}/providers` } },
			_embedded: { providers: list.map((p) => core.providerJson(p, withEvents)) },
		});
	});

	const providerBody = async (req: Req, create: boolean): Promise<Record<string, unknown>> => {
		const body = await readJsonObject(req);
		str(body, 'label', { required: true, min: 1, max: 255, pattern: LABEL_RE });
		str(body, 'description', { max: 255 });
		const docs = str(body, 'docs_url', { max: 255 });
		if (docs && !/^https?:\/\/[^\s]+$/.test(docs)) throw bad('docs_url must be an http(s) URL');
		if (create) {
			str(body, 'provider_metadata', { max: 255, pattern: /^(3rd_party_custom_events|acs|aem|asset_compute|dx_commerce_events)$/ });
			str(body, 'instance_id', { min: 1, max: 255, pattern: /^[\w\-.@:]+$/ });
			str(body, 'data_residency_region', { max: 10, pattern: /^(VA6|IRL1)$/ });
		}
		return body;
	};

	r.add('POST', '/events/:c/:p/:w/providers', async (req) => {
		workspace(req);
		const body = await providerBody(req, true);
		const metadata = (body.provider_metadata as string | undefined) ?? '3rd_party_custom_events';
		if (!PROVIDER_METADATA.some((m) => m.id === metadata)) throw notFound(`Provider metadata ${metadata} was not found`);
		const instance = (body.instance_id as string | undefined) ?? randomUUID();
		for (const p of core.providers.values()) {
			if ((p.provider_metadata === metadata && p.instance_id === instance) || (p.owner && p.label === body.label)) {
				return apiError(409, `A provider with ${p.label === body.label ? `label "${p.label}"` : `instance_id ${instance}`} already exists: ${p.id}`, 'Conflict', { 'x-conflicting-id': p.id });
			}
		}
		const { c, p: projectId, w } = req.params;
		const id = randomUUID();
		const created: Provider = {
			id,
			name: `${metadata}_${core.creds.imsOrgId}_${instance}`,
			label: body.label as string,
			description: (body.description as string | undefined) ?? '',
			docs_url: body.docs_url as string | undefined,
			publisher: core.creds.imsOrgId,
			provider_metadata: metadata,
			instance_id: instance,
			event_delivery_format: 'cloud_events_v1',
			data_residency_region: (body.data_residency_region as string | undefined) ?? 'VA6',
			owner: { consumerOrgId: c, projectId, workspaceId: w },
			events: new Map(),
		};
		core.providers.set(id, created);
		return hal(201, core.providerJson(created, false));
	});

	r.add('PUT', '/events/:c/:p/:w/providers/:pid', async (req) => {
		const p = ownedProvider(req);
		const body = await providerBody(req, false);
		const clash = [...core.providers.values()].find((o) => o !== p && o.owner && o.label === body.label);
		if (clash) return apiError(409, `A provider with label "${clash.label}" already exists: ${clash.id}`, 'Conflict', { 'x-conflicting-id': clash.id });
		p.label = body.label as string;
		p.description = (body.description as string | undefined) ?? '';
		p.docs_url = body.docs_url as string | undefined;
		return hal(200, core.providerJson(p, false));
	});

	r.add('PATCH', '/events/:c/:p/:w/providers/:pid', async (req) => {
		const p = ownedProvider(req);
		const ops = await readJson(req);
		const doc = applyPatch({ label: p.label, description: p.description, docs_url: p.docs_url }, ops);
		if (typeof doc.label !== 'string' || !LABEL_RE.test(doc.label) || doc.label.length > 255) throw bad('label has an invalid format');
		if (doc.label === p.label && doc.description === p.description && doc.docs_url === p.docs_url) return empty(204);
		p.label = doc.label;
		p.description = typeof doc.description === 'string' ? doc.description : '';
		p.docs_url = typeof doc.docs_url === 'string' ? doc.docs_url : undefined;
		return hal(200, core.providerJson(p, false));
	});

	r.add('DELETE', '/events/:c/:p/:w/providers/:pid', (req) => {
		const p = ownedProvider(req);
		core.providers.delete(p.id);
		return empty(204);
	});

	// ------------------------------------------------------------ event metadata
	r.add('GET', '/events/providers/:pid/eventmetadata', (req) => {
		const p = provider(req.params.pid);
		return hal(200, {
			_links: { self: { href: `${core.urls.api}/events/providers/${p.id}/eventmetadata` } },
			_embedded: { eventmetadata: [...p.events.values()].map((e) => core.eventMetadataJson(p, e)) },
		});
	});

	r.add('GET', '/events/providers/:pid/eventmetadata/:code', (req) => {
		const p = provider(req.params.pid);
		const e = p.events.get(req.params.code);
		if (!e) throw notFound(`Event metadata ${req.params.code} was not found for provider ${p.id}`);
		return hal(200, core.eventMetadataJson(p, e));
	});

	const sampleFor = (p: Provider, code: string): string | undefined => {
		const e = p.events.get(code);
		if (!e) throw notFound(`Event metadata ${code} was not found for provider ${p.id}`);
		if (e.sample === undefined) return undefined;
		if (!p.owner && p.event_delivery_format === 'cloud_events_v1') {
			return JSON.stringify(core.buildBase(p, code, JSON.parse(e.sample)), null, 2);
		}
		return e.sample;
	};

	r.add('GET', '/events/providers/:pid/eventmetadata/:code/sample_event', (req) => {
		const p = provider(req.params.pid);
		const sample = sampleFor(p, req.params.code);
		if (sample === undefined) throw notFound(`No sample event for ${req.params.code}`);
		return hal(200, {
			format: p.event_delivery_format,
			sample_payload: sample,
			_links: { self: { href: `${core.urls.api}/events/providers/${p.id}/eventmetadata/${encodeURIComponent(req.params.code)}/sample_event` } },
		});
	});

	r.add('POST', '/events/providers/:pid/eventmetadata/:code/sample_event/:rid', async (req) => {
		const p = provider(req.params.pid);
		const sample = sampleFor(p, req.params.code);
		const reg = core.registrations.get(req.params.rid);
		if (!reg) throw notFound(`Registration ${req.params.rid} does not exist`);
		if (sample === undefined) return empty(204);
		let data: unknown;
		try {
			data = JSON.parse(sample) as unknown;
		} catch {
			data = sample;
		}
		// Adobe-published CloudEvents types: a fresh event of the catalogue's sample (new id and time, in its shape)
		const base = p.owner || p.event_delivery_format === 'adobe_io' ? core.buildBase(p, req.params.code, data) : core.buildBase(p, req.params.code, undefined);
		const out = core.emit(p, req.params.code, base, reg);
		await Promise.all(out.firstAttempts);
		return json(200, { event_id: out.event.eventid, registration_id: reg.registration_id, delivered_to: out.firstAttempts.length ? 'webhook' : 'journal' });
	});

	const eventMetadataBody = async (req: Req): Promise<{ label: string; description: string; event_code: string; sample?: string }> => {
		const body = await readJsonObject(req);
		const label = str(body, 'label', { required: true, min: 1, max: 255 }) as string;
		const description = str(body, 'description', { required: true, min: 1, max: 255 }) as string;
		const code = str(body, 'event_code', { required: true, min: 1, max: 255, pattern: EVENT_CODE_RE }) as string;
		const template = str(body, 'sample_event_template', { max: 87_382 });
		let sample: string | undefined;
		if (template !== undefined) {
			const decoded = Buffer.from(template, 'base64');
			if (decoded.toString('base64').replace(/=+$/, '') !== template.replace(/=+$/, '')) throw bad('sample_event_template must be base64 encoded');
			sample = decoded.toString('utf8');
		}
		return { label, description, event_code: code, sample };
	};

	r.add('POST', '/events/:c/:p/:w/providers/:pid/eventmetadata', async (req) => {
		const p = ownedProvider(req);
		const m = await eventMetadataBody(req);
		if (p.events.has(m.event_code)) return apiError(409, `Event metadata ${m.event_code} already exists for provider ${p.id}`, 'Conflict', { 'x-conflicting-id': m.event_code });
		p.events.set(m.event_code, m);
		return hal(201, core.eventMetadataJson(p, m));
	});

	r.add('PUT', '/events/:c/:p/:w/providers/:pid/eventmetadata/:code', async (req) => {
		const p = ownedProvider(req);
		if (!p.events.has(req.params.code)) throw notFound(`Event metadata ${req.params.code} was not found for provider ${p.id}`);
		const m = await eventMetadataBody(req);
		if (m.event_code !== req.params.code) throw bad(`event_code in the body (${m.event_code}) does not match the URI (${req.params.code})`);
		p.events.set(m.event_code, m);
		return hal(200, core.eventMetadataJson(p, m));
	});

	r.add('DELETE', '/events/:c/:p/:w/providers/:pid/eventmetadata/:code', (req) => {
		const p = ownedProvider(req);
		if (!p.events.delete(req.params.code)) throw notFound(`Event metadata ${req.params.code} was not found for provider ${p.id}`);
		return empty(204);
	});

	r.add('DELETE', '/events/:c/:p/:w/providers/:pid/eventmetadata', (req) => {
		const p = ownedProvider(req);
		p.events.clear();
		return empty(204);
	});

	// ------------------------------------------------------------ registrations
	const parseRegistration = (body: Record<string, unknown>, create: boolean) => {
		const name = str(body, 'name', { required: true, min: 3, max: 255 }) as string;
		const description = str(body, 'description', { max: 5000 });
		const clientId = create ? (str(body, 'client_id', { required: true, min: 3, max: 128, pattern: CLIENT_ID_RE }) as string) : undefined;
		const dtRaw = body.delivery_type;
		if (dtRaw === undefined || dtRaw === null) throw bad('delivery_type is required');
		if (typeof dtRaw !== 'string' || !DELIVERY_TYPES.includes(dtRaw.toLowerCase() as DeliveryType)) throw bad(`delivery_type must be one of ${DELIVERY_TYPES.join(', ')}`);
		const deliveryType = dtRaw.toLowerCase() as DeliveryType;
		let webhookUrl = str(body, 'webhook_url', { max: 4000 });
		const runtimeAction = str(body, 'runtime_action', { max: 255 });
		if (body.enabled !== undefined && typeof body.enabled !== 'boolean') throw bad('enabled must be a boolean');
		const eoi = body.events_of_interest;
		if (!Array.isArray(eoi) || eoi.length === 0) throw bad('events_of_interest must be a non-empty array');
		if (eoi.length > 1000) throw bad('events_of_interest has too many entries');
		const events = eoi.map((e, i) => {
			if (!e || typeof e !== 'object' || Array.isArray(e)) throw bad(`events_of_interest[${i}] must be an object`);
			const o = e as Record<string, unknown>;
			const code = str(o, 'event_code', { required: true, min: 1, max: 255 }) as string;
			let pid = str(o, 'provider_id', { min: 1, max: 38 });
			if (!pid) {
				const name = str(o, 'provider', { max: 255 });
				const byName = name ? [...core.providers.values()].find((p) => p.name === name || p.id === name) : undefined;
				if (!byName) throw bad(`events_of_interest[${i}].provider_id is required`);
				pid = byName.id;
			}
			const p = core.providers.get(pid);
			if (!p) throw bad(`Invalid Event of Interest, no matching provider ${pid}`);
			if (!p.events.has(code)) throw bad(`Invalid Event of Interest, no matching Event ${code} for provider ${pid}`);
			return { provider_id: pid, event_code: code };
		});
		if (deliveryType === 'webhook' || deliveryType === 'webhook_batch') {
			if (webhookUrl && runtimeAction) throw bad('Define either webhook_url or runtime_action, not both');
			if (!webhookUrl && !runtimeAction) throw bad(`webhook_url is required for delivery_type ${deliveryType}`);
			if (webhookUrl) {
				let u: URL;
				try {
					u = new URL(webhookUrl);
				} catch {
					throw bad('webhook_url is not a valid URL');
				}
				if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackHost(u.hostname))) {
					throw bad('webhook_url must use https (the emulator also accepts http on 127.0.0.1 / localhost)');
				}
			}
		} else {
			webhookUrl = undefined;
		}
		let destination: Record<string, unknown> | undefined;
		if (deliveryType === 'aws_eventbridge') {
			const d = body.destination_metadata;
			if (!d || typeof d !== 'object' || Array.isArray(d)) throw bad('destination_metadata is required for aws_eventbridge');
			const dm = d as Record<string, unknown>;
			if (typeof dm.aws_region !== 'string' || !/^(us|ca|eu|af|ap|cn|me|sa|il)-[a-z]+-\d$/.test(dm.aws_region)) throw bad('destination_metadata.aws_region is invalid');
			if (typeof dm.aws_account_id !== 'string' || !/^\d{12}$/.test(dm.aws_account_id)) throw bad('destination_metadata.aws_account_id must be 12 digits');
			destination = { aws_region: dm.aws_region, aws_account_id: dm.aws_account_id };
		}
		const filters = parseSubscriberFilters(body.subscriber_filters, core.clock.now());
		return { name, description, clientId, deliveryType, webhookUrl, runtimeAction, enabled: body.enabled !== false, events, destination, filters };
	};

	const nameClash = (w: string, p: string, name: string, except?: Registration): Registration | undefined =>
		[...core.registrations.values()].find((x) => x !== except && x.workspace_id === w && x.project_id === p && x.name === name);

	r.add('POST', '/events/:c/:p/:w/registrations', async (req) => {
		workspace(req);
		const body = await readJsonObject(req);
		const f = parseRegistration(body, true);
		const { c, p, w } = req.params;
		const conflict = (): Res | undefined => {
			const clash = nameClash(w, p, f.name);
			if (clash) return apiError(409, `A registration named "${f.name}" already exists in this workspace: ${clash.registration_id}`, 'Conflict', { 'x-conflicting-id': clash.registration_id });
			const perClient = [...core.registrations.values()].filter((x) => x.client_id === f.clientId).length;
			if (perClient >= core.config.registrationQuotaPerClient) return apiError(409, `Maximum number of registrations (${core.config.registrationQuotaPerClient}) reached for client id ${f.clientId}`, 'Conflict');
			const perOrg = [...core.registrations.values()].filter((x) => x.consumer_id === c).length;
			if (perOrg >= core.config.registrationQuotaPerOrg) return apiError(409, `Maximum number of registrations (${core.config.registrationQuotaPerOrg}) reached for this organization`, 'Conflict');
			return undefined;
		};
		const early = conflict();
		if (early) return early;
		const reg = core.newRegistration({
			name: f.name,
			description: f.description,
			client_id: f.clientId as string,
			webhook_url: f.webhookUrl,
			runtime_action: f.runtimeAction,
			delivery_type: f.deliveryType,
			events_of_interest: f.events,
			enabled: f.enabled,
			destination_metadata: f.destination,
			subscriber_filters: f.filters,
			consumer_id: c,
			project_id: p,
			workspace_id: w,
		});
		let pending: { id: string; challenge: string; url: string } | undefined;
		if (reg.webhook_url) {
			const outcome = await core.challenge(reg, reg.webhook_url);
			if (outcome.status === 'failed') return apiError(400, `Invalid webhook url ${reg.webhook_url}: ${outcome.reason}`, 'Webhook is invalid');
			if (outcome.status === 'accepted') pending = outcome.pending;
		} else {
			reg.challenge = { at: reg.created_date, mode: 'none', ok: true, detail: 'no webhook' };
		}
		const late = conflict(); // the challenge awaited: re-check for concurrent creates
		if (late) return late;
		core.registrations.set(reg.registration_id, reg);
		if (pending) core.startValidation(reg, pending);
		return hal(201, core.registrationJson(reg));
	});

	r.add('GET', '/events/:c/:p/:w/registrations', (req) => {
		workspace(req);
		const { c, p, w } = req.params;
		const list = [...core.registrations.values()].filter((x) => x.workspace_id === w && x.project_id === p);
		return hal(200, {
			_links: { self: { href: `${core.urls.api}/events/${c}/${p}/${w}/registrations` } },
			_embedded: { registrations: list.map((x) => core.registrationJson(x)) },
		});
	});

	r.add('GET', '/events/:c/registrations', (req) => {
		const { c } = req.params;
		if (c !== core.creds.consumerOrgId) throw notFound(`Consumer organization ${c} was not found`);
		const num = (name: string, dflt: number): number => {
			const raw = req.query.get(name);
			if (raw === null || raw === '') return dflt;
			if (!/^-?\d+$/.test(raw)) throw bad(`Page number or size exceeded or page size is less than 1 (${name}=${raw})`);
			return Number(raw);
		};
		const page = num('page', 0);
		const size = num('size', 10);
		if (size < 1 || size > 100 || page < 0) throw bad('Page number or size exceeded or page size is less than 1');
		const all = [...core.registrations.values()].filter((x) => x.consumer_id === c);
		const totalPages = Math.ceil(all.length / size);
		if (page > Math.max(0, totalPages - 1)) throw bad('Page number or size exceeded or page size is less than 1');
		const slice = all.slice(page * size, page * size + size);
		const href = (n: number): { href: string } => ({ href: `${core.urls.api}/events/${c}/registrations?page=${n}&size=${size}` });
		const links: Record<string, { href: string }> = { first: href(0), last: href(Math.max(0, totalPages - 1)) };
		if (page < totalPages - 1) links.next = href(page + 1);
		if (page > 0) links.prev = href(page - 1);
		links.self = href(page);
		return hal(200, {
			_links: links,
			_embedded: { registrations: slice.map((x) => core.registrationJson(x)) },
			page: { size, number: page, numberOfElements: slice.length, totalElements: all.length, totalPages },
		});
	});

	r.add('GET', '/events/:c/:p/:w/registrations/:rid', (req) => hal(200, core.registrationJson(registration(req))));

	const update = async (reg: Registration, body: Record<string, unknown>): Promise<Res> => {
		const f = parseRegistration(body, false);
		const clash = nameClash(reg.workspace_id, reg.project_id, f.name, reg);
		if (clash) return apiError(409, `A registration named "${f.name}" already exists in this workspace: ${clash.registration_id}`, 'Conflict', { 'x-conflicting-id': clash.registration_id });
		let status: 'verified' | 'accepted' = 'verified';
		let pending: { id: string; challenge: string; url: string } | undefined;
		if (f.webhookUrl && (f.deliveryType === 'webhook' || f.deliveryType === 'webhook_batch')) {
			const outcome = await core.challenge(reg, f.webhookUrl);
			if (outcome.status === 'failed') return apiError(400, `Invalid webhook url ${f.webhookUrl}: ${outcome.reason}`, 'Webhook is invalid');
			status = outcome.status;
			if (outcome.status === 'accepted') pending = outcome.pending;
		} else reg.challenge = { at: new Date(core.clock.now()).toISOString(), mode: 'none', ok: true, detail: 'no webhook' };
		if (!core.registrations.has(reg.registration_id)) throw notFound(`Registration ${reg.registration_id} does not exist`);
		core.cancelTimers(reg);
		reg.name = f.name;
		reg.description = f.description;
		reg.webhook_url = f.webhookUrl;
		reg.runtime_action = f.runtimeAction;
		reg.delivery_type = f.deliveryType;
		reg.events_of_interest = f.events;
		reg.enabled = f.enabled;
		reg.destination_metadata = f.destination;
		reg.subscriber_filters = f.filters;
		reg.webhook_status = status;
		if (pending) core.startValidation(reg, pending);
		if (reg.health !== 'ACTIVE') {
			// Re-enabling after a passed challenge starts a fresh health window (scheduled retries are unaffected).
			reg.health = 'ACTIVE';
			reg.unstableSince = undefined;
			core.resetAttempts(reg);
		}
		reg.updated_date = new Date(core.clock.now()).toISOString();
		return hal(200, core.registrationJson(reg));
	};

	r.add('PUT', '/events/:c/:p/:w/registrations/:rid', async (req) => {
		const reg = registration(req);
		return update(reg, await readJsonObject(req));
	});

	r.add('PATCH', '/events/:c/:p/:w/registrations/:rid', async (req) => {
		const reg = registration(req);
		const ops = await readJson(req);
		const doc = applyPatch(
			{
				name: reg.name,
				description: reg.description ?? '',
				delivery_type: reg.delivery_type,
				events_of_interest: reg.events_of_interest.map((e) => ({ ...e })),
				enabled: reg.enabled,
				...(reg.webhook_url ? { webhook_url: reg.webhook_url } : {}),
				...(reg.runtime_action ? { runtime_action: reg.runtime_action } : {}),
				...(reg.destination_metadata ? { destination_metadata: reg.destination_metadata } : {}),
				...(reg.subscriber_filters.length ? { subscriber_filters: reg.subscriber_filters.map((f) => ({ name: f.name, description: f.description, subscriber_filter: f.subscriber_filter })) } : {}),
			},
			ops,
		);
		return update(reg, doc);
	});

	r.add('DELETE', '/events/:c/:p/:w/registrations/:rid', (req) => {
		core.delete(registration(req));
		return empty(204);
	});

	// ------------------------------------------------------------ subscriber filters
	r.add('GET', '/events/:c/:p/:w/registrations/:rid/filters', (req) => {
		const reg = registration(req);
		return hal(200, { _embedded: { subscriber_filters: reg.subscriber_filters.map(filterJson) } });
	});
	r.add('POST', '/events/:c/:p/:w/registrations/:rid/filters', async (req) => {
		const reg = registration(req);
		const body = await readJsonObject(req);
		if (reg.subscriber_filters.length >= 1) throw bad('A registration can have at most 1 subscriber filter');
		const [f] = parseSubscriberFilters([body], core.clock.now());
		reg.subscriber_filters.push(f);
		return hal(201, filterJson(f));
	});
	const filter = (req: Req): { reg: Registration; f: SubscriberFilter } => {
		const reg = registration(req);
		const f = reg.subscriber_filters.find((x) => x.id === req.params.fid);
		if (!f) throw notFound(`Subscriber filter ${req.params.fid} does not exist`);
		return { reg, f };
	};
	r.add('GET', '/events/:c/:p/:w/registrations/:rid/filters/:fid', (req) => hal(200, filterJson(filter(req).f)));
	r.add('PUT', '/events/:c/:p/:w/registrations/:rid/filters/:fid', async (req) => {
		const { f } = filter(req);
		const body = await readJsonObject(req);
		const [n] = parseSubscriberFilters([body], core.clock.now());
		f.name = n.name;
		f.description = n.description;
		f.subscriber_filter = n.subscriber_filter;
		f.updated_date = n.updated_date;
		return hal(200, filterJson(f));
	});
	r.add('DELETE', '/events/:c/:p/:w/registrations/:rid/filters/:fid', (req) => {
		const { reg, f } = filter(req);
		reg.subscriber_filters = reg.subscriber_filters.filter((x) => x !== f);
		return empty(204);
	});
	r.add('POST', '/events/:c/:p/:w/registrations/:rid/filter/validate', async (req) => {
		registration(req);
		const body = await readJsonObject(req);
		let pattern;
		try {
			pattern = parseFilter(body.subscriber_filter);
		} catch (e) {
			throw bad(`Invalid subscriber filter: ${(e as Error).message}`);
		}
		const samples = Array.isArray(body.sample_events) ? body.sample_events : body.sample_event !== undefined ? [body.sample_event] : [];
		return json(200, { valid: true, ...(samples.length ? { results: samples.map((s) => ({ matches: matches(typeof s === 'string' ? safeParse(s) : s, pattern) })) } : {}) });
	});

	// ------------------------------------------------------------ tracing
	r.add('GET', '/events/organizations/:c/integrations/:cred/tracing/:rid', (req) => {
		const reg = core.registrations.get(req.params.rid);
		if (!reg || reg.consumer_id !== req.params.c || req.params.cred !== core.creds.credentialId) throw notFound(`Registration ${req.params.rid} does not exist`);
		return json(200, core.delivery.tracesOf(reg));
	});

	return r;
}

function safeParse(s: string): unknown {
	try {
		return JSON.parse(s) as unknown;
	} catch {
		return s;
	}
}

function filterJson(f: SubscriberFilter): Record<string, unknown> {
	return { id: f.id, name: f.name, description: f.description ?? '', subscriber_filter: f.subscriber_filter, created_date: f.created_date, updated_date: f.updated_date };
}

function parseSubscriberFilters(raw: unknown, now: number): SubscriberFilter[] {
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) throw bad('subscriber_filters must be an array');
	if (raw.length > 1) throw bad('subscriber_filters can contain at most 1 filter');
	return raw.map((f, i) => {
		if (!f || typeof f !== 'object' || Array.isArray(f)) throw bad(`subscriber_filters[${i}] must be an object`);
		const o = f as Record<string, unknown>;
		const name = str(o, 'name', { required: true, min: 3, max: 80 }) as string;
		const description = str(o, 'description', { max: 250 });
		const filterRaw = o.subscriber_filter;
		if (filterRaw === undefined) throw bad(`subscriber_filters[${i}].subscriber_filter is required`);
		try {
			parseFilter(filterRaw);
		} catch (e) {
			if (e instanceof FilterError) throw bad(`Invalid subscriber filter: ${e.message}`);
			throw e;
		}
		const ts = new Date(now).toISOString();
		return { id: randomUUID(), name, description, subscriber_filter: typeof filterRaw === 'string' ? filterRaw : JSON.stringify(filterRaw), created_date: ts, updated_date: ts };
	});
}

/** RFC 6902 JSON Patch (add / remove / replace / test) over a plain JSON document. */
export function applyPatch(doc: Record<string, unknown>, ops: unknown): Record<string, unknown> {
	if (!Array.isArray(ops)) throw bad('A JSON Patch document (array of operations) is required');
	const out = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
	for (const op of ops) {
		if (!op || typeof op !== 'object') throw bad('Invalid JSON Patch operation');
		const { op: kind, path, value } = op as { op?: unknown; path?: unknown; value?: unknown };
		if (typeof path !== 'string' || !path.startsWith('/')) throw bad('JSON Patch path must be a JSON pointer');
		const keys = path
			.slice(1)
			.split('/')
			.map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
		let parent: unknown = out;
		for (const k of keys.slice(0, -1)) {
			parent = (parent as Record<string, unknown>)?.[k];
			if (parent === undefined || parent === null || typeof parent !== 'object') throw bad(`JSON Patch path ${path} does not exist`);
		}
		const last = keys[keys.length - 1];
		const container = parent as Record<string, unknown> | unknown[];
		switch (kind) {
			case 'add':
			case 'replace':
				if (Array.isArray(container)) {
					const idx = last === '-' ? container.length : Number(last);
					if (!Number.isInteger(idx) || idx < 0 || idx > container.length) throw bad(`JSON Patch index ${last} is out of range`);
					if (kind === 'add') container.splice(idx, 0, value);
					else container[idx] = value;
				} else (container as Record<string, unknown>)[last] = value;
				break;
			case 'remove':
				if (Array.isArray(container)) container.splice(Number(last), 1);
				else delete (container as Record<string, unknown>)[last];
				break;
			case 'test':
				if (JSON.stringify((container as Record<string, unknown>)[last]) !== JSON.stringify(value)) throw new HttpError(apiError(409, `JSON Patch test failed at ${path}`, 'Conflict'));
				break;
			default:
				throw bad(`Unsupported JSON Patch op ${String(kind)}`);
		}
	}
	return out;
}
