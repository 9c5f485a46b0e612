/** Loads the committed delta vectors (test/vectors/delta) and rebuilds the 256 KB case. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildVectorSet, type DeltaVector } from '../../../scripts/vectors/make-delta-vectors'
import { large256k } from '../../../scripts/vectors/delta-payloads'

/** A base/target pair with every delta made for it. */
export interface LoadedCase {
  name: string
  base: Uint8Array
  target: Uint8Array
  deltas: DeltaVector[]
}

interface ManifestCase {
  name: string
  deltas: Omit<DeltaVector, 'bytes'>[]
}

const root = fileURLToPath(new URL('../../vectors/delta/', import.meta.url))
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(root + path))

/** The committed cases, read from manifest.json. */
export function committedVectors(): LoadedCase[] {
  const manifest = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8')) as { cases: ManifestCase[] }
  return manifest.cases.map((c) => ({
    name: c.name,
    base: read(`${c.name}/base.bin`),
    target: read(`${c.name}/target.bin`),
    deltas: c.deltas.map((d) => ({ ...d, bytes: read(`${c.name}/${d.file}`) })),
  }))
}

/** The ~256 KB case, encoded now with the real xdelta3 binary and fossil-delta. */
export function largeVectors(): LoadedCase {
  const c = large256k()
  return { name: c.name, base: c.base, target: c.target, deltas: buildVectorSet(c, { windowed: true }) }
}

/** Decodes standard base64. */
export const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'))
/** UTF-8 bytes of a string. */
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
