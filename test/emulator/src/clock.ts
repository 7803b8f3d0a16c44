/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: the emulator runs outside n8n and needs timers */
/**
 * The emulator's controllable clock. Every Adobe time rule (retry schedule, 24 h health window,
 * 5-minute async validation, token lifetime, journal retention) runs on it.
 *
 * - `real`: emulated time = wall time (optionally compressed by `timeScale`, e.g. 60 = one emulated minute per second).
 * - `manual`: time only moves with `advance(ms)`; due timers run in time order and `advance` resolves
 *   after their work (e.g. the delivery attempts of due retries) has finished.
 */
export type ClockMode = 'real' | 'manual';

interface Timer {
	id: number;
	at: number;
	fn: () => unknown;
	handle?: ReturnType<typeof setTimeout>;
}

const MAX_REAL_DELAY = 2_147_483_000;

export class Clock {
	private mode: ClockMode;
	private base: number; // emulated time at `wallBase`
	private wallBase: number;
	private scale = 1;
	private timers = new Map<number, Timer>();
	private seq = 0;

	constructor(mode: ClockMode = 'real') {
		this.mode = mode;
		this.base = Date.now();
		this.wallBase = Date.now();
	}

	now(): number {
		if (this.mode === 'manual') return this.base;
		return this.base + (Date.now() - this.wallBase) * this.scale;
	}

	get state(): { mode: ClockMode; now: string; nowMs: number; timeScale: number; pendingTimers: number; nextTimerAt?: string } {
		const next = this.nextTimer();
		return {
			mode: this.mode,
			now: new Date(this.now()).toISOString(),
			nowMs: this.now(),
			timeScale: this.scale,
			pendingTimers: this.timers.size,
			...(next ? { nextTimerAt: new Date(next.at).toISOString() } : {}),
		};
	}

	setMode(mode: ClockMode, timeScale?: number): void {
		const now = this.now();
		this.base = now;
		this.wallBase = Date.now();
		this.mode = mode;
		if (timeScale !== undefined) this.scale = timeScale;
		for (const t of this.timers.values()) this.arm(t);
	}

	/** Runs `fn` at emulated time `now + delayMs`. */
	setTimer(delayMs: number, fn: () => unknown): number {
		const t: Timer = { id: ++this.seq, at: this.now() + Math.max(0, delayMs), fn };
		this.timers.set(t.id, t);
		this.arm(t);
		return t.id;
	}

	clearTimer(id: number): void {
		const t = this.timers.get(id);
		if (t?.handle) clearTimeout(t.handle);
		this.timers.delete(id);
	}

	clearAll(): void {
		for (const t of this.timers.values()) if (t.handle) clearTimeout(t.handle);
		this.timers.clear();
	}

	/** Manual mode: moves time forward, running due timers in order; resolves when their work is done. */
	async advance(ms: number): Promise<number> {
		const target = this.now() + Math.max(0, ms);
		let ran = 0;
		for (;;) {
			const next = this.nextTimer();
			if (!next || next.at > target) break;
			const batch = [...this.timers.values()].filter((t) => t.at === next.at);
			if (this.mode === 'manual') this.base = next.at;
			const work: unknown[] = [];
			for (const t of batch) {
				if (t.handle) clearTimeout(t.handle);
				this.timers.delete(t.id);
				work.push(t.fn());
				ran++;
			}
			await Promise.allSettled(work);
		}
		if (this.mode === 'manual') this.base = Math.max(this.base, target);
		else {
			// In real mode "advance" shifts the emulated clock forward as well.
			this.base += target - this.now();
			for (const t of this.timers.values()) this.arm(t);
		}
		return ran;
	}

	private nextTimer(): Timer | undefined {
		let best: Timer | undefined;
		for (const t of this.timers.values()) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
		return best;
	}

	private arm(t: Timer): void {
		if (t.handle) clearTimeout(t.handle);
		t.handle = undefined;
		if (this.mode === 'manual') return;
		const delay = Math.min(MAX_REAL_DELAY, Math.max(0, (t.at - this.now()) / this.scale));
		t.handle = setTimeout(() => {
			if (!this.timers.has(t.id)) return;
			if (this.now() + 1 < t.at) {
				this.arm(t);
				return;
			}
			this.timers.delete(t.id);
			void Promise.resolve()
				.then(() => t.fn())
				.catch(() => undefined);
		}, delay);
		t.handle.unref?.();
	}
}
