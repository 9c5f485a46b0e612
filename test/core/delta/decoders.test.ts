import { describe, expect, it } from 'vitest'
import { applyDelta } from 'fossil-delta'
import { applyFossilDelta, applyVcdiffDelta, fossilChecksum, adler32 } from '../../../src/core/delta'
import { DeltaError } from '../../../src/core/errors'
import { xdelta3Decode } from '../../../scripts/vectors/delta-encoders'
import { committedVectors, fromBase64, largeVectors, utf8, type LoadedCase } from './vectors'

const ours = { fossil: applyFossilDelta, xdelta3: applyVcdiffDelta }
const cases: LoadedCase[] = [...committedVectors(), largeVectors()]
const rows = cases.flatMap((c) => c.deltas.map((d) => ({ label: `${c.name}/${d.file}`, c, d })))

const F3_BASE = '{"event":"price-updated","channel":"ticker:BTC","data":"{\\"symbol\\":\\"BTC\\",\\"price\\":\\"67210.50\\",\\"volume\\":\\"1200\\"}","message_id":"msg-0001","stream_id":"s1","serial":41}'
const F3_TARGET = F3_BASE.replace('67210.50', '67211.25').replace('msg-0001', 'msg-0002').replace('"serial":41', '"serial":42')

describe('delta decoders on real encoder output', () => {
  it('covers every committed case plus the 256 KB one', () => {
    expect(cases.map((c) => c.name)).toEqual(['small-price', 'orderbook-4k', 'unicode-chat', 'binary-2k', 'empty-base', 'identical', 'large-256k'])
    expect(cases.at(-1)?.target.length).toBeGreaterThan(200_000)
  })

  it.each(rows.filter((r) => r.d.expect === 'ok'))('reproduces the target byte-exactly: $label', ({ c, d }) => {
    expect(Buffer.from(ours[d.algorithm](c.base, d.bytes)).equals(Buffer.from(c.target))).toBe(true)
  })

  it.each(rows.filter((r) => r.d.expect !== 'ok'))('refuses secondary-compressed VCDIFF: $label', ({ c, d }) => {
    expect(() => applyVcdiffDelta(c.base, d.bytes)).toThrowError(expect.objectContaining({ code: 'delta/unsupported' }))
  })

  it.each(rows.filter((r) => r.d.algorithm === 'xdelta3'))('is a vector native xdelta3 -d accepts: $label', ({ c, d }) => {
    expect(Buffer.from(xdelta3Decode(c.base, d.bytes)).equals(Buffer.from(c.target))).toBe(true)
  })

  it.each(rows.filter((r) => r.d.algorithm === 'fossil'))('agrees with the fossil-delta package: $label', ({ c, d }) => {
    expect(Buffer.from(applyDelta(c.base, d.bytes)).equals(Buffer.from(c.target))).toBe(true)
  })

  it('produces many windows for the windowed 256 KB vector and decodes all of them', () => {
    const large = cases.at(-1) as LoadedCase
    const windowed = large.deltas.find((d) => d.file === 'xdelta3-windowed.vcdiff')
    expect(windowed).toBeDefined()
    expect(Buffer.from(applyVcdiffDelta(large.base, windowed?.bytes ?? new Uint8Array())).equals(Buffer.from(large.target))).toBe(true)
  })
})

describe('spec vectors (v2-features.md §1.17)', () => {
  const td = new TextDecoder()
  it('F1: insert-only fossil delta onto an empty base', () => {
    expect(td.decode(applyFossilDelta(new Uint8Array(0), utf8('5\n5:hello3NPMmh;')))).toBe('hello')
  })
  it('F2: fossil literal of a small object', () => {
    const delta = fromBase64('TQpNOnsiZGF0YSI6eyJwcmljZSI6MTAyfX0yQml0bVg7')
    expect(td.decode(applyFossilDelta(utf8('{"data":{"price":101}}'), delta))).toBe('{"data":{"price":102}}')
  })
  it('F3: fossil delta with copies over a full envelope', () => {
    const delta = fromBase64('MmoKMVNAMCw0OjEuMjVqQDFXLDE6MlRAMkYsMjoyfXFqd1ZEOw==')
    expect(td.decode(applyFossilDelta(utf8(F3_BASE), delta))).toBe(F3_TARGET)
  })
  it('V1: VCDIFF single ADD window', () => {
    const delta = fromBase64('1sPEAAABFgAdFgAWAgB7ImRhdGEiOnsicHJpY2UiOjEwMn19ARY=')
    expect(td.decode(applyVcdiffDelta(utf8('{"data":{"price":101}}'), delta))).toBe('{"data":{"price":102}}')
  })
  it('V2: VCDIFF copies in SELF and HERE modes', () => {
    const delta = fromBase64('1sPEAAABgS4AGoEuAAcJBDEuMjUyMn0TXAUTLgIjHQMAYIEu')
    expect(td.decode(applyVcdiffDelta(utf8(F3_BASE), delta))).toBe(F3_TARGET)
  })
  it('V3: VCDIFF double opcode, NEAR cache, overlapping target copy and RUN', () => {
    const delta = fromBase64('1sPEAAABEAAPEAACBQNYWqM0JAADAAAI')
    expect(td.decode(applyVcdiffDelta(utf8('abcdefghijklmnop'), delta))).toBe('XabcdabcdabcdZZZ')
  })
  it('computes the fossil checksum of "hello" as 0xD7656C6C and Adler-32 of "Wikipedia" as 0x11E60398', () => {
    expect(fossilChecksum(utf8('hello'))).toBe(0xd7656c6c)
    expect(adler32(utf8('Wikipedia'))).toBe(0x11e60398)
  })
})

