/**
 * A Sockudo-compatible test server (ws + node:http) written from /work/shared/protocol.
 * One port serves the WebSocket upgrade `/app/{key}`, the signed HTTP API `/apps/{id}/…` and
 * unsigned test control routes `/_control/…`. Test/dev tool only.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { DEFAULT_APP, ENCRYPTION_MASTER_KEY_BASE64, type TestAppConfig } from './config'
import { handleUpgrade } from './connection'
import { createContext, type ServerContext, type ServerTimings } from './context'
import { handleHttp } from './http/router'

export { DEFAULT_APP, ENCRYPTION_MASTER_KEY_BASE64 }
export type { NamespaceConfig, TestAppConfig } from './config'
export type { ServerTimings } from './context'

export interface StartServerOptions extends Partial<ServerTimings> {
  /** Bind address. @default '127.0.0.1' */
  host?: string
  /** Port; 0 picks a free one. @default 0 */
  port?: number
  /** Served apps. @default [DEFAULT_APP] */
  apps?: TestAppConfig[]
  /** Serve the unsigned `/_control/…` routes; `false` answers them 404 like a real Sockudo. @default true */
  controlRoutes?: boolean
}

export interface TestServer {
  readonly host: string
  readonly port: number
  /** `http://host:port` (HTTP API on the same port as the WebSocket). */
  readonly httpUrl: string
  readonly apps: readonly TestAppConfig[]
  /** Internal state, for in-process tests that need to look inside. */
  readonly context: ServerContext
  /** Stops listening and terminates every socket. */
  close(): Promise<void>
  /**
   * Graceful stop like the real server's on SIGTERM: every socket gets `pusher:error` 4200
   * "Server shutting down" and a 4200 close, then the listener stops.
   */
  shutdown(): Promise<void>
  /** Abrupt drop of every socket (no close frame). */
  terminateAll(): void
  /** Clean close of every socket with a close code. */
  closeAll(code: number, reason?: string): void
  connectionCount(): number
  /** Stops accepting (and drops every socket); `resume()` listens again on the same port. */
  pause(): Promise<void>
  resume(): Promise<void>
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const { host = '127.0.0.1', port: wanted = 0, apps = [DEFAULT_APP], controlRoutes = true, ...timings } = options
  const ctx = createContext(apps, timings)
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.timings.maxPayloadKb * 1024 })
  const makeServer = () => {
    const server = createServer((req, res) => {
      if (!controlRoutes && req.url?.startsWith('/_control/')) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 NOT FOUND')
      void handleHttp(ctx, req, res)
    })
    server.on('upgrade', (req, socket, head) => handleUpgrade(ctx, wss, req, socket, head))
    server.on('clientError', (_err, socket) => socket.destroy())
    return server
  }
  let server = makeServer()
  const port = await listen(server, wanted, host)
  const sockets = () => ctx.apps.flatMap((a) => [...a.sessions])
  const terminateAll = () => {
    for (const client of wss.clients) client.terminate()
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      terminateAll()
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return {
    host, port, httpUrl: `http://${host}:${port}`, apps, context: ctx,
    close: async () => {
      await stop()
      wss.close()
    },
    shutdown: async () => {
      for (const s of sockets()) s.close(4200, 'Server shutting down')
      await new Promise((r) => setTimeout(r, 50))
      await stop()
      wss.close()
    },
    terminateAll,
    closeAll: (code, reason = '') => {
      for (const s of sockets()) s.ws.close(code, reason)
    },
    connectionCount: () => wss.clients.size,
    pause: stop,
    resume: async () => {
      server = makeServer()
      await listen(server, port, host)
    },
  }
}
