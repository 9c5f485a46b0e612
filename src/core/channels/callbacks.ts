import type { Unsubscribe } from '../events'
import { toMetadata } from '../message/event'
import type { EventCallback, GlobalCallback, SockudoEvent } from './types'

/** Shared by every registry until its first global callback (copy on write never mutates it). */
const NO_GLOBALS: readonly GlobalCallback[] = Object.freeze([])

/**
 * pusher-style string-keyed callbacks (`bind`, `bindGlobal`). A throwing callback never
 * stops the others; its error goes to `onError`.
 */
export class CallbackRegistry {
  // Made on the first `bind`: one registry per channel, and most channels' callbacks are bound
  // through the Vue layer's listeners instead; an empty Map is a few hundred bytes.
  private named: Map<string, EventCallback[]> | undefined
  private global: readonly GlobalCallback[] = NO_GLOBALS

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Adds a callback for `event`. */
  bind(event: string, callback: EventCallback): Unsubscribe {
    this.named ??= new Map()
    this.named.set(event, [...(this.named.get(event) ?? []), callback])
    return () => this.unbind(event, callback)
  }

  /** Removes one callback, every callback of `event`, or every callback when called without arguments. */
  unbind(event?: string, callback?: EventCallback): void {
    const named = this.named
    if (named === undefined) return
    if (event === undefined) {
      if (callback === undefined) named.clear()
      else for (const name of [...named.keys()]) this.unbind(name, callback)
      return
    }
    if (!callback) return void named.delete(event)
    const next = (named.get(event) ?? []).filter((c) => c !== callback)
    if (next.length) named.set(event, next)
    else named.delete(event)
  }

  /** Adds a callback for every event. */
  bindGlobal(callback: GlobalCallback): Unsubscribe {
    this.global = [...this.global, callback]
    return () => this.unbindGlobal(callback)
  }

  /** Removes a global callback, or all of them. */
  unbindGlobal(callback?: GlobalCallback): void {
    this.global = callback ? this.global.filter((c) => c !== callback) : NO_GLOBALS
  }

  /**
   * Calls the callbacks of `event.event` with the event's metadata, then the global ones. The
   * metadata object is built only when a named callback is there to receive it (this runs once
   * per delivered event: no allocation is spent on listeners that do not exist).
   */
  emit(event: SockudoEvent): void {
    const named = this.named?.get(event.event)
    if (named !== undefined) {
      const metadata = toMetadata(event)
      for (let i = 0; i < named.length; i++) {
        try {
          named[i]!(event.data, metadata)
        } catch (error) {
          this.onError(error)
        }
      }
    }
    const global = this.global
    for (let i = 0; i < global.length; i++) {
      try {
        global[i]!(event.event, event.data, event)
      } catch (error) {
        this.onError(error)
      }
    }
  }
}
