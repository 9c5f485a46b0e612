import { TypedEmitter } from '../events'
import type { Unsubscribe } from '../events'
import { getVersionedMessageInfo, reduceVersionedMessageEvent } from './reducer'
import type { VersionedMessageEventLike, VersionedMessageState, VersionedReduceOptions } from './types'

/** Events of a {@link VersionedMessageStore}. */
export interface VersionedMessageStoreEvents<T> {
  /** A message was added or changed. */
  change: [state: VersionedMessageState<T>]
}

/**
 * The current version of every versioned message of one channel, keyed by message serial and
 * listed in history order (history serial, then first-seen order).
 */
export class VersionedMessageStore<T = unknown> {
  private readonly states = new Map<string, VersionedMessageState<T>>()
  private readonly emitter = new TypedEmitter<VersionedMessageStoreEvents<T>>()

  /** @param options reducer options (append mode). */
  constructor(private readonly options: VersionedReduceOptions = {}) {}

  /**
   * Applies a realtime event. Returns the new state, or `undefined` when the event is not a
   * versioned-message event. Throws the reducer's {@link MessageError}s (e.g. an append whose
   * base is unknown: seed it with {@link VersionedMessageStore.seed} first).
   */
  apply(event: VersionedMessageEventLike): VersionedMessageState<T> | undefined {
    const info = getVersionedMessageInfo(event)
    if (!info) return undefined
    const previous = this.states.get(info.messageSerial)
    const next = reduceVersionedMessageEvent<T>(previous, event, this.options)
    if (next && next !== previous) this.set(next)
    return next ?? undefined
  }

  /** Stores a state read from history or `getMessage` unless a newer version is already known. */
  seed(state: VersionedMessageState<T>): VersionedMessageState<T> {
    const previous = this.states.get(state.messageSerial)
    const older = previous?.versionSerial !== undefined && state.versionSerial !== undefined && state.versionSerial <= previous.versionSerial
    if (older) return previous
    this.set(state)
    return state
  }

  /** The current state of a message. */
  get(messageSerial: string): VersionedMessageState<T> | undefined {
    return this.states.get(messageSerial)
  }

  /** Number of known messages. */
  get size(): number {
    return this.states.size
  }

  /** All messages in history order. */
  list(): VersionedMessageState<T>[] {
    const entries = [...this.states.values()].map((state, index) => ({ state, index }))
    entries.sort((a, b) => compareHistory(a.state, b.state) || a.index - b.index)
    return entries.map((e) => e.state)
  }

  /** Forgets every message. */
  clear(): void {
    this.states.clear()
  }

  /** Listens for changes; returns the remover. */
  on(event: 'change', listener: (state: VersionedMessageState<T>) => void): Unsubscribe {
    return this.emitter.on(event, listener)
  }

  private set(state: VersionedMessageState<T>): void {
    this.states.set(state.messageSerial, state)
    this.emitter.emit('change', state)
  }
}

function compareHistory(a: VersionedMessageState<unknown>, b: VersionedMessageState<unknown>): number {
  if (a.historySerial === undefined || b.historySerial === undefined) return 0
  const x = BigInt(a.historySerial)
  const y = BigInt(b.historySerial)
  return x < y ? -1 : x > y ? 1 : 0
}
