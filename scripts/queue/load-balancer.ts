/* eslint-disable @n8n/community-nodes/no-restricted-imports -- harness code: runs outside n8n (tests): an HTTP reverse proxy on node:http */
/**
 * The reverse proxy a queue-mode deployment puts in front of n8n, on 127.0.0.1: `/webhook/*` (production
 * webhooks) round-robin to the webhook processors, everything else (`/webhook-test/*`, `/webhook-waiting/*`,
 * `/form*`, the editor and APIs) to the main process. The webhook base URL (N8N_WEBHOOK_URL; WEBHOOK_URL on n8n 1.x) points here, so Adobe calls the
 * same public base URL for production and test registrations, as in a real installation.
 *
 * Bodies and headers are streamed through unchanged (signatures cover the exact bytes). A client that hangs up
 * before the answer makes the proxy close the upstream connection (nginx's default).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface LoadBalancer {
	url: string;
	port: number;
	/** Adds a webhook processor (base URL) to the `/webhook/*` rotation. */
	addWebhookTarget(baseUrl: string): void;
	/** How many requests each target received (by base URL). */
	counts(): Record<string, number>;
	close(): Promise<void>;
}

export async function startLoadBalancer(options: { mainUrl: string; webhookUrls: string[]; port?: number }): Promise<LoadBalancer> {
	const webhookTargets = [...options.webhookUrls];
	const counts = new Map<string, number>();
	let next = 0;

	const pick = (path: string): string => {
		if (path.startsWith('/webhook/') && webhookTargets.length > 0) {
			const target = webhookTargets[next % webhookTargets.length];
			next++;
			return target;
		}
		return options.mainUrl;
	};

	const forward = (req: IncomingMessage, res: ServerResponse): void => {
		const base = pick(req.url ?? '/');
		counts.set(base, (counts.get(base) ?? 0) + 1);
		const target = new URL(req.url ?? '/', base);
		const upstream = request(
			{
				host: target.hostname,
				port: target.port,
				path: `${target.pathname}${target.search}`,
				method: req.method,
				headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1' },
			},
			(upstreamRes) => {
				res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
				upstreamRes.pipe(res);
			},
		);
		upstream.on('error', () => {
			if (res.destroyed) return;
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
			res.end('{"message":"upstream unavailable"}');
		});
		// The client gave up (Adobe's 10 s): close the upstream connection too, as nginx does by default
		// (proxy_ignore_client_abort off) — n8n then sees the connection close before its answer.
		res.once('close', () => {
			if (!res.writableFinished) upstream.destroy();
		});
		req.pipe(upstream);
	};

	const server: Server = createServer(forward);
	server.keepAliveTimeout = 5000;
	const port = await new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			const address = server.address();
			resolve(typeof address === 'object' && address ? address.port : 0);
		});
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		addWebhookTarget: (baseUrl) => {
			webhookTargets.push(baseUrl);
		},
		counts: () => Object.fromEntries(counts),
		close: async () =>
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
