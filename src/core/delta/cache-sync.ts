/**
 * `sockudo:delta_cache_sync` (v2-features.md §1.9). The server never sends it today; the
 * client still accepts it and replaces the channel's bases with the synced ones.
 */
import type { InboundFrame } from '../protocol/frame'
import { ChannelBases } from './base-cache'

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
export function basesFromCacheSync(frame: InboundFrame, decode: Decode): ChannelBases | undefined {
  const states = parse(frame.data)?.states
  if (!isObject(states)) return undefined
  const bases = new ChannelBases()
  const encoder = new TextEncoder()
  for (const [value, entries] of Object.entries(states)) {
    if (!Array.isArray(entries)) continue
    for (const entry of entries as unknown[]) {
      if (!isObject(entry) || typeof entry.content !== 'string' || !Number.isSafeInteger(entry.seq)) continue
      const event = eventOf(entry.content, decode)
      if (event === undefined) continue
      bases.store(event, value === event ? '' : value, { seq: entry.seq as number, bytes: encoder.encode(entry.content) })
    }
  }
  return bases
}
