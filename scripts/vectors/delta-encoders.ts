/**
 * Real encoders for the delta vectors: Debian's `xdelta3` binary (VCDIFF) and the npm
 * `fossil-delta` package's `createDelta` (the same algorithm as the server's Rust crate).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDelta } from 'fossil-delta'

/** Path of the xdelta3 binary. */
export const XDELTA3 = process.env.XDELTA3 ?? '/usr/bin/xdelta3'

/**
 * xdelta3 flag sets. `server` is the closest to what Sockudo emits (oxidelta with
 * `checksum: false`, no secondary compressor, no application header; v2-features.md §1.13).
 */
export const XDELTA3_VARIANTS = {
  /** No secondary compression, no app header, no checksum: the server's shape. */
  server: ['-S', 'none', '-A', '-n'],
  /** As `server` but with xdelta3's Adler-32 window checksum (VCD_ADLER32). */
  adler32: ['-S', 'none', '-A'],
  /** xdelta3's own default header: application header (file names) plus Adler-32. */
  appheader: ['-S', 'none'],
  /** Highest compression level, no checksum. */
  level9: ['-9', '-S', 'none', '-A', '-n'],
  /** Debian default: LZMA secondary compression; decoders must refuse it. */
  lzma: [],
} as const satisfies Record<string, readonly string[]>

/** Name of an xdelta3 flag set. */
export type Xdelta3Variant = keyof typeof XDELTA3_VARIANTS

/** Runs `xdelta3 -e <flags> -s base target` in a temp dir and returns the delta bytes. */
export function xdelta3Encode(base: Uint8Array, target: Uint8Array, flags: readonly string[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'sockudo-xd3-'))
  try {
    // Fixed file names keep the application header (which stores them) deterministic.
    writeFileSync(join(dir, 'base'), base)
    writeFileSync(join(dir, 'target'), target)
    execFileSync(XDELTA3, ['-e', '-f', ...flags, '-s', 'base', 'target', 'delta'], { cwd: dir })
    return new Uint8Array(readFileSync(join(dir, 'delta')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs `xdelta3 -d -s base delta` and returns the decoded bytes. */
export function xdelta3Decode(base: Uint8Array, delta: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'sockudo-xd3-'))
  try {
    writeFileSync(join(dir, 'base'), base)
    writeFileSync(join(dir, 'delta'), delta)
    execFileSync(XDELTA3, ['-d', '-f', '-s', 'base', 'delta', 'out'], { cwd: dir })
    return new Uint8Array(readFileSync(join(dir, 'out')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Fossil delta turning `base` into `target`. */
export function fossilEncode(base: Uint8Array, target: Uint8Array): Uint8Array {
  return createDelta(base, target)
}
