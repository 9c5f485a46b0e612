import { DeltaError } from '../../errors'

/** @internal Bounds-checked cursor over a section of VCDIFF bytes. */
export class ByteReader {
  pos: number

  /**
   * @param bytes - the whole delta
   * @param start - first byte of this reader's section
   * @param end - one past the last byte of the section
   * @param what - section name used in error messages
   */
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
    readonly what = 'delta',
  ) {
    this.pos = start
  }

  get remaining(): number {
    return this.end - this.pos
  }

  byte(): number {
    if (this.pos >= this.end) throw new DeltaError('delta/truncated', `VCDIFF ${this.what} ended unexpectedly`)
    return this.bytes[this.pos++] as number
  }

  /** RFC 3284 integer: base-128 digits, most significant first, high bit = more digits. */
  varint(): number {
    let value = 0
    for (let i = 0; i < 5; i++) {
      const b = this.byte()
      value = value * 128 + (b & 0x7f)
      if ((b & 0x80) === 0) {
        if (value > 0xffffffff) break
        return value
      }
    }
    throw new DeltaError('delta/corrupt', `VCDIFF ${this.what} holds an integer above 2^32`)
  }

  /** Big-endian unsigned 32-bit integer. */
  uint32(): number {
    return ((this.byte() << 24) | (this.byte() << 16) | (this.byte() << 8) | this.byte()) >>> 0
  }

  /** Skips `n` bytes and returns the position they start at. */
  skip(n: number): number {
    if (n > this.remaining) throw new DeltaError('delta/truncated', `VCDIFF ${this.what} ended unexpectedly`)
    this.pos += n
    return this.pos - n
  }

  /** The next `n` bytes as a view, advancing past them. */
  take(n: number): Uint8Array {
    if (n > this.remaining) throw new DeltaError('delta/truncated', `VCDIFF ${this.what} ended unexpectedly`)
    const view = this.bytes.subarray(this.pos, this.pos + n)
    this.pos += n
    return view
  }
}
