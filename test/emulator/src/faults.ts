/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: the emulator runs outside n8n and needs timers */
/**
 * Fault injection: the next N requests of a service (or delivery attempts) fail in a chosen way.
 */
import type { Req, Res } from './http';
import { errorFor, gatewayError, oauthError, text, apiError } from './http';

export type FaultTarget = 'ims' | 'api' | 'keys' | 'ingress' | 'journal' | 'deliveries';
export type DeliveryMode = 'bad_signature' | 'wrong_recipient' | 'key_path_off_host' | 'hmac_mismatch';
export const FAULT_TARGETS: FaultTarget[] = ['ims', 'api', 'keys', 'ingress', 'journal', 'deliveries'];
export const DELIVERY_MODES: DeliveryMode[] = ['bad_signature', 'wrong_recipient', 'key_path_off_host', 'hmac_mismatch'];

export interface Fault {
	id: number;
	target: FaultTarget;
	status?: number;
	/** Hold the request this many ms, then drop the connection (no response). For deliveries: the attempt times out. */
	timeoutMs?: number;
	mode?: DeliveryMode;
	remaining: number;
	retryAfter?: number;
	/** Only requests whose path contains this string (service faults) or this registration (deliveries). */
	match?: string;
	registrationId?: string;
}

export const MAX_FAULTS = 1000;

export class Faults {
	private list: Fault[] = [];
	private seq = 0;
	private holds = new Set<ReturnType<typeof setTimeout>>();

	add(f: Omit<Fault, 'id'>): Fault {
		if (this.list.length >= MAX_FAULTS) throw new Error(`at most ${MAX_FAULTS} faults can be queued`);
		const fault = { ...f, id: ++this.seq };
		this.list.push(fault);
		return fault;
	}

	all(): Fault[] {
		return this.list.map((f) => ({ ...f }));
	}

	clear(): void {
		this.list = [];
		for (const h of this.holds) clearTimeout(h);
		this.holds.clear();
	}

	/** Consumes one matching fault (first queued first). */
	take(target: FaultTarget, path?: string, registrationId?: string): Fault | undefined {
		const idx = this.list.findIndex(
			(f) =>
				f.target === target &&
				(!f.match || (path ?? '').includes(f.match)) &&
				(!f.registrationId || f.registrationId === registrationId),
		);
		if (idx < 0) return undefined;
		const f = this.list[idx];
		f.remaining -= 1;
		if (f.remaining <= 0) this.list.splice(idx, 1);
		return { ...f };
	}

	/** Applies a service fault to an HTTP request, or returns undefined. */
	apply(target: Exclude<FaultTarget, 'deliveries'>, req: Req): Res | 'hang' | undefined {
		const f = this.take(target, req.path);
		if (!f) return undefined;
		if (f.timeoutMs !== undefined) {
			const h = setTimeout(() => {
				this.holds.delete(h);
				req.raw.socket.destroy();
			}, f.timeoutMs);
			h.unref?.();
			this.holds.add(h);
			return 'hang';
		}
		const status = f.status ?? 500;
		const headers: Record<string, string> = {};
		if (status === 429 || status === 503) headers['retry-after'] = String(f.retryAfter ?? 1);
		const reason = `Injected fault: ${status}`;
		switch (target) {
			case 'ims':
				return status === 401
					? oauthError(401, 'invalid_client', reason)
					: { ...oauthError(status, status >= 500 ? 'server_error' : 'invalid_request', reason), headers: { 'content-type': 'application/json;charset=UTF-8', ...headers } };
			case 'keys':
				return text(status, reason, headers);
			case 'api':
			case 'journal':
			case 'ingress':
				if (status === 401) return gatewayError(401, '401013', 'Oauth token is not valid', headers);
				if (status === 403) return gatewayError(403, '403003', 'Api Key is invalid', headers);
				if (status === 429) return gatewayError(429, '429050', 'Too many requests', headers);
				return { ...apiError(status, reason), headers: { 'content-type': 'application/json;charset=UTF-8', ...headers } };
			default:
				return errorFor('api', status, reason);
		}
	}
}
