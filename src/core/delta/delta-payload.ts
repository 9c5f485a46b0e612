/** Parses the `data` of a `sockudo:delta` frame (sockudo-delta 5.2.0 src/messages.rs). */
import { DeltaError } from '../errors'
import type { DeltaAlgorithm } from './decoders/types'

/** The validated members of a delta frame's `data`. */
export interface DeltaPayload {
  /** Event name of the reconstructed message. */
  event: string
  /** Base64 of the delta bytes. */
  delta: string
  /** Sequence of the reconstructed message within its cache key. */
  seq: number
  /** Algorithm named by the server; absent when it omits it. */
  algorithm?: string
  /** Conflation value, `''` when absent. */
  conflationKey: string
  /** Sequence of the base this delta applies to; absent means "newest". */
  baseIndex?: number
}

const KNOWN_ALGORITHMS: readonly string[] = ['fossil', 'xdelta3']

/** Whether `name` is an algorithm this library can decode. */
export function isDeltaAlgorithm(name: string): name is DeltaAlgorithm {
  return KNOWN_ALGORITHMS.includes(name)
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

function asObject(data: unknown, channel: string | undefined): Record<string, unknown> {
  let value = data
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data)
    } catch (cause) {
      throw new DeltaError('delta/invalid-frame', 'delta frame data is not JSON', { cause, ...(channel ? { channel } : {}) })
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DeltaError('delta/invalid-frame', 'delta frame data is not an object', channel ? { channel } : {})
  }
  return value as Record<string, unknown>
}

/** Validates `data` of a delta frame; throws `delta/invalid-frame` when a member is missing or mistyped. */
export function parseDeltaPayload(data: unknown, channel?: string): DeltaPayload {
  const d = asObject(data, channel)
  const bad = (what: string): DeltaError => new DeltaError('delta/invalid-frame', `delta frame ${what}`, channel ? { channel } : {})
  if (typeof d.event !== 'string' || d.event === '') throw bad('has no event name')
  if (typeof d.delta !== 'string') throw bad('has no delta string')
  if (!isInt(d.seq)) throw bad('has no integer seq')
  if (d.algorithm !== undefined && d.algorithm !== null && typeof d.algorithm !== 'string') throw bad('has a non-string algorithm')
  if (d.conflation_key !== undefined && d.conflation_key !== null && typeof d.conflation_key !== 'string') throw bad('has a non-string conflation_key')
  if (d.base_index !== undefined && d.base_index !== null && !isInt(d.base_index)) throw bad('has a non-integer base_index')
  const payload: DeltaPayload = { event: d.event, delta: d.delta, seq: d.seq, conflationKey: typeof d.conflation_key === 'string' ? d.conflation_key : '' }
  if (typeof d.algorithm === 'string') payload.algorithm = d.algorithm
  if (isInt(d.base_index)) payload.baseIndex = d.base_index
  return payload
}

/** Strict standard base64 (RFC 4648, padding optional) to bytes; throws `delta/invalid-base64`. */
export function decodeDeltaBase64(text: string, channel?: string): Uint8Array {
  if (text.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new DeltaError('delta/invalid-base64', 'delta is not valid base64', channel ? { channel } : {})
  }
  let binary: string
  try {
    binary = atob(text)
  } catch (cause) {
    throw new DeltaError('delta/invalid-base64', 'delta is not valid base64', { cause, ...(channel ? { channel } : {}) })
  }
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}
