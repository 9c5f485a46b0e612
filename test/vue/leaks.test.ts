import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { Channel, SockudoClient } from '@sockudo/vue/core'
import type { Unsubscribe } from '@sockudo/vue/core'
import { useChannel, useChannelEvent, useEventLog, usePresence, useSockudoChannelsStore, useSockudoPresenceStore } from '@sockudo/vue'
import { createHarness, uniqueName, waitFor, type Harness } from './harness'

let harness: Harness | undefined
const restores: (() => void)[] = []
afterEach(() => {
  harness?.close()
  restores.splice(0).forEach((r) => r())
})

/** Wraps `proto[method]` (which returns an Unsubscribe) to count registrations still alive. */
function countLive(proto: object, method: string): () => number {
  const target = proto as Record<string, (...args: unknown[]) => Unsubscribe>
  const original = target[method]!
  let live = 0
  target[method] = function (this: unknown, ...args: unknown[]) {
    const off = original.apply(this, args)
    live++
    let done = false
    return () => {
      if (!done) live--
      done = true
      off()
    }
  }
  restores.push(() => (target[method] = original))
  return () => live
}

describe('mounting and unmounting many times', () => {
  it('leaves no listener, hold or subscription behind after 1,000 cycles', async () => {
    const counters = {
      bind: countLive(Channel.prototype, 'bind'),
      bindGlobal: countLive(Channel.prototype, 'bindGlobal'),
      channelOn: countLive(Channel.prototype, 'on'),
      clientOn: countLive(SockudoClient.prototype, 'on'),
    }
    harness = createHarness({ releaseDelay: 200 })
    const name = uniqueName()
    const room = `presence-${uniqueName()}`
    const Widget = defineComponent({
      setup() {
        const channel = useChannel(name)
        channel.on('tick', () => {})
        channel.onAny(() => {})
        useChannelEvent(name, 'tock', () => {})
        useEventLog(name, '*', { max: 5 })
        usePresence(room)
        return () => h('span', channel.status.value)
      },
    })
    const { sockudo, pinia } = harness
    const keeper = await harness.mount(defineComponent({ setup: () => () => h('i') }))
    await keeper.remove()
    // Stores bind to the client of the app Pinia is installed on, so create them after mounting.
    const channels = useSockudoChannelsStore(pinia)
    const presence = useSockudoPresenceStore(pinia)
    await waitFor(() => sockudo.client.connection.state === 'connected', 5000, 'connected')
    const baseline = { clientOn: counters.clientOn(), bind: counters.bind(), bindGlobal: counters.bindGlobal(), channelOn: counters.channelOn() }

    for (let i = 0; i < 1000; i++) {
      const widget = await harness.mount(Widget)
      if (i === 0) {
        expect(counters.bind()).toBe(baseline.bind + 2)
        expect(counters.bindGlobal()).toBe(baseline.bindGlobal + 2)
        expect(channels.channels[name]!.holders).toBe(3)
        expect(channels.channels[room]!.holders).toBe(1)
      }
      await widget.remove()
      expect(counters.bind()).toBe(baseline.bind)
      expect(counters.bindGlobal()).toBe(baseline.bindGlobal)
      expect(sockudo._registry.holders(name)).toBe(0)
    }

    expect(counters.channelOn()).toBe(baseline.channelOn)
    expect(counters.clientOn()).toBe(baseline.clientOn)
    expect(sockudo.client.allChannels().map((c) => c.name).sort()).toEqual([name, room].sort())
    await waitFor(() => sockudo.client.allChannels().length === 0, 5000, 'channels released after the grace period')
    expect(sockudo._registry.names()).toEqual([])
    await waitFor(() => Object.keys(channels.channels).length === 0, 2000, 'store entries removed')
    expect(Object.keys(presence.rosters)).toEqual([])
  })
})
