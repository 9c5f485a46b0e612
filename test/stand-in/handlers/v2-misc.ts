/** V2 frames: presence_update, channel_history over the socket, delta enable / sync error. */
import { isPresence } from '../channel-names'
import type { ServerContext } from '../context'
import { authError, invalidFormat, WsError } from '../errors'
import type { ClientFrame } from '../frame'
import { HistoryQueryError, queryHistory } from '../history-store'
import { updatePresence } from '../presence'
import type { Session } from '../session'
import { isRecord, stringifyJson, toSerial } from '../util'
import { capabilityAllows, dataObject } from './common'

const updates = new WeakMap<Session, number[]>()

export function handlePresenceUpdate(ctx: ServerContext, s: Session, frame: ClientFrame): void {
  if (!s.v2) throw new WsError(4000, 'presence_update requires protocol V2')
  const data = dataObject(frame)
  const channel = data?.channel
  if (typeof channel !== 'string' || channel === '') throw new WsError(4000, 'presence_update channel is required')
  if (!isPresence(channel)) throw new WsError(4000, 'presence_update requires a presence channel')
  if (data?.data === undefined) throw new WsError(4000, 'presence_update data field is required')
  if (!capabilityAllows(s, 'presence', channel)) throw authError(`Connection is not allowed to presence channel '${channel}'`)
  const ch = s.app.channels.get(channel)
  if (!s.userId || !ch?.members.get(s.userId)?.sockets.has(s)) throw new WsError(4000, 'presence_update requires active membership')
  if (Buffer.byteLength(stringifyJson(data.data)) > 1024) throw new WsError(4000, 'presence_update data exceeds 1024 bytes')
  const now = ctx.now()
  const recent = (updates.get(s) ?? []).filter((t) => t > now - 1000)
  if (recent.length >= 10) throw new WsError(4301, 'Client event rejected due to rate limit')
  updates.set(s, [...recent, now])
  updatePresence(ctx, s.app, ch, s.userId, data.data, s)
}

export function handleChannelHistory(_ctx: ServerContext, s: Session, frame: ClientFrame): void {
  const data = historyRequest(s, frame)
  const params: Record<string, unknown> = isRecord(data.params) ? data.params : data
  const channel = typeof data.channel === 'string' ? data.channel : params.channel
  if (typeof channel !== 'string') throw invalidFormat('Missing channel in channel_history message')
  if (!s.v2) throw new WsError(4000, 'Protocol error: channel_history is only supported on protocol V2')
  const sub = s.subscriptions.get(channel)
  if (!sub) throw new WsError(4301, `Client event error: Socket ${s.socketId} is not subscribed to channel ${channel}`)
  if (!capabilityAllows(s, 'history', channel)) throw authError(`Connection is not allowed to history channel '${channel}'`)
  if (!s.app.config.history) throw new WsError(4300, `Channel error: Durable history is disabled by policy for channel '${channel}'`)
  if (s.historyRequests >= 2) throw new WsError(4301, 'Client event error: Too many concurrent channel_history requests for this connection')
  const untilAttach = params.until_attach === true || params.untilAttach === true
  // Real 5.2 clears the recorded attach serial when it stores the subscription right after
  // subscription_succeeded, so `until_attach` is always refused (sub.attachSerial stays unset).
  if (untilAttach && sub.attachSerial === undefined) throw invalidFormat(`No attach_serial is recorded for channel '${channel}'`)
  const query = { ...params, limit: Math.min(Number(params.limit ?? 100), 1000) } as Record<string, unknown>
  if (untilAttach) {
    const end = toSerial(query.end_serial)
    query.end_serial = end === undefined || end > (sub.attachSerial as bigint) ? sub.attachSerial : end
  }
  const ch = s.app.channels.get(channel)
  if (!ch) throw invalidFormat('Unknown channel')
  try {
    const body = queryHistory(s.app, ch, query, 'socket')
    body.bounds = { ...(body.bounds as object), until_attach: untilAttach, attach_serial: sub.attachSerial ?? null }
    s.send({ event: 'sockudo:channel_history', channel, data: body })
  } catch (error) {
    if (error instanceof HistoryQueryError) throw invalidFormat(error.message)
    throw error
  }
}

/**
 * The request object: a JSON string, or an object. On JSON text the real server reads an object
 * holding `channel`, `channel_data` or `user_data` as subscribe-like data and refuses it; binary
 * formats decode any object as plain JSON.
 */
function historyRequest(s: Session, frame: ClientFrame): Record<string, unknown> {
  let data: unknown = frame.data
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown
    } catch (error) {
      throw invalidFormat(`Invalid channel_history data JSON: ${(error as Error).message}`)
    }
  } else if (s.format === 'json' && isRecord(data)) {
    const record = data
    if (['channel', 'channel_data', 'user_data'].some((k) => typeof record[k] === 'string')) data = undefined
  }
  if (!isRecord(data)) throw invalidFormat('Missing data in channel_history message')
  return data
}

export function handleEnableDelta(_ctx: ServerContext, s: Session): void {
  if (!s.v2 || !s.app.config.deltaCompression) return
  // The real server resets every base and every per-subscription setting; `data` is ignored.
  s.deltaState.clear()
  for (const sub of s.subscriptions.values()) sub.delta = undefined
  s.deltaAlgorithm = s.app.config.deltaAlgorithm
  s.deltaEnabled = true
  s.send({ event: 'pusher:delta_compression_enabled', data: { enabled: true, algorithm: s.deltaAlgorithm } })
}

export function handleDeltaSyncError(_ctx: ServerContext, s: Session, frame: ClientFrame): void {
  const channel = dataObject(frame)?.channel ?? (typeof frame.data === 'string' ? frame.data : frame.channel)
  if (typeof channel !== 'string') return
  for (const key of [...s.deltaState.keys()]) if (key.startsWith(`${channel}\u0000`)) s.deltaState.delete(key)
  const sub = s.subscriptions.get(channel)
  if (sub) sub.delta = undefined
}
