/**
 * The measured clients run as an app ships them: `client.ts` and the project's sources are
 * bundled once per benchmark run (tsup, production `__DEV__`), then each variant runs in plain
 * `node`. Under the `tsx` loader every source file is transformed on its own, which cost the floor
 * and our V1 client about 0.08 µs per message here (median of 5 runs each): a loader artefact no
 * app pays. Published packages (`pusher-js`, `ws`,
 * `@msgpack/msgpack`, `vue`, `pinia`) stay external and load from `node_modules` as published;
 * the official client loads from its own build either way.
 */
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const outDir = `${root}node_modules/.cache/sockudo-bench`

/** Bundles the throughput client; resolves to the file to run with `node`. */
export async function bundleClient(): Promise<string> {
  await build({
    entry: { client: `${root}test/bench/throughput/client.ts` },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    splitting: false,
    sourcemap: false,
    clean: false,
    silent: true,
    config: false,
    external: ['pusher-js', 'ws', '@msgpack/msgpack', 'vue', 'pinia', '@vue/devtools-api', 'libsodium-wrappers'],
    noExternal: [/^(?!pusher-js|ws|@msgpack|vue|pinia|@vue|libsodium)/],
    define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
    outExtension: () => ({ js: '.mjs' }),
  })
  return `${outDir}/client.mjs`
}
