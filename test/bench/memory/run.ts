/**
 * Memory per subscribed channel (1,000 public channels) and per presence member (a roster of
 * 10,000), SockudoClient next to pusher-js (and the official client, V1, when
 * `SOCKUDO_OFFICIAL_CLIENT` points at its Node build: see ../official.ts). Each measurement runs in its own
 * `node --expose-gc` process against a local roster server (a raw `ws` server that confirms
 * every subscription, with the same 10,000-member roster for each presence channel), so
 * both libraries see identical frames. Medians of `rounds` runs; no timing, no assertions.
 *
 * Run alone: `npx tsx test/bench/memory/run.ts`.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startFuzzServer } from '../../reliability/fuzz-server'
import { OFFICIAL_HINT, officialLabel } from '../official'

const measure = fileURLToPath(new URL('./measure.ts', import.meta.url))
const root = fileURLToPath(new URL('../../..', import.meta.url))
const SCENARIOS = [
  { scenario: 'channels', n: 1000, label: 'per subscribed channel (1,000 channels)' },
  { scenario: 'members', n: 10_000, label: 'per presence member (10,000 members)' },
] as const

function run(lib: string, scenario: string, port: number, n: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = ['--expose-gc', '--import', 'tsx', measure, lib, scenario, String(port), String(n)]
    execFile(process.execPath, args, { cwd: root, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${lib} ${scenario}: ${stderr || error.message}`))
      resolve((JSON.parse(stdout.trim().split('\n').at(-1)!) as { perItem: number }).perItem)
    })
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const fmt = (bytes: number) => `${Math.round(bytes).toLocaleString('en-US')} B`

export async function runMemory(options: { rounds?: number } = {}): Promise<string> {
  const rounds = options.rounds ?? 3
  const label = officialLabel()
  const libs = label ? ['sockudo', 'pusher-js', 'official'] : ['sockudo', 'pusher-js']
  const roster = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`user-${i}`, { name: `User ${i}`, avatar: `https://example.test/a/${i}.png` }]))
  const server = await startFuzzServer(roster)
  const rows: string[] = []
  try {
    for (const { scenario, n, label: title } of SCENARIOS) {
      const result: Record<string, number> = {}
      for (const lib of libs) {
        const samples: number[] = []
        for (let r = 0; r < rounds; r++) samples.push(await run(lib, scenario, server.port, n))
        result[lib] = median(samples)
      }
      const official = result.official === undefined ? [] : [fmt(result.official), (result.sockudo! / result.official).toFixed(2)]
      rows.push(`| ${[title, fmt(result.sockudo!), fmt(result['pusher-js']!), (result.sockudo! / result['pusher-js']!).toFixed(2), ...official].join(' | ')} |`)
    }
  } finally {
    await server.close()
  }
  return [
    `### Memory (heapUsed after full GC, median of ${rounds} runs, each in its own process)`,
    '',
    `| Heap | SockudoClient | pusher-js | Ratio (Sockudo / pusher-js) |${label ? ' official client | Ratio (Sockudo / official) |' : ''}`,
    `| --- | ---: | ---: | ---: |${label ? ' ---: | ---: |' : ''}`,
    ...rows,
    '',
    `Retained heap only (after \`gc()\`); per-item cost = (heap after − heap before) / items. Lower is better.${label ? ` Official client: ${label}, protocol V1.` : ''}`,
    ...(label ? [] : ['', OFFICIAL_HINT]),
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMemory({ rounds: Number(process.env.BENCH_ROUNDS ?? 3) }).then((table) => console.log(table), (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
