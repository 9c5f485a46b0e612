import type { InboundFrame } from '../../protocol/frame'
import { invalidFrame } from './errors'
import { isRecord, serialToString } from '../../util/json'

/**
 * Field normalisers shared by the codecs. Each takes a decoded wire value (`undefined` or
 * `null` meaning absent) and returns the frame's representation, or throws
 * `codec/invalid-frame` when the type is wrong.
 * @internal
 */

/** Optional string field. */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  throw invalidFrame(`"${field}" must be a string`)
}

/** A frame's serial by the client's one serial rule (`serialToString`); a wrong type is `codec/invalid-frame`. */
export function optionalSerial(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  const serial = serialToString(value)
  if (serial === undefined) throw invalidFrame(`"${field}" must be an unsigned 64-bit integer`)
  return serial
}

/** Unsigned integer that must fit a JS number exactly (delta sequences). */
export function optionalSafeCount(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  if (typeof value === 'bigint' && value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return Number(value)
  }
  throw invalidFrame(`"${field}" must be an unsigned safe integer`)
}

/** Optional boolean field. */
export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  throw invalidFrame(`"${field}" must be a boolean`)
}

/** True for a non-null, non-array, non-bytes object (a decoded map): the client's one narrowing helper. */
export { isRecord }

/** Optional map of string → string; empty maps count as absent. */
export function optionalStringMap(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value)) throw invalidFrame(`"${field}" must be a map of strings`)
  let empty = true
  for (const key in value) {
    if (typeof value[key] !== 'string') throw invalidFrame(`"${field}.${key}" must be a string`)
    empty = false
  }
  return empty ? undefined : (value as Record<string, string>)
}

/** Sets `target[key]` as an own data property, even for `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  } else {
    target[key] = value
  }
}

/** Records a top-level key this client does not model in `frame.unknown`. */
export function addUnknown(frame: InboundFrame, key: string, value: unknown): void {
  frame.unknown ??= {}
  setOwn(frame.unknown, key, value)
}

/**
 * A 64-bit integer read from a binary frame, as a number when it is exact in a double, else
 * kept as the bigint (every reader's one rule; serials past 2^53 then stay exact downstream).
 */
export function exactInteger(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value
}
