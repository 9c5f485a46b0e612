import { dirname } from 'node:path'
import { directoryToURL, hasNuxtModule, installModule, tryResolveModule } from '@nuxt/kit'
import type { Nuxt } from '@nuxt/schema'

/**
 * Installs `@pinia/nuxt` from this module's own dependencies. npm nests it under
 * `@sockudo/nuxt` when the app's own `pinia` does not satisfy its range, so resolving it by bare
 * name from the app root fails with "Could not load @pinia/nuxt"; resolving from here finds it.
 * Then one `pinia` serves the whole app: the app's own copy when it has one (the one
 * `@sockudo/vue` and the app's stores import), else the one next to `@pinia/nuxt`. Two copies
 * would not share the installed Pinia (each has its own injection key).
 */
export async function installPinia(nuxt: Nuxt, moduleUrl: string): Promise<void> {
  if (hasNuxtModule('@pinia/nuxt') || hasNuxtModule('pinia')) return
  const entry = await tryResolveModule('@pinia/nuxt', moduleUrl)
  if (!entry) throw new Error('[sockudo] @pinia/nuxt is missing from @sockudo/nuxt\'s dependencies: reinstall @sockudo/nuxt.')
  const fromApp = await tryResolveModule('pinia/package.json', directoryToURL(nuxt.options.rootDir).href)
  const pinia = fromApp ?? await tryResolveModule('pinia/package.json', directoryToURL(dirname(entry)).href)
  if (pinia) pinToOnePinia(nuxt, dirname(pinia))
  await installModule(entry, {}, nuxt)
}

/**
 * Makes every `import … from 'pinia'` (app, `@pinia/nuxt`'s runtime, `@sockudo/vue`) resolve to
 * the package in `dir` (a directory, so each bundler still picks its entry by conditions).
 */
function pinToOnePinia(nuxt: Nuxt, dir: string): void {
  nuxt.options.alias = { pinia: dir, ...nuxt.options.alias }
}
