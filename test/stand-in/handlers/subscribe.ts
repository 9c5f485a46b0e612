/** `subscribe` / `unsubscribe` (http.md §6.4, core.md §4.2–4.7). Errors carry no channel. */
import { channelKind, isEncrypted, isMeta, isPresence, isPrivateLike, isWildcard, namespaceOf, validateChannelName } from '../channel-names'
import type { ServerContext } from '../context'
import { parseDeltaOption } from '../delta-options'
import { authError, channelError, invalidFormat, WsError } from '../errors'
import { parseFilter } from '../filters'
import type { ClientFrame, ServerFrame } from '../frame'
import { joinPresence, leavePresence, notifyCount, roster } from '../presence'
import { parseRewind, runRewind, type Rewind } from '../rewind'
import type { Session, Subscription } from '../session'
import { channelState, historyStreamId, registerUser, type ChannelState } from '../state'
import { hmacHex, isRecord, safeEqual, stringifyJson } from '../util'
import { capabilityAllows, dataObject } from './common'

interface PresenceData {
  userId: string
  info: unknown
}

export function handleSubscribe(ctx: ServerContext, s: Session, frame: ClientFrame): void {
  const data = dataObject(frame)
  if (!data || typeof data.channel !== 'string') throw invalidFormat('Missing channel field')
  const channel = data.channel
  if (!s.app.config.enabled) throw new WsError(4003, 'Application disabled')
  if (isMeta(channel)) return subscribeMeta(s, channel)
  validateName(s, channel)
  const filter = parseFilter(data.filter ?? data.tags_filter)
  const rewind = data.rewind === undefined ? undefined : checkRewind(s, channel, data.rewind)
  const auth = typeof data.auth === 'string' ? data.auth : undefined
  if (isPrivateLike(channel) && !auth) throw authError('Authentication signature required for this channel')
  checkV2Permissions(s, channel, rewind !== undefined)
  const kind = channelKind(channel)
  const presence = kind === 'presence' ? parsePresence(s, channel, data.channel_data) : undefined
  if (isPrivateLike(channel) && kind !== 'cache') verifySignature(s, channel, auth ?? '', presence ? String(data.channel_data) : undefined)
  const sub: Subscription = { channel, filter, delta: isEncrypted(channel) ? undefined : parseDeltaOption(data.delta) }
  const ch = channelState(s.app, channel)
  if (presence && s.subscriptions.has(channel)) return
  s.subscriptions.set(channel, sub)
  if (sub.delta !== undefined && s.v2 && s.app.config.deltaCompression) s.deltaEnabled = true
  const wasSubscribed = ch.subscribers.has(s)
  ch.subscribers.add(s)
  if (isPrivateLike(channel)) s.clearAuthTimer()
  if (presence) {
    if (!s.userId) {
      s.userId = presence.userId
      registerUser(s.app, presence.userId, s)
    }
    joinPresence(ctx, s.app, ch, s, presence.userId, presence.info)
  }
  sendSucceeded(s, ch, sub, kind === 'presence')
  if (!wasSubscribed) notifyCount(s.app, ch, true)
  if (kind === 'cache') sendCache(ctx, s, ch)
  if (rewind) runRewind(ctx, s, ch, sub, rewind)
}

function validateName(s: Session, channel: string): void {
  if (isWildcard(channel)) {
    if (!s.v2) throw channelError(`Wildcard subscription '${channel}' is only supported on protocol V2`)
    if (channel.split('*').length !== 2 || channel.includes('#') || isPrivateLike(channel) || !/^[A-Za-z0-9\-_=@.:*]+$/.test(channel)) {
      throw channelError(`Wildcard subscription '${channel}' is not allowed`)
    }
    return
  }
  const problem = validateChannelName(s.app.config, channel)
  if (problem) throw channelError(problem)
}

function checkRewind(s: Session, channel: string, raw: unknown): Rewind {
  if (!s.v2) throw channelError('Channel rewind is only supported on protocol V2')
  if (!s.app.config.history) throw channelError(`Channel rewind is not enabled for channel '${channel}'`)
  return parseRewind(raw)
}

function checkV2Permissions(s: Session, channel: string, rewind: boolean): void {
  if (!s.v2) return
  const ns = namespaceOf(s.app.config, channel)
  if (ns?.allowSubscribeForClient === false) throw authError(`Connection is not allowed to subscribe channel '${channel}'`)
  if (isPresence(channel) && ns?.allowPresenceForClient === false) throw authError(`Connection is not allowed to presence channel '${channel}'`)
  const op = isPresence(channel) && s.capabilities?.has('presence') ? 'presence' : 'subscribe'
  if (!capabilityAllows(s, op, channel)) throw authError(`Connection is not allowed to ${op} channel '${channel}'`)
  if (rewind && !capabilityAllows(s, 'history', channel)) throw authError(`Connection is not allowed to history channel '${channel}'`)
  const hash = channel.indexOf('#')
  if (hash > 0) {
    const users = channel.slice(hash + 1).split(',')
    if (!s.userId || !users.includes(s.userId)) throw authError(`Connection is not allowed to subscribe channel '${channel}'`)
  }
}

