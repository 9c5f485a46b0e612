/** Removes the listener it was returned for. Calling it twice is harmless. */
export type Unsubscribe = () => void

/** Event map: event name → listener argument tuple. */
export type EventMap<E> = { [K in keyof E]: readonly unknown[] }

/** Listener for event `K` of map `E`. */
export type Listener<E extends EventMap<E>, K extends keyof E> = (...args: E[K]) => void

/** Listener that receives every event: its name first, then the event's arguments. */
export type AnyListener<E extends EventMap<E>> = <K extends keyof E>(event: K, ...args: E[K]) => void

type Stored = (...args: readonly unknown[]) => void

/** Shared by every emitter until its first catch-all listener (copy on write never mutates it). */
const NO_ANY: readonly never[] = Object.freeze([])

/**
 * A small typed event emitter. Listener arrays are copied on write, so `emit` iterates
 * without allocating and a listener may add or remove listeners while it runs.
 * A throwing listener never stops the others: its error is handed to `onListenerError`
 * (by default rethrown on a microtask, like DOM event listeners).
 */
export class TypedEmitter<E extends EventMap<E>> {
  // Made on the first `on`: most emitters (one per channel) never get a listener, and an empty
  // Map is a few hundred bytes each.
  private listeners: Map<keyof E, Stored[]> | undefined
  private anyListeners: readonly AnyListener<E>[] = NO_ANY

  constructor(private readonly onListenerError: (error: unknown) => void = rethrowLater) {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E, K>): Unsubscribe {
    this.listeners ??= new Map()
    const current = this.listeners.get(event) ?? []
    this.listeners.set(event, [...current, listener as unknown as Stored])
    return () => this.off(event, listener)
  }

  /** Adds a listener that runs at most once. */
  once<K extends keyof E>(event: K, listener: Listener<E, K>): Unsubscribe {
    const off = this.on(event, ((...args: E[K]) => {
      off()
      listener(...args)
    }) as Listener<E, K>)
    return off
  }

  /** Removes a listener, or every listener of `event` when none is given. */
  off<K extends keyof E>(event: K, listener?: Listener<E, K>): void {
    const listeners = this.listeners
    if (!listeners) return
    if (!listener) {
      listeners.delete(event)
      return
    }
    const current = listeners.get(event)
    if (!current) return
    const next = current.filter((l) => l !== (listener as unknown as Stored))
    if (next.length) listeners.set(event, next)
    else listeners.delete(event)
  }

  /** Adds a listener for every event. */
  onAny(listener: AnyListener<E>): Unsubscribe {
    this.anyListeners = [...this.anyListeners, listener]
    return () => this.offAny(listener)
  }

  /** Removes a catch-all listener, or all of them when none is given. */
  offAny(listener?: AnyListener<E>): void {
    this.anyListeners = listener ? this.anyListeners.filter((l) => l !== listener) : NO_ANY
  }

  /** Calls every listener of `event`, then every catch-all listener. */
  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const list = this.listeners?.get(event)
    if (list) {
      for (let i = 0; i < list.length; i++) {
        try {
          list[i]!(...args)
        } catch (error) {
          this.onListenerError(error)
        }
      }
    }
    const any = this.anyListeners
    for (let i = 0; i < any.length; i++) {
      try {
        any[i]!(event, ...args)
      } catch (error) {
        this.onListenerError(error)
      }
    }
  }

  /** Number of listeners for `event` (or of all events plus catch-alls when omitted). */
  listenerCount(event?: keyof E): number {
    if (event !== undefined) return this.listeners?.get(event)?.length ?? 0
    let n = this.anyListeners.length
    for (const list of this.listeners?.values() ?? []) n += list.length
    return n
  }

  /** Removes every listener. */
  clear(): void {
    this.listeners = undefined
    this.anyListeners = NO_ANY
  }
}

/** Rethrows `error` on a microtask: a listener's exception surfaces without breaking the emitting code. @internal */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error
  })
}
