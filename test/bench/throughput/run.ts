/**
 * Inbound throughput: the blaster sends N ~200-byte events on one channel; each variant runs in
 * its own process (the client bundled once, see ./bundle) and reports process CPU time per
 * message. Each of `rounds` rounds runs every variant once, and each variant's median is kept.
 * Ratios are against the floor (a bare `ws` client doing two JSON.parse); `floor-v2` does the
 * same on the V2 frames.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { OFFICIAL_HINT, OFFICIAL_VARIANTS, officialLabel, officialPath } from '../official'
import { bundleClient } from './bundle'
import type { Variant } from './client'

interface Result { variant: Variant; count: number; cpuMicros: number; wallMs: number; perMsgUs: number }

const here = fileURLToPath(new URL('.', import.meta.url))
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))

function startBlaster(count: number): Promise<{ port: number; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [`${here}blaster.ts`, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /port=(\d+)/.exec(chunk.toString())
      if (match) resolve({ port: Number(match[1]), stop: () => child.kill() })
    })
    child.once('exit', (code) => reject(new Error(`blaster exited with ${code}`)))
  })
}

function runClient(client: string, variant: Variant, port: number, count: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NODE_ENV: 'production' }
    const child = spawn(process.execPath, [client, variant, String(port), String(count)], { stdio: ['ignore', 'pipe', 'inherit'], env })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const timer = setTimeout(() => child.kill(), 120_000)
    child.once('exit', () => {
      clearTimeout(timer)
      const line = out.trim().split('\n').pop() ?? ''
      try {
        resolve(JSON.parse(line) as Result)
      } catch {
        reject(new Error(`${variant}: no result (${out.trim() || 'no output'})`))
      }
    })
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

export async function runThroughput(options: { count?: number; rounds?: number; variants?: Variant[] } = {}): Promise<string> {
  const count = options.count ?? 200_000
  const rounds = options.rounds ?? 5
  const official = officialPath() ? OFFICIAL_VARIANTS : []
  const variants = options.variants ?? ['floor', 'floor-v2', 'pusher-js', 'sockudo', 'sockudo-pinia', 'sockudo-v2', 'sockudo-v2-msgpack', 'sockudo-v2-protobuf', ...official]
  const client = await bundleClient()
  // Rounds go over every variant in turn, so a slow stretch of a shared machine lands on all of
  // them alike instead of on the one variant that happened to be running.
  const samples = new Map<Variant, number[]>(variants.map((v) => [v, []]))
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const blaster = await startBlaster(count)
      try {
        samples.get(variant)!.push((await runClient(client, variant, blaster.port, count)).perMsgUs)
      } catch (error) {
        console.error(String(error))
      } finally {
        blaster.stop()
      }
    }
  }
  const perMsg = new Map([...samples].filter(([, s]) => s.length > 0).map(([v, s]) => [v, median(s)]))
  const floor = perMsg.get('floor') ?? NaN
  const core = perMsg.get('sockudo') ?? NaN
  const pusher = perMsg.get('pusher-js') ?? NaN
  const rows = [...perMsg].map(([variant, us]) =>
    `| ${variant} | ${us.toFixed(2)} | ${(us / floor).toFixed(2)}x | ${(us / core).toFixed(2)}x | ${(pusher / us).toFixed(2)}x |`)
  const label = officialLabel()
  return [
    `Inbound throughput: ${count.toLocaleString('en')} events of ~200 bytes on one channel, CPU µs per message (median of ${rounds} runs, each in its own process, bundled as an app ships it and run with plain \`node\`)${label ? `; official-* is ${label}` : ''}. \`floor-v2\` is the floor reading the V2 frames of the same events.`,
    '',
    '| client | CPU µs/msg | vs floor | vs SockudoClient | pusher-js is slower by |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(label ? [] : ['', OFFICIAL_HINT]),
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runThroughput({ count: Number(process.env.BENCH_COUNT ?? 200_000), rounds: Number(process.env.BENCH_ROUNDS ?? 5) }).then((table) => console.log(table))
}
