import { describe, expect, it } from 'vitest'
import { MessageDeduplicator, RecoveryPositions, applyRecovered, buildResumeData } from '../../../src/core/internal'

describe('message dedup window', () => {
  it('drops a repeated id and forgets the oldest beyond capacity (FIFO)', () => {
    const d = new MessageDeduplicator(2)
    expect([d.check('a'), d.check('a'), d.check('b'), d.check('c'), d.check('a'), d.check('c')]).toEqual([false, true, false, false, false, true])
  })

  it('keys on message id plus serial', () => {
    const d = new MessageDeduplicator()
    expect([d.check('m', '1'), d.check('m', '2'), d.check('m', '1')]).toEqual([false, false, true])
    expect(d.capacity).toBe(1000)
  })
})

describe('recovery positions', () => {
  it('records frames with channel and serial only', () => {
    const p = new RecoveryPositions()
    p.record({ event: 'e', channel: 'a' })
    p.record({ event: 'e', serial: '3' })
    p.record({ event: 'e', channel: 'a', serial: '4', streamId: 's', messageId: 'm' })
    expect(p.all()).toEqual({ a: { serial: '4', streamId: 's', lastMessageId: 'm' } })
  })

  it('takes only a starting serial from subscription_succeeded, never its stream id, and never over a known position', () => {
    const p = new RecoveryPositions()
    // Real Sockudo 5.2: the subscribe answer carries the history store's stream id, live frames another.
    p.record({ event: 'sockudo_internal:subscription_succeeded', channel: 'a', serial: '0', streamId: 'history-stream' })
    expect(p.get('a')).toEqual({ serial: '0' })
    p.record({ event: 'tick', channel: 'a', serial: '1', streamId: 'live-stream', messageId: 'm1' })
    // A resubscribe after a reconnect answers with the head: the gap before it must stay recoverable.
    p.record({ event: 'sockudo_internal:subscription_succeeded', channel: 'a', serial: '9', streamId: 'history-stream' })
    expect(p.get('a')).toEqual({ serial: '1', streamId: 'live-stream', lastMessageId: 'm1' })
  })

  it('builds resume data with bare integer serials for the given channels only', () => {
    const data = buildResumeData({ a: { serial: '18446744073709551615', streamId: 's"1' }, b: { serial: '1' } }, ['a'])
    expect(data).toBe('{"channel_positions":{"a":{"serial":18446744073709551615,"stream_id":"s\\"1"}}}')
    expect(buildResumeData({}, ['a'])).toBeUndefined()
  })

  it('applies resume_success positions and ignores malformed entries', () => {
    const p = new RecoveryPositions()
    applyRecovered(p, { recovered: [{ channel: 'a', position: { serial: 7, stream_id: 's' } }, { channel: 'b', position: null }, 'junk'] })
    expect(p.all()).toEqual({ a: { serial: '7', streamId: 's' } })
  })
})
