import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { ConfigError } from '../core/errors'

/** A query parameter value; `undefined` members are left out. */
export type QueryValue = string | number | boolean | undefined

/** Input of {@link signRequest}. */
export interface SignRequestInput {
  /** HTTP method; upper-cased for signing. */
  method: string
  /** Path exactly as sent on the wire (percent-encoded), including `/apps/{appId}`. */
  path: string
  /** Endpoint query parameters (all of them are signed). */
  params?: Record<string, QueryValue>
  /** Raw body; its MD5 is signed on POST/PUT/PATCH (an empty body when absent). */
  body?: string | Uint8Array
  /** App key (`auth_key`). */
  key: string
  /** App secret, the HMAC key. */
  secret: string
  /** Unix time in seconds. @default now */
  timestamp?: number
}

/** Result of {@link signRequest}. */
export interface SignedRequest {
  /** `METHOD\npath\ncanonical query`, the exact HMAC input. */
  stringToSign: string
  /** Lowercase hex HMAC-SHA256 of {@link SignedRequest.stringToSign}. */
  signature: string
  /** URL-encoded query string (without `?`), `auth_signature` last. */
  query: string
}

const RESERVED = new Set(['auth_key', 'auth_timestamp', 'auth_version', 'body_md5', 'auth_signature'])
const BODYLESS = new Set(['GET', 'DELETE', 'HEAD', 'OPTIONS'])

/** Lowercase hex MD5 of the UTF-8 (or raw) bytes. */
export function md5Hex(body: string | Uint8Array): string {
  return createHash('md5').update(body).digest('hex')
}

/** Lowercase hex HMAC-SHA256 keyed with the UTF-8 bytes of `secret`. */
export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex')
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Signs a Sockudo HTTP API request (sockudo-core 5.2.0 src/auth.rs): the auth fields and every endpoint parameter
 * go into one map whose keys are lower-cased and sorted; values are signed raw and sent
 * URL-encoded. POST-like methods always carry `body_md5` (MD5 of the empty body when there is
 * none); GET and DELETE never do.
 */
export function signRequest(input: SignRequestInput): SignedRequest {
  const method = input.method.toUpperCase()
  // lower-cased key → [name as sent on the wire, value]; the server lower-cases keys to verify.
  const params = new Map<string, [string, string]>()
  const put = (name: string, value: string): void => void params.set(name.toLowerCase(), [name, value])
  put('auth_key', input.key)
  put('auth_timestamp', String(input.timestamp ?? Math.floor(Date.now() / 1000)))
  put('auth_version', '1.0')
  if (!BODYLESS.has(method)) put('body_md5', md5Hex(input.body ?? ''))
  for (const [name, value] of Object.entries(input.params ?? {})) {
    if (value === undefined) continue
    if (RESERVED.has(name.toLowerCase())) {
      throw new ConfigError('config/reserved-query-param', `[sockudo] "${name}" is set by request signing and cannot be passed as a parameter.`)
    }
    put(name, String(value))
  }
  const sorted = [...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const canonical = sorted.map(([k, [, v]]) => `${k}=${v}`).join('&')
  const stringToSign = `${method}\n${input.path}\n${canonical}`
  const signature = hmacSha256Hex(input.secret, stringToSign)
  const encoded = sorted.map(([, [k, v]]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
  encoded.push(`auth_signature=${signature}`)
  return { stringToSign, signature, query: encoded.join('&') }
}
