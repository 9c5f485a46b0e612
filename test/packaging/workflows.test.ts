import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

interface Step { run?: string; uses?: string; if?: string; name?: string }
interface Workflow { on: Record<string, unknown>; jobs: Record<string, { steps: Step[]; strategy?: { matrix?: { node?: number[] } } }> }

const load = (name: string): Workflow =>
  parse(readFileSync(new URL(`../../.github/workflows/${name}`, import.meta.url), 'utf8')) as Workflow
const runs = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''))
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }

describe('ci workflow', () => {
  const wf = load('ci.yml')

  it('runs on pushes and pull requests', () => {
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
  })

  it('installs what .ci/run installs and runs npm test', () => {
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')
    const steps = runs(wf).join('\n')
    for (const pkgName of ['xdelta3', 'chromium', 'redis-server', 'cargo install sockudo --locked --version "$SOCKUDO_VERSION"']) {
      expect(ci).toContain(pkgName)
      expect(steps).toContain(pkgName)
    }
    expect(steps).toContain('npm ci')
    expect(steps).toMatch(/^npm test$/m)
  })

  it('tests on the lowest Node version the packages claim', () => {
    const lowest = Number(/(\d+)/.exec(pkg.engines.node)?.[1])
    expect(wf.jobs.test?.strategy?.matrix?.node).toContain(lowest)
  })
})

describe('release workflow', () => {
  const wf = load('release.yml')

  it('publishes on vue-v and nuxt-v tags with provenance and a dry run on pull requests', () => {
    const push = wf.on.push as { tags: string[] }
    expect(push.tags).toEqual(['vue-v*', 'nuxt-v*'])
    expect(Object.keys(wf.on)).toContain('pull_request')
    const steps = runs(wf).join('\n')
    expect(steps).toContain('npm publish --provenance')
    expect(steps).toContain('npm publish --dry-run')
    expect(steps).toMatch(/^npm test$/m)
  })
})
