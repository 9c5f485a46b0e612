/**
 * Delta decoder benchmark: reconstruction throughput (MB/s of output) of our pure decoders
 * versus `fossil-delta`, `@ably/vcdiff-decoder` and native `xdelta3 -d`, on the committed
 * vectors plus the 256 KB case. Run: `npx tsx test/bench/delta/run.ts`.
 *
 * In-process decoders: warm up, then three rounds of `MIN_MS / 3`; the figure is the best
 * round's output bytes × runs / elapsed. Native xdelta3 needs a process per decode: the table
 * shows its median wall time per decode (what a client shelling out would pay), the median
 * run of `xdelta3 -V` (process start alone; on this machine it is most of the decode time, even
 * at 256 KB) and the ratio of native wall time to ours. Numbers vary with machine load; they
 * are for comparison, never asserted.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyDelta } from 'fossil-delta'
import { decode as ablyDecode } from '@ably/vcdiff-decoder'
import { applyFossilDelta, applyVcdiffDelta } from '../../../src/core/delta/decoders'
import { committedCases, large256k, type DeltaCase } from '../../../scripts/vectors/delta-payloads'
import { XDELTA3, XDELTA3_VARIANTS, fossilEncode, xdelta3Encode } from '../../../scripts/vectors/delta-encoders'

const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 300)
const SPAWNS = Number(process.env.BENCH_SPAWNS ?? 15)

type Decode = (base: Uint8Array, delta: Uint8Array) => Uint8Array

/** MB/s of output for one in-process decoder: best of 3 timed rounds (the machine is shared). */
function throughput(decode: Decode, base: Uint8Array, delta: Uint8Array): number {
  let out = decode(base, delta)
  for (let i = 0; i < 20; i++) out = decode(base, delta)
  let best = 0
  for (let round = 0; round < 3; round++) {
    let runs = 0
    const start = performance.now()
    let elapsed = 0
    while (elapsed < MIN_MS / 3) {
      out = decode(base, delta)
      runs++
      elapsed = performance.now() - start
    }
    best = Math.max(best, (out.length * runs) / 1e6 / (elapsed / 1000))
  }
  return best
}

function medianSpawnMs(file: string, args: string[], cwd: string): number {
  const times: number[] = []
  for (let i = 0; i < SPAWNS; i++) {
    const t = performance.now()
    execFileSync(file, args, { cwd, stdio: 'ignore' })
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] as number
}

/** Native xdelta3: median wall ms of `xdelta3 -d` (process start included) and of `xdelta3 -V` (start only). */
function nativeXdelta3(c: DeltaCase, delta: Uint8Array): { wallMs: number; startMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'sockudo-bench-'))
  try {
    writeFileSync(join(dir, 'base'), c.base)
    writeFileSync(join(dir, 'delta'), delta)
    const wallMs = medianSpawnMs(XDELTA3, ['-d', '-f', '-s', 'base', 'delta', 'out'], dir)
    return { wallMs, startMs: medianSpawnMs(XDELTA3, ['-V'], dir) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1))

function benchCase(c: DeltaCase): string[] {
  const fossil = fossilEncode(c.base, c.target)
  const vcdiff = xdelta3Encode(c.base, c.target, XDELTA3_VARIANTS.server)
  const oursF = throughput(applyFossilDelta, c.base, fossil)
  const pkgF = throughput((b, d) => applyDelta(b, d), c.base, fossil)
  const oursV = throughput(applyVcdiffDelta, c.base, vcdiff)
  const ably = throughput((b, d) => ablyDecode(d, b), c.base, vcdiff)
  const native = nativeXdelta3(c, vcdiff)
  const oursMs = c.target.length / 1e6 / oursV * 1000
  return [
    c.name, String(c.target.length), String(fossil.length), String(vcdiff.length),
    fmt(oursF), fmt(pkgF), `${(oursF / pkgF).toFixed(2)}×`,
    fmt(oursV), fmt(ably), `${(oursV / ably).toFixed(2)}×`,
    native.wallMs.toFixed(1), native.startMs.toFixed(1),
    `${(native.wallMs / oursMs).toFixed(0)}×`,
  ]
}

/** Runs the benchmark and returns the table as text. */
export function runDeltaBench(): string {
  const header = ['case', 'target B', 'fossil B', 'vcdiff B', 'ours fossil MB/s', 'fossil-delta MB/s', 'ours/pkg', 'ours vcdiff MB/s', 'ably MB/s', 'ours/ably', 'xdelta3 -d ms/decode', 'xdelta3 -V ms', 'native ms / ours ms']
  const rows = [header, ...[...committedCases(), large256k()].map(benchCase)]
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]): string => `| ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n')
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) process.stdout.write(`Delta decoders (Node ${process.version})\n${runDeltaBench()}\n`)
