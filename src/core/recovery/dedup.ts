import { isSystemEventName } from '../protocol/names'

/** Default number of remembered message ids. */
export const DEFAULT_DEDUP_CAPACITY = 1000

/** What the window reads of a frame. */
export interface DedupKey {
  /** Wire event name. */
  event: string
  /** `message_id`: a frame without one is never a duplicate. */
  messageId?: string
  /** Delivery serial (exact decimal string). */
  serial?: string
  /** Channel of the delivery. */
  channel?: string
  /** Stream the serial belongs to. */
  streamId?: string
}

/**
 * The serials seen on one stream of one channel. A live stream only ascends: those serials sit in
 * an array, oldest first, where a serial past the newest is new without a search and the shared
 * FIFO forgets the oldest by moving a head. A serial that arrives below the newest (a replay, a
 * recovered gap) is kept in a set beside it. The two never hold the same serial.
 */
class StreamWindow {
  private serials: number[] = []
  private head = 0
  private stragglers: Set<number> | undefined

  constructor(readonly channel: string, readonly streamId: string | undefined) {}

  get size(): number {
    return this.serials.length - this.head + (this.stragglers?.size ?? 0)
  }

  has(n: number): boolean {
    return this.inOrder(n) || this.stragglers?.has(n) === true
  }

  add(n: number): void {
    const s = this.serials
    if (this.head === s.length || n > s[s.length - 1]!) s.push(n)
    else (this.stragglers ??= new Set()).add(n)
  }

  /** Forgets `n`, the oldest serial of the window in the FIFO; the array is compacted once half of it is forgotten. */
  forget(n: number): void {
    if (this.serials[this.head] !== n) return void this.stragglers?.delete(n)
    this.head++
    if (this.head < 64 || this.head * 2 < this.serials.length) return
    this.serials = this.serials.slice(this.head)
    this.head = 0
  }

  /** Binary search of the ascending array. */
  private inOrder(n: number): boolean {
    const s = this.serials
    let lo = this.head
    let hi = s.length - 1
    if (lo > hi || n > s[hi]! || n < s[lo]!) return false
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const v = s[mid]!
      if (v === n) return true
      if (v < n) lo = mid + 1
      else hi = mid - 1
    }
    return false
  }
}

/** Serials below 10^15 convert to numbers exactly (2^53 ≈ 9.007 × 10^15). */
const MAX_NUMERIC_SERIAL_DIGITS = 15

/**
 * Bounded FIFO window of seen deliveries (sockudo-adapter 5.2.0 src/handler/connection_management.rs).
 * A delivery is its `message_id` plus its serial, because every version of a versioned message
 * reuses the create's `message_id`; a frame with no `message_id` is never a duplicate.
 *
 * The serial of a published event is its position in one channel's stream, so an application
 * event with a channel, a stream and a serial is remembered as that serial, a number, in its
 * stream's window: no string is kept per
 * frame, which measured about 3x cheaper per frame than a set of `id + serial` strings (young
 * strings held by long-lived maps cost the garbage collector on every frame). Any other
 * delivery is remembered by its id: protocol frames may repeat a serial under a new id (a
 * `subscription_succeeded` after a reconnect carries the unchanged head serial). Both share one FIFO of `capacity` entries, and the window
 * survives reconnects, so replays after a resume are still deduplicated.
 */
export class MessageDeduplicator {
  private readonly streams = new Map<string, StreamWindow[]>()
  private readonly ids = new Map<string, string | string[]>()
  /** FIFO slots: the owner of each entry (a stream window, or a message id) and its key. */
  private readonly owners: (StreamWindow | string | undefined)[]
  private readonly keys: (number | string)[]
  private next = 0
  private last: StreamWindow | undefined

  constructor(readonly capacity: number = DEFAULT_DEDUP_CAPACITY) {
    const size = Math.max(1, capacity)
    this.owners = new Array<StreamWindow | string | undefined>(size)
    this.keys = new Array<number | string>(size).fill(0)
  }

