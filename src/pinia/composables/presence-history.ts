import type { Ref } from 'vue'
import type { PresenceHistoryPage, PresenceHistoryParams, PresenceSnapshot, PresenceSnapshotParams } from '../../core'
import { SockudoVueError } from '../../vue'
import type { SockudoContext } from '../../vue'

/** Presence history helpers of {@link usePresence}. */
export interface PresenceHistoryHelpers {
  /**
   * Reads membership transitions through the app's presence-history proxy (plugin option
   * `presenceHistory`). The page has `next()` for older pages.
   */
  history(params?: PresenceHistoryParams): Promise<PresenceHistoryPage>
  /** Reads the members at a serial or time (latest when `params` is empty) through the same proxy. */
  snapshot(params?: PresenceSnapshotParams): Promise<PresenceSnapshot>
}

/** The proxy client loads on first use: most apps never read presence history. */
const proxy = () => import('../../core/proxy/presence-history')

/** Binds the proxy helpers to the held channel name. @internal */
export function usePresenceHistory(sockudo: SockudoContext, name: Readonly<Ref<string | null>>): PresenceHistoryHelpers {
  const options = (): { channel: string } & NonNullable<SockudoContext['_settings']['presenceHistory']> => {
    if (!name.value) {
      throw new SockudoVueError('vue/not-presence-channel', __DEV__ ? '[sockudo] usePresence() holds no channel yet (disabled, server rendering, or an invalid name).' : 'vue/not-presence-channel')
    }
    return { endpoint: '', ...sockudo._settings.presenceHistory, channel: name.value }
  }
  return {
    history: async (params = {}) => (await proxy()).fetchPresenceHistory(params, options()),
    snapshot: async (params = {}) => (await proxy()).fetchPresenceSnapshot(params, options()),
  }
}
