/** HTTP API request signing check (http.md §1.2–1.6), first failure wins in the real order. */
import type { ServerContext } from '../context'
import type { AppState } from '../state'
import { hmacHex, md5Hex, safeEqual } from '../util'
import { HttpError, authFailed, invalidInput } from './respond'

/** Canonical query: decoded values, lowercased keys, last wins, sorted, auth_signature dropped. */
export function canonicalQuery(rawQuery: string): { map: Map<string, string>; text: string } {
  const map = new Map<string, string>()
  for (const [k, v] of new URLSearchParams(rawQuery)) map.set(k.toLowerCase(), v)
  const text = [...map.entries()].filter(([k]) => k !== 'auth_signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`).join('&')
  return { map, text }
}

/** Verifies a signed `/apps/{appId}/…` request and returns its app. */
export function authenticate(ctx: ServerContext, method: string, rawPath: string, rawQuery: string | undefined, body: Buffer): AppState {
  if (rawQuery === undefined) throw invalidInput('Missing authentication query parameters')
  const { map, text } = canonicalQuery(rawQuery)
  if (map.size === 0) throw invalidInput('Query string is empty or invalid')
  const app = ctx.byKey(map.get('auth_key') ?? '')
  if (!app) throw new HttpError(404, 'app_not_found', 'Application key not found or invalid: Invalid app key')
  if (rawPath.split('/')[2] !== app.config.id) throw authFailed('Authenticated app does not match route app_id')
  const ts = map.get('auth_timestamp')
  if (!ts) throw authFailed('auth_timestamp is missing')
  if (!/^-?\d+$/.test(ts)) throw authFailed('Invalid auth_timestamp format')
  if (Math.abs(Math.floor(ctx.now() / 1000) - Number(ts)) > 600) throw authFailed('Timestamp expired or too far in the future')
  const bodyMd5 = map.get('body_md5')
  if (method === 'POST') {
    if (!bodyMd5) throw authFailed('body_md5 is required and must be non-empty in query parameters for POST requests with a non-empty body')
    if (bodyMd5 !== md5Hex(body)) throw authFailed('body_md5 mismatch')
  } else if (bodyMd5 !== undefined) {
    throw authFailed(`body_md5 must not be present in query parameters for ${method} requests`)
  }
  const expected = hmacHex(app.config.secret, `${method}\n${rawPath}\n${text}`)
  if (!safeEqual(expected, map.get('auth_signature') ?? '')) throw authFailed('Invalid API signature')
  return app
}
