import { describe, expect, it } from 'vitest'
import type { SockudoError } from '@sockudo/vue/core'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

describe('a wrong app key', () => {
  it('ends disconnected after a 4001 close, with an error naming the key tried', async () => {
    const { client, server } = fakeClient()
    server.autoAccept = false
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    client.connect()
    await flush()
    server.last.open()
    server.last.serverClose(4001, 'Application does not exist')
    await flush()
    expect(client.connection.state).toBe('disconnected')
    const error = errors.find((e) => e.code === 'connection/unknown-app')
    expect(error?.message).toContain('"app-key"')
    expect(error).toMatchObject({ closeCode: 4001, retryable: false })
    expect(server.sockets).toHaveLength(1)
  })

  it('gives up after three sockets the server accepted and closed without a frame (what Sockudo does for an unknown key)', async () => {
    const { client, server, clock } = fakeClient({ reconnect: { baseDelay: 10, maxDelay: 10 } })
    server.autoAccept = false
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    client.connect()
    for (let i = 0; i < 3; i++) {
      await flush()
      server.last.open()
      server.last.serverClose(1006, '')
      await flush()
      if (i < 2) expect(client.connection.state).not.toBe('disconnected')
      clock.tick(1000)
    }
    await flush()
    expect(client.connection.state).toBe('disconnected')
    const error = errors.find((e) => e.code === 'connection/unknown-app')
    expect(error?.message).toContain('"app-key"')
    clock.tick(60_000)
    await flush()
    expect(server.sockets).toHaveLength(3)
  })

  it('keeps retrying sockets that never open (server down), without blaming the key', async () => {
    const { client, server, clock } = fakeClient({ reconnect: { baseDelay: 10, maxDelay: 10 } })
    server.autoAccept = false
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    client.connect()
    for (let i = 0; i < 5; i++) {
      await flush()
      server.last.serverClose(1006, '')
      await flush()
      clock.tick(1000)
    }
    expect(client.connection.state).not.toBe('disconnected')
    expect(errors.some((e) => e.code === 'connection/unknown-app')).toBe(false)
  })
})
