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

/**
 * A serial as an exact decimal string: integers (or integral floats such as `7.0` from f64
 * headers), bigints and digit strings are accepted; anything else is `undefined`.
 */
export function serial(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : undefined
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (/^-?\d+$/.test(trimmed)) return trimmed
    const integral = /^(-?\d+)\.0+$/.exec(trimmed)
    return integral ? integral[1] : undefined
  }
  return undefined
}

/** A boolean, or `fallback`. */
export function bool(value: unknown, fallback = false): boolean {
  return typeof value === 'boolean' ? value : fallback
}

/** Drops `undefined` members (for `exactOptionalPropertyTypes`-friendly objects and compact JSON). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
