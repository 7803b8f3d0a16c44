/**
 * Outage soak (`npm run test:outage`, its fast variant part of `npm test`; the long variant is
 * `OUTAGE_SOAK=1 npm run test:outage`, the positive control `OUTAGE_JOURNAL=off npm run test:outage`):
 * one real n8n with the packed package and the Adobe emulator on its manual clock, the
 * examples/never-miss-an-event.json template, n8n stopped, kept down past Adobe's 24 hours of retries,
 * and killed. Files are `*.outage.ts`, so no other jest run picks them up. Same global setup as the
 * reliability suite (RELIABILITY_SKIP_BUILD=1 / RELIABILITY_TARBALL apply).
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/reliability'],
	testMatch: ['**/*.outage.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/reliability/global-setup.ts',
	maxWorkers: 1,
	testTimeout: 3 * 60 * 60 * 1000,
	slowTestThreshold: 600,
};
