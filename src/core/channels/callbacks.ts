import type { Unsubscribe } from '../events'
import type { EventCallback, EventMetadata, GlobalCallback, SockudoEvent } from './types'

/**
 * pusher-style string-keyed callbacks (`bind`, `bindGlobal`). A throwing callback never
 * stops the others; its error goes to `onError`.
 */
export class CallbackRegistry {
  private named = new Map<string, EventCallback[]>()
  private global: GlobalCallback[] = []

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Adds a callback for `event`. */
  bind(event: string, callback: EventCallback): Unsubscribe {
    this.named.set(event, [...(this.named.get(event) ?? []), callback])
    return () => this.unbind(event, callback)
  }

  /** Removes one callback, every callback of `event`, or every callback when called without arguments. */
  unbind(event?: string, callback?: EventCallback): void {
    if (event === undefined) {
      if (callback === undefined) this.named.clear()
      else for (const name of [...this.named.keys()]) this.unbind(name, callback)
      return
    }
    if (!callback) return void this.named.delete(event)
    const next = (this.named.get(event) ?? []).filter((c) => c !== callback)
    if (next.length) this.named.set(event, next)
    else this.named.delete(event)
  }

  /** Adds a callback for every event. */
  bindGlobal(callback: GlobalCallback): Unsubscribe {
    this.global = [...this.global, callback]
    return () => this.unbindGlobal(callback)
  }

  /** Removes a global callback, or all of them. */
  unbindGlobal(callback?: GlobalCallback): void {
    this.global = callback ? this.global.filter((c) => c !== callback) : []
  }

  /** Calls the callbacks of `event.event`, then the global ones. */
  emit(event: SockudoEvent, metadata: EventMetadata): void {
    for (const cb of this.named.get(event.event) ?? []) this.safely(() => cb(event.data, metadata))
    for (const cb of this.global) this.safely(() => cb(event.event, event.data, event))
  }

  private safely(fn: () => void): void {
    try {
      fn()
    } catch (error) {
      this.onError(error)
    }
  }
}
