import { describe, expect, it } from 'vitest'
import { backoffDelay, buildSocketUrl } from '../../../src/core/internal'

describe('jittered exponential backoff', () => {
  const o = { maxAttempts: Infinity, baseDelay: 1000, maxDelay: 30_000 }
  it('doubles per attempt, half fixed and half jittered, capped at maxDelay', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, o, 0))).toEqual([500, 1000, 2000, 4000, 15_000])
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, o, 1))).toEqual([1000, 2000, 4000, 8000, 30_000])
  })
})

describe('socket URL', () => {
  it('omits V2-only parameters on V1', () => {
    expect(buildSocketUrl({ key: 'k', host: 'h', port: 80, tls: false, path: '/ws/', version: 1, format: 'msgpack', token: 't', echoMessages: false }))
      .toBe('ws://h:80/ws/app/k?protocol=7&client=js&version=0.1.0&flash=false')
  })
  it('adds format on V2', () => {
    expect(buildSocketUrl({ key: 'k', host: 'h', port: 443, tls: true, path: '', version: 2, format: 'msgpack' }))
      .toBe('wss://h:443/app/k?protocol=2&client=js&version=0.1.0&flash=false&format=msgpack')
  })
})
