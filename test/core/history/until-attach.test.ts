import { describe, expect, it } from 'vitest'
import { capAtAttach } from '../../../src/core/history/until-attach'

describe('untilAttach', () => {
  it('becomes an explicit end serial at the attach serial (or below it, when the app asked for less)', () => {
    expect(capAtAttach({ untilAttach: true, limit: 5 }, '7')).toEqual({ limit: 5, endSerial: '7' })
    expect(capAtAttach({ untilAttach: true, endSerial: 3 }, '18446744073709551615')).toEqual({ endSerial: '3' })
    expect(capAtAttach({ untilAttach: true, endSerial: '18446744073709551616' }, '18446744073709551615')).toEqual({ endSerial: '18446744073709551615' })
  })

  it('is left to the server when the attach serial is unknown, and untouched without untilAttach', () => {
    expect(capAtAttach({ untilAttach: true }, undefined)).toEqual({ untilAttach: true })
    expect(capAtAttach({ limit: 2 }, '7')).toEqual({ limit: 2 })
  })
})
