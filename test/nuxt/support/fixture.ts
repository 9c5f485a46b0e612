import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourceFingerprint } from '../../support/fingerprint'
import { setup } from '@nuxt/test-utils/e2e'
import { beforeAll } from 'vitest'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

/** The fixture app (module and `@sockudo/vue` both from source). */
export const fixtureDir = join(repo, 'test/nuxt/fixtures/basic')

// Outside .nuxt/, which `nuxi prepare` (the module typecheck) clears.
const sharedDir = join(fixtureDir, '.output/shared-build')

/** Where the one shared build lives; every test file reuses it while the sources are unchanged. */
export const buildDir = join(sharedDir, 'nuxt')

/** Nitro output of the shared build (`public/` is what browsers download). */
export const outputDir = join(sharedDir, 'output')

const fingerprintFile = join(sharedDir, 'fingerprint')
const watched = ['src', 'nuxt-module/src', 'nuxt-module/dev', 'test/nuxt/fixtures/basic']

/**
 * Builds the fixture once and reuses it: the build is skipped when a previous one exists and
 * no source file it depends on changed since (path, size and mtime of every file).
 */

/** Options of {@link setupFixture}. */
export interface FixtureOptions {
  /** Environment of the Nitro server process (NUXT_… overrides, fixture switches). */
  env?: Record<string, string>
}

/**
 * Registers the @nuxt/test-utils hooks for this test file: build (only when stale), then start
 * the built server with `env`. Call once at the top level of a test file.
 */
export async function setupFixture(options: FixtureOptions = {}): Promise<void> {
  const fingerprint = await sourceFingerprint(repo, watched)
  const previous = existsSync(fingerprintFile) ? await readFile(fingerprintFile, 'utf8') : ''
  const fresh = previous === fingerprint && existsSync(join(outputDir, 'server/index.mjs'))
  // A rebuild starts clean, so the bundle tests never see files of an older build.
  if (!fresh) await rm(sharedDir, { recursive: true, force: true })
  // test-utils deletes a build dir it had to create itself; this one must survive the file.
  await mkdir(buildDir, { recursive: true })
  await setup({
    rootDir: fixtureDir,
    build: !fresh,
    server: true,
    nuxtConfig: { buildDir, nitro: { output: { dir: outputDir } } },
    env: { NUXT_TELEMETRY_DISABLED: '1', ...options.env },
    setupTimeout: 600_000,
  })
  if (!fresh) beforeAll(() => writeFile(fingerprintFile, fingerprint))
}
