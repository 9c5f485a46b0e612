/**
 * `sockudo:delta_cache_sync` (sockudo-delta 5.2.0 src/messages.rs). The server never sends it today; the
 * client still accepts it and replaces the channel's bases with the synced ones.
 */
import type { InboundFrame } from '../protocol/frame'
import type { BaseEntry } from './base-cache'

/** One synced base and the key it belongs to. */
export interface SyncedBase {
  event: string
  conflationKey: string
  entry: BaseEntry
}

type Decode = (text: string) => InboundFrame

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function parse(data: unknown): Record<string, unknown> | undefined {
  if (isObject(data)) return data
  if (typeof data !== 'string') return undefined
  try {
    const value: unknown = JSON.parse(data)
    return isObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** Event name of a synced envelope, or undefined when it does not decode. */
function eventOf(content: string, decode: Decode): string | undefined {
  try {
    return decode(content).event
  } catch {
    return undefined
  }
}

/**
 * Builds the bases described by a cache-sync frame, or returns undefined when its data is
 * not a sync payload. State keys are conflation values; the event comes from each envelope.
 */
export function basesFromCacheSync(frame: InboundFrame, decode: Decode): SyncedBase[] | undefined {
  const states = parse(frame.data)?.states
  if (!isObject(states)) return undefined
  const bases: SyncedBase[] = []
  const encoder = new TextEncoder()
  for (const [value, entries] of Object.entries(states)) {
    if (!Array.isArray(entries)) continue
    for (const entry of entries as unknown[]) {
      if (!isObject(entry) || typeof entry.content !== 'string' || !Number.isSafeInteger(entry.seq)) continue
      const event = eventOf(entry.content, decode)
      if (event === undefined) continue
      bases.push({ event, conflationKey: value === event ? '' : value, entry: { seq: entry.seq as number, bytes: encoder.encode(entry.content) } })
    }
  }
  return bases
}
