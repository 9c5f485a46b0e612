import { TypedEmitter } from '../events'
import type { Unsubscribe } from '../events'
import { getMutableMessageInfo, reduceMutableMessageEvent } from './reducer'
import type { MutableMessageEventLike, MutableMessageState, MutableReduceOptions } from './types'

/** Events of a {@link MutableMessageStore}. */
export interface MutableMessageStoreEvents<T> {
  /** A message was added or changed. */
  change: [state: MutableMessageState<T>]
}

/**
 * The current version of every mutable message of one channel, keyed by message serial and
 * listed in history order (history serial, then first-seen order).
 */
export class MutableMessageStore<T = unknown> {
  private readonly states = new Map<string, MutableMessageState<T>>()
  private readonly emitter = new TypedEmitter<MutableMessageStoreEvents<T>>()

  /** @param options reducer options (append mode). */
  constructor(private readonly options: MutableReduceOptions = {}) {}

  /**
   * Applies a realtime event. Returns the new state, or `undefined` when the event is not a
   * mutable-message event. Throws the reducer's {@link MessageError}s (e.g. an append whose
   * base is unknown: seed it with {@link MutableMessageStore.seed} first).
   */
  apply(event: MutableMessageEventLike): MutableMessageState<T> | undefined {
    const info = getMutableMessageInfo(event)
    if (!info) return undefined
    const previous = this.states.get(info.messageSerial)
    const next = reduceMutableMessageEvent<T>(previous, event, this.options)
    if (next && next !== previous) this.set(next)
    return next ?? undefined
  }

  /** Stores a state read from history or `getMessage` unless a newer version is already known. */
  seed(state: MutableMessageState<T>): MutableMessageState<T> {
    const previous = this.states.get(state.messageSerial)
    const older = previous?.versionSerial !== undefined && state.versionSerial !== undefined && state.versionSerial <= previous.versionSerial
    if (older) return previous
    this.set(state)
    return state
  }

  /** The current state of a message. */
  get(messageSerial: string): MutableMessageState<T> | undefined {
    return this.states.get(messageSerial)
  }

  /** Number of known messages. */
  get size(): number {
    return this.states.size
  }

  /** All messages in history order. */
  list(): MutableMessageState<T>[] {
    const entries = [...this.states.values()].map((state, index) => ({ state, index }))
    entries.sort((a, b) => compareHistory(a.state, b.state) || a.index - b.index)
    return entries.map((e) => e.state)
  }

  /** Forgets every message. */
  clear(): void {
    this.states.clear()
  }

  /** Listens for changes; returns the remover. */
  on(event: 'change', listener: (state: MutableMessageState<T>) => void): Unsubscribe {
    return this.emitter.on(event, listener)
  }

  private set(state: MutableMessageState<T>): void {
    this.states.set(state.messageSerial, state)
    this.emitter.emit('change', state)
  }
}

function compareHistory(a: MutableMessageState<unknown>, b: MutableMessageState<unknown>): number {
  if (a.historySerial === undefined || b.historySerial === undefined) return 0
  const x = BigInt(a.historySerial)
  const y = BigInt(b.historySerial)
  return x < y ? -1 : x > y ? 1 : 0
}
