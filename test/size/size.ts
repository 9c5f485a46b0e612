/**
 * Builds the minimal app (fixture/main.ts) with Vite in production mode, vue and pinia external,
 * and measures the gzipped JavaScript the app loads up front versus chunks it only loads on demand
 * (libsodium, codecs). Shared by the size-budget test and the benchmark table.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Rollup } from 'vite'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface BundleReport {
  /** Gzipped bytes of the entry chunk and its static imports (what the app downloads up front). */
  initialGzip: number
  /** Gzipped bytes of each lazily loaded chunk, by file name. */
  lazy: Record<string, number>
  /** Module ids that ended up in the initial chunks (to find what bloats it). */
  initialModules: string[]
  /** Gzipped bytes of Vite's runtime chunk (not counted in `initialGzip`). */
  viteRuntimeGzip: number
}

export async function measureBundle(): Promise<BundleReport> {
  const outDir = await mkdtemp(join(tmpdir(), 'sockudo-size-'))
  try {
    const result = (await build({
      root,
      logLevel: 'silent',
      configFile: false,
      mode: 'production',
      define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
      resolve: {
        alias: {
          '@sockudo/vue/core': join(root, 'src/core/index.ts'),
          '@sockudo/vue': join(root, 'src/index.ts'),
        },
      },
      build: {
        outDir,
        write: false,
        minify: 'esbuild',
        target: 'es2022',
        rollupOptions: {
          input: join(root, 'test/size/fixture/main.ts'),
          external: ['vue', 'pinia'],
          preserveEntrySignatures: false,
          // Vite's own runtime (the modulepreload helper every code-split app carries) is the
          // bundler's, not ours: kept in its own chunk and reported apart, like vue and pinia.
          output: { manualChunks: (id) => (id.startsWith('\0vite/') ? 'vite-runtime' : undefined) },
        },
      },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[]
    const output = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output)
    const chunks = output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk')
    const byName = new Map(chunks.map((c) => [c.fileName, c]))
    const initial = new Set<string>()
    const visit = (name: string) => {
      if (initial.has(name) || !byName.has(name)) return
      initial.add(name)
      for (const imported of byName.get(name)?.imports ?? []) visit(imported)
    }
    for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName)
    const gz = (c: Rollup.OutputChunk) => gzipSync(c.code, { level: 9 }).length
    const runtime = chunks.find((c) => c.name === 'vite-runtime')
    if (runtime) initial.delete(runtime.fileName)
    const lazy: Record<string, number> = {}
    for (const chunk of chunks) if (!initial.has(chunk.fileName) && chunk !== runtime) lazy[chunk.fileName] = gz(chunk)
    return {
      initialGzip: [...initial].reduce((sum, name) => sum + gz(byName.get(name)!), 0),
      lazy,
      initialModules: [...initial].flatMap((name) => Object.keys(byName.get(name)!.modules)),
      viteRuntimeGzip: runtime ? gz(runtime) : 0,
    }
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

/** pusher-js's own minified web build, gzipped, for comparison. */
export function pusherJsGzip(): number {
  const file = fileURLToPath(new URL('../../node_modules/pusher-js/dist/web/pusher.min.js', import.meta.url))
  return gzipSync(readFileSync(file), { level: 9 }).length
}
