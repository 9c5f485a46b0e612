/**
 * Fossil delta decoder (sockudo-delta 5.2.0 src/compression.rs): the format of the Rust `fossil-delta` crate
 * the server encodes with. Layout: `<size>\n` then copy (`N@OFFSET,`) and insert
 * (`N:<bytes>`) commands, ended by `<checksum>;`. Integers are base-64 digits, most
 * significant first.
 */
import { DeltaError } from '../../errors'
import { DEFAULT_MAX_OUTPUT_BYTES, type DecodeLimits } from './types'
import { OutputBuffer, checkDeclaredSize } from './output-buffer'

/** Digit value of each byte, -1 for bytes that are not fossil base-64 digits. */
const DIGIT = /* @__PURE__ */ (() => {
  const table = new Int8Array(256).fill(-1)
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~'
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i
  return table
})()

const NEWLINE = 0x0a
const AT = 0x40
const COMMA = 0x2c
const COLON = 0x3a
const SEMICOLON = 0x3b

/** Cursor over the delta bytes; every read is bounds-checked. */
class FossilReader {
  pos = 0
  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos
  }

  /** Reads one integer: 1 to 8 digits (up to 2^48 - 1, far above any real size). */
  int(): number {
    let value = 0
    const start = this.pos
    while (this.pos < this.bytes.length) {
      const digit = DIGIT[this.bytes[this.pos] as number] as number
      if (digit < 0) break
      if (this.pos - start === 8) throw new DeltaError('delta/corrupt', 'fossil integer is too long')
      value = value * 64 + digit
      this.pos++
    }
    if (this.pos === start) {
      throw this.remaining === 0
        ? new DeltaError('delta/truncated', 'fossil delta ends where an integer was expected')
        : new DeltaError('delta/corrupt', 'fossil delta has a non-digit where an integer was expected')
    }
    return value
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new DeltaError('delta/truncated', 'fossil delta ended unexpectedly')
    return this.bytes[this.pos++] as number
  }
}

/**
 * Fossil checksum: the sum, modulo 2^32, of the output read as big-endian 32-bit words,
 * the last partial word padded with zero bytes on the right.
 */
export function fossilChecksum(bytes: Uint8Array): number {
  let sum = 0
  const whole = bytes.length & ~3
  for (let i = 0; i < whole; i += 4) {
    sum = (sum + (((bytes[i] as number) << 24) | ((bytes[i + 1] as number) << 16) | ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number))) >>> 0
  }
  let tail = 0
  for (let i = whole, shift = 24; i < bytes.length; i++, shift -= 8) tail |= (bytes[i] as number) << shift
  return (sum + (tail >>> 0)) >>> 0
}

/** Applies one copy command: `count` bytes of `base` from `offset`. */
function copy(out: OutputBuffer, base: Uint8Array, count: number, offset: number): void {
  if (offset + count > base.length) {
    throw new DeltaError('delta/corrupt', 'fossil copy extends past the end of the base')
  }
  out.appendRange(base, offset, offset + count)
}

/** Applies one insert command: the next `count` raw bytes of the delta. */
function insert(out: OutputBuffer, reader: FossilReader, count: number): void {
  if (count > reader.remaining) throw new DeltaError('delta/truncated', 'fossil insert runs past the end of the delta')
  out.appendRange(reader.bytes, reader.pos, reader.pos + count)
  reader.pos += count
}

/** Checks the end marker's checksum and the produced length. */
function finish(out: OutputBuffer, checksum: number): Uint8Array {
  if (out.length !== out.limit) {
    throw new DeltaError('delta/corrupt', `fossil delta produced ${out.length} bytes, declared ${out.limit}`)
  }
  const result = out.result()
  if (fossilChecksum(result) !== checksum) throw new DeltaError('delta/checksum-mismatch', 'fossil checksum does not match the output')
  return result
}

/**
 * Applies a Fossil delta to `base`. Throws `DeltaError` with `delta/corrupt`,
 * `delta/truncated`, `delta/checksum-mismatch` or `delta/too-large`; never returns
 * bytes whose length or checksum disagree with the delta.
 */
export function applyFossilDelta(base: Uint8Array, delta: Uint8Array, limits: DecodeLimits = {}): Uint8Array {
  const reader = new FossilReader(delta)
  const size = reader.int()
  if (reader.byte() !== NEWLINE) throw new DeltaError('delta/corrupt', 'fossil size is not terminated by a newline')
  checkDeclaredSize(size, limits.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES)
  const out = new OutputBuffer(size)
  // Every command consumes at least two delta bytes, so this loop is bounded by the delta size.
  while (reader.remaining > 0) {
    const count = reader.int()
    const op = reader.byte()
    if (op === AT) {
      const offset = reader.int()
      if (reader.remaining > 0 && reader.byte() !== COMMA) {
        throw new DeltaError('delta/corrupt', 'fossil copy command is not terminated by a comma')
      }
      copy(out, base, count, offset)
    } else if (op === COLON) {
      insert(out, reader, count)
    } else if (op === SEMICOLON) {
      return finish(out, count)
    } else {
      throw new DeltaError('delta/corrupt', `unknown fossil delta operator 0x${op.toString(16)}`)
    }
  }
  throw new DeltaError('delta/truncated', 'fossil delta has no end marker')
}
