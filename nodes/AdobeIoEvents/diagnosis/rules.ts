/**
 * Registration → Diagnose: why events stop arriving, as a verdict a no-code user can act on. A pure
 * table of rules over facts gathered from Adobe (the registration and its delivery traces) and from
 * this n8n (its webhook base URL). The first rule that applies is the verdict; observations that hold
 * besides it become findings. No n8n runtime calls, no clock: every time is taken from the traces.
 */
import { isPushDelivery } from '../registrations/model';
import { codesText, gatherFacts, type DiagnosisInput, type Facts } from './facts';
import type { DeliveryTrace } from './traces';
import { PUBLIC_URL_SETTING, REACH_WORDS } from './webhookUrl';

export { causeOf } from './causes';
export {
	HEALTH_WINDOW_MS,
	LAST_CODES,
	deliveryStats,
	failureCause,
	gatherFacts,
	type DeliveryStats,
	type DiagnosisInput,
	type Facts,
	type FailureCause,
} from './facts';

export type Severity = 'ok' | 'info' | 'warning' | 'error';

export type VerdictId =
	| 'awaiting_validation'
	| 'disabled'
	| 'switched_off'
	| 'no_webhook'
	| 'unstable'
	| 'failing'
	| 'no_deliveries'
	| 'recovered'
	| 'healthy';

export interface Rule {
	id: VerdictId;
	severity: Severity;
	/** Adobe Developer Console's wording of the state */
	status: (f: Facts) => string;
	when: (f: Facts) => boolean;
	summary: (f: Facts) => string;
	action: (f: Facts) => string;
}

export interface Diagnosis {
	verdict: VerdictId;
	severity: Severity;
	status: string;
	summary: string;
	action: string;
	findings: string[];
	facts: Facts;
}

const RECOVER =
	'Events of the last 7 days stay in the registration’s journal: read what was missed with Journal → Get Events or the Journal Trigger.';

/** `1 delivery`, `12 deliveries`, `3 failed deliveries` */
function countDeliveries(n: number, adjective = ''): string {
	return `${n} ${adjective ? `${adjective} ` : ''}${n === 1 ? 'delivery' : 'deliveries'}`;
}

/** The response codes of `traces` as `200` or `200, 204` (distinct, ascending). */
function distinctCodes(traces: DeliveryTrace[]): string {
	const codes = [
		...new Set(traces.map((t) => t.responseCode).filter((c): c is number => c !== null)),
	];
	return codes.sort((a, b) => a - b).join('/') || 'without a response code';
}

const isPush = (f: Facts): boolean => isPushDelivery(f.deliveryType);

/** `; the last 5 answers were 401 (signature check failed) — a proxy …` */
function causeClause(f: Facts): string {
	const c = f.cause;
	if (!c) return '';
	if (c.run > 0) {
		const answers = c.run === 1 ? 'the last answer was' : `the last ${c.run} answers were`;
		const label = c.runCodes === String(c.code) ? c.label : `${c.runCodes} (mostly ${c.label})`;
		return `; ${answers} ${label} — ${c.explanation}`;
	}
	return `; most failures were ${c.label} — ${c.explanation}`;
}

function unknownCause(f: Facts): string {
	if (!f.tracesRead)
		return ` Its delivery traces could not be read (${f.tracesUnavailable || 'unknown reason'}), so the cause is not known.`;
	return '';
}

