/** Presence bookkeeping (http.md §6.5): members per user id, added/removed broadcasts, grace. */
import type { ServerContext } from './context'
import { recordPresenceEvent } from './presence-history'
import type { Session } from './session'
import type { AppState, ChannelState, PresenceMember } from './state'
import { stringifyJson } from './util'

/** Roster as sent in `subscription_succeeded` (one entry per user id). */
export function roster(ch: ChannelState): { ids: string[]; hash: Record<string, unknown>; count: number } {
  const ids = [...ch.members.keys()]
  const hash = Object.fromEntries([...ch.members.values()].map((m) => [m.userId, m.info]))
  return { ids, hash, count: ids.length }
}

function broadcastToOthers(ch: ChannelState, except: Session | undefined, event: string, data: string): void {
  for (const s of ch.subscribers) if (s !== except) s.send({ event, channel: ch.name, data }, { plainText: true, broadcast: true })
}

function notifyMeta(app: AppState, channel: string, event: string, userId: string): void {
  sendMeta(app, channel, event, { channel, user_id: userId }, true)
}

/** Sends an event to V2 subscribers of `[meta]<channel>` (core.md §4.6). */
export function sendMeta(app: AppState, channel: string, event: string, data: Record<string, unknown>, plainText = false): void {
  const meta = app.channels.get(`[meta]${channel}`)
  for (const s of meta?.subscribers ?? []) s.send({ event, channel: `[meta]${channel}`, data }, { plainText, broadcast: true })
}

/** Count notifications after a subscribe (`joined`) or an unsubscribe. */
export function notifyCount(app: AppState, ch: ChannelState, joined: boolean): void {
  if (ch.name.startsWith('[meta]') || !app.channels.get(`[meta]${ch.name}`)?.subscribers.size) return
  const count = ch.subscribers.size
  if (joined && count === 1) sendMeta(app, ch.name, 'sockudo_internal:channel_occupied', { channel: ch.name, subscription_count: 1 })
  if (!joined && count === 0) sendMeta(app, ch.name, 'sockudo_internal:channel_vacated', { channel: ch.name, subscription_count: 0 })
  else sendMeta(app, ch.name, 'sockudo_internal:subscription_count', { channel: ch.name, subscription_count: count })
}

/** Adds a socket as `userId`; broadcasts member_added only for the user's first socket. */
export function joinPresence(ctx: ServerContext, app: AppState, ch: ChannelState, session: Session, userId: string, info: unknown): void {
  const existing = ch.members.get(userId)
  if (existing) {
    if (existing.removalTimer) clearTimeout(existing.removalTimer)
    existing.removalTimer = undefined
    existing.sockets.add(session)
    return
  }
  const member: PresenceMember = { userId, info, sockets: new Set([session]) }
  ch.members.set(userId, member)
  broadcastToOthers(ch, session, 'pusher_internal:member_added', stringifyJson({ user_id: userId, user_info: info }))
  notifyMeta(app, ch.name, 'sockudo_internal:member_added', userId)
  recordPresenceEvent(ctx, app, ch.name, { event: 'member_added', userId, info, cause: 'join', connectionId: session.socketId })
}

/** Removes a socket; member_removed after the last socket (immediately or after `graceMs`). */
export function leavePresence(ctx: ServerContext, app: AppState, ch: ChannelState, session: Session, graceMs: number): void {
  for (const member of ch.members.values()) {
    if (!member.sockets.delete(session) || member.sockets.size > 0) continue
    const remove = () => {
      member.removalTimer = undefined
      if (member.sockets.size > 0 || ch.members.get(member.userId) !== member) return
      ch.members.delete(member.userId)
      broadcastToOthers(ch, session, 'pusher_internal:member_removed', stringifyJson({ user_id: member.userId }))
      notifyMeta(app, ch.name, 'sockudo_internal:member_removed', member.userId)
      const cause = graceMs > 0 ? 'timeout' : 'disconnect'
      recordPresenceEvent(ctx, app, ch.name, { event: 'member_removed', userId: member.userId, info: member.info, cause, connectionId: session.socketId })
    }
    if (graceMs > 0) member.removalTimer = setTimeout(remove, graceMs)
    else remove()
  }
}

/**
 * V2 presence_update: broadcasts the new info to every member (sender included). Like Sockudo
 * 5.2.0, the roster a later subscriber receives keeps the info the member joined with.
 */
export function updatePresence(ctx: ServerContext, app: AppState, ch: ChannelState, userId: string, info: unknown, session: Session): void {
  if (!ch.members.has(userId)) return
  const data = stringifyJson({ user_id: userId, user_info: info })
  for (const s of ch.subscribers) if (s.v2) s.send({ event: 'sockudo_internal:presence_update', channel: ch.name, data }, { plainText: true, broadcast: true })
  notifyMeta(app, ch.name, 'sockudo_internal:presence_update', userId)
  recordPresenceEvent(ctx, app, ch.name, { event: 'member_updated', userId, info, cause: 'join', connectionId: session.socketId }) // real 5.2 records updates with cause join
}
