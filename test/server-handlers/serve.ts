import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A node:http server on 127.0.0.1 for tests; `close()` ends it and its sockets. */
export interface TestServer {
  url: string
  close(): Promise<void>
}

/** Serves a Web-standard handler over real HTTP. */
export function serveHandler(handler: (request: Request) => Promise<Response>): Promise<TestServer> {
  return listen(createServer((req, res) => {
    void toRequest(req).then(handler).then((response) => writeResponse(response, res), (error: unknown) => {
      res.statusCode = 599
      res.end(String(error))
    })
  }))
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

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  })
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(Buffer.from(await response.arrayBuffer()))
}
