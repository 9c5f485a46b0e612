import { createHash, createHmac } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { serveRaw } from './serve'
import type { TestServer } from './serve'

/** One request the fake Sockudo upstream received. */
export interface SeenRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: string
  signatureValid: boolean
}

/** A reply (status, raw body text) or 'hang' to never answer. */
export type Reply = { status: number; body: string; headers?: Record<string, string> } | 'hang'

/** Independent check of http.md §1.2–1.3 (decoded values, lower-cased sorted keys, body MD5). */
function verify(req: IncomingMessage, url: URL, body: string, secret: string): boolean {
  const pairs = new Map<string, string>()
  for (const [k, v] of url.searchParams) if (k !== 'auth_signature') pairs.set(k.toLowerCase(), v)
  const method = req.method ?? ''
  if (method === 'POST' && pairs.get('body_md5') !== createHash('md5').update(body).digest('hex')) return false
  if (method !== 'POST' && pairs.has('body_md5')) return false
  const canonical = [...pairs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&')
  const expected = createHmac('sha256', secret).update(`${method}\n${url.pathname}\n${canonical}`).digest('hex')
  return url.searchParams.get('auth_signature') === expected
}

/** A fake Sockudo API that records requests and answers with `reply(seen)`. */
export async function fakeUpstream(reply: (seen: SeenRequest) => Reply, secret = 'app-secret'): Promise<TestServer & { seen: SeenRequest[] }> {
  const seen: SeenRequest[] = []
  const server = await serveRaw((req: IncomingMessage, body: string, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const entry: SeenRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body, signatureValid: verify(req, url, body, secret) }
    seen.push(entry)
    const answer = reply(entry)
    if (answer === 'hang') return
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
    res.end(answer.body)
  })
  return Object.assign(server, { seen })
}