/** The rules, in order: the first that applies is the verdict. */
export const RULES: readonly Rule[] = [
	{
		id: 'awaiting_validation',
		severity: 'warning',
		status: () => 'Awaiting validation',
		when: (f) => isPush(f) && f.health === 'pending',
		summary: () =>
			'Adobe is waiting for this webhook to be validated: the webhook did not echo Adobe’s challenge, so Adobe posted a validation URL that must be opened within 5 minutes, or the registration is disabled. Until then nothing is delivered.',
		action: () =>
			'Open the validationUrl Adobe posted to the webhook (n8n’s Watch Events trigger does this by itself), or make the webhook answer GET ?challenge=… with the challenge value and save the registration again (Registration → Update).',
	},
	{
		id: 'disabled',
		severity: 'error',
		status: () => 'Disabled',
		when: (f) => f.adobeDisabled,
		summary: (f) => {
			const failedValidation = f.validations.find((v) => !v.success);
			if (f.stats.failed > 0) {
				return `Adobe disabled this registration after ${countDeliveries(f.stats.last24h.failed, 'failed')} in 24 h${causeClause(f)}. New events are not delivered.`;
			}
			if (failedValidation && failedValidation === f.validations[0]) {
				return `Adobe disabled this registration: its webhook did not pass Adobe’s validation (the last validation request was answered ${failedValidation.responseCode ?? 'without a code'} — ${failedValidation.meaning}).`;
			}
			return `Adobe disabled this registration (status “${f.webhookStatus}”)${f.tracesRead ? '; no failed delivery is left in its traces (7 days)' : ''}. New events are not delivered.${unknownCause(f)}`;
		},
		action: (f) =>
			`${f.cause ? `${f.cause.action} ` : ''}Then turn the registration on again: Registration → Enable${f.url.n8nKind ? ', or unpublish and publish the workflow again, n8n 1.x: deactivate and activate (the Watch Events trigger re-enables its registration)' : ''}. ${RECOVER}`,
	},
	{
		id: 'switched_off',
		severity: 'warning',
		status: () => 'Switched off',
		when: (f) => !f.enabled,
		summary: () =>
			'This registration is switched off (enabled: false): Adobe delivers none of its events — someone disabled it in Adobe Developer Console or through the API.',
		action: () => `Turn it on with Registration → Enable. ${RECOVER}`,
	},
	{
		id: 'no_webhook',
		severity: 'info',
		status: () => 'Active',
		when: (f) => !isPush(f),
		summary: (f) =>
			f.deliveryType === 'journal'
				? 'This registration has no webhook (delivery type: journal): its events are not pushed anywhere, they wait in its journal for 7 days.'
				: f.deliveryType === 'aws_eventbridge'
					? 'This registration delivers to Amazon EventBridge: Adobe keeps no webhook traces for it.'
					: `This registration’s delivery type is “${f.deliveryType}”: Adobe keeps no webhook traces for it.`,
		action: (f) =>
			f.deliveryType === 'aws_eventbridge'
				? 'Check the partner event source and the event bus rules in the AWS console (account and region are in the registration’s destination_metadata).'
				: 'Read its events with the Adobe I/O Events Journal Trigger or Journal → Get Events.',
	},
	{
		id: 'unstable',
		severity: 'warning',
		status: () => 'Unstable',
		when: (f) => f.health === 'unstable',
		summary: (f) =>
			f.stats.total
				? `Adobe marked this registration unstable: ${f.stats.last24h.failed} of ${countDeliveries(f.stats.last24h.total)} in 24 h failed${causeClause(f)}. Adobe keeps delivering for now, but disables the registration if the failures go on.`
				: `Adobe marked this registration unstable (most deliveries of the last 24 h failed). Adobe keeps delivering for now, but disables the registration if the failures go on.${unknownCause(f)}`,
		action: (f) =>
			`${f.cause ? `${f.cause.action} ` : ''}Events whose delivery got an answer Adobe does not retry (4xx) are dropped. ${RECOVER}`,
	},
	{
		id: 'failing',
		severity: 'error',
		status: () => 'Active',
		when: (f) => f.stats.total > 0 && !f.deliveries[0].success,
		summary: (f) =>
			`Deliveries are failing${causeClause(f)
				.replace(/^; the/, ': the')
				.replace(
					/^; most/,
					': most',
				)}. Adobe marks the registration unstable, then disables it, when 80 % of at least 10 attempts in 24 h fail.`,
		action: (f) =>
			`${f.cause?.action ?? 'Check the webhook.'} ${f.stats.notRetried ? RECOVER : 'Adobe retries these deliveries for 24 h.'}`,
	},
	{
		id: 'no_deliveries',
		severity: 'warning',
		status: () => 'Active',
		when: (f) => f.tracesRead && f.stats.total === 0,
		summary: () =>
			'Adobe has not delivered any event to this webhook recently: there is no delivery in its traces (Adobe keeps the last 100 for 7 days). The registration itself is active.',
		action: (f) =>
			`Check that the Adobe product really emits the subscribed event types (${f.eventCodes.join(', ') || 'none'}) for this organization${f.hasFilter ? ' and that the subscriber filter lets them through' : ''}; send a test delivery with Sample Event → Send.`,
	},
	{
		id: 'recovered',
		severity: 'ok',
		status: () => 'Active',
		when: (f) => f.stats.failed > 0 && f.deliveries[0]?.success === true,
		summary: (f) => {
			let ok = 0;
			while (ok < f.deliveries.length && f.deliveries[ok].success) ok++;
			return `Healthy now: the last ${countDeliveries(ok)} succeeded; ${f.stats.failed} of ${f.stats.total} in Adobe’s traces failed earlier (${codesText(f.deliveries.filter((t) => !t.success).map((t) => t.responseCode ?? 0))}).`;
		},
		action: (f) =>
			f.stats.notRetried
				? `Nothing to do now. ${RECOVER}`
				: 'Nothing to do: Adobe retried the failed deliveries.',
	},
	{
		id: 'healthy',
		severity: 'ok',
		status: () => 'Active',
		when: () => true,
		summary: (f) =>
			f.tracesRead
				? `Healthy: ${countDeliveries(f.stats.total)}, all ${distinctCodes(f.deliveries)}.`
				: `Active (status “${f.webhookStatus || 'verified'}”, enabled).${unknownCause(f)}`,
		action: (f) =>
			f.tracesRead
				? 'Nothing to do.'
				: 'Fill in the credential’s Credential ID so Diagnose can read the delivery traces.',
	},
];

