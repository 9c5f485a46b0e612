import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourceFingerprint } from '../../support/fingerprint'
import { setup } from '@nuxt/test-utils/e2e'
import { beforeAll } from 'vitest'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

/** The fixture apps (module and `@sockudo/vue` both from source): `basic`, and `v2` (named V2 client, tokens, codecs). */
export type FixtureName = 'basic' | 'v2'

/** Directories of one fixture app and of its one shared build (outside .nuxt/, which `nuxi prepare` clears). */
export function fixturePaths(name: FixtureName) {
  const dir = join(repo, `test/nuxt/fixtures/${name}`)
  const shared = join(dir, '.output/shared-build')
  return { dir, shared, buildDir: join(shared, 'nuxt'), outputDir: join(shared, 'output'), fingerprintFile: join(shared, 'fingerprint') }
}

/** The basic fixture app. */
export const fixtureDir = fixturePaths('basic').dir

/** Where the basic fixture's one shared build lives; every test file reuses it while the sources are unchanged. */
export const buildDir = fixturePaths('basic').buildDir

/** Nitro output of the basic fixture's shared build (`public/` is what browsers download). */
export const outputDir = fixturePaths('basic').outputDir

/**
 * Builds the fixture once and reuses it: the build is skipped when a previous one exists and
 * no source file it depends on changed since (path, size and mtime of every file).
 */

/** Options of {@link setupFixture}. */
export interface FixtureOptions {
  /** Environment of the Nitro server process (NUXT_… overrides, fixture switches). */
  env?: Record<string, string>
  /** Which fixture app. @default 'basic' */
  fixture?: FixtureName
}

/**
 * Registers the @nuxt/test-utils hooks for this test file: build (only when stale), then start
 * the built server with `env`. Call once at the top level of a test file.
 */
export async function setupFixture(options: FixtureOptions = {}): Promise<void> {
  const name = options.fixture ?? 'basic'
  const { dir, shared: sharedDir, buildDir, outputDir, fingerprintFile } = fixturePaths(name)
  const fingerprint = await sourceFingerprint(repo, ['src', 'nuxt-module/src', 'nuxt-module/dev', `test/nuxt/fixtures/${name}`])
  const previous = existsSync(fingerprintFile) ? await readFile(fingerprintFile, 'utf8') : ''
  const fresh = previous === fingerprint && existsSync(join(outputDir, 'server/index.mjs'))
  // A rebuild starts clean, so the bundle tests never see files of an older build.
  if (!fresh) await rm(sharedDir, { recursive: true, force: true })
  // test-utils deletes a build dir it had to create itself; this one must survive the file.
  await mkdir(buildDir, { recursive: true })
  await setup({
    rootDir: dir,
    build: !fresh,
    server: true,
    nuxtConfig: { buildDir, nitro: { output: { dir: outputDir } } },
    env: { NUXT_TELEMETRY_DISABLED: '1', ...options.env },
    setupTimeout: 600_000,
  })
  if (!fresh) beforeAll(() => writeFile(fingerprintFile, fingerprint))
}
