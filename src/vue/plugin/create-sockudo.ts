import { inject, markRaw } from 'vue'
import type { App } from 'vue'
import { SockudoClient } from '../../core'
import type { Channel } from '../../core'
import { SockudoVueError } from '../errors'
import { isBrowser } from '../util/env'
import { DEFAULT_CLIENT_NAME, SockudoClientsKey, SockudoKey } from './context'
import type { SockudoContext } from './context'
import { splitPluginOptions } from './options'
import type { SockudoPluginOptions } from './options'
import type { RecoveryStorageOption } from './recovery-storage'
import { SubscriptionRegistry } from './registry'
import { toSubscribeOptions } from './subscribe-options'

/** The app's Sockudo instance: install it with `app.use(sockudo)`; `sockudo.client` is the client. */
export interface Sockudo extends SockudoContext {
  /** Installs on `app` (called by `app.use`). Fails without Pinia, or when installed twice. */
  install(app: App): void
  /**
   * Tears everything down: releases every shared channel, unbinds stores and devtools and
   * disconnects the client. Runs on app unmount too; calling it again is harmless.
   */
  dispose(): void
}

/**
 * Creates the client and everything composables share, without installing it:
 * `const sockudo = createSockudo({ key, wsHost }); app.use(sockudo)`.
 */
export function createSockudo(options: SockudoPluginOptions): Sockudo {
  const { key, client: clientOptions, settings } = splitPluginOptions(options)
  const client = new SockudoClient(key, clientOptions)
  const registry = new SubscriptionRegistry<Channel>({
    subscribe: (name, hold) => client.subscribe(name, toSubscribeOptions(hold)),
    unsubscribe: (name) => client.unsubscribe(name),
    isSubscribed: (name) => client.channel(name) !== undefined,
    releaseDelay: settings.releaseDelay,
  })
  const life = { disposed: false, installedOn: undefined as App | undefined, disposers: new Set<() => void>() }
  const sockudo: Sockudo = markRaw({
    name: settings.name,
    client,
    get disposed() {
      return life.disposed
    },
    _registry: registry,
    _settings: settings,
    _deltaStats: () => client.deltaStats(),
    _onDispose(fn: () => void) {
      life.disposers.add(fn)
      return () => void life.disposers.delete(fn)
    },
    install(app: App) {
      checkInstall(app, settings.name, life.installedOn, life.disposed)
      life.installedOn = app
      install(app, sockudo)
    },
    dispose() {
      if (life.disposed) return
      life.disposed = true
      for (const fn of [...life.disposers].reverse()) fn()
      life.disposers.clear()
      registry.dispose()
      client.disconnect()
    },
  })
  return sockudo
}

function install(app: App, sockudo: Sockudo): void {
  const settings = sockudo._settings
  if (sockudo.name === DEFAULT_CLIENT_NAME) app.provide(SockudoKey, sockudo)
  const clients = installedClients(app)
  clients.set(sockudo.name, sockudo)
  sockudo._onDispose(() => clients.get(sockudo.name) === sockudo && clients.delete(sockudo.name))
  const ready = settings.recoveryStorage && isBrowser() ? restoreRecovery(sockudo, settings.recoveryStorage) : undefined
  const connect = (): void => void (!sockudo.disposed && sockudo.client.connect())
  if (settings.autoConnect && isBrowser()) connectOnMount(app, () => (ready ? void ready.then(connect) : connect()))
  app.onUnmount(() => sockudo.dispose())
  if (__DEV__ && settings.devtools && isBrowser()) loadDevtools(app, sockudo)
}

/** The app's map of installed instances, provided by the first install. */
function installedClients(app: App): Map<string, SockudoContext> {
  const existing = app.runWithContext(() => inject(SockudoClientsKey, null))
  if (existing) return existing as Map<string, SockudoContext>
  const clients = new Map<string, SockudoContext>()
  app.provide(SockudoClientsKey, clients)
  return clients
}

function checkInstall(app: App, name: string, installedOn: App | undefined, disposed: boolean): void {
  if (disposed) {
    throw new SockudoVueError('vue/disposed', __DEV__
      ? '[sockudo] This Sockudo instance was disposed; create a new one with createSockudo().'
      : 'vue/disposed')
  }
  if (installedOn || app.runWithContext(() => inject(SockudoClientsKey, null))?.has(name)) {
    throw new SockudoVueError(
      'vue/already-installed',
      __DEV__
      ? `[sockudo] Sockudo client '${name}' is already installed` + (installedOn && installedOn !== app ? ' on another app' : ' on this app') +
        ': install it once per app (one app.use(SockudoPlugin, …) or app.use(createSockudo(…)) per instance), and give every further client its own `name` ' +
        "(app.use(SockudoPlugin, { name: 'other', … }))."
      : 'vue/already-installed',
    )
  }
  if (!app.config.globalProperties.$pinia) {
    throw new SockudoVueError(
      'vue/pinia-missing',
      __DEV__
      ? '[sockudo] Pinia is not installed on this app. Install it first: app.use(createPinia()) before app.use(SockudoPlugin, …).'
      : 'vue/pinia-missing',
    )
  }
}

/** Connects right before the first mount, so server rendering (which never mounts) stays offline. */
function connectOnMount(app: App, connect: () => void): void {
  const mount = app.mount
  app.mount = ((...args: Parameters<App['mount']>) => {
    connect()
    return mount(...args)
  }) as App['mount']
}

/** Restores saved recovery positions (code loaded on demand) before the first connect, and keeps saving them. */
function restoreRecovery(sockudo: Sockudo, option: RecoveryStorageOption): Promise<void> {
  return import('./recovery-storage').then(
    ({ persistRecoveryPositions }) => {
      if (!sockudo.disposed) sockudo._onDispose(persistRecoveryPositions(sockudo.client, sockudo.name, option))
    },
    () => {},
  )
}

/** Loads the timeline layer lazily. `@vue/devtools-api` is an optional peer: without it there is no layer. */
function loadDevtools(app: App, sockudo: Sockudo): void {
  import('../devtools').then(
    ({ setupSockudoDevtools }) => {
      if (!sockudo.disposed) sockudo._onDispose(setupSockudoDevtools(app, sockudo))
    },
    () => {},
  )
}
