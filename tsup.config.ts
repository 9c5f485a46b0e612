import { defineConfig } from 'tsup'

/** One entry per public export; shared code lands in chunks, optional codecs stay separate. */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    core: 'src/core/index.ts',
    vue: 'src/vue/index.ts',
    pinia: 'src/pinia/index.ts',
    'codecs/msgpack': 'src/core/codecs/msgpack/index.ts',
    'codecs/protobuf': 'src/core/codecs/protobuf/index.ts',
    server: 'src/server/index.ts',
  },
  format: ['esm'],
  // stripInternal: `@internal` members (registry plumbing, channel hooks) stay out of the
  // published .d.ts, so no internal type has to be exported to keep the declarations whole.
  dts: { compilerOptions: { stripInternal: true } },
  splitting: true,
  treeshake: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['vue', 'pinia', '@vue/devtools-api', 'libsodium-wrappers', '@msgpack/msgpack', 'ws', /^node:/],
  // Dev-only checks: bundlers replace process.env.NODE_ENV (Vite does in dev and build), so
  // production builds drop them; esbuild's define takes no expressions, hence a per-file const.
  banner: { js: "const __DEV__ = process.env.NODE_ENV !== 'production';" },
  // Keep `node:crypto` as written (the server entry): Deno and edge runtimes need the prefix.
  removeNodeProtocol: false,
})
