/**
 * A raw WebSocket server on 127.0.0.1 that speaks just enough of the protocol to connect a
 * client and confirm its subscriptions, and otherwise sends whatever the test hands it.
 */
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { WireFormat } from '../../src/core/codecs/types'
import { decodeFrame, encodeFrame, parseFormat } from '../stand-in/codecs'
import type { ServerFrame } from '../stand-in/frame'

export interface FuzzServer {
  readonly port: number
  /** Channels the current socket subscribed to. */
  readonly subscribed: Set<string>
  /** Connections accepted so far. */
  connections(): number
  /** Sends raw data (string = text frame, bytes = binary frame) to the current socket. */
  sendRaw(data: string | Uint8Array): void
  /** Sends a frame encoded with the socket's wire format. */
  send(frame: ServerFrame): void
  /** Sends a text frame that is not valid UTF-8 (the WebSocket layer must fail the connection, RFC 6455 §8.1). */
  sendInvalidText(): void
  /** Resolves once everything queued so far was handed to the kernel. */
  flush(): Promise<void>
  close(): Promise<void>
}

/** `presence` is the roster confirmed for presence channels (`user_id` → info). */
export async function startFuzzServer(presence: Record<string, unknown> = { u1: {} }): Promise<FuzzServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((r) => wss.once('listening', () => r()))
  let current: { ws: WebSocket; format: WireFormat; prefix: string } | undefined
  let count = 0
  const subscribed = new Set<string>()
  wss.on('connection', (ws, req) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams
    const v2 = q.get('protocol') === '2'
    const socket = { ws, format: (v2 && parseFormat(q.get('format'))) || 'json', prefix: v2 ? 'sockudo' : 'pusher' }
    current = socket
    count++
    subscribed.clear()
    ws.send(JSON.stringify({ event: `${socket.prefix}:connection_established`, data: JSON.stringify({ socket_id: `${count}.1`, activity_timeout: 120 }) }))
    ws.on('message', (raw: Buffer, binary) => {
      const frame = binary ? decodeFrame(socket.format, raw) : (JSON.parse(raw.toString()) as { event: string; data?: unknown })
      if (!frame.event.endsWith(':subscribe')) return
      const data = (typeof frame.data === 'string' ? JSON.parse(frame.data) : frame.data) as { channel: string }
      subscribed.add(data.channel)
      const roster = { presence: { ids: Object.keys(presence), hash: presence, count: Object.keys(presence).length } }
      ws.send(JSON.stringify({
        event: `${socket.prefix}_internal:subscription_succeeded`, channel: data.channel,
        data: JSON.stringify(data.channel.startsWith('presence-') ? roster : {}),
      }))
    })
  })
  const ws = () => {
    if (!current) throw new Error('no client connected')
    return current
  }
  return {
    port: (wss.address() as AddressInfo).port,
    subscribed,
    connections: () => count,
    sendRaw: (data) => ws().ws.send(data, { binary: typeof data !== 'string' }),
    send: (frame) => {
      const s = ws()
      s.ws.send(encodeFrame(s.format, frame))
    },
    sendInvalidText: () => ws().ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }),
    flush: () => new Promise<void>((resolve) => ws().ws.ping(undefined, undefined, () => resolve())),
    close: () => new Promise<void>((resolve) => {
      for (const c of wss.clients) c.terminate()
      wss.close(() => resolve())
    }),
  }
}
