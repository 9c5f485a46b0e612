/**
 * VCDIFF (RFC 3284) decoder for the deltas the server's `xdelta3` algorithm emits
 * (sockudo-delta 5.2.0 src/compression.rs), also accepting what the `xdelta3` tool writes: an application
 * header (skipped), `VCD_TARGET` windows and the xdelta3 Adler-32 extension
 * (`Win_Indicator` bit 0x04), which is verified. Secondary compression and custom code
 * tables are refused with `delta/unsupported`.
 */
import { DeltaError } from '../../errors'
import { adler32 } from './adler32'
import { ByteReader } from './byte-reader'
import { OutputBuffer, checkDeclaredSize } from './output-buffer'
import { DEFAULT_MAX_OUTPUT_BYTES, type DecodeLimits } from './types'
import { runWindow, type WindowSections } from './vcdiff-window'

const MAGIC = [0xd6, 0xc3, 0xc4, 0x00] as const
const HDR_SECONDARY = 0x01
const HDR_CODETABLE = 0x02
const HDR_APPHEADER = 0x04
const WIN_SOURCE = 0x01
const WIN_TARGET = 0x02
const WIN_ADLER32 = 0x04

/** Reads the file header and leaves the reader at the first window. */
function readHeader(r: ByteReader): void {
  for (const expected of MAGIC) {
    if (r.byte() !== expected) throw new DeltaError('delta/corrupt', 'not a VCDIFF delta (bad magic or version)')
  }
  const indicator = r.byte()
  if (indicator & ~(HDR_SECONDARY | HDR_CODETABLE | HDR_APPHEADER)) {
    throw new DeltaError('delta/corrupt', `VCDIFF header indicator 0x${indicator.toString(16)} has unknown bits`)
  }
  if (indicator & HDR_SECONDARY) {
    throw new DeltaError('delta/unsupported', `VCDIFF secondary compressor ${r.byte()} is not supported (encode with xdelta3 -S none)`)
  }
  if (indicator & HDR_CODETABLE) throw new DeltaError('delta/unsupported', 'VCDIFF custom code tables are not supported')
  if (indicator & HDR_APPHEADER) r.take(r.varint())
}

/** Source segment of a window: a slice of the base (`VCD_SOURCE`) or of earlier output (`VCD_TARGET`). */
function readSource(r: ByteReader, indicator: number, base: Uint8Array, out: OutputBuffer): Uint8Array {
  if ((indicator & (WIN_SOURCE | WIN_TARGET)) === 0) return new Uint8Array(0)
  const length = r.varint()
  const position = r.varint()
  if (indicator & WIN_SOURCE) {
    if (position + length > base.length) throw new DeltaError('delta/corrupt', 'VCDIFF source segment extends past the end of the base')
    return base.subarray(position, position + length)
  }
  if (position + length > out.length) throw new DeltaError('delta/corrupt', 'VCDIFF target segment extends past the output so far')
  return out.view(position, position + length)
}

/** Parses the window header that follows the source segment and returns its sections. */
function readSections(r: ByteReader, indicator: number, source: Uint8Array): { sections: WindowSections; targetLength: number; checksum?: number } {
  const encodingLength = r.varint()
  const encodingEnd = r.pos + encodingLength
  if (encodingLength > r.remaining) throw new DeltaError('delta/truncated', 'VCDIFF window is longer than the delta')
  const targetLength = r.varint()
  if (r.byte() !== 0) throw new DeltaError('delta/unsupported', 'VCDIFF secondary compression of sections is not supported')
  const dataLength = r.varint()
  const instLength = r.varint()
  const addrLength = r.varint()
  const checksum = indicator & WIN_ADLER32 ? r.uint32() : undefined
  if (r.pos + dataLength + instLength + addrLength !== encodingEnd) {
    throw new DeltaError('delta/corrupt', 'VCDIFF section lengths disagree with the window length')
  }
  const dataStart = r.pos
  const instStart = dataStart + dataLength
  const addrStart = instStart + instLength
  r.pos = encodingEnd
  const sections: WindowSections = {
    source,
    data: new ByteReader(r.bytes, dataStart, instStart, 'data section'),
    inst: new ByteReader(r.bytes, instStart, addrStart, 'instructions section'),
    addr: new ByteReader(r.bytes, addrStart, encodingEnd, 'addresses section'),
  }
  return checksum === undefined ? { sections, targetLength } : { sections, targetLength, checksum }
}

/** Decodes one window and appends its target bytes to `out`. */
function decodeWindow(r: ByteReader, base: Uint8Array, out: OutputBuffer, maxOutputBytes: number): void {
  const indicator = r.byte()
  if (indicator & ~(WIN_SOURCE | WIN_TARGET | WIN_ADLER32) || (indicator & WIN_SOURCE && indicator & WIN_TARGET)) {
    throw new DeltaError('delta/corrupt', `VCDIFF window indicator 0x${indicator.toString(16)} is invalid`)
  }
  const source = readSource(r, indicator, base, out)
  const { sections, targetLength, checksum } = readSections(r, indicator, source)
  checkDeclaredSize(out.length + targetLength, maxOutputBytes)
  const windowStart = out.length
  out.raise(windowStart + targetLength)
  runWindow(sections, out, windowStart, targetLength)
  if (checksum !== undefined && adler32(out.view(windowStart)) !== checksum) {
    throw new DeltaError('delta/checksum-mismatch', 'VCDIFF window Adler-32 does not match the output')
  }
}

/**
 * Applies a VCDIFF delta to `base`. Throws `DeltaError` with `delta/corrupt`,
 * `delta/truncated`, `delta/checksum-mismatch`, `delta/unsupported` or `delta/too-large`;
 * every window must produce exactly its declared length.
 */
export function applyVcdiffDelta(base: Uint8Array, delta: Uint8Array, limits: DecodeLimits = {}): Uint8Array {
  const maxOutputBytes = limits.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES
  const r = new ByteReader(delta, 0, delta.length, 'delta')
  readHeader(r)
  const out = new OutputBuffer(0)
  // Every window consumes at least one byte, so this loop is bounded by the delta size.
  while (r.remaining > 0) decodeWindow(r, base, out, maxOutputBytes)
  return out.result()
}
