import { decodeUtf8 } from '../shared/utf8'
import { exactInteger, setOwn } from '../shared/values'

/**
 * The client's MessagePack reader (the format of sockudo-protocol 5.2.0 src/wire.rs, written by
 * rmp-serde). It reads what serde writes for the server's frames: nil, booleans, integers,
 * floats, strings, binaries, arrays and maps. It exists for speed: a frame's strings (the JSON
 * text of `data`, ids) go through one strict UTF-8 decode each instead of a per-byte loop, which
 * made a MessagePack frame cost more than the same frame as JSON.
 *
 * Integers are numbers when they are safe, else bigints (serials past 2^53 stay exact downstream);
 * binaries are views into `bytes`. Extension types, which serde never writes, are refused.
 * Throws `RangeError` (truncated or trailing bytes, nesting deeper than {@link MAX_DEPTH}, an
 * unused type byte, a map key that is not a string or a number) or `TypeError` (invalid UTF-8).
 * @internal
 */
export function decodeMsgpack(bytes: Uint8Array): unknown {
  const reader = new Reader(bytes)
  const value = reader.value(0)
  if (reader.pos !== bytes.length) throw new RangeError(`${bytes.length - reader.pos} trailing byte(s) after the MessagePack value`)
  return value
}

/** Deeper nesting than any frame has is refused rather than allowed to exhaust the stack. */
export const MAX_DEPTH = 1000

/**
 * The last short string read at each envelope position. A channel's frames repeat their event,
 * channel and stream id, and comparing a few bytes costs less than decoding them again. A
 * position whose strings keep changing (the message id) stops being remembered.
 */
const RECENT_MAX = 64
const recent: { bytes: Uint8Array; text: string; misses: number }[] = []

function recentString(slot: number, bytes: Uint8Array, start: number, length: number): string {
  const seen = recent[slot]
  if (seen !== undefined && seen.bytes.length === length && sameBytes(seen.bytes, bytes, start)) {
    seen.misses = 0
    return seen.text
  }
  const text = decodeUtf8(bytes, start, start + length)
  if (seen === undefined || seen.misses < 8) {
    recent[slot] = { bytes: bytes.slice(start, start + length), text, misses: (seen?.misses ?? 0) + 1 }
  } else if (++seen.misses > 64) {
    recent[slot] = { bytes: bytes.slice(start, start + length), text, misses: 0 }
  }
  return text
}

function sameBytes(a: Uint8Array, b: Uint8Array, start: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false
  return true
}

class Reader {
  pos = 0
  /** Made on first use: most frames hold no float and no 64-bit integer. */
  private dataView: DataView | undefined

  constructor(private readonly bytes: Uint8Array) {}

  private get view(): DataView {
    const b = this.bytes
    return (this.dataView ??= new DataView(b.buffer, b.byteOffset, b.byteLength))
  }

  /** `slot`: the element's index when it sits in the top-level array (the envelope), else -1. */
  value(depth: number, slot = -1): unknown {
    if (depth > MAX_DEPTH) throw new RangeError(`MessagePack nesting deeper than ${MAX_DEPTH}`)
    const type = this.u8()
    if (type <= 0x7f) return type
    if (type >= 0xe0) return type - 0x100
    if (type <= 0x8f) return this.map(type & 0x0f, depth)
    if (type <= 0x9f) return this.array(type & 0x0f, depth)
    if (type <= 0xbf) return this.str(type & 0x1f, slot)
    return this.typed(type, depth, slot)
  }

  private typed(type: number, depth: number, slot: number): unknown {
    switch (type) {
      case 0xc0: return null
      case 0xc2: return false
      case 0xc3: return true
      case 0xc4: return this.bin(this.u8())
      case 0xc5: return this.bin(this.u16())
      case 0xc6: return this.bin(this.u32())
      case 0xca: return this.view.getFloat32(this.take(4))
      case 0xcb: return this.view.getFloat64(this.take(8))
      case 0xcc: return this.u8()
      case 0xcd: return this.u16()
      case 0xce: return this.u32()
      case 0xcf: return exactInteger(this.view.getBigUint64(this.take(8)))
      case 0xd0: return (this.u8() << 24) >> 24
      case 0xd1: return (this.u16() << 16) >> 16
      case 0xd2: return this.u32() | 0
      case 0xd3: return exactInteger(this.view.getBigInt64(this.take(8)))
      case 0xd9: return this.str(this.u8(), slot)
      case 0xda: return this.str(this.u16())
      case 0xdb: return this.str(this.u32())
      case 0xdc: return this.array(this.u16(), depth)
      case 0xdd: return this.array(this.u32(), depth)
      case 0xde: return this.map(this.u16(), depth)
      case 0xdf: return this.map(this.u32(), depth)
      default:
        throw new RangeError(`MessagePack type 0x${type.toString(16)} is not used by the protocol (extension or reserved)`)
    }
  }

  private array(length: number, depth: number): unknown[] {
    this.room(length)
    const out = new Array<unknown>(length)
    for (let i = 0; i < length; i++) out[i] = this.value(depth + 1, depth === 0 ? i : -1)
    return out
  }

  private map(size: number, depth: number): Record<string, unknown> {
    this.room(size * 2)
    const out: Record<string, unknown> = {}
    for (let i = 0; i < size; i++) {
      const key = this.value(depth + 1)
      if (typeof key !== 'string' && typeof key !== 'number') throw new RangeError('MessagePack map key is not a string or a number')
      setOwn(out, String(key), this.value(depth + 1))
    }
    return out
  }

  private str(length: number, slot = -1): string {
    const start = this.take(length)
    if (slot < 0 || length > RECENT_MAX) return decodeUtf8(this.bytes, start, start + length)
    return recentString(slot, this.bytes, start, length)
  }

  private bin(length: number): Uint8Array {
    const start = this.take(length)
    return this.bytes.subarray(start, start + length)
  }

  private u8(): number {
    return this.bytes[this.take(1)]!
  }

  private u16(): number {
    const at = this.take(2)
    const b = this.bytes
    return (b[at]! << 8) | b[at + 1]!
  }

  private u32(): number {
    const at = this.take(4)
    const b = this.bytes
    return b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!)
  }

  /** Claims `n` bytes; returns where they start. */
  private take(n: number): number {
    const at = this.pos
    if (at + n > this.bytes.length) throw new RangeError('MessagePack value is truncated')
    this.pos = at + n
    return at
  }

  /** Every element takes at least one byte: a count past the end is refused before allocating. */
  private room(elements: number): void {
    if (elements > this.bytes.length - this.pos) throw new RangeError('MessagePack value is truncated')
  }
}
