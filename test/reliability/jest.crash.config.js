/**
 * Crash soak (`npm run test:crash`, part of `npm test`; the long variant is `CRASH_SOAK=1 npm run
 * test:crash`): one real n8n 2.40.7 with the packed package and the Adobe emulator, killed (SIGKILL)
 * and stopped (SIGTERM) at random points while Adobe delivers a stream of events, in both
 * Acknowledge modes. Files are `*.crash.ts`, so neither the default jest run nor
 * `npm run test:reliability` picks them up. Same global setup as the reliability suite
 * (RELIABILITY_SKIP_BUILD=1 / RELIABILITY_TARBALL apply).
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/reliability'],
	testMatch: ['**/*.crash.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/reliability/global-setup.ts',
	maxWorkers: 1,
	// the test sets its own limit from its sizes (crash-soak.crash.ts TEST_TIMEOUT_MS: fast ≈ 19 min, long ≈ 45 min)
	testTimeout: 60 * 60 * 1000,
	slowTestThreshold: 300,
};
