/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: the emulator is not an n8n node; its errors become Adobe-shaped HTTP responses */
/**
 * Subscriber-defined filters: a subset of AWS event-ruler patterns, as used by I/O Events
 * (exact values, prefix, suffix, anything-but, numeric, exists, equals-ignore-case, wildcard, $or).
 */
type Pattern = { [key: string]: unknown };

export class FilterError extends Error {}

/** Parses and validates a filter string; throws FilterError with a user-facing reason. */
export function parseFilter(raw: unknown): Pattern {
	let v: unknown = raw;
	if (typeof raw === 'string') {
		try {
			v = JSON.parse(raw);
		} catch {
			throw new FilterError('subscriber_filter is not valid JSON');
		}
	}
	if (!v || typeof v !== 'object' || Array.isArray(v)) throw new FilterError('subscriber_filter must be a JSON object');
	validate(v as Pattern, 0);
	return v as Pattern;
}

const OPS = new Set(['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard']);

function validate(p: Pattern, depth: number): void {
	if (depth > 10) throw new FilterError('subscriber_filter is nested too deeply');
	for (const [k, v] of Object.entries(p)) {
		if (k === '$or') {
			if (!Array.isArray(v) || v.length < 2) throw new FilterError('$or needs an array of at least two patterns');
			for (const sub of v) {
				if (!sub || typeof sub !== 'object' || Array.isArray(sub)) throw new FilterError('$or entries must be objects');
				validate(sub as Pattern, depth + 1);
			}
		} else if (Array.isArray(v)) {
			if (v.length === 0) throw new FilterError(`"${k}" must list at least one value`);
			for (const m of v) {
				if (m && typeof m === 'object') {
					const keys = Object.keys(m);
					if (keys.length !== 1 || !OPS.has(keys[0])) throw new FilterError(`Unsupported matcher ${JSON.stringify(m)} in "${k}"`);
					if (keys[0] === 'numeric') {
						const arr = (m as { numeric: unknown }).numeric;
						if (!Array.isArray(arr) || arr.length % 2 !== 0 || arr.length === 0) throw new FilterError(`numeric matcher in "${k}" must be pairs like [">", 0, "<=", 5]`);
					}
				}
			}
		} else if (v && typeof v === 'object') {
			validate(v as Pattern, depth + 1);
		} else {
			throw new FilterError(`"${k}" must be an array of values or a nested object`);
		}
	}
}

export function matches(event: unknown, pattern: Pattern): boolean {
	for (const [k, v] of Object.entries(pattern)) {
		if (k === '$or') {
			if (!(v as Pattern[]).some((sub) => matches(event, sub))) return false;
			continue;
		}
		const value = event && typeof event === 'object' ? (event as Record<string, unknown>)[k] : undefined;
		if (Array.isArray(v)) {
			if (!leafMatches(value, v)) return false;
		} else if (!matches(value, v as Pattern)) return false;
	}
	return true;
}

function leafMatches(value: unknown, matchers: unknown[]): boolean {
	const values = Array.isArray(value) ? value : [value];
	return matchers.some((m) => {
		if (m && typeof m === 'object') {
			const [op, arg] = Object.entries(m)[0];
			if (op === 'exists') return arg ? value !== undefined : value === undefined;
			return values.some((x) => opMatches(op, arg, x));
		}
		return values.some((x) => x === m);
	});
}

function opMatches(op: string, arg: unknown, x: unknown): boolean {
	switch (op) {
		case 'prefix':
			return typeof x === 'string' && typeof arg === 'string' && x.startsWith(arg);
		case 'suffix':
			return typeof x === 'string' && typeof arg === 'string' && x.endsWith(arg);
		case 'equals-ignore-case':
			return typeof x === 'string' && typeof arg === 'string' && x.toLowerCase() === arg.toLowerCase();
		case 'wildcard': {
			if (typeof x !== 'string' || typeof arg !== 'string') return false;
			const re = new RegExp(`^${arg.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
			return re.test(x);
		}
		case 'anything-but': {
			if (x === undefined) return false;
			if (Array.isArray(arg)) return !arg.includes(x);
			if (arg && typeof arg === 'object') {
				const [subOp, subArg] = Object.entries(arg)[0];
				return !opMatches(subOp, subArg, x);
			}
			return x !== arg;
		}
		case 'numeric': {
			if (typeof x !== 'number') return false;
			const arr = arg as unknown[];
			for (let i = 0; i < arr.length; i += 2) {
				const cmp = arr[i];
				const n = Number(arr[i + 1]);
				if (cmp === '>' && !(x > n)) return false;
				if (cmp === '>=' && !(x >= n)) return false;
				if (cmp === '<' && !(x < n)) return false;
				if (cmp === '<=' && !(x <= n)) return false;
				if (cmp === '=' && !(x === n)) return false;
			}
			return true;
		}
		default:
			return false;
	}
}
