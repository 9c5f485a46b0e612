import type { Unsubscribe } from '../events'

/** The part of `window` (or any EventTarget) that fires `online` / `offline`. */
export interface OnlineEventTarget {
  addEventListener(type: 'online' | 'offline', listener: () => void): void
  removeEventListener(type: 'online' | 'offline', listener: () => void): void
}

/**
 * Turns an event target such as `window` into the client's `network` option. Core never
 * touches `window` itself; the app (or the Vue plugin, in the browser) passes it in:
 * `new SockudoClient(key, { network: onlineOfflineHints(window) })`.
 */
export function onlineOfflineHints(target: OnlineEventTarget): { subscribe(listener: (online: boolean) => void): Unsubscribe } {
  return {
    subscribe(listener) {
      const online = () => listener(true)
      const offline = () => listener(false)
      target.addEventListener('online', online)
      target.addEventListener('offline', offline)
      return () => {
        target.removeEventListener('online', online)
        target.removeEventListener('offline', offline)
      }
    },
  }
}
