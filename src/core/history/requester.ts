import { ConnectionError, SockudoError } from '../errors'
import type { InboundFrame, OutboundFrame } from '../protocol/frame'
import type { ProtocolNames } from '../protocol/names'
import type { RequestTracker } from '../protocol/request-tracker'
import type { Clock, TimerHandle } from '../util/clock'
import { isRecord, parseMaybeJson, serialToString } from '../util/json'
import { decodeHistoryItem } from './item'
import type { HistoryPage, HistoryParams } from './types'

interface Pending {
  params: HistoryParams
  resolve(page: HistoryPage): void
  reject(error: SockudoError): void
  timer?: TimerHandle
}

/** @internal What the requester needs. */
export interface HistoryDeps {
  names: ProtocolNames
  clock: Clock
  timeout: number
  tracker: RequestTracker
  send(frame: OutboundFrame): boolean
}

/**
 * V2 `channel_history` over the socket. Replies carry no request id, so each channel has at
 * most one request in flight; later ones queue (sockudo-adapter 5.2.0 src/handler/history_frames.rs).
 */
export class HistoryRequester {
  private queues = new Map<string, Pending[]>()

  constructor(private readonly deps: HistoryDeps) {}

  /** Requests one page. */
  request(channel: string, params: HistoryParams): Promise<HistoryPage> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(channel) ?? []
      queue.push({ params, resolve, reject })
      this.queues.set(channel, queue)
      if (queue.length === 1) this.start(channel)
    })
  }

  /** Handles a `channel_history` reply. */
  receive(frame: InboundFrame): void {
    const data = parseMaybeJson(frame.data)
    const channel = frame.channel ?? (isRecord(data) && typeof data.channel === 'string' ? data.channel : undefined)
    if (channel === undefined) return
    const pending = this.finish(channel)
    pending?.resolve(this.page(channel, data, pending.params))
  }

  /** Rejects everything (connection lost). */
  failAll(error: SockudoError): void {
    const queues = [...this.queues.values()]
    this.queues.clear()
    for (const p of queues.flat()) {
      if (p.timer !== undefined) this.deps.clock.clearTimeout(p.timer)
      p.reject(error)
    }
  }

  private start(channel: string): void {
    const pending = this.queues.get(channel)?.[0]
    if (!pending) return
    const sent = this.deps.send({ event: this.deps.names.event('channel_history'), data: encodeParams(channel, pending.params) })
    if (!sent) return this.fail(channel, new ConnectionError('connection/not-connected', 'Not connected', { channel }))
    this.deps.tracker.track('history', channel, (error) => this.fail(channel, error))
    pending.timer = this.deps.clock.setTimeout(
      () => this.fail(channel, new SockudoError('history/timeout', `No channel_history reply within ${this.deps.timeout} ms`, { channel, retryable: true })),
      this.deps.timeout,
    )
  }

  private fail(channel: string, error: SockudoError): void {
    this.finish(channel)?.reject(error)
  }

  private finish(channel: string): Pending | undefined {
    const queue = this.queues.get(channel)
    const pending = queue?.shift()
    if (!queue || !pending) return undefined
    if (pending.timer !== undefined) this.deps.clock.clearTimeout(pending.timer)
    this.deps.tracker.resolve('history', channel)
    if (queue.length === 0) this.queues.delete(channel)
    else queueMicrotask(() => this.start(channel))
    return pending
  }

  private page(channel: string, data: unknown, params: HistoryParams): HistoryPage {
    const d = isRecord(data) ? data : {}
    const items = Array.isArray(d.items) ? d.items.flatMap((raw) => decodeHistoryItem(raw) ?? []) : []
    const nextCursor = typeof d.next_cursor === 'string' ? d.next_cursor : undefined
    const hasMore = d.has_more === true && nextCursor !== undefined
    const bounds = isRecord(d.bounds) ? d.bounds : undefined
    const page: HistoryPage = {
      items,
      hasMore,
      meta: { bounds: d.bounds, continuity: d.continuity, streamState: d.stream_state },
      next: () => (hasMore ? this.request(channel, { ...params, cursor: nextCursor }) : Promise.resolve(null)),
    }
    if (nextCursor !== undefined) page.nextCursor = nextCursor
    const attach = bounds ? serialToString(bounds.attach_serial) : undefined
    if (attach !== undefined) page.attachSerial = attach
    return page
  }
}

/** JSON string data (object data with `channel` is mangled by the server); serials as bare integers. */
function encodeParams(channel: string, p: HistoryParams): string {
  const parts = [`"channel":${JSON.stringify(channel)}`, `"limit":${Math.trunc(p.limit ?? 100)}`, `"direction":"${p.direction ?? 'newest_first'}"`]
  if (p.cursor !== undefined) parts.push(`"cursor":${JSON.stringify(p.cursor)}`)
  if (p.untilAttach) parts.push('"until_attach":true')
  for (const [key, value] of [['start_serial', p.startSerial], ['end_serial', p.endSerial]] as const) {
    const serial = serialToString(value)
    if (serial !== undefined) parts.push(`"${key}":${serial}`)
  }
  if (p.startTimeMs !== undefined) parts.push(`"start_time_ms":${Math.trunc(p.startTimeMs)}`)
  if (p.endTimeMs !== undefined) parts.push(`"end_time_ms":${Math.trunc(p.endTimeMs)}`)
  return `{${parts.join(',')}}`
}
