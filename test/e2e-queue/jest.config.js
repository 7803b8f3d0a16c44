/**
 * Queue-mode end-to-end suite (`npm run test:e2e:queue`): Postgres + Redis from Debian packages, n8n
 * 2.40.7 main + webhook processor + 2 workers (scripts/queue/queue-stack.ts), this package installed
 * for each, the emulator beside them. Not part of the default jest run (its files end in .e2e.ts, which the unit jest config does not match).
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e-queue/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	maxWorkers: 1,
	testTimeout: 240000,
	slowTestThreshold: 120,
};
