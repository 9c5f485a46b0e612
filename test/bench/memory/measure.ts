/**
 * One memory measurement in its own process (run with `node --expose-gc --import tsx`):
 * `measure.ts <sockudo|pusher-js|official> <channels|members> <port> <n>` connects to the roster server
 * on `port`, takes heapUsed after full GCs, subscribes `n` public channels (or one presence
 * channel whose roster has `n` members), measures again and prints `{ bytes, perItem }`.
 */
import '../define-production'
import Pusher from 'pusher-js'
import { SockudoClient } from '../../../src/core'
import { loadOfficial } from '../official'

type Lib = 'sockudo' | 'pusher-js' | 'official'
const [lib, scenario, portText, nText] = process.argv.slice(2) as [Lib, 'channels' | 'members', string, string]
const port = Number(portText)
const n = Number(nText)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

async function until(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timeout')
    await sleep(5)
  }
}

async function heap(): Promise<number> {
  let best = Infinity
  for (let i = 0; i < 4; i++) {
    await sleep(20)
    gc!()
    best = Math.min(best, process.memoryUsage().heapUsed)
  }
  return best
}

const auth = { auth: 'app-key:signature', channel_data: JSON.stringify({ user_id: 'me', user_info: {} }) }

interface Adapter { connected(): boolean; subscribe(name: string): () => boolean; members(name: string): number }

/** The official client (`SOCKUDO_OFFICIAL_CLIENT`), V1 like pusher-js; loaded before the first heap figure. */
async function openOfficial(): Promise<Adapter> {
  const Official = await loadOfficial()
  const o = new Official('app-key', {
    wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], protocolVersion: 7,
    channelAuthorization: { endpoint: '/unused', transport: 'fetch', customHandler: (_params, callback) => callback(null, auth) },
  })
  return {
    connected: () => o.connection.state === 'connected',
    subscribe: (name) => {
      const ch = o.subscribe(name)
      return () => ch.subscribed
    },
    members: (name) => o.channel(name)?.members?.count ?? 0,
  }
}

/** Adapter over the libraries: connect, subscribe, "is it subscribed", member count. */
async function open(): Promise<Adapter> {
  if (lib === 'official') return openOfficial()
  if (lib === 'sockudo') {
    const c = new SockudoClient('app-key', { wsHost: '127.0.0.1', wsPort: port, forceTls: false, channelAuthorization: { customHandler: async () => auth } })
    c.connect()
    return {
      connected: () => c.connection.state === 'connected',
      subscribe: (name) => {
        const ch = c.subscribe(name)
        return () => ch.state === 'subscribed'
      },
      members: (name) => (c.channel(name) as unknown as { members: { count: number } }).members.count,
    }
  }
  const p = new Pusher('app-key', {
    cluster: 'local', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], disableStats: true,
    channelAuthorization: { endpoint: '/unused', transport: 'ajax', customHandler: (_params, callback) => callback(null, auth) },
  })
  return {
    connected: () => p.connection.state === 'connected',
    subscribe: (name) => {
      const ch = p.subscribe(name)
      return () => ch.subscribed
    },
    members: (name) => (p.channel(name) as unknown as { members: { count: number } }).members.count,
  }
}

async function main(): Promise<void> {
  const client = await open()
  await until(client.connected)
  const before = await heap()
  if (scenario === 'channels') {
    const checks = Array.from({ length: n }, (_, i) => client.subscribe(`bench-${i}`))
    await until(() => checks.every((ok) => ok()))
  } else {
    const ok = client.subscribe('presence-bench')
    await until(() => ok() && client.members('presence-bench') >= n)
  }
  const after = await heap()
  process.stdout.write(`${JSON.stringify({ bytes: after - before, perItem: (after - before) / n })}\n`)
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})
