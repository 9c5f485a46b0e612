/**
 * Every ```ts and ```vue block of README.md typechecks against the real sources (the
 * `@sockudo/vue*` paths resolve to src/), `.vue` blocks with their templates. Nuxt blocks get
 * their auto-imports made explicit (see typecheck-blocks.ts). A block whose first line is
 * `// readme: no-check` is skipped; none needs it today.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { blockNames, checkedBlocks, readmeBlocks, type ReadmeBlock } from './readme-blocks'
import { isNuxtConfig, typecheckBlocks } from './typecheck-blocks'

const all = readmeBlocks()
const blocks = checkedBlocks(all)
const names = blockNames(blocks)
const typed = blocks.filter((b) => !b.noCheck)

/** Broken on purpose, checked in the same program: proves the check can fail. */
const sentinels: ReadmeBlock[] = [
  { lang: 'ts', heading: 'sentinel', line: 1, noCheck: false, code: "import { SockudoClient } from '@sockudo/vue/core'\nnew SockudoClient('k', { wsHots: 'x' })" },
  { lang: 'vue', heading: 'sentinel', line: 1, noCheck: false, code: '<script setup lang="ts">\nimport { useChannel } from \'@sockudo/vue\'\nuseChannel(42)\n</script>' },
  { lang: 'ts', heading: 'sentinel', line: 1, noCheck: false, code: "// nuxt.config.ts\nexport default defineNuxtConfig({ sockudo: { wsHots: 'x' } })" },
  { lang: 'vue', heading: 'sentinel', line: 1, noCheck: false, code: '<script setup lang="ts">\nimport { useConnection } from \'@sockudo/vue\'\nconst { state } = useConnection()\n</script>\n<template><p>{{ state.toFixed(1) }}</p></template>' },
]

describe('README code examples typecheck', () => {
  let diagnostics: Map<number, string[]>
  beforeAll(() => {
    diagnostics = typecheckBlocks([...typed, ...sentinels])
  }, 120_000)

  it('reports type errors in ts blocks, vue scripts and vue templates (broken sentinels)', () => {
    expect(diagnostics.get(typed.length)?.join('\n')).toContain("'wsHots' does not exist")
    expect(diagnostics.get(typed.length + 1)?.join('\n')).toContain("'42' is not assignable")
    expect(diagnostics.get(typed.length + 2)?.join('\n')).toContain("'wsHots' does not exist")
    expect(diagnostics.get(typed.length + 3)?.join('\n')).toContain("'toFixed' does not exist")
  })

  it('has ts and vue examples to check', () => {
    expect(typed.length).toBeGreaterThan(10)
    expect(blocks.some((b) => b.lang === 'vue')).toBe(true)
  })

  it('registers the module in every nuxt.config example', () => {
    const configs = typed.filter(isNuxtConfig)
    expect(configs.length).toBeGreaterThan(0)
    for (const block of configs) expect(block.code).toMatch(/modules:\s*\[[^\]]*'@sockudo\/nuxt'/)
  })

  blocks.forEach((block, i) => {
    if (block.noCheck) return
    it(names[i]!, () => {
      expect(diagnostics.get(typed.indexOf(block))).toEqual([])
    })
  })
})
