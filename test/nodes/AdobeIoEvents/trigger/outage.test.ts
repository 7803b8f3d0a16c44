import type { DeliveryTrace } from '../../../../nodes/AdobeIoEvents/diagnosis/traces';
import { formatDuration, outageWindow } from '../../../../nodes/AdobeIoEvents/trigger/outage';

const trace = (
	timeMs: number,
	success: boolean,
	kind: DeliveryTrace['kind'] = 'delivery',
): DeliveryTrace =>
	({ timeMs, time: new Date(timeMs).toISOString(), success, kind }) as DeliveryTrace;
const H = 3_600_000;

describe('how long Adobe did not deliver (outage report)', () => {
	it('from the newest successful delivery to the re-enabling update, on Adobe’s clock', () => {
		const traces = [
			trace(10 * H, false),
			trace(2 * H, true),
			trace(1 * H, true),
			trace(9 * H, false, 'validation'),
		];
		expect(outageWindow(traces, 30 * H)).toEqual({ fromMs: 2 * H, toMs: 30 * H, atLeast: false });
		// nothing updated: up to the newest attempt
		expect(outageWindow(traces)).toEqual({ fromMs: 2 * H, toMs: 10 * H, atLeast: false });
	});

	it('no success among the traces Adobe keeps: at least since the oldest of them', () => {
		expect(outageWindow([trace(5 * H, false), trace(3 * H, false)], 8 * H)).toEqual({
			fromMs: 3 * H,
			toMs: 8 * H,
			atLeast: true,
		});
		expect(outageWindow([], undefined)).toEqual({
			fromMs: undefined,
			toMs: undefined,
			atLeast: true,
		});
	});

	it('words durations', () => {
		expect([
			formatDuration(30_000),
			formatDuration(45 * 60_000),
			formatDuration(2 * H + 5 * 60_000),
			formatDuration(26 * H + 40 * 60_000),
			formatDuration(50 * H),
		]).toEqual(['30 s', '45 min', '2 h 05 min', '26 h 40 min', '2 d 2 h']);
	});
});
