/** A serial given by the caller: exact strings are preferred for values beyond 2^53. */
export type SerialInput = string | number | bigint

/** A serial as JSON for the app proxy: a number when safe, else the exact decimal string. */
export function serialParam(value: SerialInput | undefined | null): string | number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return value
  const text = value.toString().trim()
  const asNumber = Number(text)
  return Number.isSafeInteger(asNumber) ? asNumber : text
}

/** The first defined value (explicit names win over aliases). */
export function firstDefined<T>(...values: (T | undefined | null)[]): T | undefined {
  for (const value of values) if (value !== undefined && value !== null) return value
  return undefined
}
