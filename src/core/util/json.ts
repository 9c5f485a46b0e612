import { parseJsonLossless } from './lossless-parse'

/**
 * Parses `data` when it is a JSON string (the server double-encodes most payloads),
 * keeping unsafe integers exact; returns anything else, and non-JSON strings, unchanged.
 */
export function parseMaybeJson(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return parseJsonLossless(data)
  } catch {
    return data
  }
}

/** True for a plain (non-null, non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}

/** Reads a string field, or undefined when absent or of another type. */
export function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined
  const field = value[key]
  return typeof field === 'string' ? field : undefined
}

/**
 * The client's one serial rule (frames, history items, proxy answers, resume positions): a serial
 * is an unsigned 64-bit integer held as its exact decimal string. Accepted: safe non-negative
 * integers, bigints up to 2^64−1, canonical digit strings (no sign, no leading zero) and
 * integral f64 text (`"7.0"`, how Sockudo writes some header serials). Anything else, including
 * an unsafe number (already rounded), is `undefined`: a wrong serial is never made up.
 */
export function serialToString(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined
  if (typeof value === 'bigint') return value >= 0n && value <= MAX_U64 ? value.toString() : undefined
  if (typeof value !== 'string') return undefined
  const digits = /^(\d+)(?:\.0+)?$/.exec(value.trim())?.[1]
  return digits !== undefined && isUnsignedDecimal(digits) ? digits : undefined
}

const MAX_U64 = 0xffffffffffffffffn

/** Canonical unsigned decimal of at most 64 bits: digits only, no leading zero (except "0"). */
export function isUnsignedDecimal(text: string): boolean {
  const n = text.length
  if (n === 0 || n > 20 || (n > 1 && text.charCodeAt(0) === 48)) return false
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return n < 20 || text <= '18446744073709551615'
}
