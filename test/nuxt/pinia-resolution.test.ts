import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadNuxt } from '@nuxt/kit'
import { afterAll, describe, expect, it } from 'vitest'

// An app laid out the way npm installs it when the app lists pinia@3 and @pinia/nuxt needs
// another pinia: `@pinia/nuxt` is NOT in the app's node_modules, only reachable from the
// module's own location. Only module setup runs (loadNuxt, no build).
const repo = fileURLToPath(new URL('../../', import.meta.url))
const app = await mkdtemp(join(tmpdir(), 'sockudo-pinia-'))
afterAll(() => rm(app, { recursive: true, force: true }))

await mkdir(join(app, 'node_modules/@sockudo'), { recursive: true })
// The module (its real path is inside the workspace, whose node_modules holds @pinia/nuxt).
await symlink(join(repo, 'nuxt-module'), join(app, 'node_modules/@sockudo/nuxt'), 'dir')
// Nuxt itself, as the app installed it.
await symlink(join(repo, 'node_modules/nuxt'), join(app, 'node_modules/nuxt'), 'dir')
// The app's own pinia: a copy whose version says 3, so it is not the one next to @pinia/nuxt.
await cp(join(repo, 'node_modules/pinia'), join(app, 'node_modules/pinia'), { recursive: true })
const piniaManifest = join(app, 'node_modules/pinia/package.json')
await writeFile(piniaManifest, JSON.stringify({ ...JSON.parse(await readFile(piniaManifest, 'utf8')) as object, version: '3.0.3' }))
await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { 'pinia': '^3.0.0', '@sockudo/nuxt': '*' } }))

describe('@pinia/nuxt in an app that lists pinia@3', () => {
  it('is not reachable from the app root (what the bare-name install tried)', async () => {
    const { tryResolveModule, directoryToURL } = await import('@nuxt/kit')
    expect(await tryResolveModule('@pinia/nuxt', directoryToURL(app).href)).toBeUndefined()
  })

  it('is installed from the module\'s own dependencies, and every pinia import goes to the app\'s copy', async () => {
    const nuxt = await loadNuxt({
      cwd: app,
      ready: true,
      overrides: {
        modules: [
          // As in a real install, where Nuxt itself lives in the app's node_modules: Nuxt adds its
          // own (here: the workspace's) node_modules, which holds @pinia/nuxt; keep only the app's.
          (_options: unknown, nuxt: { options: { modulesDir: string[] } }) => {
            nuxt.options.modulesDir = nuxt.options.modulesDir.filter(dir => dir.startsWith(app))
          },
          join(app, 'node_modules/@sockudo/nuxt/src/module.ts'),
        ],
        buildDir: join(app, '.nuxt'),
        telemetry: false,
        devtools: { enabled: false },
      },
    })
    try {
      const installed = nuxt.options._installedModules.map((m: { meta?: { name?: string } }) => m.meta?.name)
      expect(installed).toContain('pinia')
      expect(installed).toContain('@sockudo/nuxt')
      expect(nuxt.options.alias.pinia).toBe(join(app, 'node_modules/pinia'))
    } finally {
      await nuxt.close()
    }
  }, 120_000)
})
