/** Subscribe-time rewind (v2-features.md §3.7): history replay then `rewind_complete`. */
import type { ServerContext } from './context'
import { invalidFormat } from './errors'
import { filterAllows } from './filters'
import type { ServerFrame } from './frame'
import { projectLatest } from './history-store'
import type { Session, Subscription } from './session'
import type { ChannelState } from './state'
import { isRecord } from './util'

export type Rewind = { count: number } | { seconds: number }

export function parseRewind(raw: unknown): Rewind {
  const bad = () => invalidFormat('Invalid rewind option in subscription data')
  const positive = (v: unknown): number | undefined => {
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined
  }
  const direct = positive(raw)
  if (direct !== undefined) return { count: direct }
  if (!isRecord(raw)) throw bad()
  if ('count' in raw) {
    const n = positive(raw.count)
    if (n === undefined) throw bad()
    return { count: n }
  }
  const seconds = positive(raw.seconds ?? raw.duration_seconds)
  if (seconds === undefined) throw bad()
  return { seconds }
}

/** Sends historical frames (oldest first), then buffered live ones, then `rewind_complete`. */
export function runRewind(ctx: ServerContext, s: Session, ch: ChannelState, sub: Subscription, rewind: Rewind): void {
  const max = s.app.config.historyMaxPageSize
  const all = ch.history.map((m) => projectLatest(s.app, ch, m))
  let selected: ServerFrame[]
  let truncatedByLimit: boolean
  if ('count' in rewind) {
    const matching = all.filter((f) => filterAllows(sub.filter, f, true))
    const take = Math.min(rewind.count, max)
    selected = matching.slice(-take)
    truncatedByLimit = rewind.count > max || matching.length > take
  } else {
    const from = ctx.now() - rewind.seconds * 1000
    selected = ch.history.filter((m) => m.publishedAtMs >= from).map((m) => projectLatest(s.app, ch, m))
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
    data: { historical_count: selected.length, live_count: live.length, complete: !truncatedByLimit, truncated_by_retention: false, truncated_by_limit: truncatedByLimit },
  })
}
