/**
 * A raw protocol socket for the differential check: sends protocol frames in the socket's wire
 * format and records every frame the server sends, decoded the same way for both servers (JSON
 * text as the parsed object, binary frames through our codecs). Pings and pongs are not
 * recorded: their timing is not part of a conversation.
 */
import WebSocket from 'ws'
import { jsonCodec } from '@sockudo/vue/core'
import { msgpackCodec } from '@sockudo/vue/codecs/msgpack'
import { protobufCodec } from '@sockudo/vue/codecs/protobuf'

/** Where a conversation runs. */
export interface Endpoint {
  host: string
  /** WebSocket port (a proxy's, when drops are needed). */
  wsPort: number
  /** HTTP API port. */
  httpPort: number
  key: string
  appId: string
  secret: string
}

/** One recorded server frame. */
export type Recorded = Record<string, unknown> & { event: string }

/** Options of {@link openWire}. */
export interface WireOptions {
  version?: 1 | 2
  format?: 'json' | 'msgpack' | 'protobuf'
  /** Extra query parameters. */
  query?: Record<string, string>
  /** Wait for the handshake. @default true */
  handshake?: boolean
}

/** A recording socket. */
export interface Wire {
  readonly frames: Recorded[]
  socketId: string
  /** Close code and reason, once closed. */
  closed?: { code: number; reason: string }
  send(frame: { event: string; channel?: string; data?: unknown }): void
  /** Next unconsumed frame matching `match` (in arrival order). */
  next(match: (f: Recorded) => boolean, timeoutMs?: number): Promise<Recorded>
  /** Resolves once no frame arrived for `quietMs`. */
  quiet(quietMs?: number): Promise<void>
  /** Drops the socket abruptly (no close frame). */
  drop(): void
  close(): Promise<void>
}

const codecs = { json: jsonCodec, msgpack: msgpackCodec, protobuf: protobufCodec }
const isNoise = (event: string) => /:(ping|pong)$/.test(event)

/** Opens a socket to `endpoint` and (by default) waits for `connection_established`. */
export async function openWire(endpoint: Endpoint, options: WireOptions = {}): Promise<Wire> {
  const version = options.version ?? 1
  const format = options.format ?? 'json'
  const codec = codecs[format]
  const query = new URLSearchParams({ protocol: String(version === 2 ? 2 : 7), ...(format === 'json' ? {} : { format }), ...options.query })
  const ws = new WebSocket(`ws://${endpoint.host}:${endpoint.wsPort}/app/${endpoint.key}?${query}`)
  const frames: Recorded[] = []
  const consumed = new Set<Recorded>()
  let last = Date.now()
  ws.on('message', (raw: Buffer, binary: boolean) => {
    last = Date.now()
    const frame = binary ? fromDecoded(codec.decode(new Uint8Array(raw))) : (JSON.parse(raw.toString('utf8')) as Recorded)
    if (!isNoise(frame.event)) frames.push(frame)
  })
  const wire: Wire = {
    frames, socketId: '',
    send: (frame) => ws.send(codec.encode(frame)),
    next: async (match, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = frames.find((f) => !consumed.has(f) && match(f))
        if (found) {
          consumed.add(found)
          return found
        }
        if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms; got: ${frames.map((f) => f.event).join(', ')}`)
        await new Promise((r) => setTimeout(r, 5))
      }
    },
    quiet: async (quietMs = 150) => {
      while (Date.now() - last < quietMs) await new Promise((r) => setTimeout(r, 20))
    },
    drop: () => ws.terminate(),
    close: () => new Promise((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve()
      ws.once('close', () => resolve())
      ws.close()
    }),
  }
  ws.on('close', (code, reason) => (wire.closed = { code, reason: reason.toString() }))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode} on upgrade`)))
  })
  if (options.handshake === false) return wire
  const established = await wire.next((f) => f.event.endsWith(':connection_established') || f.event.endsWith(':error'))
  const data = typeof established.data === 'string' ? (JSON.parse(established.data) as { socket_id?: string }) : (established.data as { socket_id?: string })
  wire.socketId = data?.socket_id ?? ''
  return wire
}

/** A codec-decoded binary frame, with the client's field names mapped back to the wire's. */
function fromDecoded(frame: ReturnType<typeof jsonCodec.decode>): Recorded {
  const out: Recorded = { event: frame.event }
  if (frame.channel !== undefined) out.channel = frame.channel
  if (frame.data !== undefined) out.data = frame.data instanceof Uint8Array ? { bytes: Buffer.from(frame.data).toString('base64') } : frame.data
  if (frame.name !== undefined) out.name = frame.name
  if (frame.userId !== undefined) out.user_id = frame.userId
  if (frame.messageId !== undefined) out.message_id = frame.messageId
  if (frame.serial !== undefined) out.serial = frame.serial
  if (frame.streamId !== undefined) out.stream_id = frame.streamId
  if (frame.extras !== undefined) out.extras = frame.extras
  if (frame.tags !== undefined) out.tags = frame.tags
  if (frame.deltaSequence !== undefined) out.__delta_seq = frame.deltaSequence
  if (frame.conflationKey !== undefined) out.__conflation_key = frame.conflationKey
  if (frame.unknown) Object.assign(out, frame.unknown)
  return out
}
