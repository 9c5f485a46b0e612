import { afterEach, describe, expect, it } from 'vitest'
import { useChannelHistory } from '@sockudo/vue'
import { createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { ProxyEndpointOptions } from '@sockudo/vue/core'
import { createHarness, liveTarget, nodeFetch, publish, uniqueName, waitFor, withSetup, type Harness } from './harness'
import { skipUnless } from '../support/real-server'

let harness: Harness | undefined
afterEach(() => harness?.close())

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const texts = (items: readonly { data: unknown }[]): unknown[] => items.map((i) => (i.data as { n: number }).n)

describe('useChannelHistory', () => {
  it('lists stored then live messages without gaps or duplicates, and pages back', async (ctx) => {
    skipUnless(ctx, ['history'])
    const name = uniqueName('hist')
    for (let n = 1; n <= 5; n++) await publish(name, 'note', { n })
    harness = createHarness({ protocolVersion: 2 })
    const { component, result } = withSetup(() => useChannelHistory<{ n: number }>(name, { limit: 3 }))
    await harness.mount(component)
    const history = result()
    await waitFor(() => history.items.value.length === 3 && !history.loading.value, 5000, 'first page')
    expect(texts(history.items.value)).toEqual([3, 4, 5])
    expect(history.hasMore.value).toBe(true)
    expect(history.error.value).toBeNull()

    await publish(name, 'note', { n: 6 })
    await waitFor(() => history.items.value.length === 4, 5000, 'live message')
    expect(texts(history.items.value)).toEqual([3, 4, 5, 6])

    await history.loadMore()
    expect(texts(history.items.value)).toEqual([1, 2, 3, 4, 5, 6])
    const serials = history.items.value.map((i) => BigInt(i.serial!))
    expect([...serials].sort((a, b) => (a < b ? -1 : 1))).toEqual(serials)
    expect(new Set(serials).size).toBe(serials.length)
  })

  it('keeps loaded older pages across a reconnect and adds what was published meanwhile', async (ctx) => {
    skipUnless(ctx, ['history'])
    const name = uniqueName('hist')
    for (let n = 1; n <= 30; n++) await publish(name, 'note', { n })
    harness = createHarness({ protocolVersion: 2 })
    const { component, result } = withSetup(() => useChannelHistory<{ n: number }>(name, { limit: 10 }))
    await harness.mount(component)
    const history = result()
    await waitFor(() => history.items.value.length === 10 && !history.loading.value, 5000, 'first page')
    await history.loadMore()
    await history.loadMore()
    expect(texts(history.items.value)).toEqual(range(1, 30))
    const { client } = harness.sockudo
    client.disconnect()
    await waitFor(() => client.connection.state === 'disconnected', 5000, 'disconnected')
    for (let n = 31; n <= 33; n++) await publish(name, 'note', { n })
    client.connect()
    await waitFor(() => history.items.value.length >= 33 && !history.loading.value, 5000, '33 rows after the reconnect')
    expect(texts(history.items.value)).toEqual(range(1, 33))
    await publish(name, 'note', { n: 34 })
    await waitFor(() => history.items.value.length === 34, 5000, 'live after the reconnect')
    expect(texts(history.items.value)).toEqual(range(1, 34))
  })

  it('reads through the app proxy with source: proxy', async (ctx) => {
    skipUnless(ctx, ['history'])
    const name = uniqueName('hist')
    for (let n = 1; n <= 5; n++) await publish(name, 'note', { n })
    const t = liveTarget()
    const calls: string[] = []
    const handler = createVersionedMessagesProxy({ appId: t.appId, key: t.key, secret: t.secret, host: t.host, port: t.port, fetch: nodeFetch, authorize: (event) => calls.push(event.action) > 0 })
    const versionedMessages: ProxyEndpointOptions = {
      endpoint: 'http://app.test/api/_sockudo/messages',
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof fetch,
    }
    harness = createHarness({ protocolVersion: 2, versionedMessages })
    const { component, result } = withSetup(() => useChannelHistory<{ n: number }>(name, { limit: 3, source: 'proxy' }))
    await harness.mount(component)
    const history = result()
    await waitFor(() => history.items.value.length === 3 && !history.loading.value, 5000, 'first page through the proxy')
    expect(texts(history.items.value)).toEqual([3, 4, 5])
    await publish(name, 'note', { n: 6 })
    await waitFor(() => history.items.value.length === 4, 5000, 'live message')
    await history.loadMore()
    expect(texts(history.items.value)).toEqual(range(1, 6))
    expect(calls).toEqual(['channel_history', 'channel_history'])
    expect(history.error.value).toBeNull()
  })

  it('reports a missing proxy endpoint for source: proxy', async () => {
    harness = createHarness({ protocolVersion: 2 })
    const { component, result } = withSetup(() => useChannelHistory(uniqueName('hist'), { source: 'proxy' }))
    await harness.mount(component)
    await waitFor(() => result().error.value, 5000, 'error')
    expect(result().error.value!.code).toBe('config/proxy-endpoint-missing')
  })

  it('keeps at most max items (and forgets the serials it dropped)', async (ctx) => {
    skipUnless(ctx, ['history'])
    const name = uniqueName('hist')
    for (let n = 1; n <= 6; n++) await publish(name, 'note', { n })
    harness = createHarness({ protocolVersion: 2 })
    const { component, result } = withSetup(() => useChannelHistory<{ n: number }>(name, { limit: 4, max: 5 }))
    await harness.mount(component)
    const history = result()
    await waitFor(() => history.items.value.length === 4 && !history.loading.value, 5000, 'first page')
    await history.loadMore()
    expect(texts(history.items.value)).toEqual([2, 3, 4, 5, 6])
    for (let n = 7; n <= 9; n++) await publish(name, 'note', { n })
    await waitFor(() => texts(history.items.value).at(-1) === 9, 5000, 'live messages')
    expect(texts(history.items.value)).toEqual([5, 6, 7, 8, 9])
  })

  it('reports that history needs protocol V2', async () => {
    harness = createHarness({ protocolVersion: 1 })
    const { component, result } = withSetup(() => useChannelHistory(uniqueName('hist')))
    await harness.mount(component)
    await waitFor(() => result().error.value, 5000, 'error')
    expect(result().error.value!.code).toBe('channel/v2-only')
    expect(result().items.value).toEqual([])
  })
})
