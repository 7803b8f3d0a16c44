/**
 * Type guards shared by every module (pure: no n8n runtime import, no I/O).
 */

/** A JSON-like object: not null, not an array. */
export type JsonRecord = Record<string, unknown>;

/**
 * `true` for a non-null object that is not an array. The type parameter names the shape a caller
 * treats it as (e.g. n8n's `IDataObject`); it is not checked beyond "plain object".
 */
export function isRecord<T extends object = JsonRecord>(value: unknown): value is T {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
