import { trackedSockets } from '~/composables/use-v2-client'

/**
 * What runtime config cannot carry, for the module's named V2 clients: a WebSocket class that
 * remembers each client's current socket (so a page can "kill" it and show recovery), and no
 * grace period before a released channel is unsubscribed (a new filter is a new subscription).
 */
export default defineNuxtPlugin(() => {
  defineSockudoClientOptions(({ name, side, config }) => {
    if (side !== 'client' || Number(config.protocolVersion) !== 2) return
    class TrackedWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        trackedSockets.set(name, this)
      }
    }
    return { webSocket: TrackedWebSocket, releaseDelay: 0 }
  })
})