/** What the webhook URL's host and scheme mean for Adobe (Production/Stage; the policy is webhookUrl.ts). */
function reachFindings(f: Facts): string[] {
	const { reach, host, https, n8nKind } = f.url;
	const fix = n8nKind
		? `set ${PUBLIC_URL_SETTING} to n8n’s public HTTPS address and publish (n8n 1.x: activate) the workflow again`
		: '';
	if (reach === null) return [`Adobe delivers only to public HTTPS URLs, and ${f.webhookUrl} is not a URL.`];
	if (reach !== 'public') {
		return [
			`Adobe cannot reach ${f.webhookUrl}: ${host} is ${REACH_WORDS[reach]}${fix ? `. To fix it, ${fix}; without a public address, use the Adobe I/O Events Journal Trigger` : ''}.`,
		];
	}
	if (!https) {
		return [
			`${f.webhookUrl} uses http://: Adobe’s documentation asks for webhooks reachable over HTTPS, and Adobe may refuse or stop delivering to it${fix ? `; ${fix}` : ''}.`,
		];
	}
	return [];
}

/** Observations that hold besides the verdict. */
export function findingsOf(f: Facts): string[] {
	const findings: string[] = [];
	if (!f.tracesRead && f.tracesUnavailable)
		findings.push(`Delivery traces were not read: ${f.tracesUnavailable}`);
	if (isPush(f) && f.webhookUrl) {
		if (f.url.thisInstance && f.url.n8nKind === 'production')
			findings.push(
				'The webhook URL is this n8n’s production webhook URL: it answers only while its workflow is published (n8n 1.x: active).',
			);
		if (f.url.thisInstance && f.url.n8nKind === 'test')
			findings.push(
				'This is a “Listen for test event” registration of this n8n (…/webhook-test/…): n8n answers it only while the editor is listening and deletes it when the test ends. If no test is running, delete it (Registration → Delete).',
			);
		if (!f.url.thisInstance && f.url.n8nKind && f.instanceBaseUrl)
			findings.push(
				`The webhook URL looks like an n8n webhook on ${f.url.origin || f.webhookUrl}, but this n8n’s base URL is ${f.instanceBaseUrl.replace(/\/+$/, '')}. If its workflow runs on this n8n, set ${PUBLIC_URL_SETTING} to the public address Adobe should call and publish (n8n 1.x: activate) the workflow again.`,
			);
		if (f.environment !== 'custom') findings.push(...reachFindings(f));
	}
	const lastValidation = f.validations[0];
	if (lastValidation && !lastValidation.success)
		findings.push(
			`Adobe’s last validation request (challenge) was answered ${lastValidation.responseCode ?? 'without a code'} — ${lastValidation.meaning}.`,
		);
	if (f.stats.notRetried > 0)
		findings.push(
			`${countDeliveries(f.stats.notRetried, 'failed')} got an answer Adobe does not retry (anything but 429, 5xx and 6xx): their events were dropped — they are still in the journal for 7 days.`,
		);
	return findings;
}

/** The diagnosis: the first rule that applies, plus the findings. */
export function diagnose(input: DiagnosisInput): Diagnosis {
	const facts = gatherFacts(input);
	const rule = RULES.find((r) => r.when(facts)) ?? RULES[RULES.length - 1];
	return {
		verdict: rule.id,
		severity: rule.severity,
		status: rule.status(facts),
		summary: rule.summary(facts),
		action: rule.action(facts),
		findings: findingsOf(facts),
		facts,
	};
}
