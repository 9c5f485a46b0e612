/** Removes the listener it was returned for. Calling it twice is harmless. */
export type Unsubscribe = () => void

/** Event map: event name → listener argument tuple. */
export type EventMap<E> = { [K in keyof E]: readonly unknown[] }

/** Listener for event `K` of map `E`. */
export type Listener<E extends EventMap<E>, K extends keyof E> = (...args: E[K]) => void

/** Listener that receives every event: its name first, then the event's arguments. */
export type AnyListener<E extends EventMap<E>> = <K extends keyof E>(event: K, ...args: E[K]) => void

type Stored = (...args: readonly unknown[]) => void

/**
 * A small typed event emitter. Listener arrays are copied on write, so `emit` iterates
 * without allocating and a listener may add or remove listeners while it runs.
 * A throwing listener never stops the others: its error is handed to `onListenerError`
 * (by default rethrown on a microtask, like DOM event listeners).
 */
export class TypedEmitter<E extends EventMap<E>> {
  private listeners = new Map<keyof E, Stored[]>()
  private anyListeners: AnyListener<E>[] = []

  constructor(private readonly onListenerError: (error: unknown) => void = rethrowLater) {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E, K>): Unsubscribe {
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
    if (!listener) {
      this.listeners.delete(event)
      return
    }
    const current = this.listeners.get(event)
    if (!current) return
    const next = current.filter((l) => l !== (listener as unknown as Stored))
    if (next.length) this.listeners.set(event, next)
    else this.listeners.delete(event)
  }

  /** Adds a listener for every event. */
  onAny(listener: AnyListener<E>): Unsubscribe {
    this.anyListeners = [...this.anyListeners, listener]
    return () => this.offAny(listener)
  }

  /** Removes a catch-all listener, or all of them when none is given. */
  offAny(listener?: AnyListener<E>): void {
    this.anyListeners = listener ? this.anyListeners.filter((l) => l !== listener) : []
  }

  /** Calls every listener of `event`, then every catch-all listener. */
  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const list = this.listeners.get(event)
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
    if (event !== undefined) return this.listeners.get(event)?.length ?? 0
    let n = this.anyListeners.length
    for (const list of this.listeners.values()) n += list.length
    return n
  }

  /** Removes every listener. */
  clear(): void {
    this.listeners.clear()
    this.anyListeners = []
  }
}

/** Rethrows `error` on a microtask: a listener's exception surfaces without breaking the emitting code. @internal */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error
  })
}
