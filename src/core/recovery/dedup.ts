/** Default number of remembered message ids. */
export const DEFAULT_DEDUP_CAPACITY = 1000

/**
 * Bounded FIFO window of seen `message_id`s (sockudo-adapter 5.2.0 src/handler/connection_management.rs). The key is the id plus
 * the delivery serial, because every version of a versioned message reuses the create's
 * `message_id`. Memory: `capacity` short strings (≈ 100 kB at the default 1000).
 * Survives reconnects, so replays after a resume are still deduplicated.
 */
export class MessageDeduplicator {
  private readonly seen = new Set<string>()
  private readonly ring: (string | undefined)[]
  private next = 0

  constructor(readonly capacity: number = DEFAULT_DEDUP_CAPACITY) {
    this.ring = new Array<string | undefined>(Math.max(1, capacity))
  }

  /** Returns true when the frame was seen before; otherwise remembers it and returns false. */
  check(messageId: string, serial?: string): boolean {
    const key = serial === undefined ? messageId : `${messageId}\u0000${serial}`
    if (this.seen.has(key)) return true
    const evicted = this.ring[this.next]
    if (evicted !== undefined) this.seen.delete(evicted)
    this.ring[this.next] = key
    this.next = (this.next + 1) % this.ring.length
    this.seen.add(key)
    return false
  }

  /** Forgets every id. */
  reset(): void {
    this.seen.clear()
    this.ring.fill(undefined)
    this.next = 0
  }
}
