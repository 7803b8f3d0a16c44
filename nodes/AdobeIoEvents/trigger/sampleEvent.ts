/**
 * "Listen for test event": after the test registration exists (created or adopted), ask Adobe for a
 * sample event of one of the chosen event types — detached, once n8n has told the editor it is
 * listening.
 */
import { sleep, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { hasSampleEvent } from '../methods/eventCodes';
import { errorText, httpCodeOf } from '../registrations/errors';
import { adobeApiRequest, adobeApiRequestAllItems } from '../transport';
import type { TriggerSettings } from './registration';

/**
 * How long after the lifecycle hook has returned the sample event is requested.
 *
 * n8n registers the test webhook, runs checkExists/create and only then answers the editor's
 * `POST /rest/workflows/:id/run` with `{ waitingForWebhook: true }`; the editor sets its
 * "Listening for test event" state when that answer arrives. Adobe (and the emulator) deliver a
 * sample at once: requested inside create(), the test execution ran, n8n pushed
 * `testWebhookReceived`/`executionFinished` and tore the test webhook down before the editor had
 * the answer, which then put it back into "Listening…" for good ("Stop Listening" did nothing).
 * So the request runs detached, after this wait: the answer is a few milliseconds of in-memory
 * work plus one local HTTP response away from create()'s return; 3 s is a wide margin that a user
 * watching for the sample hardly notices (Adobe's own delivery takes about as long).
 */
export const SAMPLE_EVENT_DELAY_MS = 3_000;
/** Bounds of the detached sample request (the event metadata lookup, then the POST). */
const SAMPLE_LOOKUP_ATTEMPTS = 2;
const SAMPLE_REQUEST_TIMEOUT_MS = 30_000;

function short(error: unknown): string {
	return errorText(error).slice(0, 200);
}

async function sendSampleEvent(
	fn: IHookFunctions,
	settings: TriggerSettings,
	registrationId: string,
): Promise<void> {
	const provider = encodeURIComponent(settings.providerId);
	let metadata: IDataObject[];
	try {
		metadata = await adobeApiRequestAllItems.call(
			fn,
			{
				method: 'GET',
				path: `/events/providers/${provider}/eventmetadata`,
				retry: { maxAttempts: SAMPLE_LOOKUP_ATTEMPTS },
				timeout: SAMPLE_REQUEST_TIMEOUT_MS,
			},
			'eventmetadata',
		);
	} catch (error) {
		fn.logger.warn(`Adobe I/O Events: could not look up sample events (${short(error)})`);
		return;
	}
	const withSample = metadata.find(
		(m) => settings.eventCodes.includes(String(m.event_code)) && hasSampleEvent(m),
	);
	if (!withSample) {
		fn.logger.info(
			'Adobe I/O Events: none of the chosen event types has a sample event; waiting for a real one',
		);
		return;
	}
	const code = String(withSample.event_code);
	try {
		await adobeApiRequest.call(fn, {
			method: 'POST',
			path: `/events/providers/${provider}/eventmetadata/${encodeURIComponent(code)}/sample_event/${encodeURIComponent(registrationId)}`,
			// Not repeated: a retry after a lost answer would deliver the sample twice.
			retry: { maxAttempts: 1 },
			timeout: SAMPLE_REQUEST_TIMEOUT_MS,
		});
		fn.logger.info(`Adobe I/O Events: asked Adobe to send a sample ${code} event`);
	} catch (error) {
		if (httpCodeOf(error) === '404') {
			// Stopped listening, or a real event ended the test, before the sample was requested.
			fn.logger.info(
				`Adobe I/O Events: no sample event sent; the test registration ${registrationId} is already gone`,
			);
			return;
		}
		fn.logger.warn(`Adobe I/O Events: Adobe did not send a sample event (${short(error)})`);
	}
}

/**
 * For "Listen for test event" (manual mode) with Options → Send Sample Event on: requests a sample
 * event SAMPLE_EVENT_DELAY_MS after the hook returned. Parameters are read now, while n8n holds the
 * workflow for the hook; the detached part only talks to Adobe. Never rejects: failures are logged.
 */
export function requestSampleEventLater(
	fn: IHookFunctions,
	settings: TriggerSettings,
	registrationId: string,
): void {
	if (fn.getMode() !== 'manual') return;
	const options = fn.getNodeParameter('options', {}) as IDataObject;
	if (options.sendSampleEvent === false) return;
	const task = async (): Promise<void> => {
		await sleep(SAMPLE_EVENT_DELAY_MS);
		await sendSampleEvent(fn, settings, registrationId);
	};
	void task().catch((error: unknown) => {
		fn.logger.warn(`Adobe I/O Events: could not request a sample event (${short(error)})`);
	});
}