function parsePresence(s: Session, channel: string, raw: unknown): PresenceData {
  if (typeof raw !== 'string') throw invalidFormat('Missing channel_data for presence channel')
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw invalidFormat('Invalid channel_data JSON for presence')
  }
  const info = isRecord(parsed) && parsed.user_info !== undefined ? parsed.user_info : {}
  const size = Buffer.byteLength(stringifyJson(info))
  const max = s.app.config.maxPresenceMemberSizeKb
  if (size > max * 1024) throw channelError(`Presence member data size (${Math.ceil(size / 1024)}KB) exceeds limit (${max}KB)`)
  const ch = s.app.channels.get(channel)
  const userId = isRecord(parsed) ? parsed.user_id : undefined
  if ((ch?.members.size ?? 0) >= s.app.config.maxPresenceMembersPerChannel && !(typeof userId === 'string' && ch?.members.has(userId))) {
    throw new WsError(4100, 'Over capacity')
  }
  return { userId: typeof userId === 'string' ? userId : '', info }
}

function verifySignature(s: Session, channel: string, auth: string, channelData: string | undefined): void {
  const toSign = channelData ? `${s.socketId}:${channel}:${channelData}` : `${s.socketId}:${channel}`
  const expected = `${s.app.config.key}:${hmacHex(s.app.config.secret, toSign)}`
  if (!safeEqual(expected, auth)) throw authError('Channel requires authentication')
  if (channelData !== undefined) {
    const parsed = JSON.parse(channelData) as unknown
    if (!isRecord(parsed) || typeof parsed.user_id !== 'string') throw channelError('Missing user_id in channel_data')
  }
}

function sendSucceeded(s: Session, ch: ChannelState, sub: Subscription, presence: boolean): void {
  const payload: Record<string, unknown> = presence ? { presence: roster(ch) } : {}
  if (s.v2 && s.app.config.history) {
    // Announced but not retained for `until_attach` (see handleChannelHistory), as on real 5.2.
    payload.attach_serial = ch.historySerial
  }
  const frame: ServerFrame = { event: 'pusher_internal:subscription_succeeded', channel: ch.name, data: stringifyJson(payload) }
  if (s.v2 && s.app.config.recovery) {
    // The real server advertises the history store's position here (its own stream id with
    // versioned messages on), not the live stream's: `resume` cannot use it.
    frame.stream_id = s.app.config.history ? historyStreamId(s.app, ch) : ch.streamId
    frame.serial = s.app.config.history ? ch.historySerial : ch.serial
    if (ch.replay.length === 0 || ch.replayStreamId === undefined) ch.replayStreamId = frame.stream_id
  }
  s.send(frame)
}

function sendCache(ctx: ServerContext, s: Session, ch: ChannelState): void {
  if (ch.cache && ch.cache.expiresAtMs > ctx.now()) s.send(ch.cache.frame)
  else s.send({ event: 'pusher:cache_miss', channel: ch.name, data: '{}' })
}

function subscribeMeta(s: Session, channel: string): void {
  if (!s.v2) throw channelError('Metachannel subscriptions are only supported on protocol V2')
  const ch = channelState(s.app, channel)
  s.subscriptions.set(channel, { channel })
  ch.subscribers.add(s)
  s.send({ event: 'pusher_internal:subscription_succeeded', channel, data: '{}' })
}

export function handleUnsubscribe(ctx: ServerContext, s: Session, frame: ClientFrame): void {
  const channel = typeof frame.data === 'string' && !frame.data.startsWith('{') ? frame.data : dataObject(frame)?.channel
  if (typeof channel !== 'string') throw invalidFormat('Missing channel field')
  removeSubscription(ctx, s, channel, 0)
}

/** Drops one subscription (delta state first, then presence with the given grace). */
export function removeSubscription(ctx: ServerContext, s: Session, channel: string, graceMs: number): void {
  for (const key of [...s.deltaState.keys()]) if (key.startsWith(`${channel}\u0000`)) s.deltaState.delete(key)
  if (!s.subscriptions.delete(channel)) return
  const ch = s.app.channels.get(channel)
  if (!ch) return
  ch.subscribers.delete(s)
  if (isPresence(channel)) leavePresence(ctx, s.app, ch, s, graceMs)
  notifyCount(s.app, ch, false)
}
