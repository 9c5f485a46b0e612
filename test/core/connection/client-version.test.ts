import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildSocketUrl, CLIENT_VERSION } from '../../../src/core/connection/url'

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }

describe('CLIENT_VERSION', () => {
  it("is package.json's version and is what the socket URL sends", () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(CLIENT_VERSION).toBe(pkg.version)
    const url = buildSocketUrl({ key: 'k', host: 'h', port: 80, tls: false, path: '', version: 2 })
    expect(new URL(url).searchParams.get('version')).toBe(pkg.version)
  })
})
