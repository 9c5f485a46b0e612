import { describe, expect, it } from 'vitest'
import { toRaw } from 'vue'
import { useChannel, useConnection, useSockudoChannelsStore, useSockudoConnectionStore, useSockudoUserStore, useUser } from '@sockudo/vue'
import { DeltaManager } from '@sockudo/vue/core'
import { harnessesPerTest, publish, uniqueName, waitFor, withSetup } from '../vue/harness'
import { skipUnless } from '../support/real-server'

const harnessOf = harnessesPerTest()

describe('sockudo-channels store', () => {
  it('mirrors V2 attach serial, recovery position, filter, delta and counts as plain data', async (ctx) => {
    skipUnless(ctx, ['history'])
    const harness = harnessOf({ protocolVersion: 2, connectionRecovery: true })
    const name = uniqueName('store')
    await publish(name, 'seed', { n: 0 })
    const { component } = withSetup(() => useChannel(name, { filter: { events: ['kept'] }, delta: false }))
    await harness.mount(component)
    const store = useSockudoChannelsStore(harness.pinia)
    await waitFor(() => store.channels[name]?.status === 'subscribed', 5000, 'subscribed')
    const entry = store.channels[name]!
    expect(entry.attachSerial).toMatch(/^\d+$/)
    expect(entry.filter).toEqual({ events: ['kept'] })
    expect(entry.delta).toBe(false)
    const published = Date.now()
    await publish(name, 'dropped', { n: 1 })
    await publish(name, 'kept', { n: 2 })
    await waitFor(() => entry.eventCount === 1, 5000, 'filtered event counted')
    expect(entry.lastEventName).toBe('kept')
    // The store reads the clock once per batch, when it takes the batch in: after the publish, by now.
    expect(entry.lastEventAt).toBeGreaterThanOrEqual(published)
    expect(entry.lastEventAt).toBeLessThanOrEqual(Date.now())
    expect(entry.recoveryPosition?.serial).toMatch(/^\d+$/)
    expect(BigInt(entry.recoveryPosition!.serial)).toBeGreaterThan(BigInt(entry.attachSerial!))
    expect(JSON.parse(JSON.stringify(store.$state))).toEqual(store.$state)
  })

  it.each(['__proto__', 'constructor'])('keeps a channel named %s as a normal entry', async (name) => {
    const harness = harnessOf()
    const { component, result } = withSetup(() => useChannel(name))
    await harness.mount(component)
    await waitFor(() => result().status.value === 'subscribed', 5000, 'subscribed')
    const store = useSockudoChannelsStore(harness.pinia)
    expect(Object.keys(store.channels)).toEqual([name])
    expect(result().entry.value?.name).toBe(name)
    expect(JSON.parse(JSON.stringify(toRaw(store.channels)))[name].status).toBe('subscribed')
  })

  it('subscribes and unsubscribes through its actions, outside reference counting', async () => {
    const harness = harnessOf()
    const { component } = withSetup(() => useConnection())
    await harness.mount(component)
    const store = useSockudoChannelsStore(harness.pinia)
    const name = uniqueName('store')
    store.subscribe(name)
    await waitFor(() => store.channels[name]?.status === 'subscribed', 5000, 'subscribed')
    expect(store.channels[name]!.holders).toBe(0)
    store.unsubscribe(name)
    await waitFor(() => store.channels[name] === undefined, 2000, 'entry removed')
    expect(harness.sockudo.client.channel(name)).toBeUndefined()
  })
})

describe('sockudo-connection store', () => {
  it('mirrors state, socket id and protocol version, and counts reconnect attempts', async () => {
    const harness = harnessOf({ protocolVersion: 2, reconnect: { baseDelay: 50, maxDelay: 100 } })
    const { component, result } = withSetup(() => useConnection())
    await harness.mount(component)
    const store = useSockudoConnectionStore(harness.pinia)
    await waitFor(() => store.state === 'connected', 5000, 'connected')
    expect(store.socketId).toBe(harness.sockudo.client.connection.socketId)
    expect(store.protocolVersion).toBe(2)
    expect(result().isConnected.value).toBe(true)
    expect(store.reconnectAttempt).toBe(0)
    expect(store.deltaStats).toBeNull()
  })

  it('mirrors the delta counters of a delta stage that keeps them', async () => {
    const harness = harnessOf({ protocolVersion: 2, deltaStage: new DeltaManager() })
    const { component } = withSetup(() => useConnection())
    await harness.mount(component)
    const store = useSockudoConnectionStore(harness.pinia)
    await waitFor(() => store.state === 'connected', 5000, 'connected')
    expect(store.deltaStats).toMatchObject({ deltaMessages: 0, fullMessages: 0, errors: 0, channels: [] })
  })
})

describe('connection errors', () => {
  it('puts a server refusal into useConnection().error as plain data', async () => {
    const harness = harnessOf({ key: 'no-such-app', reconnect: { maxAttempts: 0 } })
    const { component, result } = withSetup(() => useConnection())
    await harness.mount(component)
    await waitFor(() => result().error.value, 5000, 'error')
    expect(result().error.value!.code).toMatch(/^connection\//)
    expect(JSON.parse(JSON.stringify(result().error.value))).toEqual(result().error.value)
    expect(useSockudoConnectionStore(harness.pinia).error).toEqual(result().error.value)
    expect(result().isConnected.value).toBe(false)
  })
})

describe('sockudo-user store', () => {
  it('mirrors the watchlist of the signed-in user', async (ctx) => {
    skipUnless(ctx, ['userAuthentication', 'watchlistEvents', 'watchlistOffline'])
    const watcher = harnessOf({ user: { id: 'watcher' } })
    const { component, result } = withSetup(() => useUser({ signin: true }))
    await watcher.mount(component)
    await waitFor(() => result().signedIn.value, 5000, 'watcher signed in')

    const watched = harnessOf({ user: { id: 'watched-1' } })
    const second = withSetup(() => useUser({ signin: true }))
    await watched.mount(second.component)
    await waitFor(() => result().watchlist.value['watched-1'] === true, 5000, 'watched-1 online')
    expect(result().online.value).toEqual(['watched-1'])
    expect(useSockudoUserStore(watcher.pinia).watchlist).toEqual({ 'watched-1': true })

    watched.close()
    await waitFor(() => result().watchlist.value['watched-1'] === false, 5000, 'watched-1 offline')
    expect(result().online.value).toEqual([])
  })
})
