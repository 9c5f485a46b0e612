/**
 * Both packages are publishable as they stand: one build, one `npm pack` each, one install of
 * the two tarballs into a throwaway app, then the file lists, every public entry (imported in a
 * child Node process), publint, attw and a consumer typecheck are checked against that install.
 * Slow (the build dominates); a failing build fails every test here with the build's output.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ROOT, bareImports, installApp, isUnprefixedBuiltin, listFiles, lockedVersions, pack, packageOf, peerNames,
  readJson, run, runOk,
} from './pack-support'
import type { Packed } from './pack-support'

const SETUP_TIMEOUT = 20 * 60_000
const TEST_TIMEOUT = 5 * 60_000
const consumer = (file: string) => join(ROOT, 'test/packaging/consumer', file)
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name)

let work = ''
let app = ''
let vue: Packed
let nuxt: Packed

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sockudo-pack-'))
  app = join(work, 'app')
  await mkdir(app)
  await runOk('npm', ['run', 'build'], ROOT)
  vue = await pack([], work)
  nuxt = await pack(['-w', '@sockudo/nuxt'], work)
  // Peers at the versions the repository is tested with, plus @types/node for the typecheck.
  const versions = await lockedVersions([...await peerNames(), '@types/node'])
  await installApp(app, { [vue.name]: `file:${vue.tarball}`, [nuxt.name]: `file:${nuxt.tarball}`, ...versions })
  for (const file of ['smoke.mjs', 'tsconfig.bundler.json', 'tsconfig.nodenext.json']) await copyFile(consumer(file), join(app, file))
  await copyFile(consumer('typed-use.ts.txt'), join(app, 'typed-use.ts'))
}, SETUP_TIMEOUT)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

const installed = (name: string) => join(app, 'node_modules', name)

/** Files every tarball must hold besides its build output. */
const META_FILES = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']
/** Anything that must never be published: sources, tests, Nuxt build dirs, secrets, configs. */
const FORBIDDEN = [
  /(^|\/)(src|test|tests|playground|dev|\.nuxt|\.output|node_modules|coverage)\//,
  /(^|\/)\.env/, /(^|\/)\.npmrc$/, /\.(pem|key|p12|tgz|log)$/, /(^|\/)tsconfig[^/]*\.json$/,
  /(?<!\.d)\.(ts|mts|cts|vue)$/,
]

describe.each([
  ['@sockudo/vue', () => vue],
  ['@sockudo/nuxt', () => nuxt],
])('the %s tarball', (name, packed) => {
  it('holds only dist/**, README.md, CHANGELOG.md, LICENSE and package.json', () => {
    const { files } = packed()
    expect(packed().name).toBe(name)
    for (const file of META_FILES) expect(files, `${file} missing from ${name}`).toContain(file)
    const stray = files.filter((f) => !META_FILES.includes(f) && !f.startsWith('dist/'))
    expect(stray, `files outside dist/ in ${name}`).toEqual([])
    expect(files.filter((f) => FORBIDDEN.some((re) => re.test(f))), `forbidden files in ${name}`).toEqual([])
  })

  it('contains every file its exports map, main and types point to', async () => {
    const manifest = await readJson<Record<string, unknown>>(join(installed(name), 'package.json'))
    const targets = [manifest.main, manifest.module, manifest.types, ...exportTargets(manifest.exports)]
      .filter((t): t is string => typeof t === 'string' && t !== './package.json')
      .map((t) => t.replace(/^\.\//, ''))
    expect(targets.length).toBeGreaterThan(0)
    const missing = [...new Set(targets)].filter((t) => !packed().files.includes(t))
    expect(missing, `${name} points at files it does not ship`).toEqual([])
  })

  it('imports only declared dependencies and node:-prefixed built-ins', async () => {
    const manifest = await readJson<{ dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }>(
      join(installed(name), 'package.json'),
    )
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})])
    // The Nuxt module may also use what its peer `nuxt` depends on directly (the @nuxt/schema
    // types that nuxt-module-build emits); anything else, h3 included, must be declared.
    const nuxtDeps = name === '@sockudo/nuxt'
      ? Object.keys((await readJson<{ dependencies: Record<string, string> }>(join(installed('nuxt'), 'package.json'))).dependencies)
      : []
    const problems: string[] = []
    for (const file of (await listFiles(installed(name))).filter((f) => /\.(m?js|d\.m?ts)$/.test(f))) {
      for (const spec of bareImports(await readFile(join(installed(name), file), 'utf8'))) {
        if (spec.includes('${')) continue // a specifier inside a generated template string
        if (spec.startsWith('node:')) continue
        if (isUnprefixedBuiltin(spec)) problems.push(`${file}: '${spec}' needs the node: prefix`)
        else if (!declared.has(packageOf(spec)) && !nuxtDeps.includes(packageOf(spec))) problems.push(`${file}: '${spec}' is not a dependency or peer`)
      }
    }
    expect(problems).toEqual([])
  })

  it('embeds no absolute path of the machine that built it', async () => {
    const leaking: string[] = []
    for (const file of await listFiles(installed(name))) {
      if ((await readFile(join(installed(name), file), 'utf8')).includes(ROOT)) leaking.push(file)
    }
    expect(leaking).toEqual([])
  })

  it('passes publint without errors or warnings', async () => {
    const { publint } = await import('publint')
    const { formatMessage } = await import('publint/utils')
    const pkg = await readJson<Record<string, unknown>>(join(installed(name), 'package.json'))
    const { messages } = await publint({ pkgDir: installed(name), pack: false, strict: true })
    const serious = messages.filter((m) => m.type !== 'suggestion').map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)
    expect(serious).toEqual([])
  }, TEST_TIMEOUT)

  it('resolves its types in every ESM-capable mode (attw, esm-only profile)', async () => {
    const result = await run(bin('attw'), [packed().tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'table-flipped'], work)
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
  }, TEST_TIMEOUT)
})

