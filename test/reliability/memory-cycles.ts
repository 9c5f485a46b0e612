/**
 * Run as `node --expose-gc --import tsx test/reliability/memory-cycles.ts` with SOCKUDO_PORT
 * (and optionally SOCKUDO_HOST, SOCKUDO_APP_ID/KEY/SECRET, CYCLES) set: subscribes and unsubscribes CYCLES channels
 * (unique names, every fourth a presence channel, each with a bound callback) in batches on
 * one SockudoClient and prints one JSON line `{ cycles, before, after, ratio }` of heapUsed
 * bytes measured after full GCs. The server runs in another process, so only the client counts.
 */
// Measures what a production build ships (and defines __DEV__, which a bundler would replace).
import '../bench/define-production'
import Pusher from 'pusher'
import { SockudoClient } from '../../src/core'
import { APP } from './support-app'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')
const host = process.env.SOCKUDO_HOST ?? '127.0.0.1'
const port = Number(process.env.SOCKUDO_PORT)
const cycles = Number(process.env.CYCLES ?? 10_000)
const BATCH = 100

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timeout: ${what}`)
    await sleep(2)
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

async function run(client: SockudoClient, from: number, count: number): Promise<void> {
  for (let start = from; start < from + count; start += BATCH) {
    const names = Array.from({ length: BATCH }, (_, k) => `${(start + k) % 4 === 0 ? 'presence-' : ''}leak-${start + k}`)
    const channels = names.map((name) => {
      const channel = client.subscribe(name)
      channel.bind('tick', () => undefined)
      return channel
    })
    await until(() => channels.every((c) => c.state === 'subscribed'), 'batch subscribed')
    for (const name of names) client.unsubscribe(name)
  }
}

async function main(): Promise<void> {
  const app = { id: process.env.SOCKUDO_APP_ID ?? APP.id, key: process.env.SOCKUDO_APP_KEY ?? APP.key, secret: process.env.SOCKUDO_APP_SECRET ?? APP.secret }
  const sdk = new Pusher({ appId: app.id, key: app.key, secret: app.secret, host, port: String(port), useTLS: false })
  const client = new SockudoClient(app.key, {
    wsHost: host, wsPort: port, forceTls: false,
    channelAuthorization: { customHandler: async ({ socketId, channelName }) => sdk.authorizeChannel(socketId, channelName, { user_id: 'leak-user' }) as unknown as Record<string, unknown> },
  })
  client.connect()
  await until(() => client.connection.state === 'connected', 'connected')
  await run(client, 0, 1000) // warm-up: JIT, lazily created maps, socket buffers
  const before = await heap()
  await run(client, 1000, cycles)
  const after = await heap()
  client.disconnect()
  process.stdout.write(`${JSON.stringify({ cycles, before, after, ratio: after / before })}\n`)
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})
