/** The two servers of the differential check, configured alike, each restartable on its port. */
import { DEFAULT_APP, startServer, type TestServer } from '../../stand-in'
import { REAL_APP, startRealServer, type RealServer } from '../server'
import type { ServerUnderTest } from './conversation'

/** The stand-in with the app of test/real-server/config.toml. */
export async function standIn(): Promise<ServerUnderTest & { close(): Promise<void> }> {
  let server: TestServer = await startServer({ port: 0, apps: [REAL_LIKE_APP] })
  const port = server.port
  return {
    kind: 'stand-in', host: server.host, wsPort: port, httpPort: port, key: REAL_APP.key, appId: REAL_APP.id, secret: REAL_APP.secret,
    restart: async () => {
      // Graceful, as the real server's restart is (SIGTERM: 4200 "Server shutting down" to every socket).
      await server.shutdown()
      server = await startServer({ port, apps: [REAL_LIKE_APP] })
    },
    close: () => server.close(),
  }
}

/** The pinned real Sockudo. */
export async function realSockudo(): Promise<ServerUnderTest & { close(): Promise<void> }> {
  let server: RealServer = await startRealServer()
  const port = server.port
  return {
    kind: 'real', host: server.host, wsPort: port, httpPort: port, key: REAL_APP.key, appId: REAL_APP.id, secret: REAL_APP.secret,
    restart: async () => {
      await server.stop()
      server = await startRealServer({ port })
    },
    close: () => server.stop(),
  }
}

/** DEFAULT_APP plus what config.toml adds: the xdelta3 `quotes` namespace. */
const REAL_LIKE_APP = {
  ...DEFAULT_APP,
  namespaces: [...(DEFAULT_APP.namespaces ?? []), { name: 'quotes', deltaConflationKey: 'item_id' }],
}
