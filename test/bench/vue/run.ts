/**
 * The Vue layer's costs, fed by the protocol-level fake server so only client work is measured
 * (process CPU time around synchronous frame delivery):
 * - events through `useChannel` + `useEventLog` (Pinia store updated per event) against the bare
 *   core callback, on the same frames;
 * - a presence roster of 10,000 members joining then leaving through the Pinia presence store:
 *   CPU per event per 1,000-event bucket, which stays flat when the cost is linear overall.
 */
import '../define-production'
import { createPinia } from 'pinia'
import { createApp, effectScope } from 'vue'
import { SockudoClient, type SockudoClientOptions } from '../../../src/core'
import { createSockudo, useChannel, useEventLog, usePresence } from '../../../src'
import { FakeServer, flush, type FakeSocket } from '../../fakes/fake-server'

Object.assign(globalThis, { window: globalThis, document: {} }) // composables are live in a browser
const EVENTS = 100_000

function options(server: FakeServer): SockudoClientOptions {
  return {
    wsHost: 'bench.test', wsPort: 1, forceTls: false, webSocket: server.WebSocket,
    channelAuthorization: { customHandler: async ({ socketId, channelName }) => ({ auth: `k:${socketId}:${channelName}`, channelData: JSON.stringify({ user_id: 'me' }) }) },
  }
}

const frame = (i: number) => JSON.stringify({ event: 'trade', channel: 'bench', data: JSON.stringify({ id: i, symbol: 'BTC-USD', price: 43000 + i / 10, size: 0.25 }) })
const cpu = (fn: () => void): number => {
  const start = process.cpuUsage()
  fn()
  const used = process.cpuUsage(start)
  return used.user + used.system
}
const frames = Array.from({ length: EVENTS }, (_, i) => frame(i))
const feed = (socket: FakeSocket) => frames.forEach((f) => socket.serverSend(f))

async function corePath(): Promise<number> {
  const server = new FakeServer()
  const client = new SockudoClient('app-key', options(server))
  let n = 0
  client.subscribe('bench').bind('trade', () => void n++)
  client.connect()
  await flush()
  server.subscribed(server.last, 'bench')
  const micros = cpu(() => feed(server.last))
  if (n !== EVENTS) throw new Error(`core path got ${n} events`)
  client.disconnect()
  return micros / EVENTS
}

async function mountApp(server: FakeServer) {
  const app = createApp({ render: () => null })
  app.use(createPinia())
  const sockudo = createSockudo({ key: 'app-key', ...options(server), autoConnect: false })
  app.use(sockudo)
  return { app, sockudo }
}

async function storePath(): Promise<number> {
  const server = new FakeServer()
  const { app, sockudo } = await mountApp(server)
  let n = 0
  const log = app.runWithContext(() => effectScope().run(() => {
    useChannel('bench').on('trade', () => void n++)
    return useEventLog('bench', 'trade', { max: 100 })
  }))!
  sockudo.client.connect()
  await flush()
  server.subscribed(server.last, 'bench')
  const micros = cpu(() => feed(server.last))
  if (n !== EVENTS || log.events.value.length !== 100) throw new Error(`store path got ${n} events, log ${log.events.value.length}`)
  sockudo.dispose()
  return micros / EVENTS
}

async function presenceCurve(members = 10_000, bucket = 1_000): Promise<{ join: number[]; leave: number[] }> {
  const server = new FakeServer()
  const { app, sockudo } = await mountApp(server)
  const presence = app.runWithContext(() => effectScope().run(() => usePresence('presence-room')))!
  sockudo.client.connect()
  await flush(20)
  server.subscribed(server.last, 'presence-room', { presence: { ids: ['me'], hash: { me: null }, count: 1 } })
  const send = (event: string, i: number) => server.last.serverSend({ event: `pusher_internal:${event}`, channel: 'presence-room', data: JSON.stringify({ user_id: `u${i}`, user_info: { name: `User ${i}` } }) })
  const curve = (event: string) => {
    const out: number[] = []
    for (let start = 0; start < members; start += bucket) out.push(cpu(() => { for (let i = start; i < start + bucket; i++) send(event, i) }) / bucket)
    return out
  }
  const join = curve('member_added')
  if (presence.count.value !== members + 1) throw new Error(`roster has ${presence.count.value}`)
  const leave = curve('member_removed')
  if (presence.count.value !== 1) throw new Error(`roster has ${presence.count.value} after leaving`)
  sockudo.dispose()
  return { join, leave }
}

export async function runVueBench(): Promise<string> {
  const core: number[] = []
  const store: number[] = []
  for (let round = 0; round < 3; round++) {
    core.push(await corePath())
    store.push(await storePath())
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[1]!
  const c = median(core)
  const s = median(store)
  await presenceCurve(2_000) // warm-up, so the curve shows the roster's cost, not the JIT's
  const { join, leave } = await presenceCurve()
  const fmt = (v: number[]) => v.map((x) => x.toFixed(2)).join(' · ')
  return [
    `Vue layer: ${EVENTS.toLocaleString('en')} events fed synchronously by the fake server, CPU µs per event (median of 3)`,
    '',
    '| path | CPU µs/event | vs core callback |',
    '| --- | --- | --- |',
    `| core \`channel.bind\` | ${c.toFixed(2)} | 1.00x |`,
    `| \`useChannel\` + \`useEventLog\` (Pinia store) | ${s.toFixed(2)} | ${(s / c).toFixed(2)}x |`,
    '',
    'Presence roster through the Pinia store, 10,000 members: CPU µs per event for each block of 1,000 events',
    '',
    `- join: ${fmt(join)}`,
    `- leave: ${fmt(leave)}`,
    `- last block / first block: join ${(join.at(-1)! / join[0]!).toFixed(2)}x, leave ${(leave.at(-1)! / leave[0]!).toFixed(2)}x (flat ≈ 1: linear total cost)`,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) runVueBench().then((t) => console.log(t))
