// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createPinia } from 'pinia'
import { createSockudo, useChannel, useConnection } from '@sockudo/vue'
import type { Sockudo } from '@sockudo/vue'
import { sockudoOptions } from './harness'

let sockudo: Sockudo | undefined
afterEach(() => sockudo?.dispose())

describe('server-side rendering without a window', () => {
  it('keeps composables inert and opens no socket', async () => {
    expect(typeof window).toBe('undefined')
    const pinia = createPinia()
    sockudo = createSockudo(sockudoOptions({ autoConnect: true }))
    const Page = defineComponent({
      setup() {
        const channel = useChannel('orders-node')
        const connection = useConnection()
        connection.connect()
        return () => h('p', `${connection.state.value}/${channel.status.value}`)
      },
    })
    const app = createSSRApp(Page).use(pinia).use(sockudo)
    expect(await renderToString(app)).toBe('<p>initialized/unsubscribed</p>')
    expect(sockudo.client.connection.state).toBe('initialized')
    expect(sockudo.client.allChannels()).toHaveLength(0)
    expect(JSON.parse(JSON.stringify(pinia.state.value))).toEqual(pinia.state.value)
  })
})
