/** V2 capability tokens (core.md §8, http.md §6.18): JWT HS256 validation, refresh, expiry, revocation. */
import { createHmac } from 'node:crypto'
import type { ServerContext } from '../context'
import { authError, invalidFormat } from '../errors'
import type { ClientFrame } from '../frame'
import type { Capabilities, Session } from '../session'
import { registerUser, type AppState } from '../state'
import { isRecord, safeEqual } from '../util'
import { dataObject } from './common'

const OPERATIONS = new Set([
  'subscribe', 'publish', 'history', 'presence', 'annotation-subscribe', 'annotation-publish', 'annotation-delete-own',
  'annotation-delete-any', 'message-update-own', 'message-update-any', 'message-delete-own', 'message-delete-any',
  'message-append-own', 'message-append-any', 'push-admin', 'push-subscribe',
])

/** Parses `pattern → operations` (object or JSON-object string) into operation → patterns. */
export function parseCapabilities(raw: unknown): Capabilities {
  const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw
  if (!isRecord(value)) throw new Error('capability must be an object')
  const entries = Object.entries(value)
  if (entries.length > 100) throw new Error('too many capability patterns')
  const caps: Capabilities = new Map()
  for (const [pattern, ops] of entries) {
    if (pattern === '') throw new Error('empty capability pattern')
    if (!Array.isArray(ops)) throw new Error(`operations for '${pattern}' must be an array`)
    for (const op of ops) {
      const name = String(op).replace(/_/g, '-')
      if (!OPERATIONS.has(name)) throw new Error(`unknown capability operation '${String(op)}'`)
      caps.set(name, [...(caps.get(name) ?? []), pattern])
    }
  }
  return caps
}

export interface ValidToken {
  jti: string
  clientId: string
  exp: number
  capabilities: Capabilities
}

const b64json = (part: string | undefined): Record<string, unknown> => {
  const parsed: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'))
  if (!isRecord(parsed)) throw new Error('not an object')
  return parsed
}

/** Validates a token for `app`; throws a 4009 WsError with the real texts. */
export function validateToken(ctx: ServerContext, app: AppState, token: string): ValidToken {
  if (Buffer.byteLength(token) > 8192) throw authError('capability token exceeds 8 KiB')
  const parts = token.split('.')
  let header: Record<string, unknown>, claims: Record<string, unknown>
  try {
    header = b64json(parts[0])
    claims = b64json(parts[1])
  } catch {
    throw authError('capability token signature or claims are invalid')
  }
  if (header.alg !== 'HS256') throw authError('capability token must use HS256')
  if (header.kid !== app.config.key) throw authError('capability token kid does not match app key')
  const expected = createHmac('sha256', app.config.secret).update(`${parts[0]}.${parts[1]}`).digest('base64url')
  if (parts.length !== 3 || !safeEqual(expected, parts[2] ?? '')) throw authError('capability token signature or claims are invalid')
  const now = ctx.now() / 1000
  const { iat, exp, nbf, jti } = claims
  const clientId = claims['x-sockudo-client-id']
  if (typeof iat !== 'number' || typeof exp !== 'number' || typeof jti !== 'string' || typeof clientId !== 'string') {
    throw authError('capability token signature or claims are invalid')
  }
  // The JWT library checks exp and nbf first (30 s leeway): beyond it the real server only says "invalid".
  const whole = Math.floor(now)
  if (exp < whole - 30 || (typeof nbf === 'number' && nbf > whole + 30)) throw authError('capability token signature or claims are invalid')
  if (clientId.length < 1 || Buffer.byteLength(clientId) > 128) throw authError('x-sockudo-client-id must be 1..=128 bytes')
  if (jti.length < 1 || jti.length > 128) throw authError('jti must be 1..=128 bytes')
  if (iat > whole + 30) throw authError('capability token iat is too far in the future')
  if (exp <= whole - 30) throw authError('capability token is expired')
  if (exp - iat > 86400) throw authError('capability token lifetime exceeds 24 hours')
  if (app.revokedJtis.has(jti) || app.revokedClientIds.has(clientId)) throw authError('capability token has been revoked')
  let capabilities: Capabilities
  try {
    capabilities = parseCapabilities(claims['x-sockudo-capability'])
  } catch (error) {
    throw authError(`capability token signature or claims are invalid: ${(error as Error).message}`)
  }
  return { jti, clientId, exp, capabilities }
}

/** Applies a validated token to a socket and (re)arms the expiry timer. */
export function applyToken(ctx: ServerContext, s: Session, token: ValidToken): void {
  if (s.token?.expiryTimer) clearTimeout(s.token.expiryTimer)
  if (s.token?.graceTimer) clearTimeout(s.token.graceTimer)
  s.token = { jti: token.jti, clientId: token.clientId, exp: token.exp }
  s.capabilities = token.capabilities
  if (s.userId !== token.clientId) {
    s.userId = token.clientId
    registerUser(s.app, token.clientId, s)
  }
  s.clearAuthTimer()
  scheduleExpiry(ctx, s)
}

/** At `exp`: `token_expired` 40142, then close 4009 after the grace unless refreshed. */
export function scheduleExpiry(ctx: ServerContext, s: Session): void {
  const token = s.token
  if (!token) return
  const delay = Math.max(0, token.exp * 1000 - ctx.now())
  token.expiryTimer = setTimeout(() => expireNow(ctx, s), Math.min(delay, 2 ** 31 - 1))
}

export function expireNow(ctx: ServerContext, s: Session): void {
  const token = s.token
  if (!token || s.closed) return
  if (token.expiryTimer) clearTimeout(token.expiryTimer)
  s.send({ event: 'sockudo:token_expired', data: { code: 40142, reason: 'expired' } })
  token.graceTimer = setTimeout(() => {
    if (s.token === token) s.close(4009, 'capability token expired')
  }, ctx.timings.tokenGrace * 1000)
}

/** `sockudo:auth {"token"}`: refresh in place (V2 only). */
export function handleAuth(ctx: ServerContext, s: Session, frame: ClientFrame): void {
  if (!s.v2) throw authError('sockudo:auth is only supported on protocol V2')
  const data = dataObject(frame)
  if (!data || typeof data.token !== 'string') throw invalidFormat('sockudo:auth data must contain token')
  const token = validateToken(ctx, s.app, data.token)
  if (s.token && s.token.clientId !== token.clientId) throw authError('capability token refresh cannot change client_id')
  if (!s.token && s.signedIn && s.userId !== token.clientId) throw authError('capability token cannot change authenticated identity')
  applyToken(ctx, s, token)
  s.send({ event: 'sockudo:auth_success', data: { client_id: token.clientId, jti: token.jti, exp: token.exp } })
}

/** Revocation: matching sockets get `token_expired` 40160 then close 4009. */
export function revokeTokens(app: AppState, jti: string | undefined, clientId: string | undefined): number {
  let closed = 0
  for (const s of app.sessions) {
    if (!s.token || (s.token.jti !== jti && s.token.clientId !== clientId)) continue
    s.send({ event: 'sockudo:token_expired', data: { code: 40160, reason: 'revoked' } })
    s.close(4009, 'capability token revoked')
    closed++
  }
  return closed
}
