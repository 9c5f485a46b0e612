import type { SockudoClientOptions } from '../../core'
import type { ProxyEndpointOptions } from '../../core'
import { SockudoVueError } from '../errors'
import { DEFAULT_CLIENT_NAME } from './context'
import type { RecoveryStorageOption } from './recovery-storage'

/** Settings of the Vue plugin itself, on top of the client options. */
export interface SockudoPluginSettings {
  /** The app key (the `key` of the Sockudo app). */
  key: string
  /**
   * Name of this client within the app. Several instances can be installed on one app as
   * long as their names differ; composables pick one with `{ client: name }` and the Pinia
   * stores of a named client have ids `sockudo-connection:<name>`, `sockudo-channels:<name>`…
   * (the default client keeps the plain ids).
   * @default 'default'
   */
  name?: string
  /**
   * Connect when the app mounts in a browser. Server rendering never mounts, so it never
   * opens a socket.
   * @default true
   */
  autoConnect?: boolean
  /**
   * Grace period before a shared channel is unsubscribed after its last composable is
   * gone, in ms. A component that mounts again within it (route change, `v-if` toggle)
   * keeps the subscription and its state. `0` unsubscribes at once.
   * @default 2000
   */
  releaseDelay?: number
  /**
   * Adds a Vue devtools timeline layer with protocol events. Only in development builds and
   * only in the browser; `@vue/devtools-api` is loaded lazily.
   * @default true
   */
  devtools?: boolean
  /**
   * The app's presence-history proxy route, used by `usePresence().history()` and
   * `.snapshot()` (it forwards to the signed Sockudo REST API).
   */
  presenceHistory?: ProxyEndpointOptions
  /**
   * The app's versioned-messages proxy route, used by `useVersionedMessages()` actions and by
   * `useChannelHistory({ source: 'proxy' })`.
   */
  versionedMessages?: ProxyEndpointOptions
  /**
   * Keeps V2 recovery positions across page reloads, so the first connection after a reload
   * resumes instead of losing what was published meanwhile: `'sessionStorage'` (per tab, one
   * entry per app key and client name) or `{ load, save }` for any other store. Needs
   * `connectionRecovery: true`. Positions are restored before the plugin connects.
   * @default none (positions live as long as the page)
   */
  recoveryStorage?: RecoveryStorageOption
  /** The app's push proxy route (`createPushProxy` of `@sockudo/vue/server`), used by `usePush()`. */
  push?: ProxyEndpointOptions
}

/** Options of `app.use(SockudoPlugin, options)` and `createSockudo(options)`: every client option plus the plugin settings. */
export type SockudoPluginOptions = SockudoClientOptions & SockudoPluginSettings

/** Plugin settings with their defaults applied. */
export interface ResolvedPluginSettings {
  /** See {@link SockudoPluginSettings.name}. */
  name: string
  /** See {@link SockudoPluginSettings.autoConnect}. */
  autoConnect: boolean
  /** See {@link SockudoPluginSettings.releaseDelay}. */
  releaseDelay: number
  /** See {@link SockudoPluginSettings.devtools}. */
  devtools: boolean
  /** See {@link SockudoPluginSettings.presenceHistory}. */
  presenceHistory?: ProxyEndpointOptions
  /** See {@link SockudoPluginSettings.versionedMessages}. */
  versionedMessages?: ProxyEndpointOptions
  /** See {@link SockudoPluginSettings.recoveryStorage}. */
  recoveryStorage?: RecoveryStorageOption
  /** See {@link SockudoPluginSettings.push}. */
  push?: ProxyEndpointOptions
}

/** Default grace period of a released channel, in ms. */
export const DEFAULT_RELEASE_DELAY = 2000

/** Splits plugin options into the client's options and the plugin's settings. */
export function splitPluginOptions(options: SockudoPluginOptions): {
  key: string
  client: SockudoClientOptions
  settings: ResolvedPluginSettings
} {
  const { key, name = DEFAULT_CLIENT_NAME, autoConnect = true, releaseDelay = DEFAULT_RELEASE_DELAY, devtools = true, presenceHistory, versionedMessages, recoveryStorage, push, ...client } = options
  if (typeof name !== 'string' || name === '') {
    throw new SockudoVueError('vue/unsupported', __DEV__
      ? `[sockudo] The plugin option \`name\` must be a non-empty string (got ${JSON.stringify(name)}); leave it out for the 'default' client.`
      : 'vue/unsupported')
  }
  const settings: ResolvedPluginSettings = { name, autoConnect, releaseDelay, devtools }
  if (presenceHistory) settings.presenceHistory = presenceHistory
  if (versionedMessages) settings.versionedMessages = versionedMessages
  if (push) settings.push = push
  if (recoveryStorage) {
    if (!client.connectionRecovery) {
      throw new SockudoVueError('vue/unsupported', __DEV__ ? '[sockudo] recoveryStorage needs connectionRecovery: true (and protocolVersion: 2).' : 'vue/unsupported')
    }
    settings.recoveryStorage = recoveryStorage
  }
  return { key, client, settings }
}
