import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { mount } from '@vue/test-utils'
import {
  ChannelOptionsConflictError,
  SockudoPlugin,
  SockudoVueError,
  createSockudo,
  useChannel,
  useConnection,
  useSockudo,
  useSockudoConnectionStore,
} from '@sockudo/vue'
import type { Sockudo } from '@sockudo/vue'
import { createHarness, sockudoOptions, uniqueName, waitFor, withSetup, type Harness } from './harness'

const created: Sockudo[] = []
let harness: Harness | undefined
afterEach(() => {
  created.splice(0).forEach((s) => s.dispose())
  harness?.close()
  harness = undefined
})
const make = (extra = {}): Sockudo => {
  const s = createSockudo(sockudoOptions({ autoConnect: false, ...extra }))
  created.push(s)
  return s
}

describe('installing the plugin', () => {
  it('fails with a fix when Pinia is missing', () => {
    const app = createApp({ render: () => null })
    expect(() => app.use(make())).toThrowError(/app\.use\(createPinia\(\)\) before app\.use\(SockudoPlugin/)
    try {
      make().install(createApp({}))
    } catch (error) {
      expect(error).toBeInstanceOf(SockudoVueError)
      expect((error as SockudoVueError).code).toBe('vue/pinia-missing')
    }
  })

  it('fails with a fix when a second instance is installed on the same app', () => {
    const app = createApp({ render: () => null }).use(createPinia())
    app.use(make())
    expect(() => app.use(make())).toThrowError(expect.objectContaining({ code: 'vue/already-installed' }))
    expect(() => app.use(SockudoPlugin, sockudoOptions())).toThrowError(/install it once per app/)
  })

  it('fails when one instance is installed on two apps', () => {
    const sockudo = make()
    createApp({}).use(createPinia()).use(sockudo)
    expect(() => createApp({}).use(createPinia()).use(sockudo)).toThrowError(/on another app/)
  })

  it('fails with an install hint when a composable runs in an app without the plugin', () => {
    const { component } = withSetup(() => useConnection())
    expect(() => mount(component, { global: { plugins: [createPinia()] } })).toThrowError(
      expect.objectContaining({ code: 'vue/not-installed' }),
    )
  })

  it('fails with a fix when a composable runs outside setup()', () => {
    expect(() => useSockudo()).toThrowError(expect.objectContaining({ code: 'vue/no-injection-context' }))
    expect(() => useChannel('x')).toThrowError(/outside of a component's setup\(\)/)
  })

  it('provides the client through SockudoPlugin and connects on mount', async () => {
    const pinia = createPinia()
    const { component, result } = withSetup(() => ({ client: useSockudo(), connection: useConnection() }))
    const wrapper = mount(component, { global: { plugins: [pinia, [SockudoPlugin, sockudoOptions()]] } })
    const { client, connection } = result()
    await waitFor(() => connection.state.value === 'connected', 5000, 'connected')
    expect(connection.socketId.value).toBe(client.connection.socketId)
    expect(useSockudoConnectionStore(pinia).state).toBe('connected')
    wrapper.unmount()
    expect(client.connection.state).not.toBe('connected')
  })

  it('does not connect when autoConnect is false, until connect() is called', async () => {
    harness = createHarness({ autoConnect: false })
    const { component, result } = withSetup(() => useConnection())
    await harness.mount(component)
    expect(result().state.value).toBe('initialized')
    result().connect()
    await waitFor(() => result().state.value === 'connected', 5000, 'connected')
    result().disconnect()
    await waitFor(() => result().state.value === 'disconnected', 5000, 'disconnected')
  })

  it('dispose() releases channels, unbinds stores and disconnects', async () => {
    harness = createHarness()
    const name = uniqueName()
    const { component } = withSetup(() => useChannel(name))
    await harness.mount(component)
    const { client } = harness.sockudo
    await waitFor(() => client.channel(name)?.subscribed, 5000, 'subscribed')
    const store = useSockudoConnectionStore(harness.pinia)
    harness.sockudo.dispose()
    expect(harness.sockudo.disposed).toBe(true)
    expect(client.channel(name)).toBeUndefined()
    await waitFor(() => client.connection.state === 'disconnected', 5000, 'disconnected')
    const stateAfterDispose = store.state
    client.connect()
    await waitFor(() => client.connection.state === 'connected', 5000, 'reconnected by hand')
    expect(store.state).toBe(stateAfterDispose)
    client.disconnect()
    expect(() => store.connect()).toThrowError(expect.objectContaining({ code: 'vue/disposed' }))
  })
})

describe('conflicting channel options', () => {
  it('throws a typed error in development when a second holder asks for another filter', async () => {
    harness = createHarness({ protocolVersion: 2 })
    const name = uniqueName()
    const first = withSetup(() => useChannel(name, { filter: { events: ['a'] } }))
    await harness.mount(first.component)
    const second = withSetup(() => useChannel(name, { filter: { events: ['b'] } }))
    await expect(harness.mount(second.component)).rejects.toThrowError(ChannelOptionsConflictError)
    const same = withSetup(() => useChannel(name, { filter: { events: ['a'] } }))
    await harness.mount(same.component)
    const unspecified = withSetup(() => useChannel(name))
    await harness.mount(unspecified.component)
    expect(same.result().error.value).toBeNull()
    expect(harness.sockudo.client.channel(name)?.options.filter).toEqual({ events: ['a'] })
  })

  it('reports the conflict in error when the name changes later, keeping the existing settings', async () => {
    harness = createHarness({ protocolVersion: 2, deltaCompression: true })
    const taken = uniqueName()
    const first = withSetup(() => useChannel(taken, { delta: true }))
    await harness.mount(first.component)
    const other = uniqueName()
    const name = { value: other }
    const { ref } = await import('vue')
    const current = ref(name.value)
    const second = withSetup(() => useChannel(current, { delta: false }))
    await harness.mount(second.component)
    current.value = taken
    await waitFor(() => second.result().error.value, 1000, 'conflict error')
    const error = second.result().error.value
    expect(error).toBeInstanceOf(ChannelOptionsConflictError)
    expect(error?.code).toBe('vue/channel-options-conflict')
    expect(second.result().channel.value).toBeNull()
    expect(harness.sockudo.client.channel(taken)?.options.delta).toBe(true)
  })
})
