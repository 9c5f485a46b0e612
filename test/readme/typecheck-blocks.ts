/**
 * Typechecks README code blocks against the real sources: one in-memory TypeScript program
 * whose root files are the blocks (each a module under test/readme/) plus src/env.d.ts, with
 * the root tsconfig's options and `paths` (`@sockudo/vue*` → src/). `.vue` blocks go through
 * vue-tsc's engine (Volar's `proxyCreateProgram` with the Vue language plugin), so their
 * templates are checked too, with `v-if` narrowing, exactly as `npm run typecheck` would.
 */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import type { ReadmeBlock } from './readme-blocks'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DIR = `${ROOT}test/readme/`

/**
 * Ambient declarations the blocks may rely on: `.vue` imports, and the `#imports` module the
 * Nuxt module's server utilities read their runtime config from.
 */
const SHIMS = `
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent
  export default component
}
declare module '#imports' {
  export function useRuntimeConfig(event?: unknown): any
}
`

/**
 * What Nuxt auto-imports, made explicit so Nuxt blocks typecheck as the app would see them:
 * app blocks (under a "Nuxt" heading) get the module's composables, server blocks (first
 * line `// server/…`) its server utilities, plus `defineNitroPlugin` and, standing for the
 * app's session lookup the README mentions, nuxt-auth-utils' `getUserSession`.
 */
const NUXT_APP_PRELUDE = `import { ${'useSockudo, useConnection, useChannel, useChannelEvent, useEventLog, usePresence, useVersionedMessages, useChannelHistory, useUser, useSockudoConnectionStore, useSockudoChannelsStore, useSockudoPresenceStore, useSockudoUserStore'} } from '@sockudo/vue'\n`
const NUXT_SERVER_PRELUDE = [
  `import { defineSockudoAuthorizer, defineSockudoUserAuthenticator } from '${ROOT}nuxt-module/src/runtime/server/utils/hooks'`,
  `import { useSockudoRest } from '${ROOT}nuxt-module/src/runtime/server/utils/rest'`,
  `import { useSockudoConfig } from '${ROOT}nuxt-module/src/runtime/server/utils/config'`,
  `import { defineSockudoTokenIssuer } from '${ROOT}nuxt-module/src/runtime/server/utils/token-issuer'`,
  `import type { H3Event } from 'h3'`,
  `declare function defineNitroPlugin(plugin: () => void): unknown`,
  `declare function getUserSession(event: H3Event): Promise<{ user?: { id: string | number; name: string; admin?: boolean } }>`,
  '',
].join('\n')

/** `nuxt.config.ts` blocks: `defineNuxtConfig` typed with the module's own options, so unknown keys and wrong values fail. */
const NUXT_CONFIG_PRELUDE = [
  `import type { ModuleOptions } from '${ROOT}nuxt-module/src/options'`,
  `declare function defineNuxtConfig(config: { modules?: string[]; sockudo?: Partial<ModuleOptions> }): unknown`,
  '',
].join('\n')

/** True for a `// nuxt.config.ts` block. */
export function isNuxtConfig(block: ReadmeBlock): boolean {
  return block.lang === 'ts' && /^\/\/ nuxt\.config\.ts/.test(block.code.trimStart())
}

function isNuxtApp(block: ReadmeBlock): boolean {
  return /nuxt/i.test(block.heading) && block.lang === 'vue'
}

function isNuxtServer(block: ReadmeBlock): boolean {
  return block.lang === 'ts' && /^\/\/ server\//.test(block.code.trimStart())
}

