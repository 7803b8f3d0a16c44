import { AdobeIoEventsTrigger } from '../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';

describe('AdobeIoEventsTrigger description', () => {
	it('lists the webhook whose hooks create the Adobe registration last, so every path is live when Adobe sends its challenge', () => {
		// n8n (2.x publication and 1.x activation, live and test webhooks) stores a node's webhooks one
		// after another in description order and runs checkExists/create while storing the webhook whose
		// name has webhookMethods. Adobe's challenge (GET) and async validation (POST) go to the path of
		// the chosen Acknowledge mode, so both paths must be stored before that.
		const node = new AdobeIoEventsTrigger();
		const webhooks = node.description.webhooks ?? [];
		const withHooks = webhooks.map((w) => w.name in node.webhookMethods);
		expect(withHooks.filter(Boolean)).toHaveLength(1);
		expect(withHooks[withHooks.length - 1]).toBe(true);
		expect(new Set(webhooks.map((w) => `${w.httpMethod} ${w.path}`)).size).toBe(4);
	});
});
