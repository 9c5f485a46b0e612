/** V2 capability tokens (JWT HS256, kid = app key) for live tests. */
import { createHmac, randomUUID } from 'node:crypto'
import { liveTarget, type LiveTarget } from './live'

export interface TokenOptions {
  clientId?: string
  capability?: Record<string, string[]>
  /** Lifetime in seconds. @default 3600 */
  ttl?: number
  jti?: string
  iat?: number
  /** Override header fields (e.g. a wrong kid or alg). */
  header?: Record<string, unknown>
  secret?: string
}

export function capabilityToken(o: TokenOptions = {}, t: LiveTarget = liveTarget()): string {
  const iat = o.iat ?? Math.floor(Date.now() / 1000)
  const header = { alg: 'HS256', typ: 'JWT', kid: t.key, ...o.header }
  const claims = {
    'x-sockudo-client-id': o.clientId ?? 'token-user', 'x-sockudo-capability': o.capability ?? { '*': ['subscribe', 'publish', 'history', 'presence'] },
    iat, exp: iat + (o.ttl ?? 3600), jti: o.jti ?? randomUUID(),
  }
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const unsigned = `${enc(header)}.${enc(claims)}`
  return `${unsigned}.${createHmac('sha256', o.secret ?? t.secret).update(unsigned).digest('base64url')}`
}