describe('delta decoders reject bad input with typed errors', () => {
  const small = committedVectors()[0] as LoadedCase
  const vector = (file: string): Uint8Array => (small.deltas.find((d) => d.file === file)?.bytes ?? new Uint8Array()).slice()
  const code = (fn: () => unknown): string => {
    try {
      fn()
    } catch (e) {
      return e instanceof DeltaError ? e.code : `not a DeltaError: ${String(e)}`
    }
    return 'no error'
  }

  it('reports a fossil checksum mismatch when a literal byte changes', () => {
    const d = utf8('2j\n1S@0,4:1.26j@1W,1:2T@2F,2:2}qjwVD;')
    expect(code(() => applyFossilDelta(utf8(F3_BASE), d))).toBe('delta/checksum-mismatch')
  })
  it('reports a VCDIFF Adler-32 mismatch when a data byte changes', () => {
    const d = vector('xdelta3-adler32.vcdiff')
    const i = d.lastIndexOf(0x35) // the '5' of the inserted "1.25"
    d[i] = 0x36
    expect(code(() => applyVcdiffDelta(small.base, d))).toBe('delta/checksum-mismatch')
  })
  it('reports truncation of either format', () => {
    expect(code(() => applyFossilDelta(small.base, vector('fossil.delta').subarray(0, 20)))).toBe('delta/truncated')
    expect(code(() => applyVcdiffDelta(small.base, vector('xdelta3-server.vcdiff').subarray(0, 20)))).toBe('delta/truncated')
  })
  it('refuses a declared size above maxOutputBytes before allocating', () => {
    expect(code(() => applyFossilDelta(small.base, vector('fossil.delta'), { maxOutputBytes: 100 }))).toBe('delta/too-large')
    expect(code(() => applyVcdiffDelta(small.base, vector('xdelta3-server.vcdiff'), { maxOutputBytes: 100 }))).toBe('delta/too-large')
  })
  it('refuses a fossil copy past the end of the base and a wrong declared size', () => {
    expect(code(() => applyFossilDelta(utf8('abc'), utf8('4\n4@0,0;')))).toBe('delta/corrupt')
    expect(code(() => applyFossilDelta(utf8('abcd'), utf8('5\n4@0,1Vu9YK;')))).toBe('delta/corrupt')
  })
  it('refuses custom code tables, bad magic and section compression', () => {
    expect(code(() => applyVcdiffDelta(new Uint8Array(), Uint8Array.of(0xd6, 0xc3, 0xc4, 0, 0x02)))).toBe('delta/unsupported')
    expect(code(() => applyVcdiffDelta(new Uint8Array(), Uint8Array.of(0xd6, 0xc3, 0xc4, 1, 0)))).toBe('delta/corrupt')
    // window: no source, enc len 5, target 1, Delta_Indicator 0x01 (DATACOMP)
    expect(code(() => applyVcdiffDelta(new Uint8Array(), Uint8Array.of(0xd6, 0xc3, 0xc4, 0, 0, 0, 5, 1, 1, 0, 0, 0)))).toBe('delta/unsupported')
  })
  it('decodes a VCD_TARGET window that copies from the previous window output', () => {
    // window 1: ADD "abcd"; window 2: source = target[0..4), COPY 4 from address 0
    const w1 = [0x00, 0x0a, 0x04, 0x00, 0x04, 0x01, 0x00, 0x61, 0x62, 0x63, 0x64, 0x05]
    const w2 = [0x02, 0x04, 0x00, 0x07, 0x04, 0x00, 0x00, 0x01, 0x01, 0x14, 0x00]
    const out = applyVcdiffDelta(new Uint8Array(), Uint8Array.from([0xd6, 0xc3, 0xc4, 0, 0, ...w1, ...w2]))
    expect(new TextDecoder().decode(out)).toBe('abcdabcd')
  })
})
