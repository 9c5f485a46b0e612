import type { SockudoHandler } from './channel-auth'
import { judgeBoolean } from './decision'
import { errorResponse } from './http'
import { CHANNEL_HISTORY_PARAMS, jsonProxyHandler, paramsOf, pickQuery, relay, requireChannel } from './proxy-common'
import type { ProxyHandlerBaseOptions } from './proxy-common'

/** A channel-history read passed to the app's `authorize` hook. */
export interface HistoryProxyEvent {
  /** Always `channel_history`. */
  action: 'channel_history'
  /** Channel to read. */
  channel: string
  /** Query parameters that will be forwarded. */
  params: Record<string, unknown>
}

/** Options of {@link createHistoryProxy}. */
export type HistoryProxyOptions = ProxyHandlerBaseOptions & {
  /** Decides each read: only `true` allows. Without it every request is denied (403). */
  authorize?: (event: HistoryProxyEvent, request: Request) => boolean | Promise<boolean>
}

/**
 * Channel-history proxy (sockudo 5.2.0 src/http_handler/history/mod.rs): POST `{ channel, params, action: 'channel_history' }`
 * → signed `GET /channels/{channel}/history` → Sockudo's status and JSON body unchanged.
 */
export function createHistoryProxy(options: HistoryProxyOptions): SockudoHandler {
  return jsonProxyHandler(options, async (body, rest, request) => {
    if (body.action !== undefined && body.action !== 'channel_history') {
      return errorResponse(400, 'invalid_action', `Unsupported action ${JSON.stringify(body.action)}.`)
    }
    const channel = requireChannel(body)
    const query = pickQuery(paramsOf(body), CHANNEL_HISTORY_PARAMS)
    const event: HistoryProxyEvent = { action: 'channel_history', channel, params: query }
    const verdict = judgeBoolean(options.authorize ? await options.authorize(event, request) : false, 'Not allowed to read this channel history.')
    if (!verdict.allow) return verdict.response
    return relay(await rest.request({ method: 'GET', path: `/channels/${encodeURIComponent(channel)}/history`, params: query }))
  })
}
