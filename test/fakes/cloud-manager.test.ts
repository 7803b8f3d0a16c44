/**
 * The examples E2E's Cloud Manager API (scripts/n8n/fakes/cloud-manager.ts): Cloud Manager's headers
 * checked in its order (token, API key, organization), an execution in the API's shape, 404 for others.
 */
import { startCloudManagerFake, type CloudManagerFake } from '../../scripts/n8n/fakes/cloud-manager';

const CLIENT = 'client-1';
const ORG = 'ORG1@AdobeOrg';

describe('Cloud Manager API fake', () => {
	let fake: CloudManagerFake;
	const get = async (path: string, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> => {
		const response = await fetch(`${fake.url}${path}`, { headers });
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const good = { authorization: 'Bearer issued', 'x-api-key': CLIENT, 'x-gw-ims-org-id': ORG };
	const path = '/api/program/41822/pipeline/7730915/execution/1046';

	beforeAll(async () => {
		fake = await startCloudManagerFake({ clientId: CLIENT, imsOrgId: ORG, isValidToken: (t) => t === 'issued' });
		fake.setExecution({ programId: '41822', pipelineId: '7730915', executionId: '1046', status: 'FAILED', steps: [{ action: 'build', status: 'FINISHED' }, { action: 'codeQuality', status: 'FAILED' }] });
	});
	afterAll(async () => {
		await fake.close();
	});

	it('wants an IMS token, the API key and the organization, in that order', async () => {
		expect((await get(path, { ...good, authorization: 'Bearer forged' })).status).toBe(401);
		expect((await get(path, { ...good, 'x-api-key': 'other' })).status).toBe(403);
		expect((await get(path, { ...good, 'x-gw-ims-org-id': 'OTHER@AdobeOrg' })).body).toMatchObject({ title: 'Organization not found' });
	});

	it('answers an execution it knows in the API’s shape, 404 for any other', async () => {
		const { status, body } = await get(path, good);
		expect(status).toBe(200);
		expect(body).toMatchObject({ id: '1046', programId: '41822', pipelineId: '7730915', status: 'FAILED', trigger: 'MANUAL' });
		expect((body._embedded as { stepStates: Array<{ action: string; status: string }> }).stepStates.map((s) => [s.action, s.status])).toEqual([
			['build', 'FINISHED'],
			['codeQuality', 'FAILED'],
		]);
		expect((await get('/api/program/41822/pipeline/7730915/execution/9', good)).status).toBe(404);
		expect(fake.requests.map((r) => r.status)).toEqual([401, 403, 403, 200, 404]);
	});
});
