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

/** Normalises a serial (number, bigint or decimal string) to an exact decimal string. */
export function serialToString(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : undefined
  if (typeof value === 'bigint') return value.toString()
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  if (/^-?\d+$/.test(trimmed)) return trimmed
  // Sockudo writes some serials as f64 (`"sockudo_history_serial": 1.0`); lossless parsing keeps the text.
  return /^(-?\d+)\.0+$/.exec(trimmed)?.[1]
}
