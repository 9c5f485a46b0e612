import { describe, expect, it } from 'vitest'
import { ChannelOptionsConflictError } from '@sockudo/vue'
import { SubscriptionRegistry } from '../../src/vue/plugin/registry'
import type { HoldSettings } from '../../src/vue/plugin/registry'

/** A registry over a recording port (the registry's only dependency). */
function setup(releaseDelay = 0, preexisting: string[] = []) {
  const calls: string[] = []
  const subscribed = new Set(preexisting)
  const registry = new SubscriptionRegistry<{ name: string; settings: HoldSettings }>({
    subscribe: (name, settings) => {
      calls.push(`subscribe ${name}`)
      subscribed.add(name)
      return { name, settings }
    },
    unsubscribe: (name) => {
      calls.push(`unsubscribe ${name}`)
      subscribed.delete(name)
    },
    isSubscribed: (name) => subscribed.has(name),
    releaseDelay,
  })
  return { registry, calls }
}

describe('SubscriptionRegistry', () => {
  it('subscribes once for many holders and unsubscribes after the last release', () => {
    const { registry, calls } = setup()
    const a = registry.acquire('x')
    const b = registry.acquire('x')
    expect(a.channel).toBe(b.channel)
    a.release()
    a.release()
    expect(registry.holders('x')).toBe(1)
    expect(calls).toEqual(['subscribe x'])
    b.release()
    expect(calls).toEqual(['subscribe x', 'unsubscribe x'])
    expect(registry.names()).toEqual([])
  })

  it('keeps the subscription when re-acquired within the grace period', async () => {
    const { registry, calls } = setup(30)
    registry.acquire('x').release()
    const again = registry.acquire('x')
    await new Promise((r) => setTimeout(r, 60))
    expect(calls).toEqual(['subscribe x'])
    again.release()
    await new Promise((r) => setTimeout(r, 60))
    expect(calls).toEqual(['subscribe x', 'unsubscribe x'])
  })

  it('rejects a differing filter or delta, accepts equal or unspecified ones', () => {
    const { registry } = setup()
    registry.acquire('x', { filter: { events: ['a'], tags: { key: 'r', cmp: 'eq', val: 'eu' } }, delta: true })
    expect(() => registry.acquire('x', { filter: { tags: { val: 'eu', cmp: 'eq', key: 'r' }, events: ['a'] } })).not.toThrow()
    expect(() => registry.acquire('x', {})).not.toThrow()
    expect(() => registry.acquire('x', { filter: { events: ['b'] } })).toThrowError(ChannelOptionsConflictError)
    expect(() => registry.acquire('x', { delta: false })).toThrowError(expect.objectContaining({ option: 'delta' }))
    expect(registry.holders('x')).toBe(3)
    registry.acquire('y')
    expect(() => registry.acquire('y', { filter: { events: ['a'] } })).toThrowError(/different `filter`/)
  })

  it('emits holder counts and releases for the store layer', () => {
    const { registry } = setup()
    const seen: string[] = []
    registry.events.on('holders', (name, n) => seen.push(`${name}:${n}`))
    registry.events.on('released', (name) => seen.push(`released ${name}`))
    const hold = registry.acquire('x')
    hold.release()
    expect(seen).toEqual(['x:1', 'x:0', 'released x'])
  })

  it('dispose() cancels grace timers and unsubscribes only what it subscribed', () => {
    const { registry, calls } = setup(10_000, ['app-owned'])
    registry.acquire('mine').release()
    registry.acquire('app-owned')
    registry.dispose()
    expect(calls).toEqual(['subscribe mine', 'subscribe app-owned', 'unsubscribe mine'])
    expect(registry.names()).toEqual([])
  })
})
