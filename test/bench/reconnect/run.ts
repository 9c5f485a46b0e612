/**
 * Reconnect: one client holds 500 public channels on the local test server; the server goes
 * away (every socket dropped, port closed) for `outageMs` and comes back. Measured from the
 * moment it listens again: until the client is connected, and until all 500 channels are
 * subscribed again (the subscribes go out together, none waits for another). SockudoClient and
 * pusher-js run one after the other in the same process against the same server, each with its
 * default reconnection settings; medians of `rounds` runs. No assertions.
 *
 * Run alone: `npx tsx test/bench/reconnect/run.ts`.
 */
import '../define-production'
import { fileURLToPath } from 'node:url'
import Pusher from 'pusher-js'
import { SockudoClient } from '../../../src/core'
import { startServer, type TestServer } from '../../stand-in'
import { DEFAULT_APP } from '../../stand-in/config'

const CHANNELS = 500
const LIBS = ['sockudo', 'pusher-js'] as const
type Lib = (typeof LIBS)[number]

interface Probe {
  /** Resolves with performance.now() when connected next. */
  nextConnected(): Promise<number>
  /** Resolves with performance.now() once every channel is subscribed (counting from now). */
  allSubscribed(): Promise<number>
  /** Resolves once every channel shows as not subscribed (after the drop). */
  allLost(): Promise<void>
  close(): void
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const names = Array.from({ length: CHANNELS }, (_, i) => `reconnect-${i}`)

async function poll(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('reconnect bench: timeout')
    await sleep(5)
  }
}

function sockudoProbe(port: number): Probe {
  const c = new SockudoClient(DEFAULT_APP.key, { wsHost: '127.0.0.1', wsPort: port, forceTls: false })
  const channels = names.map((n) => c.subscribe(n))
  let subscribed = 0
  let onAll: (() => void) | undefined
  c.on('subscription_state', ({ current }) => {
    if (current === 'subscribed' && ++subscribed === CHANNELS) onAll?.()
  })
  c.connect()
  return {
    nextConnected: () => new Promise((resolve) => {
      const off = c.on('connected', () => {
        off()
        resolve(performance.now())
      })
    }),
    allSubscribed: () => new Promise((resolve) => {
      if (subscribed >= CHANNELS) return resolve(performance.now())
      onAll = () => resolve(performance.now())
    }),
    allLost: async () => {
      await poll(() => channels.every((ch) => ch.state !== 'subscribed'))
      subscribed = 0
    },
    close: () => c.disconnect(),
  }
}

function pusherProbe(port: number): Probe {
  const p = new Pusher(DEFAULT_APP.key, { cluster: 'local', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], disableStats: true })
  let subscribed = 0
  let onAll: (() => void) | undefined
  const channels = names.map((n) => {
    const ch = p.subscribe(n)
    ch.bind('pusher:subscription_succeeded', () => {
      if (++subscribed === CHANNELS) onAll?.()
    })
    return ch
  })
  return {
    nextConnected: () => new Promise((resolve) => {
      const listener = () => {
        p.connection.unbind('connected', listener)
        resolve(performance.now())
      }
      p.connection.bind('connected', listener)
    }),
    allSubscribed: () => new Promise((resolve) => {
      if (subscribed >= CHANNELS) return resolve(performance.now())
      onAll = () => resolve(performance.now())
    }),
    allLost: async () => {
      await poll(() => channels.every((ch) => !ch.subscribed))
      subscribed = 0
    },
    close: () => p.disconnect(),
  }
}

/** One round: subscribe 500, drop, wait `outageMs`, come back, time the recovery. */
async function round(server: TestServer, lib: Lib, outageMs: number): Promise<{ connect: number; resubscribe: number }> {
  const probe = lib === 'sockudo' ? sockudoProbe(server.port) : pusherProbe(server.port)
  try {
    await probe.allSubscribed()
    await server.pause()
    await probe.allLost()
    await sleep(outageMs)
    const connected = probe.nextConnected()
    await server.resume()
    const back = performance.now()
    const allSubscribed = probe.allSubscribed()
    const at = await connected
    const done = await allSubscribed
    return { connect: at - back, resubscribe: done - at }
  } finally {
    probe.close()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ms = (v: number) => `${Math.round(v).toLocaleString('en-US')} ms`

export async function runReconnect(options: { rounds?: number; outageMs?: number } = {}): Promise<string> {
  const rounds = options.rounds ?? 3
  const outageMs = options.outageMs ?? 2000
  const server = await startServer({ port: 0 })
  const rows: string[] = []
  try {
    for (const lib of LIBS) {
      const samples: { connect: number; resubscribe: number }[] = []
      for (let r = 0; r < rounds; r++) samples.push(await round(server, lib, outageMs))
      const connect = median(samples.map((s) => s.connect))
      const resubscribe = median(samples.map((s) => s.resubscribe))
      const total = median(samples.map((s) => s.connect + s.resubscribe))
      rows.push(`| ${lib === 'sockudo' ? 'SockudoClient' : 'pusher-js'} | ${ms(connect)} | ${ms(resubscribe)} | ${ms(total)} |`)
    }
  } finally {
    await server.close()
  }
  return [
    `### Reconnect with ${CHANNELS} channels (server away ${outageMs} ms, median of ${rounds} runs)`,
    '',
    '| Client | Server back → connected | Connected → all resubscribed | Total |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    '"Server back → connected" is mostly the waiting time of the reconnection backoff (defaults of each library); "connected → all resubscribed" is the resubscription itself.',
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runReconnect().then((table) => console.log(table), (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