/** The file a block becomes: `ts` as a module, `vue` as an SFC (Nuxt ones with their auto-imports). */
export function blockSource(block: ReadmeBlock, index: number): { fileName: string; text: string } {
  if (block.lang === 'vue') {
    const open = '<script setup lang="ts">\n'
    if (!block.code.includes(open)) throw new Error('vue blocks need <script setup lang="ts">')
    const text = isNuxtApp(block) ? block.code.replace(open, open + NUXT_APP_PRELUDE) : block.code
    return { fileName: `${DIR}readme-block-${index}.vue`, text }
  }
  const body = (isNuxtServer(block) ? NUXT_SERVER_PRELUDE : isNuxtConfig(block) ? NUXT_CONFIG_PRELUDE : '') + block.code
  const text = /^\s*(import|export)\s/m.test(body) ? body : `${body}\nexport {}\n`
  return { fileName: `${DIR}readme-block-${index}.ts`, text }
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = `${ROOT}tsconfig.json`
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p))
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'))
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, configPath)
  return { ...parsed.options, noEmit: true, noUnusedLocals: false, allowNonTsExtensions: true }
}

/** Diagnostics (formatted) per block index; an empty array means the block typechecks. */
export function typecheckBlocks(blocks: ReadmeBlock[]): Map<number, string[]> {
  const files = new Map<string, string>()
  const names = new Map<number, string>()
  const out = new Map<number, string[]>()
  blocks.forEach((block, i) => {
    try {
      const { fileName, text } = blockSource(block, i)
      files.set(fileName, text)
      names.set(i, fileName)
    } catch (error) {
      out.set(i, [String(error)])
    }
  })
  const options = compilerOptions()
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, lang, onError, create) => {
    const text = files.get(fileName)
    return text !== undefined ? ts.createSourceFile(fileName, text, lang, true) : getSourceFile(fileName, lang, onError, create)
  }
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName)
  const readFile = host.readFile.bind(host)
  host.readFile = (fileName) => files.get(fileName) ?? readFile(fileName)
  files.set(`${DIR}readme-shims.d.ts`, SHIMS)
  const program = createVueProgram({ rootNames: [...files.keys(), `${ROOT}src/env.d.ts`], options, host })
  for (const [i, fileName] of names) {
    const sf = program.getSourceFile(fileName)
    if (!sf) {
      out.set(i, [`not in program: ${fileName}`])
      continue
    }
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
    out.set(i, diags.map((d) => format(d, blocks[i]!)))
  }
  return out
}

interface VueLanguageCore {
  createParsedCommandLineByJson(t: typeof ts, host: ts.ParseConfigHost, rootDir: string, json: unknown): { vueOptions: unknown }
  createVueLanguagePlugin(t: typeof ts, options: ts.CompilerOptions, vueOptions: unknown, asFileName: (id: string) => string): unknown
}
type CreateProgram = (options: ts.CreateProgramOptions) => ts.Program

/** `ts.createProgram` that understands `.vue` files, as vue-tsc builds it. */
function createVueProgram(options: ts.CreateProgramOptions): ts.Program {
  const require = createRequire(import.meta.url)
  const vue = require('@vue/language-core') as VueLanguageCore
  const { proxyCreateProgram } = require('@volar/typescript') as {
    proxyCreateProgram(t: typeof ts, original: CreateProgram, create: (t: typeof ts, o: ts.CreateProgramOptions) => { languagePlugins: unknown[] }): CreateProgram
  }
  const { vueOptions } = vue.createParsedCommandLineByJson(ts, ts.sys, ROOT, {})
  const create = proxyCreateProgram(ts, ts.createProgram as CreateProgram, (t, o) => ({
    languagePlugins: [vue.createVueLanguagePlugin(t, o.options, vueOptions, (id) => id)],
  }))
  return create(options)
}

function format(d: ts.Diagnostic, block: ReadmeBlock): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n')
  if (!d.file || d.start === undefined) return message
  const { line } = d.file.getLineAndCharacterOfPosition(d.start)
  const prelude = isNuxtServer(block) ? NUXT_SERVER_PRELUDE : isNuxtConfig(block) ? NUXT_CONFIG_PRELUDE : isNuxtApp(block) ? NUXT_APP_PRELUDE : ''
  const shift = -(prelude.split('\n').length - 1)
  const where = `README.md:${block.line + line + 1 + shift}`
  return `${where}: ${message}`
}
