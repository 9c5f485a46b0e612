import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'

/** A node:http server on 127.0.0.1 for tests; `close()` ends it and its sockets. */
export interface TestServer {
  url: string
  close(): Promise<void>
}

/** A served Web handler; `bodyBytesRead` counts the request body bytes the handler pulled. */
export interface HandlerServer extends TestServer {
  readonly bodyBytesRead: number
}

/**
 * Serves a Web-standard handler over real HTTP. The request body is streamed into the `Request`
 * as it arrives (as h3 and Node adapters do), so a handler that stops reading stops pulling.
 */
export async function serveHandler(handler: (request: Request) => Promise<Response>): Promise<HandlerServer> {
  let bodyBytesRead = 0
  const counted = (chunk: Uint8Array): void => void (bodyBytesRead += chunk.byteLength)
  const server = await listen(createServer((req, res) => {
    void handler(toRequest(req, counted)).then((response) => writeResponse(response, res), (error: unknown) => {
      res.statusCode = 599
      res.end(String(error))
    })
  }))
  return Object.defineProperty(server, 'bodyBytesRead', { get: () => bodyBytesRead }) as HandlerServer
}

/** Serves a raw node handler (used as a fake upstream). */
export function serveRaw(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<TestServer> {
  return listen(createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res))
  }))
}

async function listen(server: Server): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

function toRequest(req: IncomingMessage, counted: (chunk: Uint8Array) => void): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const body = hasBody
    ? (Readable.toWeb(req) as ReadableStream<Uint8Array>).pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, controller) => {
          counted(chunk)
          controller.enqueue(chunk)
        },
      }))
    : null
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    body,
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit)
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(Buffer.from(await response.arrayBuffer()))
}
