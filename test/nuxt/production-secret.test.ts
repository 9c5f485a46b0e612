import { fetch, useTestContext } from '@nuxt/test-utils/e2e'
import { describe, expect, it, vi } from 'vitest'
import { setupFixture } from './support/fixture'
import { localServer, serverEnv } from './support/local-server'

// The fixture is a production build (Nitro fixes NODE_ENV=production); here it keeps the
// well-known default secret and no SOCKUDO_ALLOW_DEFAULT_SECRET.
const server = localServer()
await setupFixture({ env: { ...serverEnv(server, ''), NUXT_SOCKUDO_SECRET: 'app-secret' } })

describe('a production server with the default secret', () => {
  it('fails every signing route with an error that says what to set', async () => {
    const headers = { 'x-test-user': 'u-1', 'content-type': 'application/json' }
    for (const [path, body] of [['/auth', { socket_id: '1.2', channel_name: 'private-chat' }], ['/user-auth', { socket_id: '1.2' }], ['/history', { channel: 'chat-room' }]] as const) {
      const res = await fetch(`/api/_sockudo${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
      expect(res.status, path).toBe(500)
      const answer = await res.json() as { code: string, error: string }
      expect(answer.code).toBe('config/default-secret')
      expect(answer.error).toContain('NUXT_SOCKUDO_SECRET')
    }
  })

  it('says so in the server log at startup', async () => {
    await vi.waitFor(() => expect(useTestContext().serverLogs.join('\n')).toMatch(/refuses the well-known default secret "app-secret" in production/), { timeout: 5000 })
  })
})
