/**
 * One subscriber of the end-to-end benchmark, in its own process, connected to the real Sockudo:
 * - `sockudo-pinia`: the Vue layer (`createSockudo` + `useChannel`, the Pinia channels store), the
 *   same mount as the throughput bench's store path; an event counts when it reaches the handler;
 * - `pusher-js`: `pusher.subscribe(channel).bind(event)`.
 * It counts `trade` events from the first to the last (wall time and process CPU) and prints one
 * JSON line when `count` arrived, or when none arrived for `idleMs` after the first (the server
 * may drop frames for a slow socket; the count says so).
 *
 * Usage: tsx client.ts <variant> <port> <count>
 */
import '../define-production'
import Pusher from 'pusher-js'
import { REAL_APP } from '../../real-server/server'
import { mountStorePath } from '../throughput/store-path'

/** The clients the end-to-end figure compares. */
export type E2eVariant = 'sockudo-pinia' | 'pusher-js'

/** What a subscriber prints. */
export interface E2eResult { variant: E2eVariant; received: number; wallMs: number; cpuMicros: number }

const [variant, portText, countText] = process.argv.slice(2) as [E2eVariant, string, string]
const port = Number(portText)
const count = Number(countText)
const idleMs = 3000

let received = 0
let firstWall = 0
let lastWall = 0
let startCpu: NodeJS.CpuUsage | undefined
let idle: NodeJS.Timeout | undefined

function report(): void {
  const cpu = process.cpuUsage(startCpu)
  const result: E2eResult = { variant, received, wallMs: lastWall - firstWall, cpuMicros: cpu.user + cpu.system }
  console.log(JSON.stringify(result))
  process.exit(0)
}

function onEvent(): void {
  lastWall = performance.now()
  if (received === 0) {
    firstWall = lastWall
    startCpu = process.cpuUsage()
    idle = setInterval(() => performance.now() - lastWall > idleMs && report(), 250)
  }
  received++
  if (received === count) {
    clearInterval(idle)
    report()
  }
}

if (variant === 'sockudo-pinia') {
  mountStorePath(port, onEvent) // key `app-key` (REAL_APP.key), channel `bench`, event `trade`
} else {
  const pusher = new Pusher(REAL_APP.key, { cluster: 'local', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], disableStats: true })
  pusher.subscribe('bench').bind('trade', (data: { id: number }) => data.id >= 0 && onEvent())
}
