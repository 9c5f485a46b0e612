/**
 * Generates the delta decoder vectors under test/vectors/delta/ from real encoders
 * (`xdelta3` and `fossil-delta`). Run: `npx tsx scripts/vectors/make-delta-vectors.ts [outDir]`.
 * The 256 KB case is not committed; tests rebuild it with {@link buildVectorSet}.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { committedCases, type DeltaCase } from './delta-payloads'
import { XDELTA3_VARIANTS, fossilEncode, xdelta3Encode, type Xdelta3Variant } from './delta-encoders'

/** One delta of a case, as listed in manifest.json. */
export interface DeltaVector {
  /** File name inside the case folder. */
  file: string
  algorithm: 'fossil' | 'xdelta3'
  /** Encoder and flags that produced it. */
  encoder: string
  /** `ok` when decoders must reproduce target.bin, else the DeltaError code expected from ours. */
  expect: 'ok' | 'delta/unsupported'
  /** Whether the VCDIFF windows carry xdelta3's Adler-32 extension. */
  adler32: boolean
  bytes: Uint8Array
}

/** Extra flag set used for the large case only: 16 KiB windows, so the delta has many windows. */
const WINDOWED = ['-S', 'none', '-A', '-W', '16384'] as const

/** Encodes every delta of one case. */
export function buildVectorSet(c: DeltaCase, options: { windowed?: boolean } = {}): DeltaVector[] {
  const out: DeltaVector[] = [
    { file: 'fossil.delta', algorithm: 'fossil', encoder: 'fossil-delta@2 createDelta', expect: 'ok', adler32: false, bytes: fossilEncode(c.base, c.target) },
  ]
  for (const variant of Object.keys(XDELTA3_VARIANTS) as Xdelta3Variant[]) {
    const flags = XDELTA3_VARIANTS[variant]
    out.push({
      file: `xdelta3-${variant}.vcdiff`,
      algorithm: 'xdelta3',
      encoder: `xdelta3 -e ${flags.join(' ')}`.trim(),
      expect: variant === 'lzma' ? 'delta/unsupported' : 'ok',
      adler32: !(flags as readonly string[]).includes('-n'),
      bytes: xdelta3Encode(c.base, c.target, flags),
    })
  }
  if (options.windowed) {
    out.push({ file: 'xdelta3-windowed.vcdiff', algorithm: 'xdelta3', encoder: `xdelta3 -e ${WINDOWED.join(' ')}`, expect: 'ok', adler32: true, bytes: xdelta3Encode(c.base, c.target, WINDOWED) })
  }
  return out
}

function writeCase(outDir: string, c: DeltaCase): unknown {
  const dir = join(outDir, c.name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'base.bin'), c.base)
  writeFileSync(join(dir, 'target.bin'), c.target)
  const vectors = buildVectorSet(c)
  for (const v of vectors) writeFileSync(join(dir, v.file), v.bytes)
  return {
    name: c.name,
    description: c.description,
    baseBytes: c.base.length,
    targetBytes: c.target.length,
    deltas: vectors.map(({ bytes, ...rest }) => ({ ...rest, bytes: bytes.length })),
  }
}

function main(): void {
  const outDir = resolve(process.argv[2] ?? 'test/vectors/delta')
  const cases = committedCases().map((c) => writeCase(outDir, c))
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ generator: 'scripts/vectors/make-delta-vectors.ts', cases }, null, 2)}\n`)
  process.stdout.write(`wrote ${cases.length} cases to ${outDir}\n`)
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) main()
