import { TypedEmitter } from '../../core'
import type { SubscribeOptions } from '../../core'
import { ChannelOptionsConflictError } from '../errors'
import { sameValue } from './same-value'

/** Subscription settings a holder asks for. `undefined` means "whatever the channel has". */
export interface HoldSettings {
  /** V2 server-side subscription filter. */
  filter?: SubscribeOptions['filter']
  /** Per-subscription delta compression. */
  delta?: SubscribeOptions['delta']
  /** V2 subscribe-time rewind; applies only when this holder creates the subscription. */
  rewind?: SubscribeOptions['rewind']
}

/** One holder's claim on a shared channel subscription. */
export interface ChannelHold<C> {
  /** Channel name. */
  readonly name: string
  /** The shared client channel. */
  readonly channel: C
  /** Gives the claim back; the last release starts the grace period. Idempotent. */
  release(): void
}

/** Events of the registry, read by the Pinia bind layer. */
export interface RegistryEvents {
  /** The number of holders of a channel changed (0 while in the grace period). */
  holders: [name: string, holders: number]
  /** The registry let go of a channel (grace period over, or dispose). */
  released: [name: string]
}

/** How the registry reaches the client; the plugin wires it to `SockudoClient`. */
export interface RegistryPort<C> {
  /** Subscribes (or returns the existing channel). */
  subscribe(name: string, settings: HoldSettings): C
  /** Unsubscribes. */
  unsubscribe(name: string): void
  /** Whether the app already subscribed to `name` outside the registry. */
  isSubscribed(name: string): boolean
  /** Grace period before the last release unsubscribes, in ms. */
  releaseDelay: number
}

interface Entry<C> {
  channel: C
  holders: number
  settings: HoldSettings
  /** Subscribed by the app itself before the registry: never unsubscribed by the registry. */
  borrowed: boolean
  timer: ReturnType<typeof setTimeout> | undefined
}

/**
 * Reference-counted channel subscriptions shared by every composable of one app: the first
 * holder subscribes, the last release unsubscribes after a grace period (so a component
 * that re-mounts at once, e.g. on a route change, keeps the subscription).
 */
export class SubscriptionRegistry<C> {
  /** Holder counts and releases, for stores and devtools. */
  readonly events = new TypedEmitter<RegistryEvents>()
  private readonly entries = new Map<string, Entry<C>>()

  constructor(private readonly port: RegistryPort<C>) {}

  /**
   * Claims `name`. Throws {@link ChannelOptionsConflictError} when `settings` names a
   * filter or delta setting that differs from the existing subscription's.
   */
  acquire(name: string, settings: HoldSettings = {}): ChannelHold<C> {
    let entry = this.entries.get(name)
    if (entry) {
      checkConflict(name, entry.settings, settings)
      if (entry.timer !== undefined) clearTimeout(entry.timer)
      entry.timer = undefined
    } else {
      const borrowed = this.port.isSubscribed(name)
      entry = { channel: this.port.subscribe(name, settings), holders: 0, settings, borrowed, timer: undefined }
      this.entries.set(name, entry)
    }
    entry.holders++
    this.events.emit('holders', name, entry.holders)
    return this.hold(name, entry)
  }

  /** Number of holders of `name` (0 when unknown or in the grace period). */
  holders(name: string): number {
    return this.entries.get(name)?.holders ?? 0
  }

  /** Names the registry currently keeps subscribed, including those in the grace period. */
  names(): string[] {
    return [...this.entries.keys()]
  }

  /** Cancels grace timers and unsubscribes every channel the registry subscribed. */
  dispose(): void {
    for (const name of [...this.entries.keys()]) this.drop(name)
    this.events.clear()
  }

  private hold(name: string, entry: Entry<C>): ChannelHold<C> {
    let released = false
    return {
      name,
      channel: entry.channel,
      release: () => {
        if (released) return
        released = true
        this.release(name, entry)
      },
    }
  }

  private release(name: string, entry: Entry<C>): void {
    if (this.entries.get(name) !== entry) return
    entry.holders--
    this.events.emit('holders', name, entry.holders)
    if (entry.holders > 0) return
    if (this.port.releaseDelay <= 0) {
      this.drop(name)
      return
    }
    entry.timer = setTimeout(() => {
      entry.timer = undefined
      if (entry.holders === 0) this.drop(name)
    }, this.port.releaseDelay)
  }

  private drop(name: string): void {
    const entry = this.entries.get(name)
    if (!entry) return
    if (entry.timer !== undefined) clearTimeout(entry.timer)
    this.entries.delete(name)
    if (!entry.borrowed) this.port.unsubscribe(name)
    this.events.emit('released', name)
  }
}

function checkConflict(name: string, current: HoldSettings, asked: HoldSettings): void {
  if (asked.filter !== undefined && !sameValue(asked.filter, current.filter)) {
    throw new ChannelOptionsConflictError(name, 'filter')
  }
  if (asked.delta !== undefined && !sameValue(asked.delta, current.delta)) {
    throw new ChannelOptionsConflictError(name, 'delta')
  }
}
