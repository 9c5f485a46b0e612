import type { InjectionKey } from 'vue'
import type { Channel, DeltaStats, SockudoClient } from '../../core'
import type { ResolvedPluginSettings } from './options'
import type { SubscriptionRegistry } from './registry'

/** Name of the client installed without a `name` option; composables use it unless told otherwise. */
export const DEFAULT_CLIENT_NAME = 'default'

/**
 * What the plugin provides to the app: the shared client plus the pieces composables
 * and stores share. `createSockudo()` returns one (with `install` and `dispose`).
 */
export interface SockudoContext {
  /**
   * The client's name within the app (the plugin's `name` option). Composables pick a
   * client with `{ client: name }`; stores of a named client have ids `sockudo-*:<name>`.
   * @default 'default'
   */
  readonly name: string
  /** The client of this instance. */
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

/**
 * Every Sockudo instance installed on one app, keyed by {@link SockudoContext.name}. The
 * plugin provides it under {@link SockudoClientsKey}; an instance leaves it on `dispose()`.
 */
export type SockudoClients = ReadonlyMap<string, SockudoContext>

/**
 * Injection key of the app's `'default'` {@link SockudoContext}: `inject(SockudoKey)` inside
 * any component of the app. Named instances are reached through {@link SockudoClientsKey}.
 */
export const SockudoKey: InjectionKey<SockudoContext> = Symbol(__DEV__ ? 'sockudo' : '')

/** Injection key of every instance installed on the app, by name ({@link SockudoClients}). */
export const SockudoClientsKey: InjectionKey<SockudoClients> = Symbol(__DEV__ ? 'sockudo-clients' : '')
