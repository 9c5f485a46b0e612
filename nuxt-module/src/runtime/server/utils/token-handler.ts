import type { H3Event } from 'h3'
import type { SockudoPrivateRuntimeConfig, SockudoPublicRuntimeConfig } from '../../types'
import { judgeGrant } from './token-grant'
import { _sockudoTokenIssuer, mintSockudoToken } from './token-issuer'
import type { SockudoTokenRequest } from './token-issuer'

/** Secrets every Sockudo example uses: anyone could mint tokens with them. */
const WELL_KNOWN_SECRETS = new Set(['app-secret', 'secret', ''])

/** The same production guard as the other signing routes (`SOCKUDO_ALLOW_DEFAULT_SECRET=1` lifts it). */
function defaultSecretInProduction(secret: string): boolean {
  return process.env.NODE_ENV === 'production' && WELL_KNOWN_SECRETS.has(secret) && process.env['SOCKUDO_ALLOW_DEFAULT_SECRET'] !== '1'
}

const REASONS = new Set(['initial', 'reconnect', 'refresh', 'expired'])
const MAX_BODY = 4096

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } })
}

const fail = (status: number, code: string, message: string, headers?: Record<string, string>): Response => json(status, { error: message, code, status }, headers)

/** 403 when a browser `Origin` names another host than the request's and is not in `allowedOrigins`. */
function foreignOrigin(request: Request, allowed: string[]): boolean {
  const origin = request.headers.get('origin')
  if (origin === null || allowed.includes(origin)) return false
  try {
    return new URL(origin).host !== (request.headers.get('host') ?? new URL(request.url).host)
  } catch {
    return true
  }
}

/** The request body as a {@link SockudoTokenRequest}, or undefined when it is not one. */
async function readTokenRequest(request: Request): Promise<SockudoTokenRequest | undefined> {
  const text = await request.text()
  if (text.length > MAX_BODY) return undefined
  let body: unknown
  try {
    body = text === '' ? {} : JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined
  const { socket_id: socketId, reason = 'initial', client = 'default' } = body as Record<string, unknown>
  if (typeof reason !== 'string' || !REASONS.has(reason) || typeof client !== 'string' || client === '') return undefined
  if (socketId !== undefined && socketId !== null && (typeof socketId !== 'string' || !/^\d+\.\d+$/.test(socketId))) return undefined
  return { reason: reason as SockudoTokenRequest['reason'], client, ...(typeof socketId === 'string' ? { socketId } : {}) }
}

/**
 * `POST <routePrefix>/token`: asks the app's issuer (`defineSockudoTokenIssuer`) and mints the
 * V2 capability token it grants. Denies by default: no issuer → 403 `not-configured`; `false`
 * → 403 `forbidden`; anything but a well-formed grant → 403 `invalid-decision`.
 */
export async function handleTokenRequest(request: Request, event: H3Event, config: { public: SockudoPublicRuntimeConfig, private: SockudoPrivateRuntimeConfig, allowedOrigins: string[] }): Promise<Response> {
  if (request.method.toUpperCase() !== 'POST') return fail(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' })
  if (foreignOrigin(request, config.allowedOrigins)) return fail(403, 'forbidden_origin', 'This origin may not request tokens.')
  const issuer = _sockudoTokenIssuer()
  if (!issuer) return fail(403, 'not-configured', 'No token issuer is registered: call defineSockudoTokenIssuer() in a Nitro plugin.')
  if (defaultSecretInProduction(config.private.secret)) {
    return fail(500, 'config/default-secret', 'The token route refuses the well-known default secret in production: set NUXT_SOCKUDO_SECRET.')
  }
  const tokenRequest = await readTokenRequest(request)
  if (!tokenRequest) return fail(400, 'invalid_request', 'Expected JSON { socket_id?, reason?, client? }.')
  const verdict = judgeGrant(await issuer(tokenRequest, event))
  if (!verdict.allow) return fail(403, verdict.code, verdict.message)
  const ttl = Math.min(86_400, Math.max(1, Number(config.private.tokenTtl) || 3600))
  const { token, expiresAt } = mintSockudoToken({ ...verdict.grant, key: config.public.key, secret: config.private.secret, defaultTtl: ttl })
  if (token.length > 8192) return fail(403, 'invalid-decision', 'The granted token would exceed the server\'s 8 KiB limit: grant fewer patterns.')
  return json(200, { token, expires_at: expiresAt })
}