  /** Returns true when the delivery was seen before; otherwise remembers it and returns false. */
  check(frame: DedupKey): boolean {
    const { messageId, serial, channel } = frame
    if (messageId === undefined) return false
    if (serial !== undefined && channel !== undefined && serial.length <= MAX_NUMERIC_SERIAL_DIGITS && !isSystemEventName(frame.event)) {
      // A serial that is not digits (a custom delta stage's) is NaN here and remembered by id.
      const n = digitsToNumber(serial)
      if (n >= 0) return this.checkSerial(channel, frame.streamId, n)
    }
    return this.checkId(messageId, serial ?? '')
  }

  /** Forgets everything. */
  reset(): void {
    this.last = undefined
    this.streams.clear()
    this.ids.clear()
    this.owners.fill(undefined)
    this.next = 0
  }

  private checkSerial(channel: string, streamId: string | undefined, n: number): boolean {
    let window = this.find(channel, streamId)
    if (window?.has(n)) return true
    // Free the slot first: it may hold the last serial of this very window, and a window
    // left empty is dropped, so an emptied window is looked up (or made) again.
    this.free()
    if (window === undefined || window.size === 0) window = this.window(channel, streamId)
    this.take(window, n)
    window.add(n)
    return false
  }

  private checkId(messageId: string, key: string): boolean {
    const known = this.ids.get(messageId)
    if (known === key || (typeof known === 'object' && known.includes(key))) return true
    this.free()
    this.take(messageId, key)
    // Read again: the slot just freed may have held an older version of this very message.
    const kept = known === undefined ? undefined : this.ids.get(messageId)
    this.ids.set(messageId, kept === undefined ? key : typeof kept === 'string' ? [kept, key] : [...kept, key])
    return false
  }

  /** The window of `channel`'s stream, if any: most frames belong to the window of the frame before. */
  private find(channel: string, streamId: string | undefined): StreamWindow | undefined {
    const last = this.last
    if (last !== undefined && last.channel === channel && last.streamId === streamId) return last
    const list = this.streams.get(channel)
    if (list === undefined) return undefined
    for (let i = 0; i < list.length; i++) if (list[i]!.streamId === streamId) return (this.last = list[i])
    return undefined
  }

  private window(channel: string, streamId: string | undefined): StreamWindow {
    const found = this.find(channel, streamId)
    if (found !== undefined) return found
    const window = (this.last = new StreamWindow(channel, streamId))
    const list = this.streams.get(channel)
    if (list === undefined) this.streams.set(channel, [window])
    else list.push(window)
    return window
  }

  /** Stores an entry in the next FIFO slot (freed by {@link free}). */
  private take(owner: StreamWindow | string, key: number | string): void {
    this.owners[this.next] = owner
    this.keys[this.next] = key
    this.next = this.next + 1 === this.owners.length ? 0 : this.next + 1
  }

  /** Forgets the oldest entry, the one in the next FIFO slot. */
  private free(): void {
    const slot = this.next
    const owner = this.owners[slot]
    if (owner === undefined) return
    const key = this.keys[slot]!
    if (typeof owner === 'string') return this.forgetId(owner, key as string)
    owner.forget(key as number)
    if (owner.size > 0) return
    if (this.last === owner) this.last = undefined
    const rest = this.streams.get(owner.channel)?.filter((w) => w !== owner) ?? []
    if (rest.length > 0) this.streams.set(owner.channel, rest)
    else this.streams.delete(owner.channel)
  }

  private forgetId(messageId: string, key: string): void {
    const known = this.ids.get(messageId)
    if (typeof known !== 'object') {
      if (known === key) this.ids.delete(messageId)
      return
    }
    const rest = known.filter((k) => k !== key)
    this.ids.set(messageId, rest.length === 1 ? rest[0]! : rest)
  }
}

/**
 * A serial's decimal digits as a number, NaN for anything else. `Number` would also read `0x3b`,
 * `5.9e1` or ` 59` as 59 (and `''` as 0) and take them for that serial.
 */
function digitsToNumber(digits: string): number {
  let n = digits.length > 0 ? 0 : NaN
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    n = n * 10 + d
  }
  return n
}
