import { describe, expect, it } from 'vitest'
import { MessageDeduplicator, RecoveryPositions, applyRecovered, buildResumeData } from '../../../src/core/internal'
import { createRandom } from '../codecs/prng'

describe('message dedup window', () => {
  // A delivery without a channel is remembered by its id (and serial); one with a channel,
  // stream and serial by that serial, in its stream's window. Both share one FIFO.
  const id = (messageId: string, serial?: string) => ({ event: 'note', messageId, serial })
  const on = (channel: string, serial: string, streamId: string | null = 's1', messageId = `m${serial}`) => ({ event: 'note', messageId, serial, channel, streamId: streamId ?? undefined })

  it('drops a repeated id and forgets the oldest beyond capacity (FIFO)', () => {
    const d = new MessageDeduplicator(2)
    const seen = ['a', 'a', 'b', 'c', 'a', 'c'].map((m) => d.check(id(m)))
    expect(seen).toEqual([false, true, false, false, false, true])
  })

  it('keys on message id plus serial, and never drops a frame without a message id', () => {
    const d = new MessageDeduplicator()
    expect([d.check(id('m', '1')), d.check(id('m', '2')), d.check(id('m', '1'))]).toEqual([false, false, true])
    expect([d.check({ event: 'note', serial: '5', channel: 'c' }), d.check({ event: 'note', serial: '5', channel: 'c' })]).toEqual([false, false])
    expect(d.capacity).toBe(1000)
  })

  it('forgets one version of a message at a time, in arrival order', () => {
    const d = new MessageDeduplicator(3)
    expect([d.check(id('m', '1')), d.check(id('m', '2')), d.check(id('n')), d.check(id('m', '3'))]).toEqual([false, false, false, false])
    // The window now holds m@2, n, m@3: m@1 was the oldest and is forgotten, the later versions are not.
    expect([d.check(id('m', '2')), d.check(id('m', '3')), d.check(id('n'))]).toEqual([true, true, true])
    expect(d.check(id('m', '1'))).toBe(false)
    // m@1 came back in place of m@2; n and m@3 remain.
    expect([d.check(id('m', '3')), d.check(id('m', '1')), d.check(id('n')), d.check(id('m', '2'))]).toEqual([true, true, true, false])
  })

  it('keeps channel deliveries per channel and stream, so equal serials elsewhere are new', () => {
    const d = new MessageDeduplicator()
    expect([d.check(on('a', '7')), d.check(on('b', '7')), d.check(on('a', '7', 's2')), d.check(on('a', '7', null))]).toEqual([false, false, false, false])
    expect([d.check(on('a', '7')), d.check(on('b', '7')), d.check(on('a', '7', 's2')), d.check(on('a', '7', null))]).toEqual([true, true, true, true])
    // Versions of one message have serials of their own.
    expect([d.check(on('a', '8', 's1', 'm7')), d.check(on('a', '8', 's1', 'm7'))]).toEqual([false, true])
  })

  it('shares one FIFO between channel deliveries and ids, and refills a window it emptied', () => {
    const d = new MessageDeduplicator(2)
    expect([d.check(on('a', '1')), d.check(id('x')), d.check(on('a', '2'))]).toEqual([false, false, false])
    // a@1 was the oldest: forgotten (its window emptied and was dropped before a@2 started a new one).
    expect(d.check(on('a', '1'))).toBe(false)
    // That took x's slot: a@2 and a@1 are held, x is not.
    expect([d.check(on('a', '2')), d.check(on('a', '1'))]).toEqual([true, true])
    expect(d.check(id('x'))).toBe(false)
    expect([d.check(on('a', '1')), d.check(on('a', '2'))]).toEqual([true, false])
  })

  it('keys protocol frames by id, since they may repeat a serial under a new id', () => {
    const d = new MessageDeduplicator()
    const succeeded = (messageId: string) => ({ event: 'sockudo_internal:subscription_succeeded', channel: 'a', streamId: 's1', serial: '9', messageId })
    expect([d.check(on('a', '9')), d.check(succeeded('x1')), d.check(succeeded('x2')), d.check(succeeded('x2'))]).toEqual([false, false, false, true])
  })

  it('remembers a serial that is not decimal digits (from a custom delta stage) by id, never as a number', () => {
    const d = new MessageDeduplicator()
    // `Number` reads '0x3b' as 59; '1a' is NaN, which a window would keep in its array and never find again.
    expect([d.check(on('a', '1a', 's1', 'x')), d.check(on('a', '59')), d.check(on('a', '0x3b', 's1', 'y'))]).toEqual([false, false, false])
    expect([d.check(on('a', '59')), d.check(on('a', '1a', 's1', 'x')), d.check(on('a', '1a', 's1', 'z'))]).toEqual([true, true, false])
    expect([d.check(on('a', '0')), d.check(on('a', '', 's1', 'e')), d.check(on('a', '', 's1', 'e'))]).toEqual([false, false, true])
  })

  it('remembers serials beyond 10^15 exactly, by id', () => {
    const d = new MessageDeduplicator()
    const big = '18446744073709551615'
    const nextToBig = '18446744073709551614' // the same number once rounded to a double
    expect([d.check(on('a', big)), d.check(on('a', nextToBig)), d.check(on('a', big))]).toEqual([false, false, true])
  })

  it('answers like a plain FIFO of delivery keys on seeded traffic: live streams, replays, out-of-order and repeated ids', () => {
    // The model: a queue of `capacity` keys, the oldest forgotten first. The window stores serials
    // per stream in arrays and skips searches while a stream only ascends; the model does not.
    for (const capacity of [1, 7, 300]) {
      const random = createRandom(capacity)
      const d = new MessageDeduplicator(capacity)
      const model: string[] = []
      const heads = new Map<string, number>()
      for (let i = 0; i < 20_000; i++) {
        const channel = random.pick(['a', 'b'])
        const streamId = random.pick(['s1', 's1', 's1', 's2', undefined])
        const stream = `${channel}|${streamId}`
        const head = heads.get(stream) ?? 0
        // Mostly the next serial; sometimes a replay of a recent one, an older gap, or a new id.
        const roll = random.int(10)
        const n = roll < 6 ? head + 1 : roll < 8 ? Math.max(1, head - random.int(capacity + 3)) : head + 1 + random.int(5)
        heads.set(stream, Math.max(head, n))
        const frame = roll === 9 && random.int(2) === 0
          ? { event: 'sockudo_internal:subscription_succeeded', channel, streamId, serial: String(n), messageId: `p${random.int(4)}` }
          : { event: 'note', channel, streamId, serial: String(n), messageId: `m${n}` }
        const key = frame.event === 'note' ? `s|${stream}|${n}` : `i|${frame.messageId}|${n}`
        const seen = model.includes(key)
        if (!seen) {
          if (model.length === capacity) model.shift()
          model.push(key)
        }
        expect(d.check(frame), `capacity ${capacity}, step ${i}: ${key}`).toBe(seen)
      }
    }
  })

  it('forgets everything on reset', () => {
    const d = new MessageDeduplicator(4)
    d.check(id('m', '1'))
    d.check(on('a', '2'))
    d.reset()
    expect([d.check(id('m', '1')), d.check(on('a', '2'))]).toEqual([false, false])
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
