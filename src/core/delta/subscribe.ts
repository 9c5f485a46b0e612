/** Client → server delta frames and subscribe fields (sockudo-delta 5.2.0 src/manager.rs). */
import type { OutboundFrame } from '../protocol/frame'
import type { DeltaAlgorithm } from './decoders/types'

/** Per-subscription delta setting (sockudo-delta 5.2.0 src/manager.rs). */
export type DeltaSetting = boolean | DeltaAlgorithm | { enabled?: boolean; algorithm?: DeltaAlgorithm }

/**
 * The `delta` subscribe value the official clients send for a setting: `{algorithm}` alone
 * becomes the algorithm string, `{enabled}` alone the boolean, anything else the object
 * with absent members omitted.
 */
export function serializeDeltaSetting(setting: DeltaSetting): boolean | string | { enabled?: boolean; algorithm?: DeltaAlgorithm } {
  if (typeof setting !== 'object') return setting
  const { enabled, algorithm } = setting
  if (enabled === undefined && algorithm !== undefined) return algorithm
  if (algorithm === undefined && enabled !== undefined) return enabled
  return { ...(enabled !== undefined ? { enabled } : {}), ...(algorithm !== undefined ? { algorithm } : {}) }
}

/** Adds the trailing colon if a bare family name (`sockudo`) was given. */
export function normalizePrefix(prefix: string): string {
  return prefix.endsWith(':') ? prefix : `${prefix}:`
}

/** `sockudo:enable_delta_compression` with the algorithms this client decodes (the server ignores the list). */
export function enableDeltaFrame(prefix: string, algorithms: readonly DeltaAlgorithm[]): OutboundFrame {
  return { event: `${normalizePrefix(prefix)}enable_delta_compression`, data: { algorithms: [...algorithms] } }
}

/** `sockudo:delta_sync_error` asking the server to resend `channel` in full. */
export function deltaSyncErrorFrame(prefix: string, channel: string): OutboundFrame {
  return { event: `${normalizePrefix(prefix)}delta_sync_error`, data: { channel } }
}
