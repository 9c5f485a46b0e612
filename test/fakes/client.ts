/** Builds a SockudoClient wired to a FakeServer and FakeClock. */
import { SockudoClient, type SockudoClientOptions } from '@sockudo/vue/core'
import { FakeClock } from './fake-clock'
import { FakeServer, flush } from './fake-server'

export interface FakeSetup {
  client: SockudoClient
  server: FakeServer
  clock: FakeClock
  /** Connects and waits for the handshake. */
  connect(): Promise<void>
}

export function fakeClient(options: SockudoClientOptions = {}): FakeSetup {
  const server = new FakeServer(options.protocolVersion === 2 ? 'sockudo' : 'pusher')
  const clock = new FakeClock()
  const client = new SockudoClient('app-key', {
    wsHost: 'example.test', wsPort: 6001, forceTls: false, webSocket: server.WebSocket, clock, random: () => 0.5,
    channelAuthorization: { customHandler: async ({ socketId, channelName }) => ({ auth: `app-key:sig-${socketId}-${channelName}` }) },
    ...options,
  })
  return {
    client, server, clock,
    async connect() {
      client.connect()
      // The socket opens once the V2 stages (and any lazily loaded part) are in: a few macrotasks.
      for (let i = 0; i < 20 && client.connection.state !== 'connected'; i++) await flush()
      if (client.connection.state !== 'connected') throw new Error(`not connected: ${client.connection.state}`)
    },
  }
}
