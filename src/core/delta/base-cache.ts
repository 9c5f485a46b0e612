/**
 * Delta bases of every channel of one connection, keyed exactly like the server's cache
 * (sockudo-delta 5.2.0 src/conflation.rs): one entry list per (channel, event name, conflation value), each
 * entry a sequence number and the base bytes. Bounded: least recently used keys are evicted
 * beyond `maxKeys` keys or `maxBytes` bytes, so hostile streams cannot grow it without limit.
 */

/** One stored base. */
export interface BaseEntry {
  /** Sequence the server assigned to this message within its key. */
  seq: number
  /** UTF-8 bytes of the base (the envelope without delta markers). */
  bytes: Uint8Array
  /**
   * Other texts the server may have used for a base rebuilt from a binary frame (its header
   * map order is not carried by the frame); tried in turn when `bytes` does not decode.
   */
  variants?: () => Iterable<Uint8Array>
}

/** Bounds of the {@link BaseCache}. */
export interface BaseCacheLimits {
  /** Most (channel, event, conflation value) keys kept; the least recently used go first. @default 1024 */
  maxKeys?: number
  /** Most base bytes kept over every key; a single base larger than this is not stored. @default 33554432 (32 MiB) */
  maxBytes?: number
}

/** Entries kept per key: the server only ever deltas against its latest, a few cover reordering. */
const MAX_ENTRIES_PER_KEY = 4
const DEFAULT_MAX_KEYS = 1024
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024

interface Slot {
  channel: string
  entries: BaseEntry[]
  bytes: number
}

const keyOf = (channel: string, event: string, conflationKey: string): string => `${channel}\u0000${event}\u0000${conflationKey}`
const sum = (entries: readonly BaseEntry[]): number => entries.reduce((n, e) => n + e.bytes.length, 0)

/** The bases of one connection, LRU-bounded. See the file header. */
export class BaseCache {
  /** Slots in least-recently-used order (a Map iterates in insertion order; use re-inserts). */
  private readonly slots = new Map<string, Slot>()
  private readonly keysPerChannel = new Map<string, number>()
  private totalBytes = 0
  private readonly maxKeys: number
  private readonly maxBytes: number

  constructor(limits: BaseCacheLimits = {}) {
    this.maxKeys = Math.max(1, limits.maxKeys ?? DEFAULT_MAX_KEYS)
    this.maxBytes = Math.max(0, limits.maxBytes ?? DEFAULT_MAX_BYTES)
  }

  /** Bytes stored over every key. */
  get bytes(): number {
    return this.totalBytes
  }

  /** Number of keys stored over every channel. */
  get keys(): number {
    return this.slots.size
  }

  /** Number of (event, conflation value) keys of `channel` with a base. */
  size(channel: string): number {
    return this.keysPerChannel.get(channel) ?? 0
  }

  /**
   * Stores a base. A full message always wins: an entry with the same seq is replaced and,
   * because the server restarts sequences at 0 after expiry, entries with a higher seq are
   * dropped too. Then evicts least recently used keys until both limits hold.
   */
  store(channel: string, event: string, conflationKey: string, entry: BaseEntry): void {
    const key = keyOf(channel, event, conflationKey)
    const old = this.slots.get(key)
    if (old) this.remove(key, old)
    if (entry.bytes.length > this.maxBytes) return
    const entries = (old?.entries ?? []).filter((e) => e.seq < entry.seq)
    entries.push(entry)
    if (entries.length > MAX_ENTRIES_PER_KEY) entries.splice(0, entries.length - MAX_ENTRIES_PER_KEY)
    const slot: Slot = { channel, entries, bytes: sum(entries) }
    this.slots.set(key, slot)
    this.totalBytes += slot.bytes
    this.keysPerChannel.set(channel, this.size(channel) + 1)
    this.evict(key)
  }

  /** The base with sequence `seq`, or the newest when `seq` is undefined; marks the key as used. */
  find(channel: string, event: string, conflationKey: string, seq: number | undefined): BaseEntry | undefined {
    const key = keyOf(channel, event, conflationKey)
    const slot = this.slots.get(key)
    if (!slot) return undefined
    this.slots.delete(key)
    this.slots.set(key, slot)
    return seq === undefined ? slot.entries.at(-1) : slot.entries.find((e) => e.seq === seq)
  }

  /** Forgets every base of `channel`. */
  dropChannel(channel: string): void {
    if (!this.keysPerChannel.has(channel)) return
    for (const [key, slot] of this.slots) if (slot.channel === channel) this.remove(key, slot)
  }

  /** Forgets everything. */
  clear(): void {
    this.slots.clear()
    this.keysPerChannel.clear()
    this.totalBytes = 0
  }

  private remove(key: string, slot: Slot): void {
    this.slots.delete(key)
    this.totalBytes -= slot.bytes
    const left = this.size(slot.channel) - 1
    if (left > 0) this.keysPerChannel.set(slot.channel, left)
    else this.keysPerChannel.delete(slot.channel)
  }

  /** Drops least recently used keys (never `keep`, the one just stored) until the limits hold. */
  private evict(keep: string): void {
    for (const [key, slot] of this.slots) {
      if (this.slots.size <= this.maxKeys && this.totalBytes <= this.maxBytes) return
      if (key !== keep) this.remove(key, slot)
    }
  }
}
