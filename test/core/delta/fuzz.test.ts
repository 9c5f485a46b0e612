/**
 * Fuzzes both decoders with seeded random and mutated deltas: the only exception allowed
 * is a DeltaError, and every run must finish (the test timeout bounds "no hang").
 */
import { describe, expect, it } from 'vitest'
import { DeltaError } from '../../../src/core/errors'
import { DeltaManager, applyFossilDelta, applyVcdiffDelta, type DeltaDecoder } from '../../../src/core/delta'
import type { InboundFrame } from '../../../src/core/protocol/frame'
import { jsonCodec } from '../../../src/core/codecs/json'
import { seededRandom } from '../../../scripts/vectors/delta-payloads'
import { committedVectors } from './vectors'

const decode = (text: string): InboundFrame => jsonCodec.decode(text)

const ITERATIONS = 12_000
const cases = committedVectors()

type Rand = () => number
const int = (rand: Rand, n: number): number => Math.floor(rand() * n)

/** One random edit: flip, overwrite, insert, delete, truncate or duplicate a slice. */
function mutate(rand: Rand, input: Uint8Array): Uint8Array {
  const bytes = Array.from(input)
  const at = int(rand, bytes.length + 1)
  switch (int(rand, 6)) {
    case 0: if (at < bytes.length) bytes[at] = (bytes[at] as number) ^ (1 << int(rand, 8)); break
    case 1: if (at < bytes.length) bytes[at] = int(rand, 256); break
    case 2: bytes.splice(at, 0, ...Array.from({ length: 1 + int(rand, 4) }, () => int(rand, 256))); break
    case 3: bytes.splice(at, 1 + int(rand, 8)); break
    case 4: bytes.length = at; break
    default: bytes.splice(at, 0, ...bytes.slice(int(rand, bytes.length + 1), int(rand, bytes.length + 1)))
  }
  return Uint8Array.from(bytes)
}

/** Random bytes, half of them after a plausible header so the parser gets past the first check. */
function randomDelta(rand: Rand, header: number[]): Uint8Array {
  const body = Array.from({ length: int(rand, 200) }, () => int(rand, 256))
  return Uint8Array.from(rand() < 0.5 ? [...header, ...body] : body)
}

function fuzz(decode: DeltaDecoder, algorithm: 'fossil' | 'xdelta3', header: number[], seed: number): { ok: number; errors: Map<string, number> } {
  const rand = seededRandom(seed)
  const sources = cases.flatMap((c) => c.deltas.filter((d) => d.algorithm === algorithm).map((d) => ({ base: c.base, delta: d.bytes })))
  const errors = new Map<string, number>()
  let ok = 0
  for (let i = 0; i < ITERATIONS; i++) {
    const src = sources[int(rand, sources.length)] as (typeof sources)[number]
    let delta = i % 3 === 0 ? randomDelta(rand, header) : src.delta
    for (let m = 0, n = 1 + int(rand, 3); m < n && i % 3 !== 0; m++) delta = mutate(rand, delta)
    try {
      decode(src.base, delta, { maxOutputBytes: 1 << 20 })
      ok++
    } catch (e) {
      if (!(e instanceof DeltaError)) throw new Error(`iteration ${i}: non-DeltaError ${String(e)}`, { cause: e })
      errors.set(e.code, (errors.get(e.code) ?? 0) + 1)
    }
  }
  return { ok, errors }
}

describe('delta decoder fuzzing', () => {
  it(`throws only DeltaError on ${ITERATIONS} random and mutated Fossil deltas`, () => {
    const { ok, errors } = fuzz(applyFossilDelta, 'fossil', [...new TextEncoder().encode('2j\n')], 0xf055)
    expect(ok + [...errors.values()].reduce((a, b) => a + b, 0)).toBe(ITERATIONS)
    expect([...errors.keys()].sort()).toEqual(expect.arrayContaining(['delta/checksum-mismatch', 'delta/corrupt', 'delta/truncated']))
  }, 60_000)

  it(`throws only DeltaError on ${ITERATIONS} random and mutated VCDIFF deltas`, () => {
    const { ok, errors } = fuzz(applyVcdiffDelta, 'xdelta3', [0xd6, 0xc3, 0xc4, 0x00, 0x00], 0x7cd1ff)
    expect(ok + [...errors.values()].reduce((a, b) => a + b, 0)).toBe(ITERATIONS)
    expect([...errors.keys()].sort()).toEqual(expect.arrayContaining(['delta/checksum-mismatch', 'delta/corrupt', 'delta/truncated', 'delta/unsupported']))
  }, 60_000)
})

describe('delta manager fuzzing', () => {
  it('never throws on 3000 mutated delta frames, and reports every failure as a DeltaError', () => {
    const rand = seededRandom(0xde17a)
    const base = '{"event":"tick","channel":"c","data":"{\\"p\\":1}","serial":1}'
    const fossil = cases[0]?.deltas.find((d) => d.algorithm === 'fossil')?.bytes ?? new Uint8Array()
    let errors = 0
    for (let i = 0; i < 3000; i++) {
      const dm = new DeltaManager()
      dm.on('error', (e) => {
        expect(e).toBeInstanceOf(DeltaError)
        errors++
      })
      dm.handle(decode(`${base.slice(0, -1)},"__delta_seq":0}`))
      const data: Record<string, unknown> = { event: rand() < 0.9 ? 'tick' : 7, delta: Buffer.from(mutate(rand, fossil)).toString('base64'), seq: rand() < 0.9 ? 1 : -1, base_index: rand() < 0.8 ? 0 : int(rand, 3) }
      if (rand() < 0.3) data.algorithm = ['fossil', 'xdelta3', 'zstd'][int(rand, 3)]
      const frame: InboundFrame = { event: 'sockudo:delta', channel: 'c', data: rand() < 0.1 ? 'not json' : data }
      expect(['deliver', 'resync', 'consumed']).toContain(dm.handle(frame).kind)
    }
    expect(errors).toBeGreaterThan(2500)
  }, 60_000)
})
