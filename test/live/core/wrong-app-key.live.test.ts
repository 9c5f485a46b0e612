import { afterEach, describe, expect, it } from 'vitest'
import { SockudoClient, type SockudoError } from '@sockudo/vue/core'
import { liveTarget } from '../../support/live'
import { waitFor } from './helpers'

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

describe('connecting with a wrong app key', () => {
  it('ends disconnected with an error naming the key instead of retrying forever', async () => {
    const t = liveTarget()
    const key = 'not-the-app-key'
    const client = new SockudoClient(key, { wsHost: t.host, wsPort: t.port, forceTls: false, reconnect: { baseDelay: 20, maxDelay: 50 } })
    clients.push(client)
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    client.connect()
    await waitFor(() => client.connection.state === 'disconnected', 10_000, 'disconnected')
    const error = errors.find((e) => e.code === 'connection/unknown-app')
    expect(error, errors.map((e) => `${e.code}: ${e.message}`).join('\n')).toBeDefined()
    expect(error!.message).toContain(`"${key}"`)
    expect(error!.message).toContain('`key`')
    const seen = errors.length
    await new Promise((r) => setTimeout(r, 300))
    expect(client.connection.state).toBe('disconnected')
    expect(errors).toHaveLength(seen)
  })
})
