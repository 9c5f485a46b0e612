import { afterEach, describe, expect, it } from 'vitest'
import { useChannelHistory } from '@sockudo/vue'
import { createHarness, publish, uniqueName, waitFor, withSetup, type Harness } from './harness'
import { skipUnless } from '../support/real-server'

let harness: Harness | undefined
afterEach(() => harness?.close())

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

  it('reports that history needs protocol V2', async () => {
    harness = createHarness({ protocolVersion: 1 })
    const { component, result } = withSetup(() => useChannelHistory(uniqueName('hist')))
    await harness.mount(component)
    await waitFor(() => result().error.value, 5000, 'error')
    expect(result().error.value!.code).toBe('channel/v2-only')
    expect(result().items.value).toEqual([])
  })
})
