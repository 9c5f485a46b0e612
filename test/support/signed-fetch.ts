/** Hand-signed HTTP API requests (http.md §1.2), for tests that need to break one rule at a time. */
import { createHash, createHmac } from 'node:crypto'

export interface SignOptions {
  key: string
  secret: string
  method: string
  path: string
  params?: Record<string, string>
  body?: string
  /** Unix seconds. @default now */
  timestamp?: number
  /** Leave out body_md5 even for POST. */
  omitBodyMd5?: boolean
  /** Override body_md5. */
  bodyMd5?: string
}

/** Returns the signed query string (without `?`). */
export function signedQuery(o: SignOptions): string {
  const params: Record<string, string> = {
    auth_key: o.key, auth_timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)), auth_version: '1.0', ...o.params,
  }
  if (o.bodyMd5 !== undefined) params.body_md5 = o.bodyMd5
  else if (o.method === 'POST' && !o.omitBodyMd5) params.body_md5 = createHash('md5').update(o.body ?? '').digest('hex')
  const canonical = Object.keys(params).map((k) => k.toLowerCase()).sort().map((k) => `${k}=${params[k]}`).join('&')
  const signature = createHmac('sha256', o.secret).update(`${o.method}\n${o.path}\n${canonical}`).digest('hex')
  return `${new URLSearchParams(params).toString()}&auth_signature=${signature}`
}

/** Sends a signed request to `baseUrl` and returns status, headers and the body text. */
export async function signedFetch(baseUrl: string, o: SignOptions, contentType = 'application/json'): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${baseUrl}${o.path}?${signedQuery(o)}`, {
    method: o.method, body: o.method === 'GET' ? undefined : (o.body ?? ''), headers: contentType ? { 'Content-Type': contentType } : {},
  })
  return { status: res.status, text: await res.text(), headers: res.headers }
}
