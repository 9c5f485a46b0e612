/**
 * Differential check on seeded random base/target pairs: deltas from the real encoders
 * (fossil-delta's createDelta, the xdelta3 binary) must decode to the target byte-exactly.
 */
import { describe, expect, it } from 'vitest'
import { applyFossilDelta, applyVcdiffDelta } from '../../../src/core/delta'
import { seededRandom } from '../../../scripts/vectors/delta-payloads'
import { XDELTA3_VARIANTS, fossilEncode, xdelta3Encode } from '../../../scripts/vectors/delta-encoders'

type Rand = () => number
const int = (rand: Rand, n: number): number => Math.floor(rand() * n)

/** A random base (text-like or binary) and a target made of edits, moves and repeats of it. */
function pair(rand: Rand): { base: Uint8Array; target: Uint8Array } {
  const alphabet = rand() < 0.5 ? 256 : 16
  const base = Array.from({ length: int(rand, 3000) }, () => (alphabet === 256 ? int(rand, 256) : 0x61 + int(rand, 16)))
  const target = [...base]
  for (let e = 0, n = int(rand, 12); e < n; e++) {
    const at = int(rand, target.length + 1)
    const op = int(rand, 4)
    if (op === 0) target.splice(at, int(rand, 50))
    else if (op === 1) target.splice(at, 0, ...Array.from({ length: int(rand, 40) }, () => int(rand, 256)))
    else if (op === 2) target.splice(at, 0, ...base.slice(int(rand, base.length + 1)).slice(0, 200))
    else target.splice(at, 0, ...Array.from<number>({ length: int(rand, 300) }).fill(int(rand, 256)))
  }
  return { base: Uint8Array.from(base), target: Uint8Array.from(target) }
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b))

describe('decoders on random encoder output', () => {
  it('reproduces 400 random fossil-delta pairs', () => {
    const rand = seededRandom(1234)
    for (let i = 0; i < 400; i++) {
      const { base, target } = pair(rand)
      expect(same(applyFossilDelta(base, fossilEncode(base, target)), target), `pair ${i}`).toBe(true)
    }
  }, 60_000)

  it('reproduces 30 random xdelta3 pairs, with and without Adler-32', () => {
    const rand = seededRandom(5678)
    for (let i = 0; i < 30; i++) {
      const { base, target } = pair(rand)
      const flags = i % 2 ? XDELTA3_VARIANTS.adler32 : XDELTA3_VARIANTS.level9
      expect(same(applyVcdiffDelta(base, xdelta3Encode(base, target, flags)), target), `pair ${i}`).toBe(true)
    }
  }, 60_000)
})
