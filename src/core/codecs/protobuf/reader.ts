import { codecError } from '../shared/errors'
import { decodeUtf8 } from '../shared/utf8'
import { exactInteger } from '../shared/values'

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/). @internal */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  Bytes: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const

const MAX_GROUP_DEPTH = 64

function malformed(message: string): Error {
  return codecError('codec/invalid-protobuf', message)
}

/**
 * A bounds-checked reader over one Protobuf message. Varints are decoded exactly: up to
 * 2^53 as numbers, 64-bit values through bigint only when they need it.
 * @internal
 */
export class ProtoReader {
  pos = 0
  private view: DataView | undefined

  constructor(readonly buf: Uint8Array) {}

  /** Reads a varint of up to 64 bits (10 bytes); numbers below 2^49 never touch bigint. */
  varintRaw(): number | bigint {
    let result = 0
    for (let shift = 0; shift < 49; shift += 7) {
      const b = this.byte()
      result += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return result
    }
    let big = BigInt(result)
    for (let shift = 49n; shift < 70n; shift += 7n) {
      const b = this.byte()
      if (shift === 63n && b > 1) throw malformed('varint overflows 64 bits')
      big += BigInt(b & 0x7f) << shift
      if (b < 0x80) return exactInteger(big)
    }
    throw malformed('varint longer than 10 bytes')
  }

  /** A varint that must fit a JS number (tags, lengths, small counts). */
  varint(): number {
    const v = this.varintRaw()
    if (typeof v === 'bigint') throw malformed('varint too large')
    return v
  }

  /** An unsigned 64-bit varint as its exact decimal string. */
  uint64String(): string {
    return this.varintRaw().toString()
  }

  /** An unsigned 64-bit varint as a number when safe, else its exact decimal string. */
  varintWire(): number | string {
    const v = this.varintRaw()
    return typeof v === 'bigint' ? v.toString() : v
  }

  bool(): boolean {
    const v = this.varintRaw()
    return v !== 0 && v !== 0n
  }

  double(): number {
    this.need(8)
    this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
    const v = this.view.getFloat64(this.pos, true)
    this.pos += 8
    return v
  }

  /** Length prefix of a length-delimited field; returns the end offset of its payload. */
  delimitedEnd(): number {
    const len = this.varint()
    this.need(len)
    return this.pos + len
  }

  string(): string {
    const end = this.delimitedEnd()
    const start = this.pos
    this.pos = end
    try {
      return decodeUtf8(this.buf, start, end)
    } catch (cause) {
      throw codecError('codec/invalid-protobuf', 'string field is not valid UTF-8', cause)
    }
  }

  /** A copy (a plain Uint8Array even when the input is a Node Buffer, whose slice() aliases). */
  bytes(): Uint8Array {
    const end = this.delimitedEnd()
    const out = new Uint8Array(this.buf.subarray(this.pos, end))
    this.pos = end
    return out
  }

  /** Reads a field key; returns `[fieldNumber, wireType]`. */
  tag(): [field: number, wireType: number] {
    const key = this.varint()
    const field = Math.floor(key / 8)
    if (field === 0 || field > 0x1fffffff) throw malformed(`invalid field number ${field}`)
    return [field, key & 7]
  }

  /** Skips the value of an unknown field. */
  skip(field: number, wireType: number): void {
    switch (wireType) {
      case WireType.Varint: this.varintRaw(); return
      case WireType.Fixed64: this.need(8); this.pos += 8; return
      case WireType.Bytes: this.pos = this.delimitedEnd(); return
      case WireType.Fixed32: this.need(4); this.pos += 4; return
      case WireType.StartGroup: this.skipGroup(field); return
      default: throw malformed(`invalid wire type ${wireType}`)
    }
  }

  /** Groups (deprecated, never produced by the server) are skipped up to a depth bound. */
  private skipGroup(field: number): void {
    const open = [field]
    while (open.length > 0) {
      if (open.length > MAX_GROUP_DEPTH) throw malformed('groups nested too deeply')
      const [inner, wireType] = this.tag()
      if (wireType === WireType.EndGroup) {
        if (inner !== open.pop()) throw malformed('mismatched end group')
      } else if (wireType === WireType.StartGroup) {
        open.push(inner)
      } else {
        this.skip(inner, wireType)
      }
    }
  }

  /** Throws unless the field has the expected wire type (as prost does). */
  expect(wireType: number, expected: number, field: string): void {
    if (wireType !== expected) throw malformed(`field "${field}" has wire type ${wireType}, expected ${expected}`)
  }

  /** Throws when a sub-message did not end exactly at its length prefix. */
  end(end: number): void {
    if (this.pos !== end) throw malformed('sub-message overruns its length')
  }

  private byte(): number {
    if (this.pos >= this.buf.length) throw malformed('truncated varint')
    return this.buf[this.pos++] as number
  }

  private need(n: number): void {
    if (n > this.buf.length - this.pos) throw malformed('truncated field')
  }
}
