import { describe, expect, it } from 'vitest'
import { deltaBaseText } from '../../../src/core/delta'

const env = '{"event":"e","channel":"c","data":"{\\"a\\":1}","message_id":"m","serial":7}'

describe('deltaBaseText strips exactly the trailing delta markers', () => {
  it.each<[string, string, string]>([
    ['__delta_seq only', `${env.slice(0, -1)},"__delta_seq":1}`, env],
    ['seq and conflation key', `${env.slice(0, -1)},"__delta_seq":12,"__conflation_key":"BTC"}`, env],
    ['conflation key first', `${env.slice(0, -1)},"__conflation_key":"BTC","__delta_seq":3}`, env],
    ['a conflation key with escaped quotes and backslashes', `${env.slice(0, -1)},"__delta_seq":1,"__conflation_key":"a\\"b\\\\"}`, env],
    ['a unicode conflation key', `${env.slice(0, -1)},"__delta_seq":1,"__conflation_key":"€ü🚀"}`, env],
    ['trailing whitespace', `${env.slice(0, -1)},"__delta_seq":1}\n`, env],
    [
      'a marker-like key inside object data is kept',
      '{"event":"e","channel":"c","data":{"__delta_seq":5,"x":1},"__delta_seq":2}',
      '{"event":"e","channel":"c","data":{"__delta_seq":5,"x":1}}',
    ],
    ['markers not trailing (fallback)', '{"__delta_seq":4,"event":"e"}', '{"event":"e"}'],
  ])('%s', (_name, raw, base) => {
    expect(deltaBaseText(raw)).toBe(base)
  })
})
