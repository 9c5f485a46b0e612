import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { useChannel, useChannelEvent, useSockudoChannelsStore } from '@sockudo/vue'
import { createHarness, publish, uniqueName, waitFor, withSetup, type Harness } from './harness'

let harness: Harness
afterEach(() => harness?.close())

const Listener = defineComponent({
  props: { channel: { type: String, required: true }, log: { type: Array, required: true } },
  setup(props) {
    const channel = useChannel(() => props.channel)
    channel.on('ping', (data) => props.log.push(data))
    return () => h('span', channel.status.value)
  },
})

describe('a channel shared by several components', () => {
  it('keeps delivering to the remaining component after the other one unmounts', async () => {
    harness = createHarness()
    const name = uniqueName()
    const logA: unknown[] = []
    const logB: unknown[] = []
    const showA = ref(true)
    const Parent = defineComponent({
      setup: () => () => [showA.value ? h(Listener, { channel: name, log: logA }) : null, h(Listener, { channel: name, log: logB })],
    })
    const wrapper = await harness.mount(Parent)
    const store = useSockudoChannelsStore(harness.pinia)
    await waitFor(() => store.channels[name]?.status === 'subscribed', 5000, 'subscribed')
    expect(store.channels[name]!.holders).toBe(2)
    expect(harness.sockudo.client.allChannels().filter((c) => c.name === name)).toHaveLength(1)
    expect(wrapper.text()).toBe('subscribedsubscribed')

    await publish(name, 'ping', { n: 1 })
    await waitFor(() => logA.length === 1 && logB.length === 1, 5000, 'first ping')

    showA.value = false
    await nextTick()
    expect(store.channels[name]!.holders).toBe(1)
    expect(harness.sockudo.client.channel(name)?.subscribed).toBe(true)

    await publish(name, 'ping', { n: 2 })
    await waitFor(() => logB.length === 2, 5000, 'second ping')
    expect(logB).toEqual([{ n: 1 }, { n: 2 }])
    expect(logA).toEqual([{ n: 1 }])
    await waitFor(() => store.channels[name]?.eventCount === 2, 5000, 'event count (written once per macrotask)')
    expect(store.channels[name]!.lastEventName).toBe('ping')
  })

  it('unsubscribes when the last holder is gone, after the grace period', async () => {
    harness = createHarness({ releaseDelay: 50 })
    const name = uniqueName()
    const show = ref(true)
    const Parent = defineComponent({ setup: () => () => (show.value ? h(Listener, { channel: name, log: [] }) : null) })
    await harness.mount(Parent)
    const store = useSockudoChannelsStore(harness.pinia)
    await waitFor(() => store.channels[name]?.status === 'subscribed', 5000, 'subscribed')
    show.value = false
    await nextTick()
    expect(harness.sockudo.client.channel(name)).toBeDefined()
    expect(store.channels[name]!.holders).toBe(0)
    await waitFor(() => harness.sockudo.client.channel(name) === undefined, 2000, 'released')
    await waitFor(() => store.channels[name] === undefined, 1000, 'store entry removed')
  })

  it('keeps the subscription when a component re-mounts within the grace period', async () => {
    harness = createHarness({ releaseDelay: 10_000 })
    const name = uniqueName()
    const show = ref(true)
    const Parent = defineComponent({ setup: () => () => (show.value ? h(Listener, { channel: name, log: [] }) : null) })
    await harness.mount(Parent)
    await waitFor(() => harness.sockudo.client.channel(name)?.subscribed, 5000, 'subscribed')
    const first = harness.sockudo.client.channel(name)
    show.value = false
    await nextTick()
    show.value = true
    await nextTick()
    expect(harness.sockudo.client.channel(name)).toBe(first)
    expect(first?.subscribed).toBe(true)
    expect(useSockudoChannelsStore(harness.pinia).channels[name]!.holders).toBe(1)
  })

  it('moves the subscription when the reactive name changes', async () => {
    harness = createHarness()
    const first = uniqueName()
    const second = uniqueName()
    const current = ref(first)
    const log: unknown[] = []
    const Parent = defineComponent({ setup: () => () => h(Listener, { channel: current.value, log }) })
    await harness.mount(Parent)
    const { client } = harness.sockudo
    await waitFor(() => client.channel(first)?.subscribed, 5000, 'first subscribed')
    current.value = second
    await nextTick()
    expect(client.channel(first)).toBeUndefined()
    await waitFor(() => client.channel(second)?.subscribed, 5000, 'second subscribed')
    await publish(first, 'ping', { from: 'first' })
    await publish(second, 'ping', { from: 'second' })
    await waitFor(() => log.length === 1, 5000, 'ping on second')
    expect(log).toEqual([{ from: 'second' }])
  })

  it('delivers to useChannelEvent handlers on the shared subscription', async () => {
    harness = createHarness()
    const name = uniqueName()
    const seen: unknown[] = []
    const Comp = defineComponent({
      setup() {
        useChannel(name)
        useChannelEvent(name, 'hello', (data) => seen.push(data))
        return () => h('div')
      },
    })
    await harness.mount(Comp)
    await waitFor(() => harness.sockudo.client.channel(name)?.subscribed, 5000, 'subscribed')
    expect(useSockudoChannelsStore(harness.pinia).channels[name]!.holders).toBe(2)
    await publish(name, 'hello', 'world')
    await waitFor(() => seen.length === 1, 5000, 'hello')
    expect(seen).toEqual(['world'])
  })

  it('holds the channel only while enabled is true', async () => {
    harness = createHarness()
    const name = uniqueName()
    const enabled = ref(false)
    const { component, result } = withSetup(() => useChannel(name, { enabled }))
    await harness.mount(component)
    expect(harness.sockudo.client.channel(name)).toBeUndefined()
    expect(result().name.value).toBeNull()
    enabled.value = true
    await waitFor(() => result().status.value === 'subscribed', 5000, 'subscribed')
    expect(result().name.value).toBe(name)
    enabled.value = false
    expect(harness.sockudo.client.channel(name)).toBeUndefined()
    expect(result().channel.value).toBeNull()
  })

  it('never unsubscribes a channel the app subscribed itself', async () => {
    harness = createHarness()
    const name = uniqueName()
    const { client } = harness.sockudo
    const own = client.subscribe(name)
    const show = ref(true)
    const Parent = defineComponent({ setup: () => () => (show.value ? h(Listener, { channel: name, log: [] }) : null) })
    await harness.mount(Parent)
    await waitFor(() => own.subscribed, 5000, 'subscribed')
    show.value = false
    await nextTick()
    expect(client.channel(name)).toBe(own)
    expect(own.subscribed).toBe(true)
  })
})
