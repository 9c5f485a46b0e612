import { describe, expectTypeOf, it } from 'vitest'
import WebSocketNode from 'ws'
import type { SockudoClientOptions, WebSocketConstructor } from '@sockudo/vue/core'

describe('the webSocket option', () => {
  it('accepts the browser WebSocket, a subclass of it, and the ws package without casts', () => {
    class Tracked extends WebSocket {}
    expectTypeOf(WebSocket).toExtend<WebSocketConstructor>()
    expectTypeOf(Tracked).toExtend<WebSocketConstructor>()
    expectTypeOf(WebSocketNode).toExtend<WebSocketConstructor>()
    expectTypeOf<{ webSocket: typeof Tracked }>().toExtend<SockudoClientOptions>()
  })
})
