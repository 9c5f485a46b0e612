/**
 * End to end: HTTP publish → Vue/Pinia store, through the REAL Sockudo. One real server for the
 * suite; per round, each client in turn runs in its own process (./client.ts), subscribes to
 * `bench`, and once the server reports the channel occupied a publisher process (./publisher.ts:
 * `/batch_events` requests of 10 events, signed by the `pusher` server SDK) sends `count` events.
 * Reported: messages per second (received / wall time from the first to the last event), the
 * client's process CPU per message, and the share delivered. Left out, with one line saying why, when the pinned binary is missing.
 *
 * Run alone: `npx tsx test/bench/e2e/run.ts` (BENCH_COUNT, BENCH_ROUNDS).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import Pusher from 'pusher'
import { findRealBinary, installHint } from '../../real-server/binary'
import { REAL_APP, startRealServer } from '../../real-server/server'
import type { E2eResult, E2eVariant } from './client'

const here = fileURLToPath(new URL('.', import.meta.url))
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
const VARIANTS: readonly E2eVariant[] = ['sockudo-pinia', 'pusher-js']
const LABELS: Record<E2eVariant, string> = {
  'sockudo-pinia': 'ours: `createSockudo` + `useChannel` → Pinia channels store',
  'pusher-js': 'pusher-js: `subscribe().bind()`',
}

/** Runs a tsx script; resolves with its last stdout line once it exits 0. */
function runScript(script: string, args: string[], timeoutMs: number): { done: Promise<string>; kill: () => void } {
  const child = spawn(tsx, [`${here}${script}`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const timer = setTimeout(() => child.kill(), timeoutMs)
  const done = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => {
      clearTimeout(timer)
      const line = out.trim().split('\n').pop() ?? ''
      if (code === 0 && line) resolve(line)
      else reject(new Error(`${script} ${args.join(' ')}: exit ${code} (${out.trim() || 'no output'})`))
    })
  })
  done.catch(() => undefined) // a run abandoned after another failure must not crash the suite
  return { done, kill: () => child.kill() }
}

/** Waits until the server reports `bench` as occupied (or not). */
async function waitOccupied(rest: Pusher, occupied: boolean): Promise<void> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const info = (await (await rest.get({ path: '/channels/bench' })).json()) as { occupied?: boolean }
    if (Boolean(info.occupied) === occupied) return
    if (Date.now() > deadline) throw new Error(`channel bench never became ${occupied ? 'occupied' : 'vacant'}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** One client run: subscribe, publish `count` events, collect the client's figures. */
async function runOnce(variant: E2eVariant, port: number, rest: Pusher, count: number, inFlight: number): Promise<E2eResult> {
  await waitOccupied(rest, false)
  const client = runScript('client.ts', [variant, String(port), String(count)], 120_000)
  try {
    await Promise.race([waitOccupied(rest, true), client.done])
    await runScript('publisher.ts', [String(port), 'bench', String(count), String(inFlight)], 120_000).done
    return JSON.parse(await client.done) as E2eResult
  } finally {
    client.kill()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

interface Figures { msgsPerSec: number; cpuUsPerMsg: number; delivered: number }

function figures(r: E2eResult, count: number): Figures {
  const intervals = Math.max(1, r.received - 1)
  return { msgsPerSec: intervals / (r.wallMs / 1000), cpuUsPerMsg: r.cpuMicros / intervals, delivered: r.received / count }
}

/** The end-to-end table, or '' (and one line on stderr) when the real server is not installed. */
export async function runE2e(options: { count?: number; rounds?: number; inFlight?: number } = {}): Promise<string> {
  const binary = findRealBinary()
  if (!binary.ok) {
    console.error(`[bench] e2e left out: ${binary.reason}. Install the pinned Sockudo: ${installHint()}`)
    return ''
  }
  const count = options.count ?? 50_000
  const rounds = options.rounds ?? 3
  const inFlight = options.inFlight ?? 8
  const server = await startRealServer({ env: { RUST_LOG: 'warn' } })
  const rest = new Pusher({ appId: REAL_APP.id, key: REAL_APP.key, secret: REAL_APP.secret, host: server.host, port: String(server.port), useTLS: false })
  const samples = new Map<E2eVariant, Figures[]>(VARIANTS.map((v) => [v, []]))
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate the order so neither client always runs on the warmer server.
      for (const variant of round % 2 ? [...VARIANTS].reverse() : VARIANTS) {
        samples.get(variant)!.push(figures(await runOnce(variant, server.port, rest, count, inFlight), count))
      }
    }
  } finally {
    await server.stop()
  }
  const pick = (v: E2eVariant, key: keyof Figures) => median(samples.get(v)!.map((f) => f[key]))
  const rows = VARIANTS.map((v) =>
    `| ${LABELS[v]} | ${Math.round(pick(v, 'msgsPerSec')).toLocaleString('en')} | ${pick(v, 'cpuUsPerMsg').toFixed(2)} | ${(pick(v, 'delivered') * 100).toFixed(1)} % |`)
  const ratio = pick('sockudo-pinia', 'msgsPerSec') / pick('pusher-js', 'msgsPerSec')
  const cpuRatio = pick('pusher-js', 'cpuUsPerMsg') / pick('sockudo-pinia', 'cpuUsPerMsg')
  return [
    `End to end: ${count.toLocaleString('en')} events of ~200 bytes published over HTTP (\`/batch_events\` requests of 10 events signed by the \`pusher\` server SDK, ${inFlight} in flight) through the real Sockudo ${binary.version} to one subscriber, median of ${rounds} rounds, each client in its own process`,
    '',
    '| subscriber | msgs/s (first → last event) | client CPU µs/msg | delivered |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Ours / pusher-js: ${ratio.toFixed(2)}x the messages per second; pusher-js spends ${cpuRatio.toFixed(2)}x our client CPU per message. Messages per second are bounded by the slowest of publisher, server and client (all on this machine); CPU per message is the subscriber's own cost.`,
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runE2e({ count: Number(process.env.BENCH_COUNT ?? 50_000), rounds: Number(process.env.BENCH_ROUNDS ?? 3) }).then((table) => console.log(table), (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
