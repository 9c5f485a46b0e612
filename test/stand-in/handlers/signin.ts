/** `signin` and the watchlist (http.md §6.8, core.md §5.4/§5.6). */
import type { ServerContext } from '../context'
import { authError, invalidFormat } from '../errors'
import type { ClientFrame } from '../frame'
import type { Session } from '../session'
import { registerUser, unregisterUser, type AppState } from '../state'
import { hmacHex, isRecord, safeEqual } from '../util'
import { parseCapabilities } from './tokens'

export function handleSignin(_ctx: ServerContext, s: Session, frame: ClientFrame): void {
  if (!isRecord(frame.data)) throw invalidFormat('Invalid signin data format')
  const cfg = s.app.config
  if (!cfg.enableUserAuthentication) throw authError('User authentication is disabled for this app')
  const userDataText = frame.data.user_data
  const auth = frame.data.auth
  let userData: unknown
  try {
    userData = typeof userDataText === 'string' ? JSON.parse(userDataText) : undefined
  } catch {
    userData = undefined
  }
  if (!isRecord(userData) || typeof userData.id !== 'string') throw authError("Missing 'id' field in user_data")
  const signature = typeof auth === 'string' ? auth.slice(auth.indexOf(':') + 1) : ''
  if (!safeEqual(signature, hmacHex(cfg.secret, `${s.socketId}::user::${String(userDataText)}`))) {
    throw authError('Connection not authorized for signin.')
  }
  if (s.token) throw authError('signin is not allowed on capability-token authenticated connections')
  if (userData.capabilities !== undefined) {
    try {
      s.capabilities = parseCapabilities(userData.capabilities)
    } catch (error) {
      throw authError(`Invalid capabilities in user_data: ${(error as Error).message}`)
    }
  }
  const wasOnline = s.app.users.has(userData.id)
  if (s.userId) unregisterUser(s.app, s.userId, s)
  s.userId = userData.id
  s.userData = userData
  s.signedIn = true
  registerUser(s.app, userData.id, s)
  s.clearAuthTimer()
  s.watchlist = Array.isArray(userData.watchlist) ? userData.watchlist.filter((u): u is string => typeof u === 'string') : []
  if (cfg.enableWatchlistEvents && s.watchlist.length > 0) sendWatchlist(s.app, s, wasOnline)
  s.send({ event: 'pusher:signin_success', data: { user_data: userDataText } })
}

function watchers(app: AppState, userId: string): Session[] {
  return [...app.sessions].filter((x) => x.signedIn && x.watchlist.includes(userId))
}

function sendWatchlist(app: AppState, s: Session, wasOnline: boolean): void {
  const userId = s.userId as string
  const online = s.watchlist.filter((u) => app.users.has(u))
  const offline = s.watchlist.filter((u) => !app.users.has(u))
  if (!wasOnline) {
    const others = watchers(app, userId).filter((w) => w !== s)
    // Real-server quirk: the signer also gets one `online [self]` per existing watcher.
    for (const w of others) {
      online.push(userId)
      w.send({ event: 'online', data: { user_ids: [userId] } })
    }
  }
  if (online.length > 0) s.send({ event: 'online', data: { user_ids: online } })
  if (offline.length > 0) s.send({ event: 'offline', data: { user_ids: offline } })
}

/** After the last socket of a user disconnected: watchers get `offline`. */
export function notifyOffline(app: AppState, userId: string): void {
  if (!app.config.enableWatchlistEvents || app.users.has(userId)) return
  for (const w of watchers(app, userId)) w.send({ event: 'offline', data: { user_ids: [userId] } })
}
