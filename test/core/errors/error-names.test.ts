import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build, type Rollup } from 'vite'
import { describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('./fixture/names-app.ts', import.meta.url))

/** Builds the fixture like a production app (Vite, esbuild minify) and imports the bundle. */
async function bundledNames(): Promise<{ names: string[]; code: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sockudo-names-'))
  try {
    const result = (await build({
      logLevel: 'silent',
      configFile: false,
      mode: 'production',
      define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
      build: {
        write: false,
        minify: 'esbuild',
        target: 'es2022',
        lib: { entry, formats: ['es'], fileName: 'app' },
      },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[]
    const chunk = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).find((o): o is Rollup.OutputChunk => o.type === 'chunk')!
    const file = join(dir, 'app.mjs')
    await writeFile(file, chunk.code)
    const mod = (await import(pathToFileURL(file).href)) as { names: string[] }
    return { names: mod.names, code: chunk.code }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('error class names in a minified production bundle', () => {
  it('keeps every error class name, so error.name === "AuthError" holds in a bundled app', async () => {
    const { names, code } = await bundledNames()
    // The minifier did rename the classes: the names survive only because they are set explicitly.
    expect(code).not.toMatch(/class AuthError\b/)
    expect(names).toEqual([
      'SockudoError', 'ConfigError', 'ConnectionError', 'ProtocolError', 'CodecError', 'AuthError',
      'ChannelError', 'CryptoError', 'DeltaError', 'FilterError', 'TokenError', 'ProxyError',
      'MessageError', 'SockudoVueError', 'ChannelOptionsConflictError', 'HttpError',
    ])
  }, 60_000)
})
