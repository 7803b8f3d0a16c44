/**
 * The memory benchmark's verdict (judgeMemory in scripts/n8n/perf.ts, used as-is by scripts/bench-memory.ts) on
 * crafted checkpoints: heap growth over its bound fails, and so does growth at every checkpoint that adds up —
 * even with RSS falling, which is what the RSS-only check used to miss.
 */
import { judgeMemory } from '../../scripts/n8n/perf';

const LIMITS = { maxRssGrowthMb: 30, maxHeapGrowthMb: 5, monotoneMinTotalMb: 0.5 };
const at = (rss: number, heap: number) => ({ rss_mb: rss, heap_mb: heap });

describe('judgeMemory', () => {
	it('flat heap with noise passes', () => {
		const cps = [at(700, 190.4), at(702, 190.6), at(699, 190.5), at(705, 190.9), at(701, 190.7), at(703, 190.8)];
		const v = judgeMemory(cps, at(703, 190.8), LIMITS);
		expect(v.checks).toEqual({ rss_growth_under_limit: true, heap_growth_under_limit: true, heap_not_monotone: true });
		expect(v.heapStepsMb).toEqual([0.2, -0.1, 0.4, -0.2, 0.1]);
	});

	it('heap growth over the bound fails although RSS fell by 200 MB', () => {
		const cps = [at(860, 190), at(700, 192), at(650, 196), at(640, 191), at(630, 197), at(628, 197)];
		const v = judgeMemory(cps, at(628, 197), LIMITS);
		expect(v.checks.rss_growth_under_limit).toBe(true);
		expect(v.checks.heap_growth_under_limit).toBe(false);
	});

	it('growth at every checkpoint fails even under the bound; one flat step or a tiny total does not', () => {
		const leak = [at(700, 190), at(700, 190.3), at(700, 190.6), at(700, 190.9), at(700, 191.2), at(700, 191.5)];
		expect(judgeMemory(leak, at(700, 191.5), LIMITS).checks).toEqual({
			rss_growth_under_limit: true,
			heap_growth_under_limit: true,
			heap_not_monotone: false,
		});
		const flatOnce = [at(700, 190), at(700, 190.3), at(700, 190.6), at(700, 190.6), at(700, 190.9), at(700, 191.2)];
		expect(judgeMemory(flatOnce, at(700, 191.2), LIMITS).heapMonotone).toBe(false);
		const tiny = [at(700, 190), at(700, 190.1), at(700, 190.2), at(700, 190.3), at(700, 190.4)];
		expect(judgeMemory(tiny, at(700, 190.4), LIMITS).heapMonotone).toBe(false);
	});

	it('RSS growth over its limit fails', () => {
		expect(judgeMemory([at(700, 190), at(740, 190)], at(740, 190), LIMITS).checks.rss_growth_under_limit).toBe(false);
	});
});
