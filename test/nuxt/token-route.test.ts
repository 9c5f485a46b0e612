import { fetch as fetchApp } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { setupFixture } from './support/fixture'

// The basic fixture registers no token issuer: the route must refuse, not mint.
await setupFixture()

describe('the token route without an issuer', () => {
  it('answers 403 not-configured and mints nothing', async () => {
    const response = await fetchApp('/api/_sockudo/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'initial' }) })
    expect(response.status).toBe(403)
    const body = await response.json() as { code: string, token?: string }
    expect(body.code).toBe('not-configured')
    expect(body.token).toBeUndefined()
  })
})
