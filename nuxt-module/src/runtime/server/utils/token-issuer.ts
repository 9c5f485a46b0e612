import { createHmac, randomUUID } from 'node:crypto'
import type { H3Event } from 'h3'

/** Operations a capability token may grant (sockudo-core 5.2.0 src/capability_token.rs). */
export const SOCKUDO_CAPABILITY_OPERATIONS = [
  'subscribe', 'publish', 'history', 'presence', 'annotation-subscribe', 'annotation-publish',
  'annotation-delete-own', 'annotation-delete-any', 'message-update-own', 'message-update-any',
  'message-delete-own', 'message-delete-any', 'message-append-own', 'message-append-any',
  'push-admin', 'push-subscribe',
] as const

/** One capability operation. */
export type SockudoCapabilityOperation = typeof SOCKUDO_CAPABILITY_OPERATIONS[number]

/** What the browser asks `<routePrefix>/token` for (the client sends it; never trust it for identity). */
export interface SockudoTokenRequest {
  /** Socket id of the current connection, when there is one. */
  socketId?: string
  /** Why: `initial`, `reconnect`, `refresh` (before expiry) or `expired`. */
  reason: 'initial' | 'reconnect' | 'refresh' | 'expired'
  /** Name of the client asking (`'default'` or a key of the `clients` option). */
  client: string
}

/** The issuer's grant: who the connection is and what it may do. */
export interface SockudoTokenGrant {
  /** `x-sockudo-client-id`: the connection's user id (1–128 bytes), from the app's session. */
  clientId: string
  /** `x-sockudo-capability`: channel pattern (`*`, exact, or one `*`) → operations. 1–100 patterns. */
  capabilities: Record<string, SockudoCapabilityOperation[]>
  /** Lifetime in seconds (1–86400). @default the `tokenTtl` option (3600) */
  ttl?: number
}

/** Mints the token for one request, or `false` to deny (403). May be async; reads the session from `event`. */
export type SockudoTokenIssuer = (request: SockudoTokenRequest, event: H3Event) => SockudoTokenGrant | false | Promise<SockudoTokenGrant | false>

// One Nitro server per process, so a module-level slot is the app's registry.
let issuer: SockudoTokenIssuer | undefined

/**
 * Registers the app's token issuer for `<routePrefix>/token` (capability tokens, protocol V2).
 * Without one the route answers 403 `not-configured`. Call it from a Nitro plugin:
 *
 * ```ts
 * export default defineNitroPlugin(() => {
 *   defineSockudoTokenIssuer(async (_request, event) => {
 *     const { user } = await getUserSession(event)
 *     return user ? { clientId: user.id, capabilities: { 'chat-*': ['subscribe', 'publish'] } } : false
 *   })
 * })
 * ```
 */
export function defineSockudoTokenIssuer(next: SockudoTokenIssuer): SockudoTokenIssuer {
  issuer = next
  return next
}

/** @internal The registered issuer (read per request). */
export function _sockudoTokenIssuer(): SockudoTokenIssuer | undefined {
  return issuer
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url')

/** Input of {@link mintSockudoToken}. */
export interface MintTokenInput extends SockudoTokenGrant {
  /** App key: the JWT header's `kid`. */
  key: string
  /** App secret: the HS256 key. */
  secret: string
  /** Lifetime when the grant has none, in seconds. */
  defaultTtl: number
  /** Current time in ms. @default Date.now() */
  now?: number
}

/** Signs a V2 capability token (sockudo-core 5.2.0 src/capability_token.rs): HS256 with the app secret, `kid` = app key. */
export function mintSockudoToken(input: MintTokenInput): { token: string, expiresAt: number } {
  const iat = Math.floor((input.now ?? Date.now()) / 1000)
  const exp = iat + (input.ttl ?? input.defaultTtl)
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: input.key }))
  const claims = b64url(JSON.stringify({
    'iat': iat,
    exp,
    'jti': randomUUID(),
    'x-sockudo-client-id': input.clientId,
    'x-sockudo-capability': input.capabilities,
  }))
  const signature = createHmac('sha256', input.secret).update(`${header}.${claims}`).digest('base64url')
  return { token: `${header}.${claims}.${signature}`, expiresAt: exp }
}
