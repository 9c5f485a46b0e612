/**
 * One measured client of the throughput benchmark, run in its own process so JIT and GC state
 * never leak between variants. Connects to the blaster, subscribes to `bench`, and measures
 * process CPU time (user + system, `process.cpuUsage`) from the first to the last event.
 *
 * Usage: tsx client.ts <variant> <port> <count>  → prints one JSON line with the result.
 */
import '../define-production'
import Pusher from 'pusher-js'
import WebSocket from 'ws'
import { SockudoClient, type SockudoClientOptions } from '../../../src/core'
import { msgpackCodec } from '../../../src/core/codecs/msgpack'
import { protobufCodec } from '../../../src/core/codecs/protobuf'
import { loadOfficial, type OFFICIAL_VARIANTS } from '../official'
import { mountStorePath } from './store-path'

export type Variant = 'floor' | 'floor-v2' | 'pusher-js' | 'sockudo' | 'sockudo-v2' | 'sockudo-v2-msgpack' | 'sockudo-v2-protobuf' | 'sockudo-pinia' | (typeof OFFICIAL_VARIANTS)[number]

const [variant, portText, countText] = process.argv.slice(2) as [Variant, string, string]
const port = Number(portText)
const count = Number(countText)

let received = 0
let startCpu: NodeJS.CpuUsage | undefined
let startWall = 0

function onEvent(): void {
  if (received === 0) {
    startCpu = process.cpuUsage()
    startWall = performance.now()
  }
  received++
  if (received === count) {
    const cpu = process.cpuUsage(startCpu)
    const cpuMicros = cpu.user + cpu.system
    console.log(JSON.stringify({ variant, count, cpuMicros, wallMs: performance.now() - startWall, perMsgUs: cpuMicros / (count - 1) }))
    process.exit(0)
  }
}

const url = `ws://127.0.0.1:${port}/app/app-key?protocol=7&client=bench&version=1&flash=false`

/**
 * The floor: a bare `ws` client doing only the two JSON.parse calls the protocol needs. `floor-v2`
 * reads the V2 frames of the same events (message id, stream id and serial added), so the cost of
 * the bigger frame itself is told apart from the cost of a client handling it.
 */
function floor(version: 1 | 2): void {
  const prefix = version === 2 ? 'sockudo' : 'pusher'
  const socket = new WebSocket(version === 2 ? url.replace('protocol=7', 'protocol=2') : url)
  socket.on('message', (raw: Buffer) => {
    const frame = JSON.parse(raw.toString()) as { event: string; data?: string }
    if (frame.event === `${prefix}:connection_established`) {
      socket.send(JSON.stringify({ event: `${prefix}:subscribe`, data: { channel: 'bench' } }))
      return
    }
    if (frame.event !== 'trade') return
    const data = JSON.parse(frame.data as string) as { id: number }
    if (data.id >= 0) onEvent()
  })
}

function pusherJs(): void {
  const pusher = new Pusher('app-key', { cluster: 'local', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], disableStats: true })
  pusher.subscribe('bench').bind('trade', (data: { id: number }) => {
    if (data.id >= 0) onEvent()
  })
}

function sockudo(extra: Partial<SockudoClientOptions>): SockudoClient {
  const client = new SockudoClient('app-key', { wsHost: '127.0.0.1', wsPort: port, forceTls: false, ...extra })
  client.connect()
  return client
}

/** The official client, configured as its README shows for a self-hosted server. */
async function official(protocolVersion: 2 | 7, wireFormat?: 'messagepack'): Promise<void> {
  const Official = await loadOfficial()
  const client = new Official('app-key', { wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], protocolVersion, wireFormat })
  client.subscribe('bench').bind('trade', (data) => (data as { id: number }).id >= 0 && onEvent())
}

switch (variant) {
  case 'floor':
    floor(1)
    break
  case 'floor-v2':
    floor(2)
    break
  case 'pusher-js':
    pusherJs()
    break
  case 'sockudo':
    sockudo({}).subscribe('bench').bind<{ id: number }>('trade', (data) => data.id >= 0 && onEvent())
    break
  case 'sockudo-v2':
    sockudo({ protocolVersion: 2 }).subscribe('bench').bind<{ id: number }>('trade', (data) => data.id >= 0 && onEvent())
    break
  case 'sockudo-v2-msgpack':
    sockudo({ protocolVersion: 2, codec: msgpackCodec }).subscribe('bench').bind<{ id: number }>('trade', (data) => data.id >= 0 && onEvent())
    break
  case 'sockudo-v2-protobuf':
    sockudo({ protocolVersion: 2, codec: protobufCodec }).subscribe('bench').bind<{ id: number }>('trade', (data) => data.id >= 0 && onEvent())
    break
  case 'sockudo-pinia':
    mountStorePath(port, onEvent)
    break
  case 'official-v1':
    await official(7)
    break
  case 'official-v2':
    await official(2)
    break
  case 'official-v2-msgpack':
    await official(2, 'messagepack')
    break
}
