import { afterEach, describe, expect, it } from 'vitest'
import { createPinia } from 'pinia'
import type { Pinia } from 'pinia'
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import {
  SockudoPlugin,
  createSockudo,
  sockudoChannelsStore,
  sockudoConnectionStore,
  sockudoStoreId,
  useChannel,
  useConnection,
  usePresence,
  useSockudo,
  useSockudoChannelsStore,
} from '@sockudo/vue'
import type { Sockudo } from '@sockudo/vue'
import { createApp } from 'vue'
import { sockudoOptions, uniqueName, waitFor, withSetup } from './harness'

const created: Sockudo[] = []
const wrappers: VueWrapper[] = []
afterEach(() => {
  wrappers.splice(0).forEach((w) => w.unmount())
  created.splice(0).forEach((s) => s.dispose())
})
const make = (extra: Parameters<typeof sockudoOptions>[0] = {}): Sockudo => {
  const s = createSockudo(sockudoOptions(extra))
  created.push(s)
  return s
}
function mountWith<T>(setup: () => T, plugins: unknown[]): { result: () => T; pinia: Pinia } {
  const pinia = createPinia()
  const { component, result } = withSetup(setup)
  wrappers.push(mount(component, { global: { plugins: [pinia, ...(plugins as [])] } }) as VueWrapper)
  return { result, pinia }
}

describe('several clients in one app', () => {
  it('installs clients side by side when their names differ, and refuses the same name twice', () => {
    const app = createApp({}).use(createPinia())
    app.use(make({ autoConnect: false }))
    app.use(make({ autoConnect: false, name: 'v2', protocolVersion: 2 }))
    expect(() => app.use(make({ autoConnect: false, name: 'v2' }))).toThrowError(
      expect.objectContaining({ code: 'vue/already-installed', message: expect.stringMatching(/'v2' is already installed/) }),
    )
    expect(() => app.use(SockudoPlugin, sockudoOptions({ autoConnect: false }))).toThrowError(expect.objectContaining({ code: 'vue/already-installed' }))
  })

  it('refuses an empty name with a typed error', () => {
    expect(() => make({ name: '' })).toThrowError(expect.objectContaining({ code: 'vue/unsupported' }))
  })

  it('picks the client by name in every composable, each with its own connection and channel stores', async () => {
    const v1 = make()
    const v2 = make({ name: 'v2', protocolVersion: 2 })
    const name = uniqueName('multi')
    const { result, pinia } = mountWith(
      () => ({
        defaultClient: useSockudo(),
        v2Client: useSockudo({ client: 'v2' }),
        v1Connection: useConnection(),
        v2Connection: useConnection({ client: 'v2' }),
        v2Channel: useChannel(name, { client: 'v2' }),
      }),
      [v1, v2],
    )
    const r = result()
    expect(r.defaultClient).toBe(v1.client)
    expect(r.v2Client).toBe(v2.client)
    await waitFor(() => r.v1Connection.isConnected.value && r.v2Connection.isConnected.value, 5000, 'both connected')
    expect(r.v1Connection.socketId.value).toBe(v1.client.connection.socketId)
    expect(r.v2Connection.socketId.value).toBe(v2.client.connection.socketId)
    expect(r.v1Connection.socketId.value).not.toBe(r.v2Connection.socketId.value)
    await waitFor(() => r.v2Channel.status.value === 'subscribed', 5000, 'v2 channel subscribed')
    expect(v2.client.channel(name)?.subscribed).toBe(true)
    expect(v1.client.channel(name)).toBeUndefined()
    // Each client has its own stores, under ids keyed by the client name.
    expect(sockudoStoreId('sockudo-channels', 'v2')).toBe('sockudo-channels:v2')
    expect(sockudoChannelsStore('v2')(pinia).channels[name]?.status).toBe('subscribed')
    expect(useSockudoChannelsStore(pinia).channels[name]).toBeUndefined()
    expect(sockudoConnectionStore('v2')(pinia).protocolVersion).toBe(2)
    expect(sockudoConnectionStore()(pinia).protocolVersion).toBe(1)
    const state = pinia.state.value
    expect(state['sockudo-channels:v2']?.channels[name]?.status).toBe('subscribed')
    expect(state['sockudo-connection:v2']?.state).toBe('connected')
    expect(state['sockudo-connection']?.state).toBe('connected')
  })

  it('keeps presence rosters per client', async () => {
    const a = make({ user: { id: 'alice' } })
    const b = make({ name: 'second', user: { id: 'bob' } })
    const channel = `presence-${uniqueName('multi')}`
    const { result } = mountWith(() => ({ a: usePresence(channel), b: usePresence(channel, { client: 'second' }) }), [a, b])
    await waitFor(() => result().a.count.value === 2 && result().b.count.value === 2, 5000, 'both see two members')
    expect(result().a.me.value?.id).toBe('alice')
    expect(result().b.me.value?.id).toBe('bob')
  })

  it('names the installed clients when a composable asks for an unknown one', () => {
    const v1 = make({ autoConnect: false })
    const { component } = withSetup(() => useConnection({ client: 'missing' }))
    expect(() => mount(component, { global: { plugins: [createPinia(), v1] } })).toThrowError(
      expect.objectContaining({ code: 'vue/not-installed', message: expect.stringMatching(/'missing'.*only 'default'/) }),
    )
  })

  it('lets a named client be installed alone, and frees its name on dispose', () => {
    const app = createApp({}).use(createPinia())
    const only = make({ autoConnect: false, name: 'only' })
    app.use(only)
    expect(app.runWithContext(() => useSockudo({ client: 'only' }))).toBe(only.client)
    expect(() => app.runWithContext(() => useSockudo())).toThrowError(expect.objectContaining({ code: 'vue/not-installed' }))
    only.dispose()
    const again = make({ autoConnect: false, name: 'only' })
    app.use(again)
    expect(app.runWithContext(() => useSockudo({ client: 'only' }))).toBe(again.client)
  })
})
