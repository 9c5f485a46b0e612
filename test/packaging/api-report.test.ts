/**
 * The committed API report (`api/*.api.md`) matches the sources, so every change to what an
 * entry exports, or to an exported signature, shows in review. After an intended change,
 * rewrite the report: `UPDATE_API_REPORT=1 npx vitest run --project unit test/packaging/api-report.test.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildApiReports, ENTRIES, reportPath, ROOT } from './api-report'

const { reports, unexported } = buildApiReports()
const update = process.env.UPDATE_API_REPORT === '1'
const namesOf = (entry: string) => [...reports[entry]!.matchAll(/^## (\S+)$/gm)].map((m) => m[1]!)

describe('the API report', () => {
  it.each(Object.keys(ENTRIES))('%s matches api/', (entry) => {
    const file = ROOT + reportPath(entry)
    const actual = reports[entry]!
    if (update) {
      mkdirSync(`${ROOT}api`, { recursive: true })
      writeFileSync(file, actual)
    }
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : ''
    expect(actual, `${reportPath(entry)} is out of date; run UPDATE_API_REPORT=1 npx vitest run --project unit test/packaging/api-report.test.ts and review the diff`).toBe(committed)
  })

  it('names no type that no entry exports (an app must be able to name what a signature uses)', () => {
    expect(unexported).toEqual([])
  })

  it('exports from @sockudo/vue exactly what core, vue and pinia export (the README import table)', () => {
    const union = new Set(['@sockudo/vue/core', '@sockudo/vue/vue', '@sockudo/vue/pinia'].flatMap(namesOf))
    expect(namesOf('@sockudo/vue')).toEqual([...union].sort((a, b) => a.localeCompare(b)))
  })

  it('leaves pipeline internals and @internal registry types out of every entry', () => {
    const internals = [
      'runInbound', 'routeFrame', 'createFrameIO', 'transition', 'ResumeGate', 'MessageDeduplicator', 'ChannelRegistry',
      'adler32', 'parseJsonLossless', 'ChannelHold', 'RegistryEvents', 'injectSockudo', 'useChannelHold',
    ]
    for (const entry of Object.keys(ENTRIES)) expect(namesOf(entry).filter((n) => internals.includes(n)), entry).toEqual([])
  })
})
