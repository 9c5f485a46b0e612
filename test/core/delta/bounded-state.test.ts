/** Issue 16 point 11: the delta manager keeps no state for channels it does not track and bounds its bases. */
import { describe, expect, it } from 'vitest'
import { BaseCache, DeltaManager } from '../../../src/core/delta'
import { createClientDeltaManager } from '../../../src/core/delta/create'
import type { InboundFrame } from '../../../src/core/protocol/frame'
import { delta, envelope, full } from './frames'

const text = (channel: string, n: number, event = 'tick'): string => envelope(event, channel, { n, pad: 'x'.repeat(100) }, n)

describe('delta state of untracked channels', () => {
  it('stores nothing for 10,000 channels it does not track and drops their deltas', () => {
    const tracked = new Set(['mine'])
    const dm = new DeltaManager({ isTracked: (c) => tracked.has(c) })
    for (let i = 0; i < 10_000; i++) {
      const frame = full(text(`spam-${i}`, 1), 0)
      expect(dm.handle(frame)).toEqual({ kind: 'deliver', frame })
    }
    expect(dm.cacheSize).toEqual({ keys: 0, bytes: 0 })
    expect(dm.stats().channels).toEqual([])
    expect(dm.handle(delta('spam-1', text('spam-1', 1), text('spam-1', 2), { event: 'tick', seq: 1, baseIndex: 0 }))).toEqual({ kind: 'consumed', reason: 'unknown-channel' })
    dm.handle(full(text('mine', 1), 0))
    expect(dm.cacheSize.keys).toBe(1)
  })

  it('tracks what the client subscribed (createClientDeltaManager wires isTracked)', () => {
    const dm = createClientDeltaManager({ algorithms: ['xdelta3'], isTracked: (c) => c === 'mine' })
    expect(dm.algorithms).toEqual(['xdelta3'])
    expect(dm.enableFrame('sockudo:').data).toEqual({ algorithms: ['xdelta3'] })
    dm.handle(full(text('other', 1), 0))
    expect(dm.cacheSize.keys).toBe(0)
  })
})

describe('bounded bases (LRU)', () => {
  it('caps (event, conflation) keys and evicts the least recently used', () => {
    const dm = new DeltaManager({ cache: { maxKeys: 3 } })
    for (let i = 0; i < 500; i++) dm.handle(full(text('c', 1, 'tick'), 0, `key-${i}`))
    expect(dm.cacheSize.keys).toBe(3)
    expect(dm.stats().channels[0]!.keys).toBe(3)
  })

  it('keeps a recently used key when a newer one pushes the cache over its limit', () => {
    const cache = new BaseCache({ maxKeys: 2 })
    const entry = (seq: number): { seq: number; bytes: Uint8Array } => ({ seq, bytes: new Uint8Array(10) })
    cache.store('c', 'a', '', entry(0))
    cache.store('c', 'b', '', entry(0))
    expect(cache.find('c', 'a', '', 0)).toBeDefined()
    cache.store('c', 'd', '', entry(0))
    expect(cache.find('c', 'a', '', 0)).toBeDefined()
    expect(cache.find('c', 'b', '', 0)).toBeUndefined()
    expect(cache.find('c', 'd', '', 0)).toBeDefined()
  })

  it('caps bytes over every channel and skips a single base larger than the limit', () => {
    const cache = new BaseCache({ maxBytes: 1000 })
    for (let i = 0; i < 50; i++) cache.store(`ch-${i}`, 'e', '', { seq: 0, bytes: new Uint8Array(300) })
    expect(cache.bytes).toBeLessThanOrEqual(1000)
    expect(cache.keys).toBe(3)
    cache.store('big', 'e', '', { seq: 0, bytes: new Uint8Array(2000) })
    expect(cache.find('big', 'e', '', 0)).toBeUndefined()
    expect(cache.bytes).toBeLessThanOrEqual(1000)
  })

  it('still decodes after eviction by resyncing the evicted key', () => {
    const dm = new DeltaManager({ cache: { maxKeys: 1 } })
    dm.handle(full(text('c', 1, 'a'), 0))
    dm.handle(full(text('c', 1, 'b'), 0))
    const result = dm.handle(delta('c', text('c', 1, 'a'), text('c', 2, 'a'), { event: 'a', seq: 1, baseIndex: 0 }))
    expect(result).toMatchObject({ kind: 'resync', error: { code: 'delta/base-missing' } })
    const frame: InboundFrame = full(text('c', 3, 'a'), 2)
    expect(dm.handle(frame)).toEqual({ kind: 'deliver', frame })
  })
})
