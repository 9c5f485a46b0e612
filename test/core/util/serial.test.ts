import { describe, expect, it } from 'vitest'
import { serialToString } from '../../../src/core/util/json'

describe('the one serial rule', () => {
  it('keeps unsigned 64-bit serials exact, from numbers, bigints, digit strings and integral f64 text', () => {
    expect([7, 7n, '7', ' 7 ', '7.0', 18446744073709551615n, '18446744073709551615', '0'].map(serialToString))
      .toEqual(['7', '7', '7', '7', '7', '18446744073709551615', '18446744073709551615', '0'])
  })

  it('makes up no serial: negatives, fractions, rounded numbers, leading zeros and out-of-range values are undefined', () => {
    expect([-1, 1.5, 2 ** 60, '-1', '007', '1.5', '18446744073709551616', 18446744073709551616n, '', 'x', null, {}].map(serialToString))
      .toEqual(Array(12).fill(undefined))
  })
})
