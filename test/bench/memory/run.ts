/**
 * Memory per subscribed channel (1,000 public channels) and per presence member (a roster of
 * 10,000), SockudoClient next to pusher-js. Each measurement runs in its own
 * `node --expose-gc` process against a local roster server (a raw `ws` server that confirms
 * every subscription, with the same 10,000-member roster for each presence channel), so
 * both libraries see identical frames. Medians of `rounds` runs; no timing, no assertions.
 *
 * Run alone: `npx tsx test/bench/memory/run.ts`.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startFuzzServer } from '../../reliability/fuzz-server'

const measure = fileURLToPath(new URL('./measure.ts', import.meta.url))
const root = fileURLToPath(new URL('../../..', import.meta.url))
const LIBS = ['sockudo', 'pusher-js'] as const
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
  const roster = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`user-${i}`, { name: `User ${i}`, avatar: `https://example.test/a/${i}.png` }]))
  const server = await startFuzzServer(roster)
  const rows: string[] = []
  try {
    for (const { scenario, n, label } of SCENARIOS) {
      const result: Record<string, number> = {}
      for (const lib of LIBS) {
        const samples: number[] = []
        for (let r = 0; r < rounds; r++) samples.push(await run(lib, scenario, server.port, n))
        result[lib] = median(samples)
      }
      rows.push(`| ${label} | ${fmt(result.sockudo!)} | ${fmt(result['pusher-js']!)} | ${(result.sockudo! / result['pusher-js']!).toFixed(2)} |`)
    }
  } finally {
    await server.close()
  }
  return [
    `### Memory (heapUsed after full GC, median of ${rounds} runs, each in its own process)`,
    '',
    '| Heap | SockudoClient | pusher-js | Ratio (Sockudo / pusher-js) |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    'Retained heap only (after `gc()`); per-item cost = (heap after − heap before) / items. Lower is better.',
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMemory().then((table) => console.log(table), (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
