/**
 * Typed events in a Nuxt 4 app, checked the way a user's editor and `nuxi typecheck` see them:
 * a copy of fixtures/typed-events (`app/` + `shared/types/sockudo.d.ts`, as the module README
 * says) is prepared with `nuxi prepare` and its generated app tsconfig is checked with vue-tsc.
 * Moving the map to a root `types/` folder (the old advice) must make the same check fail:
 * Nuxt 4's app tsconfig does not include it, so payloads are `unknown` again.
 */
import { execFile } from 'node:child_process'
import { cp, mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const repo = fileURLToPath(new URL('../../', import.meta.url))
const fixture = join(repo, 'test/nuxt/fixtures/typed-events')
// A sibling of the fixture (same depth: its relative module paths keep working), never committed.
const work = join(repo, `test/nuxt/fixtures/.typed-events-${process.pid}`)
const env = { ...process.env, NUXT_TELEMETRY_DISABLED: '1' }

/** vue-tsc over the app tsconfig Nuxt generated; the diagnostics, or '' when clean. */
async function typecheckApp(): Promise<string> {
  try {
    await run(process.execPath, [join(repo, 'node_modules/vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', join(work, '.nuxt/tsconfig.app.json')], { cwd: work, env })
    return ''
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    return `${stdout}${stderr}` || String(error)
  }
}

beforeAll(async () => {
  await rm(work, { recursive: true, force: true })
  await mkdir(work, { recursive: true })
  await cp(fixture, work, { recursive: true, filter: (src) => !/[\\/](\.nuxt|\.output|node_modules)$/.test(src) })
  await run(process.execPath, [join(repo, 'node_modules/@nuxt/cli/bin/nuxi.mjs'), 'prepare', work], { cwd: repo, env })
}, 300_000)
afterAll(() => rm(work, { recursive: true, force: true }))

describe('typed events in a Nuxt 4 app', () => {
  it('types the auto-imported composables from shared/types/sockudo.d.ts', async () => {
    expect(await typecheckApp()).toBe('')
  }, 180_000)

  it('leaves payloads unknown when the map sits in a root types/ folder (outside the app tsconfig)', async () => {
    await mkdir(join(work, 'types'), { recursive: true })
    await rename(join(work, 'shared/types/sockudo.d.ts'), join(work, 'types/sockudo.d.ts'))
    const diagnostics = await typecheckApp()
    expect(diagnostics).toMatch(/app\/app\.vue.*'order' is of type 'unknown'|app\/app\.vue.*Property 'total' does not exist/s)
  }, 180_000)
})
