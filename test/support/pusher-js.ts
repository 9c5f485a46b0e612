/** pusher-js (Node build) clients pointed at the live target, authorized by the `pusher` SDK. */
import type Pusher from 'pusher'
import PusherJs from 'pusher-js'
import type { Options } from 'pusher-js'
import { liveTarget, serverSdk, type LiveTarget } from './live'

export interface PusherJsOptions {
  /** Server SDK used by the customHandler (defaults to one for the target). */
  sdk?: Pusher
  /** Presence data passed to `authorizeChannel` for presence channels. */
  presence?: { user_id: string; user_info?: Record<string, unknown> }
  /** Replace the authorizer entirely (e.g. to answer with a bad signature). */
  authorize?: (socketId: string, channelName: string) => { auth: string; channel_data?: string; shared_secret?: string }
  extra?: Partial<Options>
}

/** A pusher-js client for the target; call `.disconnect()` when done. */
export function createPusherJs(options: PusherJsOptions = {}, target: LiveTarget = liveTarget()): PusherJs {
  const sdk = options.sdk ?? serverSdk(target)
  const authorize = options.authorize ?? ((socketId: string, channelName: string) =>
    sdk.authorizeChannel(socketId, channelName, channelName.startsWith('presence-') ? options.presence : undefined))
  return new PusherJs(target.key, {
    cluster: 'local', wsHost: target.host, wsPort: target.port, forceTLS: false, enabledTransports: ['ws'], disableStats: true,
    channelAuthorization: {
      endpoint: '/unused',
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          callback(null, authorize(socketId, channelName))
        } catch (error) {
          callback(error as Error, null)
        }
      },
    },
    ...options.extra,
  })
}

/** Resolves once the client is connected. */
export function connected(client: PusherJs): Promise<void> {
  return new Promise((resolve) => {
    if (client.connection.state === 'connected') return resolve()
    client.connection.bind('connected', () => resolve())
  })
}
