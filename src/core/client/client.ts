import type { Channel } from '../channels/channel'
import type { ChannelFor } from '../channels/registry'
import type { EventCallback, GlobalCallback, SubscribeOptions } from '../channels/types'
import type { Connection } from '../connection/connection'
import type { Unsubscribe } from '../events'
import type { ProtocolVersion } from '../protocol/names'
import type { RecoveryPosition } from '../recovery/positions'
import type { User } from '../user/user'
import type { ClientEvents } from './events'
import type { ClientStats } from './stats'
import type { DeltaStats } from '../delta/stats'
import { ConfigError } from '../errors'
import { resolveOptions, type SockudoClientOptions } from './options'
import { Session } from './session'

/**
 * The Sockudo client: one connection, its channels and the signed-in user.
 *
 * ```ts
 * const client = new SockudoClient('app-key', { wsHost: '127.0.0.1', wsPort: 6001, forceTls: false })
 * client.connect()
 * client.subscribe('orders').bind('order-updated', (data) => console.log(data))
 * ```
 * Nothing connects until {@link SockudoClient.connect}. Options are validated in the
 * constructor (a `ConfigError` is thrown before anything is sent).
 */
export class SockudoClient {
  /** App key. */
  readonly key: string
  /** The connection: `state`, `socketId`, `bind('state_change', …)`. */
  readonly connection: Connection
  /** The signed-in user (`signin()`), its events and watchlist. */
  readonly user: User
  /** Protocol version of this client (1 = Pusher, 2 = Sockudo V2). */
  readonly protocolVersion: ProtocolVersion
  /**
   * What `sockudo:message.append` frames carry on this connection: `delta` (the fragment, the
   * server default on V2) or `full` (the whole text; always on V1). From the `appendMode` option.
   */
  readonly appendMode: 'delta' | 'full'
  /** Whether V2 connection recovery is on (the `connectionRecovery` option). */
  readonly connectionRecovery: boolean
  private readonly session: Session

  constructor(key: string, options: SockudoClientOptions = {}) {
    const resolved = resolveOptions(key, options)
    this.key = key
    this.protocolVersion = resolved.version
    this.appendMode = resolved.version === 2 ? (options.appendMode ?? 'delta') : 'full'
    this.connectionRecovery = options.connectionRecovery === true
    this.session = new Session(resolved)
    this.connection = this.session.connection
    this.user = this.session.user
  }

  /** Opens the connection (and keeps reconnecting until {@link SockudoClient.disconnect}). */
  connect(): void {
    this.session.connection.connect()
  }

  /** Closes the connection and stops reconnecting. Channels stay registered and resubscribe on `connect()`. */
  disconnect(): void {
    this.session.connection.disconnect()
  }

  /**
   * Subscribes to `name` (now if connected, else on connect) and returns the channel: a
   * `PresenceChannel` for `presence-…`, `EncryptedChannel` for `private-encrypted-…`,
   * `PrivateChannel` for `private-…`, else a public `Channel`. Subscribing again to a known
   * name returns the same channel (retrying it when it failed); `options` apply on first use.
   * Asking for `delta` without `deltaCompression` (or `deltaStage`) throws a `ConfigError`
   * with code `config/delta-off`.
   */
  subscribe<N extends string>(name: N, options?: SubscribeOptions): ChannelFor<N> {
    if (!this.session.deltaOn && wantsDelta(options?.delta)) {
      const hint = __DEV__ ? `[sockudo] subscribe('${name}', { delta }) needs delta compression: create the client with deltaCompression: true.` : 'config/delta-off'
      throw new ConfigError('config/delta-off', hint, { channel: name })
    }
    const channel = this.session.registry.add(name, options)
    if (!channel._wanted || channel.state === 'failed') void channel._subscribe()
    return channel as ChannelFor<N>
  }

  /** Unsubscribes from `name` and forgets the channel (and its recovery position). */
  unsubscribe(name: string): void {
    const channel = this.session.registry.remove(name)
    channel?._unsubscribe()
    this.session.forget(name)
  }

  /** The channel `name`, if subscribed through this client. */
  channel(name: string): Channel | undefined {
    return this.session.registry.find(name)
  }

  /** Every channel of this client. */
  allChannels(): Channel[] {
    return this.session.registry.all()
  }

  /** Authenticates the user and signs in (again after every reconnect). */
  signin(): void {
    this.session.user._signin()
  }

  /** Calls `callback(data, metadata)` for every `event` on any channel or without channel. */
  bind<T = unknown>(event: string, callback: EventCallback<T>): Unsubscribe {
    return this.session.callbacks.bind(event, callback as EventCallback)
  }

  /** Removes a callback, every callback of `event`, or all of them. */
  unbind(event?: string, callback?: EventCallback): void {
    this.session.callbacks.unbind(event, callback)
  }

  /** Calls `callback(eventName, data, event)` for every delivered event. */
  bindGlobal(callback: GlobalCallback): Unsubscribe {
    return this.session.callbacks.bindGlobal(callback)
  }

  /** Removes a global callback, or all of them. */
  unbindGlobal(callback?: GlobalCallback): void {
    this.session.callbacks.unbindGlobal(callback)
  }

  /** Listens to a typed client event ({@link ClientEvents}); returns an unsubscribe function. */
  on<K extends keyof ClientEvents>(event: K, listener: (...args: ClientEvents[K]) => void): Unsubscribe {
    return this.session.emitter.on(event, listener)
  }

  /** Removes a typed listener. */
  off<K extends keyof ClientEvents>(event: K, listener?: (...args: ClientEvents[K]) => void): void {
    this.session.emitter.off(event, listener)
  }

  /** Frame counters since the client was created (a copy): received, delivered, duplicates, undecodable, delta failures. */
  stats(): ClientStats {
    return { ...this.session.stats }
  }

  /** Delta-compression counters (per channel and in total), or null when delta compression is off or not loaded yet. */
  deltaStats(): DeltaStats | null {
    const stage = this.session.deltaStage as { stats?: () => DeltaStats } | undefined
    return typeof stage?.stats === 'function' ? stage.stats() : null
  }

  /** V2 recovery: the last position seen on `channel`, or null (requires `connectionRecovery`). */
  getRecoveryPosition(channel: string): RecoveryPosition | null {
    return this.session.positions?.get(channel) ?? null
  }

  /** V2 recovery: every stored position (copies; persist them to resume after a reload). */
  getRecoveryPositions(): Record<string, RecoveryPosition> {
    return this.session.positions?.all() ?? {}
  }

  /** V2 recovery: replaces every position (e.g. restored from storage before `connect()`). */
  setRecoveryPositions(positions: Record<string, RecoveryPosition>): void {
    for (const channel of Object.keys(this.session.positions?.all() ?? {})) this.session.positions?.set(channel, null)
    for (const [channel, position] of Object.entries(positions)) this.session.positions?.set(channel, position)
  }

  /** V2 recovery: restores (or with null deletes) a position, e.g. before `connect()`. */
  setRecoveryPosition(channel: string, position: RecoveryPosition | null): void {
    this.session.positions?.set(channel, position)
  }
}

/** Whether a per-subscription delta setting asks for deltas (`false` / `{ enabled: false }` do not). */
function wantsDelta(delta: SubscribeOptions['delta']): boolean {
  return delta !== undefined && delta !== false && !(typeof delta === 'object' && delta.enabled === false)
}
