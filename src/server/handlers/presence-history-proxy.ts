import type { SockudoHandler } from './channel-auth'
import { judgeBoolean } from './decision'
import { errorResponse } from './http'
import { CHANNEL_HISTORY_PARAMS, jsonProxyHandler, paramsOf, pickQuery, relay, requireChannel } from './proxy-common'
import type { ProxyHandlerBaseOptions } from './proxy-common'

/** A presence-history read passed to the app's `authorize` hook. */
export interface PresenceHistoryProxyEvent {
  /** `history` (paged transitions) or `snapshot` (members at a point). */
  action: 'history' | 'snapshot'
  /** Presence channel to read. */
  channel: string
  /** Query parameters that will be forwarded. */
  params: Record<string, unknown>
}

/** Options of {@link createPresenceHistoryProxy}. */
export type PresenceHistoryProxyOptions = ProxyHandlerBaseOptions & {
  /** Decides each read: only `true` allows. Without it every request is denied (403). */
  authorize?: (event: PresenceHistoryProxyEvent, request: Request) => boolean | Promise<boolean>
}

const SNAPSHOT_PARAMS = ['at_time_ms', 'at', 'at_serial'] as const

/**
 * Presence-history proxy (sockudo 5.2.0 src/http_handler/presence_history/mod.rs): POST `{ channel, params, action }`
 * with action `history` or `snapshot` → the signed presence-history GET → Sockudo's answer unchanged.
 */
export function createPresenceHistoryProxy(options: PresenceHistoryProxyOptions): SockudoHandler {
  return jsonProxyHandler(options, async (body, rest, request) => {
    const action = body.action ?? 'history'
    if (action !== 'history' && action !== 'snapshot') {
      return errorResponse(400, 'invalid_action', `Unsupported action ${JSON.stringify(action)}.`)
    }
    const channel = requireChannel(body)
    if (!channel.startsWith('presence-')) {
      return errorResponse(400, 'invalid_input', 'Only presence channels support this endpoint')
    }
    const query = pickQuery(paramsOf(body), action === 'history' ? CHANNEL_HISTORY_PARAMS : SNAPSHOT_PARAMS)
    const verdict = judgeBoolean(options.authorize ? await options.authorize({ action, channel, params: query }, request) : false, 'Not allowed to read this presence history.')
    if (!verdict.allow) return verdict.response
    const path = `/channels/${encodeURIComponent(channel)}/presence/history${action === 'snapshot' ? '/snapshot' : ''}`
    return relay(await rest.request({ method: 'GET', path, params: query }))
  })
}
