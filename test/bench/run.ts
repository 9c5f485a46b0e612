/**
 * `npm run bench`: every benchmark, each side by side with its peer in the same run, reported as
 * ratios. Prints the tables and writes them into README.md between the bench markers.
 * Select suites with `npm run bench -- throughput delta` (default: all). The official client's
 * columns need `SOCKUDO_OFFICIAL_CLIENT` (`npm run bench:official`); the e2e suite, the real Sockudo.
 */
import './define-production'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { runDeltaBench } from './delta/run'
import { runE2e } from './e2e/run'
import { runMemory } from './memory/run'
import { runReconnect } from './reconnect/run'
import { runThroughput } from './throughput/run'
import { runVueBench } from './vue/run'
import { measureBundle, pusherJsGzip } from '../size/size'

async function bundleTable(): Promise<string> {
  const report = await measureBundle()
  const pusher = pusherJsGzip()
  const lazy = Object.entries(report.lazy).map(([file, bytes]) => `${file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '')} ${(bytes / 1024).toFixed(1)} KB`)
  return [
    'Bundle size: Vite production build of a minimal Vue app (SockudoPlugin + useChannel + usePresence, JSON), vue and pinia excluded, gzip -9',
    '',
    '| | gzipped | ratio |',
    '| --- | --- | --- |',
    `| @sockudo/vue, loaded up front | ${(report.initialGzip / 1024).toFixed(1)} KB | ${(report.initialGzip / pusher).toFixed(2)}x |`,
    `| pusher-js web build (pusher.min.js) | ${(pusher / 1024).toFixed(1)} KB | 1.00x |`,
    '',
    `Loaded only when used: ${lazy.join(', ')}. Vite's modulepreload helper (${(report.viteRuntimeGzip / 1024).toFixed(1)} KB, the bundler's runtime in any code-split app) is not counted.`,
  ].join('\n')
}

const suites: Record<string, () => Promise<string> | string> = {
  throughput: () => runThroughput(),
  vue: () => runVueBench(),
  delta: () => runDeltaBench(),
  memory: () => runMemory(),
  reconnect: () => runReconnect(),
  e2e: () => runE2e(),
  bundle: () => bundleTable(),
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => a in suites)
  const names = wanted.length ? wanted : Object.keys(suites)
  const tables: string[] = []
  for (const name of names) {
    console.error(`[bench] ${name}…`)
    const table = await suites[name]!()
    if (!table) continue // a suite that cannot run here said why on stderr
    console.log(`\n${table}\n`)
    tables.push(table)
  }
  if (wanted.length) return
  const header = `Measured with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}. CPU figures are process CPU time (not wall time), so they hold on a busy machine better than timings do; ratios compare peers measured in the same run.`
  const readme = new URL('../../README.md', import.meta.url)
  const text = readFileSync(readme, 'utf8')
  const start = '<!-- bench:start -->'
  const end = '<!-- bench:end -->'
  if (!text.includes(start) || !text.includes(end)) return console.error('[bench] README has no bench markers; tables not written')
  const body = [header, ...tables].join('\n\n')
  writeFileSync(readme, text.slice(0, text.indexOf(start) + start.length) + `\n${body}\n` + text.slice(text.indexOf(end)))
  console.error('[bench] README.md updated')
}

void main()
