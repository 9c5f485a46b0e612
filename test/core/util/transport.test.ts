import { describe, expect, it } from 'vitest'
import type { WebSocketLike } from '@sockudo/vue/core'
import { createWebSocketTransport } from '../../../src/core/internal'

/** Minimal socket with the `ws` package's native ping API. */
class NodeLikeSocket implements WebSocketLike {
  static last: NodeLikeSocket
  binaryType = ''
  readyState = 1
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  pings = 0
  pongListener: (() => void) | undefined
  messageListener: ((data: unknown, isBinary: boolean) => void) | undefined
  constructor(readonly url: string) {
    NodeLikeSocket.last = this
  }
  send(): void {}
  close(): void {}
  ping(): void {
    this.pings++
  }
  on(event: 'pong' | 'message', listener: (...args: never[]) => void): void {
    if (event === 'pong') this.pongListener = listener as () => void
    else this.messageListener = listener as (data: unknown, isBinary: boolean) => void
  }
}

describe('WebSocket transport', () => {
  it('uses native ping where the socket has one and reports native pongs', () => {
    let pongs = 0
    const t = createWebSocketTransport(NodeLikeSocket, 'ws://x', { onOpen() {}, onMessage() {}, onClose() {}, onError() {}, onPong: () => pongs++ })
    expect(t.ping()).toBe(true)
    NodeLikeSocket.last.pongListener?.()
    // ws hands binary frames over as the Buffer it read: asking for ArrayBuffers would copy each one.
    expect([NodeLikeSocket.last.pings, pongs, NodeLikeSocket.last.binaryType]).toEqual([1, 1, 'nodebuffer'])
  })

  it('turns binary frames into Uint8Array and ignores callbacks after close()', () => {
    const got: unknown[] = []
    const t = createWebSocketTransport(NodeLikeSocket, 'ws://x', { onOpen() {}, onMessage: (d) => got.push(d), onClose: () => got.push('closed'), onError() {} })
    // ws sockets: raw messages (text frames as UTF-8 buffers), not the WHATWG onmessage shim.
    NodeLikeSocket.last.messageListener?.(new Uint8Array([1, 2]).buffer, true)
    NodeLikeSocket.last.messageListener?.(Buffer.from('téxt'), false)
    const buffer = Buffer.from([3, 4])
    NodeLikeSocket.last.messageListener?.(buffer, true)
    expect(got[2]).toBe(buffer) // taken as is, no copy and no new view
    expect(NodeLikeSocket.last.onmessage).toBeNull()
    t.close()
    NodeLikeSocket.last.messageListener?.(Buffer.from('late'), false)
    NodeLikeSocket.last.onclose?.({ code: 1000, reason: '' })
    expect(got).toEqual([new Uint8Array([1, 2]), 'téxt', buffer])
  })

  it('asks a browser-style socket for ArrayBuffers and reads them as Uint8Array', () => {
    const got: unknown[] = []
    class BrowserSocket {
      static last: BrowserSocket
      binaryType = 'blob'
      readyState = 1
      onopen = null
      onmessage: ((event: { data: unknown }) => void) | null = null
      onclose = null
      onerror = null
      constructor(readonly url: string) {
        BrowserSocket.last = this
      }
      send(): void {}
      close(): void {}
    }
    createWebSocketTransport(BrowserSocket, 'ws://x', { onOpen() {}, onMessage: (d) => got.push(d), onClose() {}, onError() {} })
    BrowserSocket.last.onmessage?.({ data: new Uint8Array([5, 6]).buffer })
    expect([BrowserSocket.last.binaryType, got]).toEqual(['arraybuffer', [new Uint8Array([5, 6])]])
  })
})
