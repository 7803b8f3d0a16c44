/**
 * Reliability and security suite (`npm run test:reliability`, part of `npm test`; the long
 * variant is `npm run test:soak`, which sets RELIABILITY_SOAK=1). Files are `*.reliability.ts`
 * so the default jest run (jest.config.js, `*.test.ts`) does not pick them up.
 *
 * - handler-fuzz.reliability.ts: property-based fuzz of webhook() in-process (real n8n-core
 *   WebhookContext, real RSA keys, real HTTP key host).
 * - real-n8n.reliability.ts: ONE real n8n 2.40.7 (Node 24) with the packed package and the Adobe
 *   emulator: bad-delivery matrix, HTTP fuzz, fault injection with Adobe's retry rules, lifecycle
 *   churn, and a secret scan of every captured log line, error and item.
 *
 * Runs one file at a time (2 cores, and each real-n8n file starts its own n8n).
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/reliability'],
	testMatch: ['**/*.reliability.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/reliability/global-setup.ts',
	maxWorkers: 1,
	testTimeout: 600000,
	slowTestThreshold: 120,
};