/** Every string target of an exports map, whatever the nesting of conditions. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets)
  return []
}

interface SmokeEntry { exports?: string[]; resolved?: string; error?: string }
type SmokeReport = Record<string, SmokeEntry> & { nuxtMeta?: { name?: string; configKey?: string } }

describe('the installed packages, imported by name in a Node process', () => {
  let report: SmokeReport

  beforeAll(async () => {
    const { stdout } = await runOk(process.execPath, ['smoke.mjs'], app)
    report = JSON.parse(stdout) as SmokeReport
  }, TEST_TIMEOUT)

  it.each([
    ['@sockudo/vue', ['SockudoClient', 'SockudoPlugin', 'createSockudo', 'useSockudo', 'useConnection', 'useSockudoConnectionStore', 'SockudoError']],
    ['@sockudo/vue/core', ['SockudoClient', 'SockudoError', 'jsonCodec']],
    ['@sockudo/vue/vue', ['SockudoPlugin', 'createSockudo', 'useSockudo', 'useChannelEvent', 'SockudoKey']],
    ['@sockudo/vue/pinia', ['useConnection', 'useChannel', 'usePresence', 'useSockudoConnectionStore']],
    ['@sockudo/vue/codecs/msgpack', ['msgpackCodec', 'createMsgpackCodec']],
    ['@sockudo/vue/codecs/protobuf', ['protobufCodec', 'createProtobufCodec']],
    ['@sockudo/vue/server', ['createChannelAuthHandler', 'createUserAuthHandler', 'createSockudoRest', 'authorizeChannel', 'signRequest']],
    ['@sockudo/nuxt', ['default']],
  ])('%s loads from the installed tarball and exports its key names', (entry, names) => {
    const found = report[entry]
    expect(found?.error, `import('${entry}') failed`).toBeUndefined()
    expect(found?.resolved).toContain(`${app}/node_modules/`)
    expect(found?.exports).toEqual(expect.arrayContaining(names))
  })

  it('keeps the framework-free core free of Vue and Pinia exports', () => {
    expect(report['@sockudo/vue/core']?.exports).not.toContain('SockudoPlugin')
    expect(report['@sockudo/vue/core']?.exports).not.toContain('useConnection')
  })

  it('exports the Nuxt module as default with configKey "sockudo"', () => {
    expect(report.nuxtMeta).toMatchObject({ name: '@sockudo/nuxt', configKey: 'sockudo' })
  })
})

describe('a TypeScript consumer of the installed packages', () => {
  it.each(['bundler', 'nodenext'])('typechecks every entry with moduleResolution %s', async (mode) => {
    const result = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${mode}.json`], app)
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
  }, TEST_TIMEOUT)
})
