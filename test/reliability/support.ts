/** Helpers shared by the reliability tests and benchmarks: clients through a given port, waiting. */
import Pusher from 'pusher'
import { SockudoClient, type SockudoClientOptions } from '@sockudo/vue/core'
import { APP } from './support-app'

export { APP }

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Polls `predicate` every 5 ms until it is truthy; rejects after `timeoutMs`. */
export async function until<T>(predicate: () => T | undefined | null | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = predicate()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`until: ${what} not met within ${timeoutMs} ms`)
    await sleep(5)
  }
}

/** `pusher` server SDK talking to the server directly (HTTP API, signing). */
export function sdkFor(port: number, host = '127.0.0.1'): Pusher {
  return new Pusher({ appId: APP.id, key: APP.key, secret: APP.secret, host, port: String(port), useTLS: false })
}

/** A SockudoClient on `ws://127.0.0.1:port`, channels authorized in-process by `sdk`. */
export function clientFor(port: number, sdk: Pusher, options: SockudoClientOptions & { presence?: { user_id: string; user_info?: Record<string, unknown> } } = {}): SockudoClient {
  const { presence, ...rest } = options
  return new SockudoClient(APP.key, {
    wsHost: '127.0.0.1', wsPort: port, forceTls: false, enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: async ({ socketId, channelName }) =>
        sdk.authorizeChannel(socketId, channelName, channelName.startsWith('presence-') ? presence : undefined) as unknown as Record<string, unknown>,
    },
    reconnect: { baseDelay: 20, maxDelay: 200 },
    ...rest,
  })
}

/** Records every 'uncaughtException' / 'unhandledRejection' until `stop()`. */
export function trapProcessErrors(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = []
  const onError = (e: unknown) => errors.push(e)
  process.on('uncaughtException', onError)
  process.on('unhandledRejection', onError)
  return {
    errors,
    stop: () => {
      process.off('uncaughtException', onError)
      process.off('unhandledRejection', onError)
    },
  }
}
