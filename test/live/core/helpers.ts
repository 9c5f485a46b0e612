/** Shared helpers of the SockudoClient live tests. */
import type Pusher from 'pusher'
import { SockudoClient, type SockudoClientOptions } from '@sockudo/vue/core'
import { liveTarget, serverSdk, waitFor, type LiveTarget } from '../../support/live'

export { waitFor }

/** Options for {@link createClient}. */
export interface ClientSetup {
  target?: LiveTarget
  sdk?: Pusher
  /** Presence member for presence channels. */
  presence?: { user_id: string; user_info?: Record<string, unknown> }
  /** User for signin. */
  user?: { id: string; user_info?: Record<string, unknown>; watchlist?: string[] }
  options?: SockudoClientOptions
}

/** A SockudoClient for the target, authorized in-process by the `pusher` server SDK. */
export function createClient(setup: ClientSetup = {}): SockudoClient {
  const target = setup.target ?? liveTarget()
  const sdk = setup.sdk ?? serverSdk(target)
  return new SockudoClient(target.key, {
    cluster: 'local', wsHost: target.host, wsPort: target.port, wssPort: target.port, forceTls: false, enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: async ({ socketId, channelName }) =>
        sdk.authorizeChannel(socketId, channelName, channelName.startsWith('presence-') ? setup.presence : undefined) as unknown as Record<string, unknown>,
    },
    userAuthentication: {
      customHandler: async ({ socketId }) => sdk.authenticateUser(socketId, setup.user ?? { id: 'user-1' }) as unknown as Record<string, unknown>,
    },
    reconnect: { baseDelay: 50, maxDelay: 200 },
    ...setup.options,
  })
}

/** Connects and resolves once connected. */
export async function connect(client: SockudoClient): Promise<SockudoClient> {
  client.connect()
  await waitFor(() => client.connection.state === 'connected', 5000, 'connected')
  return client
}

/** Subscribes and resolves once subscribed (rejects on failure). */
export async function subscribed<C extends { state: string; error?: unknown }>(channel: C): Promise<C> {
  await waitFor(() => channel.state === 'subscribed' || channel.state === 'failed', 5000, 'subscription settled')
  if (channel.state === 'failed') throw channel.error
  return channel
}

/** Unique channel suffix per test. */
export function uid(): string {
  return Math.random().toString(36).slice(2, 10)
}
