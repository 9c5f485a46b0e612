/**
 * Vitest reporter that writes the README's feature × server table (passed / skipped tests of
 * the stand-in projects, the `*-real` projects and the two-node cluster) between the
 * `real-table` markers of README.md. Opt-in, for a full run:
 *   npx vitest run --reporter=default --reporter=./test/support/feature-table-reporter.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type { Reporter, TestModule } from 'vitest/node'

/** Feature of a test file; the first match wins. */
const FEATURES: [string, RegExp][] = [
  ['two-node cluster (Redis adapter)', /real-server\/cluster/],
  ['differential: stand-in against the real server', /real-server\/differential/],
  ['exactly once under chaos', /chaos/],
  ['delta compression', /delta/],
  ['filters and tags', /filter/],
  ['recovery, rewind, history', /recovery|history|rewind/],
  ['versioned messages', /versioned|mutable/],
  ['capability tokens', /token/],
  ['wire formats and fuzz', /codec|wire-format|fuzz/],
  ['server handlers, proxies, HTTP API', /\/test\/server\/|rest-features|http-|signing/],
  ['Vue and Pinia', /\/test\/(vue|pinia)\//],
  ['Nuxt module', /\/test\/nuxt\//],
  ['browser suite (playground)', /\/test\/e2e\//],
  ['unit: vectors, state machines, types, README', /\/test\/(core|types|readme|packaging|size|stand-in\/tests\/cli)/],
  ['core protocol: channels, auth, presence, encryption, V2', /./],
]
type Column = 'stand-in' | 'real' | 'cluster'
const COLUMNS: Column[] = ['stand-in', 'real', 'cluster']

export default class FeatureTableReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = new Map<string, Record<Column, { passed: number; skipped: number; failed: number }>>()
    for (const module of modules) {
      const feature = FEATURES.find(([, re]) => re.test(module.moduleId))![0]
      const column: Column = /real-server\/cluster/.test(module.moduleId) ? 'cluster' : /real/.test(module.project.name) ? 'real' : 'stand-in'
      const row = rows.get(feature) ?? Object.fromEntries(COLUMNS.map((c) => [c, { passed: 0, skipped: 0, failed: 0 }])) as Record<Column, { passed: number; skipped: number; failed: number }>
      rows.set(feature, row)
      for (const test of module.children.allTests()) {
        const state = test.result().state
        row[column][state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped']++
      }
    }
    const cell = (c: { passed: number; skipped: number; failed: number }) =>
      c.passed + c.skipped + c.failed === 0 ? '–' : `${c.passed} passed${c.skipped ? `, ${c.skipped} skipped` : ''}${c.failed ? `, **${c.failed} failed**` : ''}`
    const lines = [
      '| feature | stand-in | real Sockudo 5.2.0 | two-node cluster |',
      '| --- | --- | --- | --- |',
      ...FEATURES.map(([name]) => name).filter((name) => rows.has(name)).map((name) => `| ${name} | ${COLUMNS.map((c) => cell(rows.get(name)![c])).join(' | ')} |`),
    ]
    const readme = readFileSync('README.md', 'utf8')
    const start = '<!-- real-table:start -->'
    const end = '<!-- real-table:end -->'
    writeFileSync('README.md', readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${lines.join('\n')}\n${end}`))
  }
}
