/**
 * Browser UI suite (`npm run test:ui`): Debian's Chromium driven by playwright-core against the real
 * n8n 2.40.7 + emulator stack of the end-to-end harness (scripts/n8n/stack.ts). Not part of the
 * default jest run (jest.config.js ignores test/ui/). One n8n, one browser, steps in order.
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/ui/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 60,
};
