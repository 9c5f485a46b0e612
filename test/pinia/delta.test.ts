/** `deltaCompression` through the plugin: stats in the connection store, typed error when off. */
import { describe, expect, it } from 'vitest'
import { ConfigError, useChannel, useConnection, useSockudoConnectionStore } from '@sockudo/vue'
import { harnessesPerTest, publish, uniqueName, waitFor, withSetup } from '../vue/harness'
import { requireFeatures } from '../support/real-server'

const harnessOf = harnessesPerTest()
const needsDelta = requireFeatures(['deltaCompression'])

describe.skipIf(needsDelta.skip)(needsDelta.title('delta compression as a plugin option'), () => {
  it('rebuilds deltas and brings their counters into the connection store', async () => {
    const harness = harnessOf({ protocolVersion: 2, deltaCompression: true })
    const name = uniqueName('delta')
    const got: unknown[] = []
    const { component, result } = withSetup(() => {
      const channel = useChannel(name, { delta: true })
      channel.on('price', (data) => void got.push(data))
      return channel
    })
    await harness.mount(component)
    await waitFor(() => result().status.value === 'subscribed', 5000, 'subscribed')
    const base = { description: 'y'.repeat(300) }
    for (let price = 1; price <= 5; price++) await publish(name, 'price', { ...base, price })
    await waitFor(() => got.length === 5, 5000, 'five prices')
    expect(got).toEqual([1, 2, 3, 4, 5].map((price) => ({ ...base, price })))
    const store = useSockudoConnectionStore(harness.pinia)
    await waitFor(() => (store.deltaStats?.deltaMessages ?? 0) > 0, 2000, 'delta counters in the store')
    expect(store.deltaStats!.channels.map((c) => c.channel)).toEqual([name])
    expect(JSON.parse(JSON.stringify(store.deltaStats))).toEqual(store.deltaStats)
  })
})

describe('delta compression off', () => {
  it('gives useChannel a typed error when it asks for delta', async () => {
    const harness = harnessOf({ protocolVersion: 2 })
    const { component } = withSetup(() => useChannel(uniqueName('delta'), { delta: true }))
    const failure = await harness.mount(component).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConfigError)
    expect((failure as ConfigError).code).toBe('config/delta-off')
  })

  it('keeps deltaStats null in the store', async () => {
    const harness = harnessOf({ protocolVersion: 2 })
    const { component, result } = withSetup(() => useConnection())
    await harness.mount(component)
    await waitFor(() => result().isConnected.value, 5000, 'connected')
    expect(useSockudoConnectionStore(harness.pinia).deltaStats).toBeNull()
  })
})
