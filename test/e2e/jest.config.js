/**
 * Real-n8n end-to-end suite (`npm run test:e2e`): starts Node 24 + n8n 2.40.7 from the cache
 * (filled on first use), installs the packed package as a community package and drives n8n through
 * its public API and the emulator's control API. Not part of the default jest run (jest.config.js
 * ignores test/e2e/). Files run one after another: each starts its own n8n, and the machine has 2 cores.
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	maxWorkers: 1,
	testTimeout: 240000,
	slowTestThreshold: 60,
};
