/** Small, total decoders for proxy responses: they never throw, missing fields become defaults. */

/** A JSON object, or `{}`. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** An array, or `[]`. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** A string, or `undefined`. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A finite number (numeric strings accepted), or `undefined`. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

/** The one serial rule of the client (exact decimal strings): see `serialToString`. */
export { serialToString as serial } from '../util/json'

/** A boolean, or `fallback`. */
export function bool(value: unknown, fallback = false): boolean {
  return typeof value === 'boolean' ? value : fallback
}

/** Drops `undefined` members (for `exactOptionalPropertyTypes`-friendly objects and compact JSON). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
