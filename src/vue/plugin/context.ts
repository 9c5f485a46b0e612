import type { InjectionKey } from 'vue'
import type { Channel, DeltaStats, SockudoClient } from '../../core'
import type { ResolvedPluginSettings } from './options'
import type { SubscriptionRegistry } from './registry'

/**
 * What the plugin provides to the app: the shared client plus the pieces composables
 * and stores share. `createSockudo()` returns one (with `install` and `dispose`).
 */
export interface SockudoContext {
  /** The app's one client. */
  readonly client: SockudoClient
  /** Whether `dispose()` has run. */
  readonly disposed: boolean
  /** Shared, reference-counted channel subscriptions. @internal */
  readonly _registry: SubscriptionRegistry<Channel>
  /** Plugin settings with defaults applied. @internal */
  readonly _settings: ResolvedPluginSettings
  /** Delta counters of the client's delta stage, or null without delta compression. @internal */
  _deltaStats(): DeltaStats | null
  /** Runs `fn` on `dispose()` (stores, devtools); returns a remover. @internal */
  _onDispose(fn: () => void): () => void
}

/** Injection key of the {@link SockudoContext}; `inject(SockudoKey)` inside any component of the app. */
export const SockudoKey: InjectionKey<SockudoContext> = Symbol(__DEV__ ? 'sockudo' : '')
