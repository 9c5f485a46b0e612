/** HTTP API router: signed `/apps/{appId}/…` routes, health, and the unsigned test control routes. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServerContext } from '../context'
import type { AppState } from '../state'
import { channelInfo, channelUsers, disconnectUser, listChannels, revoke } from './channels'
import { handleControl } from './control'
import { triggerBatch, triggerEvent } from './events'
import { featureRoutes } from './feature-routes'
import { HttpError, plain, sendError, sendJson } from './respond'
export { withStatus } from './respond'
import { authenticate } from './signing'

/** What a route handler receives. */
export interface RouteRequest {
  ctx: ServerContext
  app: AppState
  params: string[]
  query: URLSearchParams
  /** Parsed JSON body (for `json` routes). */
  body: unknown
  rawBody: Buffer
  headers: IncomingMessage['headers']
}

export interface Route {
  method: string
  pattern: RegExp
  /** Axum `Json` extractor (415 / 400 / 422 plain-text rejections). */
  json?: boolean
  handle(req: RouteRequest): unknown | { status: number; body: unknown }
}

const SEG = '([^/]+)'
const routes: Route[] = [
  { method: 'POST', pattern: /^\/apps\/[^/]+\/events$/, json: true, handle: (r) => triggerEvent(r.ctx, r.app, r.body, header(r, 'x-idempotency-key')) },
  { method: 'POST', pattern: /^\/apps\/[^/]+\/batch_events$/, json: true, handle: (r) => triggerBatch(r.ctx, r.app, r.body, header(r, 'x-idempotency-key')) },
  { method: 'POST', pattern: /^\/apps\/[^/]+\/revocations$/, json: true, handle: (r) => revoke(r.app, r.body) },
  { method: 'GET', pattern: /^\/apps\/[^/]+\/channels$/, handle: (r) => listChannels(r.app, r.query) },
  { method: 'GET', pattern: new RegExp(`^/apps/[^/]+/channels/${SEG}$`), handle: (r) => channelInfo(r.app, p(r, 0), r.query, r.ctx.now()) },
  { method: 'GET', pattern: new RegExp(`^/apps/[^/]+/channels/${SEG}/users$`), handle: (r) => channelUsers(r.app, p(r, 0)) },
  { method: 'POST', pattern: new RegExp(`^/apps/[^/]+/users/${SEG}/terminate_connections$`), handle: (r) => disconnectUser(r.app, p(r, 0), false) },
  { method: 'POST', pattern: new RegExp(`^/apps/[^/]+/users/${SEG}/force_reconnect$`), handle: (r) => disconnectUser(r.app, p(r, 0), true) },
  ...featureRoutes,
]

function header(r: RouteRequest, name: string): string | undefined {
  const v = r.headers[name]
  return typeof v === 'string' ? v : undefined
}
const p = (r: RouteRequest, i: number): string => r.params[i] ?? ''

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) reject(plain(413, 'length limit exceeded'))
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function parseJsonBody(req: IncomingMessage, raw: Buffer): unknown {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw plain(415, 'Expected request with `Content-Type: application/json`')
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch (error) {
    throw plain(400, `Failed to parse the request body as JSON: ${(error as Error).message}`)
  }
}

export async function handleHttp(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  const rawQuery = q < 0 ? undefined : url.slice(q + 1)
  const method = (req.method ?? 'GET').toUpperCase()
  const closeHeader: Record<string, string> = path.startsWith('/apps/') ? { Connection: 'close' } : {}
  try {
    const rawBody = await readBody(req, 10 * 1024 * 1024)
    if (path === '/up' || path === '/live' || /^\/up\/[^/]+$/.test(path)) return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK')
    if (path.startsWith('/_control/')) return sendJson(res, 200, handleControl(ctx, path, rawBody))
    const route = routes.find((r) => r.method === method && r.pattern.test(path))
    if (!route) throw plain(404, '404 NOT FOUND')
    const app = authenticate(ctx, method, path, rawQuery, rawBody)
    const params = (route.pattern.exec(path) ?? []).slice(1).map((s) => decodeURIComponent(s))
    const body = route.json ? parseJsonBody(req, rawBody) : undefined
    const result = route.handle({ ctx, app, params, query: new URLSearchParams(rawQuery ?? ''), body, rawBody, headers: req.headers })
    if (result && typeof result === 'object' && '__status' in result) {
      const r = result as { __status: number; body: unknown }
      return sendJson(res, r.__status, r.body, closeHeader)
    }
    sendJson(res, 200, result, closeHeader)
  } catch (error) {
    if (error instanceof HttpError) return sendError(res, error, closeHeader)
    sendError(res, new HttpError(500, 'internal_error', 'Internal server error'), closeHeader)
  }
}
