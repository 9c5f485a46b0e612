import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

/** A Node `http` (or Express-style) request listener. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/**
 * Mounts a Web-standard handler of this package on Node's `http` server, or as an Express /
 * Connect route (`app.post('/sockudo/auth', toNodeHandler(handler))`). The body is streamed into
 * the handler, so its size limit stops reading early; mount it before body parsers such as
 * `express.json()`, which would consume the stream. The URL scheme is `https` on TLS sockets.
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): NodeRequestListener {
  return async (req, res) => {
    let response: Response
    try {
      response = await handler(toWebRequest(req))
    } catch {
      response = new Response('{"error":"Internal server error","code":"internal_error","status":500}', { status: 500, headers: { 'content-type': 'application/json' } })
    }
    res.statusCode = response.status
    response.headers.forEach((value, name) => res.setHeader(name, value))
    res.end(Buffer.from(await response.arrayBuffer()))
  }
}

function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
  }
  const tls = 'encrypted' in req.socket && req.socket.encrypted === true
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init: RequestInit & { duplex?: 'half' } = { method, headers }
  if (hasBody) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>
    init.duplex = 'half'
  }
  // `originalUrl` keeps the mount path under Express sub-routers; the Host header may be malformed.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/'
  return new Request(new URL(path, baseUrl(tls, req.headers.host)), init)
}

function baseUrl(tls: boolean, host: string | undefined): string {
  const scheme = tls ? 'https' : 'http'
  try {
    return new URL(`${scheme}://${host ?? 'localhost'}`).origin
  } catch {
    return `${scheme}://localhost`
  }
}
