import { decodeHistoryItem } from '../history/item'
import type { HistoryPage, HistoryParams } from '../history/types'
import { asArray, asRecord, compact, serial, str } from './decode'

export { decodeHistoryItem }
import { serialParam } from './params'
import { callProxy } from './request'
import type { ProxyEndpointOptions } from './request'

/** Options of {@link fetchChannelHistory}: the proxy endpoint (`versionedMessages.endpoint`) plus the channel. */
export interface ChannelHistoryOptions extends ProxyEndpointOptions {
  /** Channel to read. */
  channel: string
}

/**
 * Builds the snake_case `params` object the app proxy expects (sockudo 5.2.0 src/http_handler/history/mod.rs). Big serials
 * are sent as exact strings; `until_attach` is sent but REST proxies ignore it.
 */
export function toChannelHistoryParams(params: HistoryParams): Record<string, unknown> {
  return compact({
    direction: params.direction,
    limit: params.limit,
    cursor: params.cursor,
    start_serial: serialParam(params.startSerial),
    end_serial: serialParam(params.endSerial),
    start_time_ms: params.startTimeMs,
    end_time_ms: params.endTimeMs,
    until_attach: params.untilAttach,
  })
}

/**
 * Reads channel history through the app proxy: POST `{ channel, params, action: 'channel_history' }`
 * to the endpoint. Resolves with the same page type as the socket history
 * (`channel.channelHistory()`), serials exact; `next()` resolves `null` after the last page.
 */
export async function fetchChannelHistory(params: HistoryParams, options: ChannelHistoryOptions): Promise<HistoryPage> {
  const wire = toChannelHistoryParams(params)
  const { body } = await callProxy(options, { what: 'channelHistory', body: { channel: options.channel, params: wire, action: 'channel_history' } })
  const raw = asRecord(body)
  const nextCursor = str(raw.next_cursor)
  const hasMore = raw.has_more === true && nextCursor !== undefined
  const page: HistoryPage = {
    items: asArray(raw.items).flatMap((item) => decodeHistoryItem(item) ?? []),
    hasMore,
    meta: { bounds: raw.bounds, continuity: raw.continuity, streamState: raw.stream_state },
    next: () => (hasMore ? fetchChannelHistory({ ...params, cursor: nextCursor }, options) : Promise.resolve(null)),
  }
  if (nextCursor !== undefined) page.nextCursor = nextCursor
  const attach = serial(asRecord(raw.bounds).attach_serial)
  if (attach !== undefined) page.attachSerial = attach
  return page
}
