/** Subscribe-time rewind (v2-features.md §3.7): history replay then `rewind_complete`. */
import type { ServerContext } from './context'
import { invalidFormat } from './errors'
import { filterAllows } from './filters'
import type { ServerFrame } from './frame'
import { projectLatest, truncatedByRetention as truncatedRetention } from './history-store'
import type { Session, Subscription } from './session'
import type { ChannelState } from './state'
import { isRecord } from './util'

export type Rewind = { count: number } | { seconds: number }

/** Real 5.2 rules: a positive integer or numeric string, else an object whose `count` / `seconds` / `duration_seconds` is a positive integer (strings inside the object are refused). */
export function parseRewind(raw: unknown): Rewind {
  const bad = () => invalidFormat('Invalid rewind option in subscription data')
  const uint = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined)
  const positive = (n: number | undefined) => {
    if (n === undefined) return undefined
    if (n === 0) throw bad()
    return n
  }
  const direct = positive(uint(raw) ?? (typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined))
  if (direct !== undefined) return { count: direct }
  if (!isRecord(raw)) throw bad()
  const count = positive(uint(raw.count))
  if (count !== undefined) return { count }
  const seconds = positive(uint(raw.seconds) ?? uint(raw.duration_seconds))
  if (seconds === undefined) throw bad()
  return { seconds }
}

/** Sends historical frames (oldest first), then buffered live ones, then `rewind_complete`. */
export function runRewind(ctx: ServerContext, s: Session, ch: ChannelState, sub: Subscription, rewind: Rewind): void {
  const max = s.app.config.historyMaxPageSize
  const from = 'seconds' in rewind ? ctx.now() - rewind.seconds * 1000 : null
  const truncatedByRetention = truncatedRetention(ch, { start_serial: null, start_time_ms: from })
  const all = ch.history.map((m) => projectLatest(s.app, ch, m))
  let selected: ServerFrame[]
  let truncatedByLimit: boolean
  if ('count' in rewind) {
    const matching = all.filter((f) => filterAllows(sub.filter, f, true))
    const take = Math.min(rewind.count, max)
    selected = matching.slice(-take)
    truncatedByLimit = rewind.count > max || matching.length > take
  } else {
    selected = ch.history.filter((m) => m.publishedAtMs >= (from ?? 0)).map((m) => projectLatest(s.app, ch, m))
      .filter((f) => filterAllows(sub.filter, f, true)).slice(0, max)
    truncatedByLimit = true
  }
  sub.buffer = []
  for (const frame of selected) s.send(frame, { broadcast: true })
  const head = ch.history.at(-1)?.serial ?? 0n
  const seen = new Set(selected.map((f) => f.message_id))
  const live = sub.buffer.filter((f) => (f.serial ?? 0n) > head && !seen.has(f.message_id))
  sub.buffer = undefined
  for (const frame of live) s.send(frame, { broadcast: true })
  s.send({
    event: 'sockudo:rewind_complete', channel: ch.name,
    data: { historical_count: selected.length, live_count: live.length, complete: !truncatedByLimit && !truncatedByRetention, truncated_by_retention: truncatedByRetention, truncated_by_limit: truncatedByLimit },
  })
}
