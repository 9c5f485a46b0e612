/**
 * Executes the instructions of one VCDIFF window (RFC 3284 §5–6): ADD, RUN and COPY over
 * the source segment followed by the target window being built, with the near/same
 * address caches.
 */
import { DeltaError } from '../../errors'
import type { ByteReader } from './byte-reader'
import { ADD, DEFAULT_CODE_TABLE, NOOP, RUN } from './vcdiff-code-table'
import type { OutputBuffer } from './output-buffer'

const NEAR_SIZE = 4
const SAME_SIZE = 3

/** @internal The parsed sections of one window. */
export interface WindowSections {
  /** Source segment (from the base or from earlier target output); empty when none. */
  source: Uint8Array
  data: ByteReader
  inst: ByteReader
  addr: ByteReader
}

/**
 * RFC 3284 §5.1 address cache, reset at the start of every window. Decoding is synchronous
 * and never re-entered, so one instance is shared instead of allocating 768 slots per window.
 */
class AddressCache {
  private readonly near = new Float64Array(NEAR_SIZE)
  private readonly same = new Float64Array(SAME_SIZE * 256)
  private nextSlot = 0

  reset(): this {
    this.near.fill(0)
    this.same.fill(0)
    this.nextSlot = 0
    return this
  }

  decode(addr: ByteReader, here: number, mode: number): number {
    let value: number
    if (mode === 0) value = addr.varint()
    else if (mode === 1) value = here - addr.varint()
    else if (mode < 2 + NEAR_SIZE) value = (this.near[mode - 2] as number) + addr.varint()
    else value = this.same[(mode - 2 - NEAR_SIZE) * 256 + addr.byte()] as number
    if (value < 0 || value >= here) {
      throw new DeltaError('delta/corrupt', `VCDIFF COPY address ${value} is outside 0..${here - 1}`)
    }
    this.near[this.nextSlot] = value
    this.nextSlot = (this.nextSlot + 1) % NEAR_SIZE
    this.same[value % (SAME_SIZE * 256)] = value
    return value
  }
}

const SHARED_CACHE = new AddressCache()

/** Copies `size` bytes from address `addr` of the string "source segment ‖ target window". */
function copyBytes(s: WindowSections, out: OutputBuffer, windowStart: number, addr: number, size: number): void {
  const srcLen = s.source.length
  if (addr + size <= srcLen) {
    out.appendRange(s.source, addr, addr + size)
    return
  }
  if (addr >= srcLen) {
    out.copyWithin(windowStart + addr - srcLen, size)
    return
  }
  // The copy starts in the source segment and runs on into the target window.
  const fromSource = srcLen - addr
  out.appendRange(s.source, addr, srcLen)
  out.copyWithin(windowStart, size - fromSource)
}

/** Runs one instruction, refusing to write past the end of the target window. */
function step(s: WindowSections, out: OutputBuffer, cache: AddressCache, windowStart: number, windowEnd: number, type: number, size: number, mode: number): void {
  if (out.length + size > windowEnd) throw new DeltaError('delta/corrupt', 'VCDIFF instruction writes past the target window')
  if (type === ADD) {
    const at = s.data.skip(size)
    out.appendRange(s.data.bytes, at, at + size)
  } else if (type === RUN) {
    out.fill(s.data.byte(), size)
  } else {
    const here = s.source.length + out.length - windowStart
    copyBytes(s, out, windowStart, cache.decode(s.addr, here, mode), size)
  }
}

/**
 * Decodes one window's instructions into `out`, which must end exactly `targetLength`
 * bytes after `windowStart` with every section fully consumed.
 */
export function runWindow(s: WindowSections, out: OutputBuffer, windowStart: number, targetLength: number): void {
  const t = DEFAULT_CODE_TABLE
  const cache = SHARED_CACHE.reset()
  const windowEnd = windowStart + targetLength
  // Every opcode consumes one instruction byte, so this loop is bounded by the section size.
  while (s.inst.remaining > 0) {
    const op = s.inst.byte()
    const type1 = t.type1[op] as number
    const type2 = t.type2[op] as number
    const size1 = t.size1[op] === 0 && type1 !== NOOP ? s.inst.varint() : (t.size1[op] as number)
    const size2 = t.size2[op] === 0 && type2 !== NOOP ? s.inst.varint() : (t.size2[op] as number)
    step(s, out, cache, windowStart, windowEnd, type1, size1, t.mode1[op] as number)
    if (type2 !== NOOP) step(s, out, cache, windowStart, windowEnd, type2, size2, t.mode2[op] as number)
  }
  if (out.length !== windowEnd) {
    throw new DeltaError('delta/corrupt', `VCDIFF window produced ${out.length - windowStart} bytes, declared ${targetLength}`)
  }
  if (s.data.remaining !== 0 || s.addr.remaining !== 0) {
    throw new DeltaError('delta/corrupt', 'VCDIFF window has unused data or address bytes')
  }
}
