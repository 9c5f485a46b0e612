/**
 * Per-channel delta bases keyed exactly like the server's cache (v2-features.md §1.7):
 * one entry list per (event name, conflation value), each entry a sequence number and the
 * base bytes.
 */

/** One stored base. */
export interface BaseEntry {
  /** Sequence the server assigned to this message within its key. */
  seq: number
  /** UTF-8 bytes of the base (the envelope without delta markers). */
  bytes: Uint8Array
}

/** Entries kept per key: the server only ever deltas against its latest, a few cover reordering. */
const MAX_ENTRIES_PER_KEY = 4

const keyOf = (event: string, conflationKey: string): string => `${event}\u0000${conflationKey}`

/** The bases of one channel. */
export class ChannelBases {
  private readonly keys = new Map<string, BaseEntry[]>()

  /** Number of (event, conflation value) groups with a base. */
  get size(): number {
    return this.keys.size
  }

  /**
   * Stores a base. A full message always wins: an entry with the same seq is replaced and,
   * because the server restarts sequences at 0 after expiry, entries with a higher seq are
   * dropped too.
   */
  store(event: string, conflationKey: string, entry: BaseEntry): void {
    const key = keyOf(event, conflationKey)
    const list = (this.keys.get(key) ?? []).filter((e) => e.seq < entry.seq)
    list.push(entry)
    if (list.length > MAX_ENTRIES_PER_KEY) list.splice(0, list.length - MAX_ENTRIES_PER_KEY)
    this.keys.set(key, list)
  }

  /** The base with sequence `seq`, or the newest when `seq` is undefined. */
  find(event: string, conflationKey: string, seq: number | undefined): BaseEntry | undefined {
    const list = this.keys.get(keyOf(event, conflationKey))
    if (!list) return undefined
    return seq === undefined ? list.at(-1) : list.find((e) => e.seq === seq)
  }
}
