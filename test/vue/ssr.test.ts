import { afterEach, describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createPinia } from 'pinia'
import WebSocket from 'ws'
import { createSockudo, useChannel, useConnection, usePresence, useEventLog, useUser } from '@sockudo/vue'
import type { Sockudo } from '@sockudo/vue'
import { sockudoOptions } from './harness'

let sockudo: Sockudo | undefined
afterEach(() => sockudo?.dispose())

/** A WebSocket constructor that counts the sockets it opens. */
function countingWebSocket(): { ctor: typeof WebSocket; opened: () => number } {
  let opened = 0
  class Counting extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      opened++
      super(...args)
    }
  }
  return { ctor: Counting as unknown as typeof WebSocket, opened: () => opened }
}

const Page = defineComponent({
  setup() {
    const connection = useConnection()
    const orders = useChannel('orders-ssr')
    const room = usePresence('presence-ssr')
    const log = useEventLog('orders-ssr', 'created')
    const user = useUser({ signin: true })
    orders.on('created', () => {})
    connection.connect()
    return () =>
      h('main', [
        h('p', `connection:${connection.state.value}`),
        h('p', `orders:${orders.status.value}`),
        h('p', `room:${room.count.value}`),
        h('p', `log:${log.events.value.length}`),
        h('p', `user:${user.status.value}`),
      ])
  },
})

describe('server-side rendering', () => {
  it('renders with inert composables, opens no socket and serializes clean Pinia state', async () => {
    const sockets = countingWebSocket()
    const pinia = createPinia()
    sockudo = createSockudo(sockudoOptions({ webSocket: sockets.ctor as never, autoConnect: true }))
    const app = createSSRApp(Page)
    app.use(pinia)
    app.use(sockudo)

    const html = await renderToString(app)

    expect(html).toContain('connection:initialized')
    expect(html).toContain('orders:unsubscribed')
    expect(html).toContain('room:0')
    expect(html).toContain('user:signed-out')
    expect(sockets.opened()).toBe(0)
    expect(sockudo.client.connection.state).toBe('initialized')
    expect(sockudo.client.allChannels()).toHaveLength(0)

    const state = pinia.state.value
    expect(Object.keys(state).sort()).toEqual(['sockudo-channels', 'sockudo-connection', 'sockudo-presence', 'sockudo-user'])
    const payload = JSON.stringify(state)
    expect(JSON.parse(payload)).toEqual(state)
    expect(state['sockudo-connection']).toMatchObject({ state: 'initialized', socketId: null, error: null })
    expect(state['sockudo-channels']).toEqual({ channels: {} })
  })

  it('lets the live client overwrite hydrated connection state once the store binds', () => {
    const pinia = createPinia()
    pinia.state.value = { 'sockudo-connection': { state: 'connected', previousState: 'connecting', socketId: '1.2', error: null, reconnectAttempt: 0, retryIn: null, protocolVersion: 1, deltaStats: null } }
    sockudo = createSockudo(sockudoOptions({ autoConnect: false }))
    const app = createSSRApp(Page)
    app.use(pinia)
    app.use(sockudo)
    const connection = app.runWithContext(() => useConnection())
    expect(connection.state.value).toBe('initialized')
    expect(connection.socketId.value).toBeNull()
  })
})
