/**
 * The building blocks of Output → Simplified (pure, no n8n import): the item's value types, the readers a
 * family's fields use (own properties only, fixed paths, no recursion) and the value conversions. The
 * families themselves are families.ts; the function is simplify.ts.
 */
import { isRecord } from '../shared/guards';
import { own, type Envelope } from './envelope';

export type SimpleScalar = string | number | boolean | null;
export type SimpleValue = SimpleScalar | SimpleScalar[];
export type SimplifiedEvent = Record<string, SimpleValue>;

/** Longest array copied into an item (longer ones are left out, never cut). */
export const MAX_ARRAY = 50;

/** What a family's readers see: the envelope (envelope.ts) and its payload. */
export interface ReadEvent {
	env: Envelope;
	/** the payload: CloudEvent data, pipeline body, XDM activity, legacy event, Commerce's data */
	data: unknown;
}
export type Reader = (event: ReadEvent) => unknown;
/** One field of a family's item: its name, where it comes from, and whether numeric strings become numbers. */
export type Field = readonly [name: string, read: Reader, numeric?: 'number'];

export interface Family {
	/** stable id, documented in docs/output.md */
	name: string;
	matches: (event: ReadEvent) => boolean;
	/** its fields after eventId, type and time (COMMON_FIELDS, which every item starts with) */
	fields: readonly Field[];
	/** further fields taken as they are (Commerce's other events: the scalar fields of `value`) */
	rest?: (event: ReadEvent) => unknown;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The value at `path` (own properties; numbers index arrays), or undefined. */
export function at(root: unknown, ...path: Array<string | number>): unknown {
	let value = root;
	for (const step of path) {
		if (typeof step === 'number') {
			if (!Array.isArray(value) || step >= value.length) return undefined;
			value = value[step] as unknown;
		} else {
			if (!isRecord(value)) return undefined;
			value = own(value, step);
		}
	}
	return value;
}

/** The value of the first of `keys` that `record` has (XDM's prefixed names: xdmAsset:…, xdmDirectory:…). */
export function anyOf(record: unknown, ...keys: string[]): unknown {
	for (const key of keys) {
		const value = at(record, key);
		if (value !== undefined) return value;
	}
	return undefined;
}

export const firstOf =
	(...readers: Reader[]): Reader =>
	(event) => {
		for (const read of readers) {
			const value = read(event);
			if (value !== undefined && value !== null && value !== '') return value;
		}
		return undefined;
	};

export const isoTime = (ms: number | undefined): string | undefined =>
	ms === undefined ? undefined : new Date(ms).toISOString();

/** The last path segment of a URI-like string (`…/event/ended` → `ended`). */
export const lastSegment = (value: unknown): unknown =>
	typeof value === 'string' ? value.slice(value.lastIndexOf('/') + 1) : value;

export const matchOf = (value: unknown, pattern: RegExp): string | undefined =>
	typeof value === 'string' ? pattern.exec(value)?.[1] : undefined;

export const typeStarts =
	(...prefixes: string[]) =>
	(event: ReadEvent): boolean =>
		typeof event.env.type === 'string' && prefixes.some((p) => event.env.type!.startsWith(p));

// ---------------------------------------------------------------------------------------------
// Values

export function isScalar(value: unknown): value is SimpleScalar {
	return (
		value === null ||
		typeof value === 'string' ||
		typeof value === 'boolean' ||
		(typeof value === 'number' && Number.isFinite(value))
	);
}

/** A value an item may hold: a scalar, or an array of at most MAX_ARRAY scalars; otherwise undefined. */
export function simple(value: unknown): SimpleValue | undefined {
	if (isScalar(value)) return value;
	if (Array.isArray(value) && value.length <= MAX_ARRAY && value.every(isScalar))
		return value.slice();
	return undefined;
}

/** Numbers Adobe writes as strings ("268812", "129.9000") as numbers; anything else as `simple`. */
export function numeric(value: unknown): SimpleValue | undefined {
	if (typeof value === 'string' && /^-?\d{1,15}(\.\d+)?$/.test(value)) return Number(value);
	return simple(value);
}

// ---------------------------------------------------------------------------------------------
// The fields every family starts with

/** A field read from the payload at `path` (default: the payload's own field of the same name). */
export const fromData = (name: string, ...path: Array<string | number>): Field => [
	name,
	(e) => at(e.data, ...(path.length > 0 ? path : [name])),
];

const EVENT_ID: Field = ['eventId', (e) => e.env.eventId];
const TYPE: Field = ['type', (e) => e.env.type];
const TIME: Field = ['time', (e) => isoTime(e.env.time)];
/** The fields every Simplified item starts with. */
export const COMMON_FIELDS: readonly Field[] = [EVENT_ID, TYPE, TIME];
export const SOURCE: Field = ['source', (e) => e.env.source];
export const SUBJECT: Field = ['subject', (e) => e.env.subject];
