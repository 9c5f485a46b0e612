/**
 * WebSocket upgrade on `/app/{key}` and the socket lifecycle (http.md §6.1–6.2): query checks
 * before the upgrade, handshake, heartbeats, user-auth timeout, dispatch and disconnect cleanup.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket, WebSocketServer } from 'ws'
import { decodeFrame, DecodeError, parseFormat } from './codecs'
import type { ServerContext } from './context'
import { dispatch } from './dispatch'
import { WsError } from './errors'
import type { WireFormat } from './frame'
import { notifyOffline } from './handlers/signin'
import { removeSubscription } from './handlers/subscribe'
import { applyToken, validateToken } from './handlers/tokens'
import { Session } from './session'
import { unregisterUser, type AppState } from './state'
import { createSocketId, stringifyJson } from './util'

interface ConnectQuery {
  key: string
  protocol: 1 | 2
  format: WireFormat
  echo: boolean
  appendMode: 'delta' | 'full'
  token?: string
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`)
}

/** Parses the upgrade URL; returns an HTTP status for pre-upgrade rejections. */
export function parseConnectQuery(url: URL): ConnectQuery | number {
  const match = /^\/app\/([^/]+)$/.exec(url.pathname)
  if (!match) return 404
  const q = url.searchParams
  const rawProtocol = q.get('protocol')
  if (rawProtocol !== null && (!/^\d+$/.test(rawProtocol) || Number(rawProtocol) > 255)) return 400
  const protocol = rawProtocol === '2' ? 2 : 1
  const format = protocol === 2 ? parseFormat(q.get('format')) : 'json'
  if (!format) return 400
  const append = (q.get('append_mode') ?? '').trim().toLowerCase()
  if (protocol === 2 && !['', 'delta', 'full'].includes(append)) return 400
  const rollup = q.get('append_rollup_window')
  if (protocol === 2 && rollup !== null && !['0', '20', '40', '100', '500'].includes(rollup)) return 400
  const echoRaw = q.get('echo_messages')
  if (echoRaw !== null && echoRaw !== 'true' && echoRaw !== 'false') return 400
  return {
    key: decodeURIComponent(match[1] as string), protocol, format, echo: echoRaw !== 'false',
    appendMode: append === 'full' ? 'full' : 'delta', token: q.get('token') ?? undefined,
  }
}

export function handleUpgrade(ctx: ServerContext, wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  let query: ConnectQuery | number
  try {
    query = parseConnectQuery(new URL(req.url ?? '/', 'http://localhost'))
  } catch {
    query = 400
  }
  if (typeof query === 'number') return reject(socket, query, query === 404 ? 'Not Found' : 'Bad Request')
  const q = query
  wss.handleUpgrade(req, socket, head, (ws) => {
    try {
      onConnection(ctx, ws, req, q)
    } catch {
      ws.terminate()
    }
  })
}

function originAllowed(app: AppState, origin: string): boolean {
  const list = app.config.allowedOrigins
  if (list.length === 0 || list.includes('*') || list.includes('any')) return true
  return list.some((p) => (p.includes('*') ? new RegExp(`^${p.split('*').map(escape).join('.*')}$`).test(origin) : p === origin))
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function onConnection(ctx: ServerContext, ws: WebSocket, req: IncomingMessage, q: ConnectQuery): void {
  const app = ctx.byKey(q.key)
  // Like Sockudo 5.2.0 (handle_socket returns ApplicationNotFound/Disabled before splitting the
  // socket): the upgrade completes, then the socket is dropped without a frame or close code.
  if (!app || !app.config.enabled) return ws.terminate()
  const s = new Session(ws, app, createSocketId(), q.protocol, q.format, q.echo, q.appendMode)
  app.sessions.add(s)
  ws.on('close', (code) => cleanup(ctx, s, code === 1006))
  ws.on('error', () => undefined)
  ws.on('message', (raw: Buffer | Buffer[] | ArrayBuffer) => onMessage(ctx, s, raw))
  ws.on('pong', () => {
    s.pingSent = false
    s.lastActivityMs = Date.now()
  })
  if (!originAllowed(app, req.headers.origin ?? '')) return s.close(4009, 'Origin not allowed')
  if (q.token !== undefined) {
    if (!s.v2) {
      // Like every token refusal on Sockudo 5.2: the error frame, then the close routine's (both `pusher:error` on V1).
      s.sendError(4009, 'Authentication error: capability tokens require protocol V2')
      return s.close(4009, 'Authentication error: capability tokens require protocol V2')
    }
    try {
      applyToken(ctx, s, validateToken(ctx, app, q.token))
    } catch (error) {
      const message = error instanceof WsError ? error.message : 'Authentication error: invalid token'
      s.sendError(4009, message)
      return s.close(4009, message)
    }
  }
  s.send({ event: 'pusher:connection_established', data: stringifyJson({ socket_id: s.socketId, activity_timeout: ctx.timings.activityTimeout }) })
  startHeartbeat(ctx, s)
  if (app.config.enableUserAuthentication && !s.token) {
    s.authTimer = setTimeout(() => s.close(4009, 'Connection not authorized within timeout.'), ctx.timings.userAuthenticationTimeout * 1000)
  }
}

function onMessage(ctx: ServerContext, s: Session, raw: Buffer | Buffer[] | ArrayBuffer): void {
  s.lastActivityMs = Date.now()
  if (!Buffer.isBuffer(raw)) raw = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw)
  let frame
  try {
    frame = decodeFrame(s.v2 ? s.format : 'json', raw)
  } catch (error) {
    const detail = error instanceof DecodeError ? error.message : 'Decode failed'
    return s.sendError(4000, `Invalid message format: ${detail}`)
  }
  try {
    dispatch(ctx, s, frame)
  } catch {
    s.sendError(4000, 'Invalid message format: internal error')
  }
}

/** V1: app-level `pusher:ping` after idle + pong deadline (4201). V2: native ping frames. */
function startHeartbeat(ctx: ServerContext, s: Session): void {
  const { activityTimeout, pongTimeout, pingInterval } = ctx.timings
  const tickMs = Math.max(50, Math.min(activityTimeout, pongTimeout, pingInterval) * 250)
  let pingAt = 0
  const timer = setInterval(() => {
    if (s.closed) return clearInterval(timer)
    const now = Date.now()
    if (s.pingSent && now - pingAt >= pongTimeout * 1000) return s.close(4201, 'Pong reply not received in time')
    if (s.pingSent) return
    if (!s.v2 && now - s.lastActivityMs >= activityTimeout * 1000) {
      s.pingSent = true
      pingAt = now
      s.send({ event: 'pusher:ping' })
    } else if (s.v2 && now - Math.max(s.lastActivityMs, pingAt) >= pingInterval * 1000) {
      s.pingSent = true
      pingAt = now
      s.ws.ping()
    }
  }, tickMs)
  s.timers.push(timer)
}

function cleanup(ctx: ServerContext, s: Session, abrupt: boolean): void {
  s.closed = true
  for (const t of s.timers) clearInterval(t)
  s.clearTimers()
  const grace = abrupt ? (s.v2 ? ctx.timings.presenceGraceV2 : ctx.timings.presenceGraceV1) * 1000 : 0
  for (const channel of [...s.subscriptions.keys()]) removeSubscription(ctx, s, channel, grace)
  s.app.sessions.delete(s)
  if (s.userId) {
    unregisterUser(s.app, s.userId, s)
    if (s.signedIn) notifyOffline(s.app, s.userId)
  }
}
