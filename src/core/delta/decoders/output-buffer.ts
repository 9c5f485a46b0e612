import { DeltaError } from '../../errors'

/**
 * @internal A byte sink that grows on demand up to a declared final size, so a delta that
 * lies about its size cannot make the decoder allocate the lie up front.
 */
export class OutputBuffer {
  /** Bytes written so far. */
  length = 0
  private bytes: Uint8Array

  /** @param limit - the most bytes that may be written (see {@link raise}) */
  constructor(public limit: number) {
    this.bytes = new Uint8Array(Math.min(limit, 65536))
  }

  /** Raises the limit, for formats that declare their size window by window. */
  raise(limit: number): void {
    this.limit = limit
    const initial = Math.min(limit, 65536)
    if (this.bytes.length < initial) {
      const grown = new Uint8Array(initial)
      grown.set(this.bytes.subarray(0, this.length))
      this.bytes = grown
    }
  }

  /** Makes room for `n` more bytes; throws `delta/corrupt` when that passes the limit. */
  reserve(n: number): void {
    const needed = this.length + n
    if (needed > this.limit) {
      throw new DeltaError('delta/corrupt', `delta output exceeds its declared size of ${this.limit} bytes`)
    }
    if (needed <= this.bytes.length) return
    let size = Math.max(this.bytes.length * 2, 1)
    while (size < needed) size *= 2
    const grown = new Uint8Array(Math.min(size, this.limit))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  /** Appends a copy of `src[start, end)`; short ranges are copied in a loop (no view allocated). */
  appendRange(src: Uint8Array, start: number, end: number): void {
    const n = end - start
    this.reserve(n)
    const b = this.bytes
    if (n < 32) {
      for (let i = 0, o = this.length; i < n; i++) b[o + i] = src[start + i] as number
    } else {
      b.set(src.subarray(start, end), this.length)
    }
    this.length += n
  }

  /** Appends `count` copies of `byte`. */
  fill(byte: number, count: number): void {
    this.reserve(count)
    this.bytes.fill(byte, this.length, this.length + count)
    this.length += count
  }

  /**
   * Appends `count` bytes read from this buffer starting at `from`, forward and byte by
   * byte when the ranges overlap (an LZ77-style self copy that repeats a pattern).
   */
  copyWithin(from: number, count: number): void {
    this.reserve(count)
    const b = this.bytes
    if (from + count <= this.length) {
      b.copyWithin(this.length, from, from + count)
    } else {
      for (let i = 0; i < count; i++) b[this.length + i] = b[from + i] as number
    }
    this.length += count
  }

  /** Byte at `index` (which must be below {@link length}). */
  at(index: number): number {
    return this.bytes[index] as number
  }

  /** A view (no copy) of written bytes `[start, end)`; valid until the next write. */
  view(start: number, end = this.length): Uint8Array {
    return this.bytes.subarray(start, end)
  }

  /** The written bytes, trimmed (no copy when the buffer is exactly full). */
  result(): Uint8Array {
    return this.length === this.bytes.length ? this.bytes : this.bytes.slice(0, this.length)
  }
}

/** @internal Rejects a declared output size above the limit before any allocation. */
export function checkDeclaredSize(size: number, maxOutputBytes: number): void {
  if (size > maxOutputBytes) {
    throw new DeltaError('delta/too-large', `delta declares ${size} output bytes, above the limit of ${maxOutputBytes}`)
  }
}
