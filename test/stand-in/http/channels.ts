/** Channel info, users, terminate / force-reconnect and revocations (http.md §2.4–2.8). */
import { channelKind, validateChannelName } from '../channel-names'
import { revokeTokens } from '../handlers/tokens'
import type { AppState } from '../state'
import { isRecord } from '../util'
import { authFailed, invalidInput } from './respond'

const infoList = (q: URLSearchParams) => (q.get('info') ?? '').split(',').map((t) => t.trim()).filter(Boolean)

export function listChannels(app: AppState, q: URLSearchParams): unknown {
  const prefix = q.get('filter_by_prefix') ?? ''
  const info = infoList(q)
  const channels: Record<string, Record<string, number>> = {}
  const occupied = [...app.channels.values()].filter((c) => c.subscribers.size > 0 && c.name.startsWith(prefix) && !c.name.startsWith('[meta]'))
  if (info.includes('user_count') && !prefix.startsWith('presence-') && occupied.some((c) => channelKind(c.name) !== 'presence')) {
    throw invalidInput('user_count is only available for presence channels. Use filter_by_prefix=presence-')
  }
  for (const c of occupied) {
    const entry: Record<string, number> = {}
    if (info.includes('subscription_count')) entry.subscription_count = c.subscribers.size
    if (info.includes('user_count') && channelKind(c.name) === 'presence') entry.user_count = c.members.size
    if (info.length > 0 && Object.keys(entry).length === 0) continue
    channels[c.name] = entry
  }
  return { channels }
}

function checkName(app: AppState, channel: string): void {
  const problem = validateChannelName(app.config, channel)
  if (problem) throw invalidInput(problem)
}

export function channelInfo(app: AppState, channel: string, q: URLSearchParams, nowMs: number): unknown {
  checkName(app, channel)
  const info = infoList(q)
  const c = app.channels.get(channel)
  if (info.includes('user_count') && channelKind(channel) !== 'presence') throw invalidInput('user_count is only available for presence channels')
  const out: Record<string, unknown> = { occupied: (c?.subscribers.size ?? 0) > 0 }
  if (info.includes('subscription_count')) out.subscription_count = c?.subscribers.size ?? 0
  if (info.includes('user_count')) out.user_count = c?.members.size ?? 0
  if (info.includes('cache') && c?.cache && c.cache.expiresAtMs > nowMs) {
    const { event, channel: ch, data } = c.cache.frame
    out.cache = { data: JSON.stringify({ event, channel: ch, data }), ttl: Math.floor((c.cache.expiresAtMs - nowMs) / 1000) }
  }
  return out
}

export function channelUsers(app: AppState, channel: string): unknown {
  checkName(app, channel)
  if (channelKind(channel) !== 'presence') throw invalidInput('Only presence channels support this endpoint')
  return { users: [...(app.channels.get(channel)?.members.keys() ?? [])].map((id) => ({ id })) }
}

export function disconnectUser(app: AppState, userId: string, force: boolean): unknown {
  for (const s of [...(app.users.get(userId) ?? [])]) {
    if (force) s.close(4200, 'Force reconnect requested by the app.')
    else s.close(4009, 'You got disconnected by the app.')
  }
  return { ok: true }
}

export function revoke(app: AppState, body: unknown): unknown {
  const b = isRecord(body) ? body : {}
  const jti = typeof b.jti === 'string' ? b.jti : undefined
  const clientId = typeof b.client_id === 'string' ? b.client_id : undefined
  if (!jti && !clientId) throw authFailed('revocation requires jti or client_id')
  if (jti) app.revokedJtis.add(jti)
  if (clientId) app.revokedClientIds.add(clientId)
  const closed = revokeTokens(app, jti, clientId)
  return { revoked_jti: Boolean(jti), revoked_client_id: Boolean(clientId), closed_connections: closed }
}
