/**
 * The README's option tables and version table say what the code and the installed packages
 * say: names and defaults are read from the sources (TSDoc defaults are the code's defaults).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_BACKOFF, DEFAULT_DEDUP_CAPACITY, DEFAULT_RELEASE_DELAY } from '@sockudo/vue'
import { defaultOptions } from '../../nuxt-module/src/options'
import { resolveOptions } from '../../src/core/client/options'
import { README_PATH } from './readme-blocks'

const readme = readFileSync(README_PATH, 'utf8')

/** Rows (cells without the backticks of the first cell) of the first table under `heading`. */
function table(heading: string): string[][] {
  const lines = readme.split('\n')
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && l.replace(/^#+\s+/, '') === heading)
  expect(start, `heading "${heading}"`).toBeGreaterThanOrEqual(0)
  const rows: string[][] = []
  for (let i = start + 1; i < lines.length && !/^#{1,6} /.test(lines[i]!); i++) {
    const line = lines[i]!
    if (!line.startsWith('|')) {
      if (rows.length > 0) break
      continue
    }
    if (/^\|\s*-/.test(line)) continue
    rows.push(line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()))
  }
  return rows.slice(1)
}

const code = (cell: string): string => cell.replace(/^`|`$/g, '')
const installed = (name: string): string => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version

describe('README tables match the code', () => {
  it('lists every Nuxt module option with its default from ModuleOptions', () => {
    const rows = table('Options')
    expect(rows.map((r) => code(r[0]!)).sort()).toEqual(Object.keys(defaultOptions).sort())
    for (const [name, cell] of rows) {
      const value = defaultOptions[code(name!) as keyof typeof defaultOptions]
      if (typeof value === 'object' && !Array.isArray(value)) continue // routes: described in words
      const literal = typeof value === 'string' ? `'${value}'` : JSON.stringify(value)
      expect(cell, `default of ${name}`).toMatch(new RegExp(`^\`${literal.replace(/[[\]]/g, '\\$&')}\``))
    }
  })

  it('states the client timeouts, backoff and dedup window the client applies', () => {
    const resolved = resolveOptions('k', { wsHost: 'h' })
    const defaults = Object.fromEntries(table('Timeouts, backoff and deduplication').map((r) => [code(r[0]!), r[1]!]))
    for (const name of ['activityTimeout', 'pongTimeout', 'unavailableTimeout', 'subscriptionTimeout'] as const) {
      expect(defaults[name]).toBe(`\`${resolved[name]}\` ms`)
    }
    expect(defaults.reconnect).toBe(`\`{ maxAttempts: Infinity, baseDelay: ${DEFAULT_BACKOFF.baseDelay}, maxDelay: ${DEFAULT_BACKOFF.maxDelay} }\``)
    expect(DEFAULT_BACKOFF.maxAttempts).toBe(Infinity)
    expect(defaults.messageDeduplication).toContain(`capacity: ${DEFAULT_DEDUP_CAPACITY}`)
  })

  it('states the Vue plugin grace period', () => {
    const row = table('Vue').find((r) => code(r[0]!) === 'releaseDelay')
    expect(row?.[1]).toBe(`\`${DEFAULT_RELEASE_DELAY}\` ms`)
  })

  it('names the supported ranges of package.json and the installed versions', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; peerDependencies: Record<string, string> }
    const rows = Object.fromEntries(table('Supported versions').map((r) => [r[0]!, r.slice(1)]))
    expect(pkg.engines.node).toBe(`${code(rows.Node![0]!)}.0`)
    expect(pkg.peerDependencies.vue).toBe(`${code(rows.Vue![0]!)}.0`)
    expect(pkg.peerDependencies.pinia).toBe(code(rows.Pinia![0]!).replace(/\\\|\\\|/, '||').replace(/\^(\d)/g, '^$1.0.0'))
    expect(rows.Vue![1]).toBe(installed('vue'))
    expect(rows.Pinia![1]).toBe(installed('pinia'))
    expect(rows.Nuxt![1]).toBe(installed('nuxt'))
  })
})
