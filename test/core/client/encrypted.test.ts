import { describe, expect, it } from 'vitest'
import type { Secretbox } from '@sockudo/vue/core'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

/** A toy box: "ciphertext" is the plaintext XOR the first key byte, so wrong keys are detectable by a marker. */
const toyBox: Secretbox = {
  open(ciphertext, _nonce, key) {
    const plain = ciphertext.map((b) => b ^ key[0]!)
    const text = new TextDecoder().decode(plain)
    return text.startsWith('OK') ? new TextEncoder().encode(text.slice(2)) : null
  },
}
const seal = (text: string, keyByte: number) => ({
  ciphertext: Buffer.from(new TextEncoder().encode(`OK${text}`.padEnd(18, ' ')).map((b) => b ^ keyByte)).toString('base64'),
  nonce: Buffer.alloc(24).toString('base64'),
})
const secret = (byte: number) => Buffer.alloc(32, byte).toString('base64')

describe('encrypted channel decryption (fake server)', () => {
  it('holds events while it fetches a new key, then delivers them in order', async () => {
    let calls = 0
    let release: () => void = () => undefined
    const { client, server, connect } = fakeClient({
      secretbox: async () => toyBox,
      channelAuthorization: {
        customHandler: async () => {
          calls++
          if (calls === 2) await new Promise<void>((r) => (release = r))
          return { auth: 'k:s', shared_secret: secret(calls === 1 ? 1 : 2) }
        },
      },
    })
    await connect()
    const channel = client.subscribe('private-encrypted-x')
    // The subscribe goes out once the authorization and the decryption code are in.
    while (server.last.sentEvents('pusher:subscribe').length === 0) await flush()
    server.subscribed(server.last, 'private-encrypted-x')
    const got: unknown[] = []
    channel.bind('e', (d) => got.push(d))
    server.last.serverSend({ event: 'e', channel: 'private-encrypted-x', data: JSON.stringify(seal('"a"', 2)) })
    server.last.serverSend({ event: 'e', channel: 'private-encrypted-x', data: JSON.stringify(seal('"b"', 2)) })
    expect(got).toEqual([])
    release()
    await flush()
    expect(got).toEqual(['a', 'b'])
    expect(calls).toBe(2)
  })

  it('fails the subscription when the authorization has no shared_secret', async () => {
    const { client, connect } = fakeClient({ secretbox: async () => toyBox })
    await connect()
    const channel = client.subscribe('private-encrypted-y')
    await flush()
    expect(channel.state).toBe('failed')
    expect(channel.error).toMatchObject({ code: 'auth/missing-field' })
  })
})
