/**
 * Registration → Diagnose: what a failing response code means for a registration — in n8n's terms
 * when its URL is an n8n webhook — and what to do about it (pure).
 */
import { meaningOf } from './traces';
import { PUBLIC_URL_SETTING, type WebhookUrlFacts } from './webhookUrl';

export interface CauseText {
	label?: string;
	explanation: string;
	action: string;
}

/** What a failing response code means for this registration, and what to do about it. */
export function causeOf(code: number, url: WebhookUrlFacts): CauseText {
	const n8n = url.n8nKind !== null;
	switch (code) {
		case 401:
			return n8n
				? {
						label: '401 (signature check failed)',
						explanation:
							'a proxy in front of n8n is probably changing the body (Adobe signs the exact bytes), or the Watch Events trigger’s credential belongs to another Adobe project than this registration',
						action:
							'Make the proxy in front of n8n pass the request body through unchanged (no re-encoding or JSON re-formatting) and check that the trigger’s credential has the Client ID of the project this registration belongs to.',
					}
				: {
						label: '401 (unauthorized)',
						explanation: 'the webhook refuses Adobe’s requests as unauthorized',
						action:
							'Check the webhook’s authentication or signature check: Adobe sends no credentials, only its signatures.',
					};
		case 403:
			return {
				label: '403 (forbidden)',
				explanation:
					'a firewall, WAF or an authentication proxy in front of the webhook refuses Adobe',
				action:
					'Let unauthenticated POST requests from Adobe reach the webhook URL (Adobe calls from changing cloud addresses; its signatures protect the webhook).',
			};
		case 404:
		case 410:
			if (url.n8nKind === 'test')
				return {
					label: `${code} (nobody listening)`,
					explanation: 'nobody is listening for a test event at this n8n test URL',
					action:
						'This is a “Listen for test event” registration: delete it (Registration → Delete); publishing the workflow creates its own production registration.',
				};
			if (n8n)
				return {
					label: `${code} (not found)`,
					explanation: 'the workflow is not published (n8n 1.x: not active), so n8n has no webhook at this URL',
					action:
						'Publish (n8n 1.x: activate) the workflow that owns this URL — n8n registers its webhook when the workflow goes live — or delete this registration if that workflow is gone.',
				};
			return {
				label: `${code} (not found)`,
				explanation: 'nothing listens at this URL',
				action:
					'Fix the webhook URL of the registration (Registration → Update) or bring the webhook back.',
			};
		case 413:
			return {
				label: '413 (payload too large)',
				explanation:
					'the webhook or a proxy refuses bodies this large (Adobe sends up to 2 MB per batch)',
				action:
					'Raise the body size limit of the proxy (e.g. client_max_body_size) and of n8n (N8N_PAYLOAD_SIZE_MAX).',
			};
		case 429:
			return {
				label: '429 (throttled)',
				explanation: 'the webhook throttles Adobe',
				action:
					'Raise the rate limit for Adobe’s requests, or switch to batch delivery (Webhook (Batch)) to send fewer requests.',
			};
		case 500:
			return {
				label: '500 (server error)',
				explanation: n8n
					? 'n8n failed while accepting the request'
					: 'the webhook fails while handling the request',
				action: n8n
					? 'Look at n8n’s log around these times; Adobe retries these deliveries for 24 h.'
					: 'Look at the webhook’s log around these times; Adobe retries these deliveries for 24 h.',
			};
		case 502:
		case 504:
			return {
				label: `${code} (proxy)`,
				explanation: `a proxy in front of ${n8n ? 'n8n' : 'the webhook'} could not reach it or gave up waiting`,
				action: `Check that ${n8n ? 'n8n' : 'the webhook'} is running and that the proxy forwards to it; Adobe retries for 24 h.`,
			};
		case 503:
			return {
				label: '503 (unavailable)',
				explanation: n8n
					? 'n8n could not check the signatures (Adobe’s public-key host static.adobeioevents.com unreachable) or is starting or overloaded'
					: 'the webhook is unavailable',
				action: n8n
					? 'Allow n8n outbound HTTPS to static.adobeioevents.com and check that it is running normally; Adobe retries for 24 h.'
					: 'Bring the webhook back up; Adobe retries for 24 h.',
			};
		case 601:
			return {
				label: '601 (Adobe client error)',
				explanation: 'Adobe hit an unexpected error while sending',
				action:
					'Wait for Adobe’s retries; if it persists, contact Adobe support with these traces.',
			};
		case 602:
			return {
				label: '602 (unreachable)',
				explanation: `Adobe could not connect to the URL: ${n8n ? 'n8n is down or ' : 'the webhook is down, '}the host name does not resolve, or a firewall blocks Adobe`,
				action: n8n
					? `Make sure n8n runs and is reachable from the internet at this URL (set ${PUBLIC_URL_SETTING} to its public HTTPS address).`
					: 'Make sure the webhook runs and is reachable from the internet at this URL.',
			};
		case 604:
			return {
				label: '604 timeouts',
				explanation: 'the webhook took longer than the 10 s Adobe waits',
				action: n8n
					? 'Answer faster or use batch delivery: a Webhook node must respond immediately, not when the last node finishes (the Watch Events trigger answers at once); on a busy n8n, Webhook (Batch) delivery sends fewer, larger requests.'
					: 'Answer faster (acknowledge first, work afterwards) or use batch delivery (Webhook (Batch)).',
			};
		case 611:
			return {
				label: '611 (TLS handshake failed)',
				explanation:
					'the certificate of the host is invalid, self-signed or expired (or mutual TLS failed)',
				action: 'Serve a valid public certificate (e.g. Let’s Encrypt) for the webhook host.',
			};
		default:
			if (code >= 300 && code < 400)
				return {
					label: `${code} (redirect)`,
					explanation: 'the URL redirects, and Adobe does not follow redirects',
					action:
						'Register the final URL (for example https:// instead of http://, or with the trailing path the server redirects to).',
				};
			if (code >= 400 && code < 500)
				return {
					explanation: `the webhook refuses Adobe’s requests (${meaningOf(code)})`,
					action: 'Make the webhook accept POST requests with Adobe’s JSON (CloudEvents) body.',
				};
			return {
				explanation: meaningOf(code).replace(/^./, (c) => c.toLowerCase()),
				action: 'Check the webhook; Adobe retries 5xx answers and timeouts for 24 h.',
			};
	}
}

