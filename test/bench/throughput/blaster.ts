/**
 * Frame blaster for the throughput benchmark: a minimal Sockudo-speaking WebSocket server in its
 * own process, so its CPU never counts against the client being measured. It answers the
 * handshake and the subscribe like the local server, then sends `count` events on the channel as
 * fast as the socket drains. Frames are encoded by the local server's own codecs, as it sends an
 * HTTP-published event (data double-encoded), with V2 metadata when the client speaks V2.
 *
 * Usage: tsx blaster.ts <count>  → prints `port=<n>` once listening.
 * The client picks the wire format with the usual `format` query parameter (V2 only).
 */
import { randomUUID } from 'node:crypto'
import { WebSocketServer } from 'ws'
import { decodeFrame, encodeFrame, parseFormat } from '../../stand-in/codecs'
import type { ServerFrame, WireFormat } from '../../stand-in/frame'

const count = Number(process.argv[2] ?? 200_000)
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })

wss.on('listening', () => {
  const address = wss.address()
  if (address && typeof address === 'object') console.log(`port=${address.port}`)
})

wss.on('connection', (socket, request) => {
  const query = new URL(request.url ?? '/', 'http://x').searchParams
  const v2 = query.get('protocol') === '2'
  const format: WireFormat = v2 ? (parseFormat(query.get('format')) ?? 'json') : 'json'
  const prefix = v2 ? 'sockudo' : 'pusher'
  const send = (frame: ServerFrame, done?: () => void) => socket.send(encodeFrame(format, frame), done)
  // Frames go out in corked batches of 100, so every client reads the same chunks whatever its
  // speed: otherwise a slow client gets bigger reads (fewer syscalls per frame) and looks cheaper.
  const tcp = (socket as unknown as { _socket: { cork(): void; uncork(): void } })._socket
  send({ event: `${prefix}:connection_established`, data: JSON.stringify({ socket_id: '1.1', activity_timeout: 120 }) })
  socket.on('message', (raw: Buffer) => {
    const msg = decodeFrame(format, raw)
    const channel = (msg.data as { channel?: unknown } | undefined)?.channel
    if (msg.event.endsWith(':subscribe') && typeof channel === 'string') void start(channel, send, v2, prefix, tcp)
  })
})

type Sender = (frame: ServerFrame, done?: () => void) => void

async function start(channel: string, send: Sender, v2: boolean, prefix: string, tcp: { cork(): void; uncork(): void }): Promise<void> {
  send({ event: `${prefix}_internal:subscription_succeeded`, channel, data: '{}' })
  const streamId = randomUUID()
  for (let i = 0; i < count; i++) {
    if (i % 100 === 0) tcp.cork()
    const payload = JSON.stringify({ id: i, symbol: 'BTC-USD', price: 43000 + (i % 1000) / 10, size: 0.25, side: i % 2 ? 'buy' : 'sell', ts: 1_700_000_000_000 + i, venue: 'bench-venue-01' })
    const frame: ServerFrame = { event: 'trade', channel, data: payload }
    if (v2) Object.assign(frame, { message_id: randomUUID(), stream_id: streamId, serial: BigInt(i + 1) })
    const batchEnd = i % 100 === 99 || i === count - 1
    // Wait for the socket to flush every 500 frames so memory stays flat.
    if (batchEnd && i % 500 === 499) {
      const flushed = new Promise<void>((resolve) => send(frame, resolve))
      tcp.uncork()
      await flushed
    } else {
      send(frame)
      if (batchEnd) tcp.uncork()
    }
  }
}
