import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

interface Manifest { dependencies: Record<string, string> }
interface Lock { packages: Record<string, { version?: string }> }

const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as T
const nuxtModule = read<Manifest>('nuxt-module/package.json')

describe('@sockudo/nuxt dependencies', () => {
  it('asks for ranges, so an app dedupes them with its own Nuxt and @pinia/nuxt', () => {
    const exact = Object.entries(nuxtModule.dependencies).filter(([, spec]) => /^\d/.test(spec))
    expect(exact, 'exact pins force a second copy next to the one the app already has').toEqual([])
    expect(nuxtModule.dependencies['@nuxt/kit']).toMatch(/^\^4\./)
  })

  it('shares the @nuxt/kit of the workspace instead of installing its own copy', () => {
    const lock = read<Lock>('package-lock.json')
    expect(lock.packages['nuxt-module/node_modules/@nuxt/kit']).toBeUndefined()
    expect(lock.packages['node_modules/@nuxt/kit']?.version).toMatch(/^4\./)
  })
})
