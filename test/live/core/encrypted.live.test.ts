import { afterEach, describe, expect, it } from 'vitest'
import { CryptoError, SockudoClient } from '@sockudo/vue/core'
import { ENCRYPTION_MASTER_KEY_BASE64 } from '../../stand-in'
import { liveTarget, serverSdk } from '../../support/live'
import { connect, createClient, subscribed, uid, waitFor } from './helpers'

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})
const sdk = () => serverSdk(liveTarget(), { encryptionMasterKeyBase64: ENCRYPTION_MASTER_KEY_BASE64 })

describe('encrypted channels', () => {
  it('decrypts a payload encrypted by the pusher server SDK', async () => {
    const client = await connect(createClient({ sdk: sdk() }))
    clients.push(client)
    const channel = await subscribed(client.subscribe(`private-encrypted-vault-${uid()}`))
    const got: unknown[] = []
    channel.bind('secret', (data) => got.push(data))
    await sdk().trigger(channel.name, 'secret', { pin: 1234, note: 'héllo' })
    await waitFor(() => got.length === 1)
    expect(got[0]).toEqual({ pin: 1234, note: 'héllo' })
  })

  it('re-authorizes once on a decryption failure, then emits a CryptoError and never delivers', async () => {
    const good = sdk()
    let authCalls = 0
    const wrongKey = Buffer.alloc(32, 7).toString('base64')
    const t = liveTarget()
    const client = new SockudoClient(t.key, {
      wsHost: t.host, wsPort: t.port, forceTls: false,
      channelAuthorization: {
        customHandler: async ({ socketId, channelName }) => {
          authCalls++
          const auth = good.authorizeChannel(socketId, channelName)
          return { auth: auth.auth, shared_secret: wrongKey }
        },
      },
    })
    clients.push(client)
    await connect(client)
    const channel = await subscribed(client.subscribe(`private-encrypted-bad-${uid()}`))
    const got: unknown[] = []
    const errors: unknown[] = []
    channel.bind('secret', (data) => got.push(data))
    channel.on('error', (e) => errors.push(e))
    await good.trigger(channel.name, 'secret', { pin: 1 })
    await waitFor(() => errors.length === 1)
    expect(errors[0]).toBeInstanceOf(CryptoError)
    expect(errors[0]).toMatchObject({ code: 'crypto/decrypt-failed', channel: channel.name })
    expect(authCalls).toBe(2)
    expect(got).toEqual([])
  })

  it('recovers with the rotated key fetched after a decryption failure', async () => {
    const good = sdk()
    let authCalls = 0
    const t = liveTarget()
    const client = new SockudoClient(t.key, {
      wsHost: t.host, wsPort: t.port, forceTls: false,
      channelAuthorization: {
        customHandler: async ({ socketId, channelName }) => {
          const auth = good.authorizeChannel(socketId, channelName) as { auth: string; shared_secret?: string }
          return ++authCalls === 1 ? { ...auth, shared_secret: Buffer.alloc(32, 9).toString('base64') } : auth
        },
      },
    })
    clients.push(client)
    await connect(client)
    const channel = await subscribed(client.subscribe(`private-encrypted-rot-${uid()}`))
    const got: unknown[] = []
    channel.bind('secret', (data) => got.push(data))
    await good.trigger(channel.name, 'secret', 'first')
    await good.trigger(channel.name, 'secret', 'second')
    await waitFor(() => got.length === 2)
    expect(got).toEqual(['first', 'second'])
    expect(authCalls).toBe(2)
  })

  it('refuses client events on encrypted channels', async () => {
    const client = await connect(createClient({ sdk: sdk() }))
    clients.push(client)
    const channel = await subscribed(client.subscribe(`private-encrypted-ce-${uid()}`))
    expect(() => channel.trigger()).toThrowError(/encrypted/)
  })
})
