import type { Transport, TransportHandlers, WebSocketConstructor, WebSocketLike } from './types'

const OPEN = 1

/** Node `ws` sockets expose native ping/pong and raw messages through an EventEmitter API. */
interface NativePingSocket {
  ping(): void
  on(event: 'pong', listener: () => void): void
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): void
}

function hasNativePing(socket: WebSocketLike): socket is WebSocketLike & NativePingSocket {
  const candidate = socket as Partial<NativePingSocket>
  return typeof candidate.ping === 'function' && typeof candidate.on === 'function'
}

/**
 * Creates a {@link Transport} over a WebSocket constructor. Binary frames arrive as
 * `Uint8Array`; after `close()` the handlers are detached, so a stale socket never reports.
 */
export function createWebSocketTransport(ctor: WebSocketConstructor, url: string, handlers: TransportHandlers): Transport {
  let closed = false
  const socket = new ctor(url)
  const native = hasNativePing(socket)
  // `ws` hands a binary frame over as the Buffer it read (a Uint8Array); asking it for an
  // ArrayBuffer would copy every frame.
  socket.binaryType = native ? 'nodebuffer' : 'arraybuffer'
  socket.onopen = () => {
    if (!closed) handlers.onOpen()
  }
  const receive = (data: unknown) => {
    if (closed) return
    const frame = toFrame(data)
    if (frame !== null) handlers.onMessage(frame)
  }
  // With `ws`, listen to its raw messages: its WHATWG `onmessage` shim allocates an event per
  // frame, a measurable share of a small message's cost. Text frames arrive as UTF-8 buffers.
  if (native) socket.on('message', (data, isBinary) => receive(isBinary ? data : String(data)))
  else socket.onmessage = (event: { data: unknown }) => receive(event.data)
  socket.onerror = (event: unknown) => {
    if (!closed) handlers.onError(event)
  }
  socket.onclose = (event: { code: number; reason: string }) => {
    if (closed) return
    closed = true
    handlers.onClose(event.code, event.reason)
  }
  if (native) socket.on('pong', () => !closed && handlers.onPong?.())
  return {
    send(data) {
      if (closed || socket.readyState !== OPEN) return false
      try {
        socket.send(data)
        return true
      } catch {
        return false
      }
    },
    close(code, reason) {
      if (closed) return
      closed = true
      try {
        socket.close(code ?? 1000, reason)
      } catch {
        // The socket may still be connecting; closing it is best effort.
      }
    },
    ping() {
      if (closed || socket.readyState !== OPEN || !native) return false
      try {
        socket.ping()
        return true
      } catch {
        return false
      }
    },
  }
}

function toFrame(data: unknown): string | Uint8Array | null {
  if (typeof data === 'string') return data
  // Node's Buffer is a Uint8Array: taken as is, without a new view per frame.
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return null
}
