/**
 * Helpers for test/packaging/pack.test.ts: run a command, pack a workspace, make a throwaway app
 * that installs the tarballs the way a user would, and list what the packed JavaScript imports.
 */
import { spawn } from 'node:child_process'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '')

/** Result of one finished command. */
export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * The environment of a plain shell: without what vitest sets (NODE_ENV=test, VITEST*) and without
 * what `npm test` exports about the repository (npm_config_local_prefix, npm_package_*), so the
 * commands behave as a user's would and nested npm calls never target the repository.
 */
function plainEnv(): NodeJS.ProcessEnv {
  const drop = /^(NODE_ENV|VITEST.*|TEST|INIT_CWD|npm_config_local_prefix|npm_package_.*|npm_lifecycle_.*)$/
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !drop.test(key)))
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0' }
}

/** Runs a command without a shell and collects its output; never throws on a non-zero exit. */
export function run(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: plainEnv() })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

/** Like {@link run}, but a non-zero exit becomes an error that quotes the end of the output. */
export async function runOk(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  const result = await run(command, args, cwd)
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n')
    throw new Error(`\`${command} ${args.join(' ')}\` (in ${cwd}) exited with ${result.code}:\n${tail}`)
  }
  return result
}

/** One packed package, from `npm pack --json`. */
export interface Packed {
  name: string
  version: string
  /** Absolute path of the .tgz. */
  tarball: string
  /** Paths inside the package, sorted. */
  files: string[]
}

interface NpmPackEntry {
  name: string
  version: string
  filename: string
  files: { path: string }[]
}

/**
 * `npm pack --json` into `destination`. Scripts are ignored so `prepack` does not build a second
 * time: the caller has already run the one build.
 */
export async function pack(workspaceArgs: readonly string[], destination: string): Promise<Packed> {
  const args = ['pack', ...workspaceArgs, '--json', '--ignore-scripts', '--pack-destination', destination]
  const { stdout } = await runOk('npm', args, ROOT)
  const [entry] = JSON.parse(stdout.slice(stdout.indexOf('['))) as NpmPackEntry[]
  if (!entry) throw new Error(`npm ${args.join(' ')} printed no package`)
  return {
    name: entry.name,
    version: entry.version,
    tarball: join(destination, entry.filename),
    files: entry.files.map((f) => f.path).sort(),
  }
}

type Manifest = { peerDependencies?: Record<string, string>; dependencies?: Record<string, string> }
type Lock = { packages: Record<string, { version?: string }> }

export const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T

/**
 * The version the root package-lock installed for each name (so the app install hits the npm
 * cache); throws for a name the lock does not have.
 */
export async function lockedVersions(names: readonly string[]): Promise<Record<string, string>> {
  const lock = await readJson<Lock>(join(ROOT, 'package-lock.json'))
  return Object.fromEntries(names.map((name) => {
    const version = lock.packages[`node_modules/${name}`]?.version
    if (!version) throw new Error(`package-lock.json has no node_modules/${name}`)
    return [name, version]
  }))
}

/** Peer dependency names of both manifests, minus the packages under test themselves. */
export async function peerNames(): Promise<string[]> {
  const manifests = await Promise.all(['package.json', 'nuxt-module/package.json'].map((p) => readJson<Manifest>(join(ROOT, p))))
  const names = manifests.flatMap((m) => Object.keys(m.peerDependencies ?? {}))
  return [...new Set(names)].filter((n) => !n.startsWith('@sockudo/')).sort()
}

/** Writes the throwaway app's package.json and runs one `npm install` in it. */
export async function installApp(app: string, dependencies: Record<string, string>): Promise<void> {
  const manifest = { name: 'sockudo-pack-consumer', private: true, type: 'module', dependencies }
  await writeFile(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await runOk('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], app)
}

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort()
}

const IMPORT_PATTERNS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
]

/** Bare module specifiers (not relative, not `#` aliases) that a JavaScript file imports. */
export function bareImports(source: string): string[] {
  const found = IMPORT_PATTERNS.flatMap((re) => [...source.matchAll(re)].map((m) => m[1] ?? ''))
  return [...new Set(found.filter((s) => s && !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('#')))].sort()
}

/** The package name of a bare specifier: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export const packageOf = (specifier: string): string =>
  specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')

/** True for a Node built-in written without the `node:` prefix (edge runtimes need the prefix). */
export const isUnprefixedBuiltin = (specifier: string): boolean => builtinModules.includes(packageOf(specifier))
