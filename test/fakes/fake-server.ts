/**
 * A protocol-level fake Sockudo server for unit tests: it hands the client a fake
 * `WebSocket` constructor, records every URL and frame the client sends, and lets the test
 * push frames and closes. Nothing touches the network.
 *
 * How to extend: add a helper that builds the frame you need (see `establish`), or push any
 * raw text with `socket.serverSend`.
 */
import type { WebSocketConstructor, WebSocketLike } from '@sockudo/vue/core'

export class FakeSocket implements WebSocketLike {
  binaryType = 'blob'
  readyState = 0
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  /** Frames the client sent (parsed JSON when text). */
  readonly sent: { event: string; channel?: string; data?: unknown }[] = []
  readonly sentRaw: (string | Uint8Array)[] = []
  closedByClient: { code?: number; reason?: string } | undefined

  constructor(readonly url: string) {}

  send(data: string | ArrayBufferLike | Uint8Array): void {
    if (this.readyState !== 1) throw new Error('not open')
    const raw = typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer)
    this.sentRaw.push(raw)
    if (typeof raw === 'string') this.sent.push(JSON.parse(raw) as FakeSocket['sent'][number])
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason }
    this.readyState = 3
  }

  /** Server side: completes the upgrade. */
  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }

  /** Server side: sends a text frame (objects are JSON-encoded). */
  serverSend(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) })
  }

  /** Server side: closes with a code. */
  serverClose(code: number, reason = ''): void {
    this.readyState = 3
    this.onclose?.({ code, reason })
  }

  /** Frames sent with `event`. */
  sentEvents(event: string): FakeSocket['sent'] {
    return this.sent.filter((f) => f.event === event)
  }
}

export class FakeServer {
  readonly sockets: FakeSocket[] = []
  /** Open and establish every new socket automatically. */
  autoAccept = true
  socketIds = 0

  /** The constructor to pass as the `webSocket` option. */
  readonly WebSocket: WebSocketConstructor

  constructor(readonly prefix: 'pusher' | 'sockudo' = 'pusher') {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const server = this
    this.WebSocket = class extends FakeSocket {
      constructor(url: string) {
        super(url)
        server.sockets.push(this)
        if (server.autoAccept) queueMicrotask(() => server.establish(this))
      }
    }
  }

  /** The newest socket. */
  get last(): FakeSocket {
    const s = this.sockets.at(-1)
    if (!s) throw new Error('no socket yet')
    return s
  }

  /** Opens the socket and sends `connection_established`. */
  establish(socket: FakeSocket, activityTimeout = 120): string {
    const socketId = `${++this.socketIds}.${1000 + this.socketIds}`
    socket.open()
    socket.serverSend({ event: `${this.prefix}:connection_established`, data: JSON.stringify({ socket_id: socketId, activity_timeout: activityTimeout }) })
    return socketId
  }

  /** Acknowledges a subscribe. */
  subscribed(socket: FakeSocket, channel: string, data: unknown = {}, extra: Record<string, unknown> = {}): void {
    socket.serverSend({ event: `${this.prefix}_internal:subscription_succeeded`, channel, data: JSON.stringify(data), ...extra })
  }
}

/** Lets queued microtasks and promise callbacks run. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve()
  await new Promise((r) => setTimeout(r, 0))
}
