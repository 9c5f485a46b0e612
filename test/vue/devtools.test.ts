import { afterEach, describe, expect, it, vi } from 'vitest'
import { useChannel } from '@sockudo/vue'
import { createHarness, publish, uniqueName, waitFor, withSetup, type Harness } from './harness'

interface Recorded {
  layers: { id: string; label: string }[]
  events: { layerId: string; event: { title?: string; subtitle?: string; groupId?: string | number; logType?: string } }[]
  descriptors: { id: string; label: string }[]
}
const recorded = vi.hoisted<Recorded>(() => ({ layers: [], events: [], descriptors: [] }))

// Vue devtools is a browser extension; record what the plugin sends to its API instead.
vi.mock('@vue/devtools-api', () => ({
  setupDevtoolsPlugin: (descriptor: Recorded['descriptors'][number], setup: (api: unknown) => void) => {
    recorded.descriptors.push(descriptor)
    setup({
      now: () => Date.now(),
      addTimelineLayer: (layer: Recorded['layers'][number]) => recorded.layers.push(layer),
      addTimelineEvent: (event: Recorded['events'][number]) => recorded.events.push(event),
    })
  },
}))

let harness: Harness | undefined
afterEach(() => {
  harness?.close()
  recorded.layers.length = 0
  recorded.events.length = 0
  recorded.descriptors.length = 0
})

describe('devtools timeline layer', () => {
  it('is loaded lazily in development and records connection, hold and protocol events', async () => {
    harness = createHarness({ devtools: true })
    const name = uniqueName('dev')
    const { component } = withSetup(() => useChannel(name))
    await harness.mount(component)
    await waitFor(() => recorded.layers.length === 1, 5000, 'layer added')
    expect(recorded.layers[0]).toMatchObject({ id: 'sockudo:protocol', label: 'Sockudo' })
    expect(recorded.descriptors[0]).toMatchObject({ id: 'dev.sockudo.vue', label: 'Sockudo' })
    await waitFor(() => harness!.sockudo.client.channel(name)?.subscribed, 5000, 'subscribed')
    await publish(name, 'ping', { n: 1 })
    const titles = () => recorded.events.map((e) => e.event.title)
    await waitFor(() => titles().includes('ping'), 5000, 'ping on the timeline')
    expect(titles()[0]).toMatch(/^connection: (connecting|connected)$/)
    if (titles()[0] === 'connection: connecting') expect(titles()).toContain('connection: connected')
    const second = withSetup(() => useChannel(name))
    await harness.mount(second.component)
    expect(titles()).toContain(`hold: ${name}`)
    expect(recorded.events.find((e) => e.event.title === 'ping')!.event.groupId).toBe(name)
    expect(recorded.events.every((e) => e.layerId === 'sockudo:protocol')).toBe(true)

    const count = recorded.events.length
    harness.sockudo.dispose()
    await publish(name, 'ping', { n: 2 })
    await new Promise((r) => setTimeout(r, 100))
    expect(recorded.events.slice(count).some((e) => e.event.title === 'ping')).toBe(false)
  })

  it('is not loaded when devtools is false', async () => {
    harness = createHarness({ devtools: false })
    const { component } = withSetup(() => useChannel(uniqueName('dev')))
    await harness.mount(component)
    await new Promise((r) => setTimeout(r, 50))
    expect(recorded.layers).toHaveLength(0)
  })
})
