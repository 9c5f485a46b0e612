import { fileURLToPath } from 'node:url'
import { addTypeTemplate, defineNuxtModule } from '@nuxt/kit'

const src = (path: string): string => fileURLToPath(new URL(`../../src/${path}`, import.meta.url))

/**
 * Subpath → source file. The most specific entries come first: Vite and Nitro take the first
 * alias whose key is the import or a prefix of it followed by `/`.
 */
export const sockudoSourceAliases: Record<string, string> = {
  '@sockudo/vue/codecs/msgpack': src('core/codecs/msgpack/index.ts'),
  '@sockudo/vue/codecs/protobuf': src('core/codecs/protobuf/index.ts'),
  '@sockudo/vue/core': src('core/index.ts'),
  '@sockudo/vue/vue': src('vue/index.ts'),
  '@sockudo/vue/pinia': src('pinia/index.ts'),
  '@sockudo/vue/server': src('server/index.ts'),
  '@sockudo/vue': src('index.ts'),
}

/**
 * Development-only Nuxt module (not published): makes `@sockudo/vue` resolve to the
 * workspace's TypeScript sources instead of its built `dist/`, for the playground and the
 * test fixture. Source files use the `__DEV__` global, which tsup defines at build time, so it
 * is defined here too (true in `nuxi dev`, false in `nuxi build`).
 */
export default defineNuxtModule({
  meta: { name: 'sockudo-from-source' },
  setup(_options, nuxt) {
    // Prepend so these win over any broader alias already present.
    nuxt.options.alias = { ...sockudoSourceAliases, ...nuxt.options.alias }
    // The `__DEV__` declaration, for type checks of the app, server and build-time code.
    addTypeTemplate({
      filename: 'types/sockudo-from-source.d.ts',
      getContents: () => `/// <reference path="${src('env.d.ts')}" />\n`,
    }, { nuxt: true, nitro: true, node: true })
    const dev = JSON.stringify(nuxt.options.dev)
    nuxt.options.vite.define = { ...nuxt.options.vite.define, __DEV__: dev }
    nuxt.hook('nitro:config', (config) => {
      // `replace` is Nitro's (rollup) define; typed loosely because nitropack's types are optional here.
      // Sources use BigInt literals, which Nitro's default esbuild target (es2019) would reject.
      const target = config as { replace?: Record<string, string>, esbuild?: { options?: Record<string, unknown> } }
      target.replace = { ...target.replace, __DEV__: dev }
      target.esbuild = { ...target.esbuild, options: { ...target.esbuild?.options, target: 'es2022' } }
    })
  },
})
