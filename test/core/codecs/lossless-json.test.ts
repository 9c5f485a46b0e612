import { describe, expect, it } from 'vitest'
import { parseEventData, parseJsonLossless, stringifyJsonLossless } from '../../../src/core/codecs'
import { createRandom } from './prng'
import type { Random } from './prng'

describe('parseJsonLossless', () => {
  it.each([
    ['9007199254740993', '9007199254740993'],
    ['9007199254740992', '9007199254740992'],
    ['18446744073709551615', '18446744073709551615'],
    ['-9007199254740993', '-9007199254740993'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
  ])('turns the unsafe integer %s into its exact decimal string', (text, expected) => {
    expect(parseJsonLossless(text)).toBe(expected)
  })

  it.each([
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
    ['1234567890123456', 1234567890123456],
    ['2147483648', 2147483648],
    ['0', 0],
    ['-0', -0],
  ])('keeps the safe integer %s a number', (text, expected) => {
    expect(parseJsonLossless(text)).toBe(expected)
  })

  it.each([
    ['1.12345678901234567', 1.12345678901234567],
    ['0.90071992547409930', 0.9007199254740993],
    ['12345678901234567e2', 12345678901234567e2],
    ['1e17', 1e17],
    ['1E+17', 1e17],
    ['9007199254740993.0', 9007199254740993.0],
    ['-1.5e-12345678901234567', -0],
    ['2e308', Infinity],
  ])('leaves the non-integer literal %s to JSON.parse (fraction and exponent digits are not integers)', (text, expected) => {
    expect(parseJsonLossless(text)).toBe(expected)
    expect(parseJsonLossless(`[${text},18446744073709551615]`)).toEqual([expected, '18446744073709551615'])
  })

  it('never rewrites digits inside strings, whatever their escapes', () => {
    const text = String.raw`{"a":"12345678901234567890","b":"x\"12345678901234567890\"","c":"\\","d":18446744073709551615,"e":"\\\"9007199254740993","f":"\u0039007199254740993"}`
    expect(parseJsonLossless(text)).toEqual({
      a: '12345678901234567890',
      b: 'x"12345678901234567890"',
      c: '\\',
      d: '18446744073709551615',
      e: '\\"9007199254740993',
      f: '9007199254740993',
    })
  })

  it('keeps unsafe integers exact at any depth and next to every kind of token', () => {
    const text = '{"serial":9007199254740993,"list":[18446744073709551615,-9007199254740993,1,true,null,"9007199254740993",{"deep":[[9007199254740995]]}],"k":{"n":9007199254740993}}'
    expect(parseJsonLossless(text)).toEqual({
      serial: '9007199254740993',
      list: ['18446744073709551615', '-9007199254740993', 1, true, null, '9007199254740993', { deep: [['9007199254740995']] }],
      k: { n: '9007199254740993' },
    })
  })

  it('treats keys made of digits as keys', () => {
    expect(parseJsonLossless('{"18446744073709551615":18446744073709551615}')).toEqual({ '18446744073709551615': '18446744073709551615' })
  })

  it('throws SyntaxError on invalid JSON, also when it contains big integers', () => {
    for (const text of ['', '{', '{"a":18446744073709551615', '[18446744073709551615,]', '012345678901234567', '-', '{"a":-}', '"unterminated 18446744073709551615']) {
      expect(() => parseJsonLossless(text), text).toThrow(SyntaxError)
    }
  })

  it('agrees with JSON.parse on every safe document and fixes every unsafe integer (1,000 random documents)', () => {
    const random = createRandom(0x5eed)
    for (let i = 0; i < 1000; i++) {
      const [text, expected] = randomDocument(random, 0)
      expect(parseJsonLossless(text)).toEqual(expected)
    }
  })
})

/** Returns [JSON text, the value parseJsonLossless must produce]. */
function randomDocument(random: Random, depth: number): [string, unknown] {
  const kind = depth > 3 ? random.int(5) : random.int(8)
  switch (kind) {
    case 0: {
      const big = BigInt(random.int(2) ? 1 : -1) * (2n ** BigInt(53 + random.int(12)) + BigInt(random.int(1000)))
      return [big.toString(), big.toString()]
    }
    case 1: {
      const n = random.int(2 ** 31) - 2 ** 30
      return [String(n), n]
    }
    case 2: {
      const s = random.pick(['', '9007199254740993', 'a"b', 'x\\y', '\u2028', 'é', '{"serial":18446744073709551615}'])
      return [JSON.stringify(s), s]
    }
    case 3: {
      const f = random.pick([0.5, -1.25e-7, 1e21, 123456789.123456789])
      return [String(f), f]
    }
    case 4:
      return random.pick([['true', true], ['false', false], ['null', null]] as [string, unknown][])
    case 5:
    case 6: {
      const items = Array.from({ length: random.int(4) }, () => randomDocument(random, depth + 1))
      return [`[${items.map((x) => x[0]).join(' , ')}]`, items.map((x) => x[1])]
    }
    default: {
      const entries = Array.from({ length: random.int(4) }, (_, i) => [`k${i}`, randomDocument(random, depth + 1)] as const)
      return [
        `{${entries.map(([k, v]) => `"${k}":${v[0]}`).join(',')}}`,
        Object.fromEntries(entries.map(([k, v]) => [k, v[1]])),
      ]
    }
  }
}

describe('stringifyJsonLossless', () => {
  it('writes bigints as bare integer literals', () => {
    expect(stringifyJsonLossless({ serial: 18446744073709551615n, n: -5n, list: [1n, 'x'] })).toBe(
      '{"serial":18446744073709551615,"n":-5,"list":[1,"x"]}',
    )
  })

  it('matches JSON.stringify on everything else, also on the bigint path', () => {
    const date = new Date(0)
    const value = {
      a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, NaN, Infinity], e: date,
      f: { toJSON: (key: string) => `key:${key}` }, g: new Map([[1, 2]]), h: 'é"\n', i: null,
      j: Object(5) as object, k: Object('s') as object, l: Object(true) as object,
    }
    const native = JSON.stringify(value)
    expect(stringifyJsonLossless(value)).toBe(native)
    expect(stringifyJsonLossless({ ...value, z: 1n })).toBe(native.slice(0, -1) + ',"z":1}')
  })

  it('round-trips with parseJsonLossless', () => {
    const value = { serial: 9007199254740993n, safe: 7n }
    expect(parseJsonLossless(stringifyJsonLossless(value) as string)).toEqual({ serial: '9007199254740993', safe: 7 })
  })

  it('throws TypeError on cyclic values', () => {
    const cyclic: Record<string, unknown> = { n: 1n }
    cyclic.self = cyclic
    expect(() => stringifyJsonLossless(cyclic)).toThrow(TypeError)
  })
})

describe('parseEventData', () => {
  it('parses double-encoded JSON, keeping unsafe serials exact', () => {
    expect(parseEventData('{"attach_serial":18446744073709551615,"n":42}')).toEqual({ attach_serial: '18446744073709551615', n: 42 })
    expect(parseEventData('  [1,2]')).toEqual([1, 2])
    expect(parseEventData('"quoted"')).toBe('quoted')
    expect(parseEventData('123')).toBe(123)
    expect(parseEventData('true')).toBe(true)
    expect(parseEventData('null')).toBe(null)
  })

  it('keeps strings that are not JSON', () => {
    for (const text of ['', 'hello', '{not json', 'trueish', '12 monkeys', '  ', 'é']) expect(parseEventData(text)).toBe(text)
  })

  it('returns non-string data unchanged', () => {
    const object = { a: 1 }
    const bytes = new Uint8Array([1])
    expect(parseEventData(object)).toBe(object)
    expect(parseEventData(bytes)).toBe(bytes)
    expect(parseEventData(undefined)).toBe(undefined)
    expect(parseEventData(5)).toBe(5)
  })
})
