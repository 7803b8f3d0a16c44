/**
 * Outage soak (`npm run test:outage`, its fast variant part of `npm test`; the long variant is
 * `OUTAGE_SOAK=1 npm run test:outage`, the positive control `OUTAGE_JOURNAL=off npm run test:outage`):
 * one real n8n with the packed package and the Adobe emulator on its manual clock, the
 * examples/never-miss-an-event.json template, n8n stopped, kept down past Adobe's 24 hours of retries,
 * and killed. Files are `*.outage.ts`, so no other jest run picks them up. Otherwise as the crash soak
 * (same global setup: RELIABILITY_SKIP_BUILD=1 / RELIABILITY_TARBALL apply).
 */
const crash = require('./jest.crash.config.js');

module.exports = { ...crash, testMatch: ['**/*.outage.ts'], slowTestThreshold: 600 };
