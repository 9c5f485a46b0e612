import { describe, expect, it } from 'vitest'
import { ALL_FEATURES, PRESETS, parseFeatures } from './real-features'

describe('real-server feature declarations', () => {
  it('defaults to the repository config.toml preset without control routes, push or watchlist events', () => {
    const set = parseFeatures()
    expect([...set].sort()).toEqual([...PRESETS.repo].sort())
    for (const off of ['controlRoutes', 'push', 'watchlistEvents', 'tags', 'standIn'] as const) expect(set.has(off)).toBe(false)
  })

  it('replaces the preset with a plain list and adjusts it with +/- items', () => {
    expect([...parseFeatures('repo', 'history,recovery')]).toEqual(['history', 'recovery'])
    const adjusted = parseFeatures('docker', '+push,-tags')
    expect(adjusted.has('push')).toBe(true)
    expect(adjusted.has('tags')).toBe(false)
    expect(adjusted.has('deltaCompression')).toBe(true)
    expect(parseFeatures('env', 'all').size).toBe(ALL_FEATURES.length)
  })

  it('rejects unknown presets and feature names', () => {
    expect(() => parseFeatures('staging')).toThrowError(/SOCKUDO_CONFIG/)
    expect(() => parseFeatures('repo', '+histroy')).toThrowError(/unknown feature histroy/)
  })
})
