/**
 * Finds the pinned real Sockudo binary: `SOCKUDO_BIN`, else `$CARGO_HOME/bin/sockudo`
 * (`~/.cargo/bin/sockudo`), accepted only when `sockudo --version` prints the pinned version
 * from `pin.env`. Synchronous, so vitest.config.ts can decide which projects to run.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

/** `KEY=value` pairs of `pin.env`. */
export function readPin(): { version: string; cargoFeatures: string } {
  const text = readFileSync(join(here, 'pin.env'), 'utf8')
  const get = (key: string): string => {
    const line = text.split('\n').find((l) => l.startsWith(`${key}=`))
    if (!line) throw new Error(`test/real-server/pin.env has no ${key}`)
    return line.slice(key.length + 1).trim()
  }
  return { version: get('SOCKUDO_VERSION'), cargoFeatures: get('SOCKUDO_CARGO_FEATURES') }
}

/** The binary when it is the pinned version, or why it is not usable. */
export type RealBinary = { ok: true; path: string; version: string } | { ok: false; reason: string }

/** How to install the pinned server (printed when it is missing). */
export function installHint(): string {
  const pin = readPin()
  return `cargo install sockudo --locked --version ${pin.version} --features ${pin.cargoFeatures} (or run .ci/run; SOCKUDO_BIN=<path> picks another binary)`
}

/** Locates and checks the pinned real Sockudo binary. */
export function findRealBinary(): RealBinary {
  const pinned = readPin().version
  const path = process.env.SOCKUDO_BIN ?? join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin', 'sockudo')
  if (!existsSync(path)) return { ok: false, reason: `no Sockudo binary at ${path}` }
  let printed: string
  try {
    printed = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim()
  } catch (error) {
    return { ok: false, reason: `${path} --version failed: ${(error as Error).message}` }
  }
  const version = /(\d+\.\d+\.\d+\S*)/.exec(printed)?.[1]
  if (version !== pinned) return { ok: false, reason: `${path} is version ${version ?? `'${printed}'`}, the pin is ${pinned}` }
  return { ok: true, path, version }
}
