import { createRequire } from 'node:module'
import { join } from 'node:path'
import { extendViteConfig } from '@nuxt/kit'
import type { Nuxt } from '@nuxt/schema'

type UserConfig = Parameters<Parameters<typeof extendViteConfig>[0]>[0]

/** CommonJS dependencies the browser may load; Vite pre-bundles them in dev when installed. */
const OPTIONAL_CJS_DEPS = ['libsodium-wrappers']

/** Where `id` resolves from `from` (a file) with `require` semantics, or undefined when not installed. */
function resolveCjs(from: string, id: string): string | undefined {
  try {
    return createRequire(from).resolve(id)
  } catch {
    return undefined
  }
}

/** Adds exact-match aliases to a Vite config, whichever form (object or array) it uses. */
function addAliases(config: UserConfig, aliases: Record<string, string>): void {
  config.resolve ??= {}
  const current = config.resolve.alias ?? {}
  const entries = Object.entries(aliases).map(([id, file]) => ({ find: new RegExp(`^${id}$`), replacement: file }))
  config.resolve.alias = Array.isArray(current)
    ? [...entries, ...current]
    : [...entries, ...Object.entries(current as Record<string, string>).map(([find, replacement]) => ({ find, replacement }))]
}

/**
 * Dev and build work without user config:
 * - in the Vite builds, `libsodium-wrappers` (optional, for encrypted channels) and `libsodium`
 *   resolve to their CommonJS builds: the wrappers' ESM build imports a `./libsodium.mjs` it
 *   does not ship (0.7.x), and the ESM `libsodium` is not the module object the CommonJS
 *   wrappers expect. The encrypted-channel code imports it dynamically, so production builds
 *   keep it in a lazy chunk that only encrypted channels load. Nitro is left alone: the server
 *   never decrypts.
 * - optional CJS deps are pre-bundled in dev, so the browser gets ESM on first use.
 * `@sockudo/vue` itself is ESM and needs nothing.
 */
export function configureVite(nuxt: Nuxt): void {
  const root = join(nuxt.options.rootDir, 'package.json')
  const wrappers = resolveCjs(root, 'libsodium-wrappers')
  const sodium = wrappers && resolveCjs(wrappers, 'libsodium')
  const present = OPTIONAL_CJS_DEPS.filter(dep => resolveCjs(root, dep) !== undefined)
  extendViteConfig((config) => {
    if (wrappers && sodium) addAliases(config, { 'libsodium-wrappers': wrappers, 'libsodium': sodium })
    config.optimizeDeps ??= {}
    config.optimizeDeps.include = [...(config.optimizeDeps.include ?? []), ...present]
  })
}
