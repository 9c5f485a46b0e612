/**
 * Documents how `@ably/vcdiff-decoder` (what the official JS client uses) behaves on the
 * xdelta3 flag variants, to justify our own VCDIFF decoder. Finding (Debian xdelta3 3.0.11):
 * - plain RFC 3284 (`-S none -A -n`, the server's shape): correct;
 * - xdelta3's Adler-32 extension (`-S none -A`): returns WRONG bytes and no error, because it
 *   reads the 4 checksum bytes as the start of the data section;
 * - xdelta3's application header (`-S none`): throws (it does not skip the header).
 */
import { describe, expect, it } from 'vitest'
import { decode } from '@ably/vcdiff-decoder'
import { applyVcdiffDelta } from '../../../src/core/delta'
import { committedVectors, largeVectors } from './vectors'

const cases = [...committedVectors(), largeVectors()]
const pick = (file: string) => cases.map((c) => ({ name: c.name, c, bytes: c.deltas.find((d) => d.file === file)?.bytes ?? new Uint8Array() }))
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b))

function ably(base: Uint8Array, delta: Uint8Array): Uint8Array | 'threw' {
  try {
    return decode(delta, base)
  } catch {
    return 'threw'
  }
}

describe('@ably/vcdiff-decoder on xdelta3 output', () => {
  it.each(pick('xdelta3-server.vcdiff'))('decodes plain RFC 3284 correctly: $name', ({ c, bytes }) => {
    const result = ably(c.base, bytes)
    expect(result).not.toBe('threw')
    expect(same(result as Uint8Array, c.target)).toBe(true)
  }, 30_000)

  it.each(pick('xdelta3-adler32.vcdiff'))('silently returns wrong bytes when windows carry Adler-32: $name', ({ c, bytes }) => {
    const result = ably(c.base, bytes)
    expect(result).not.toBe('threw')
    expect(same(result as Uint8Array, c.target)).toBe(false)
    expect(same(applyVcdiffDelta(c.base, bytes), c.target)).toBe(true)
  }, 30_000)

  it.each(pick('xdelta3-appheader.vcdiff'))('throws on the xdelta3 application header: $name', ({ c, bytes }) => {
    expect(ably(c.base, bytes)).toBe('threw')
    expect(same(applyVcdiffDelta(c.base, bytes), c.target)).toBe(true)
  })
})
