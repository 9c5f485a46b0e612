import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Secretbox } from '@sockudo/vue/core'
import { loadLibsodiumSecretbox, openEncryptedPayload } from '../../../src/core/internal'

interface Sodium {
  ready: Promise<void>
  crypto_secretbox_easy(m: Uint8Array, n: Uint8Array, k: Uint8Array): Uint8Array
}
const sodium = createRequire(import.meta.url)('libsodium-wrappers') as Sodium
const key = new Uint8Array(32).fill(1)
const nonce = new Uint8Array(24).fill(2)
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
let box: Secretbox

function seal(plain: string, k = key): { ciphertext: string; nonce: string } {
  return { ciphertext: b64(sodium.crypto_secretbox_easy(new TextEncoder().encode(plain), nonce, k)), nonce: b64(nonce) }
}

beforeAll(async () => {
  await sodium.ready
  box = await loadLibsodiumSecretbox()
})

describe('encrypted payloads', () => {
  it('opens a payload given as a JSON string and parses JSON plaintext', () => {
    expect(openEncryptedPayload(JSON.stringify(seal('{"a":1}')), key, box, 'c')).toEqual({ ok: true, data: { a: 1 } })
  })

  it('returns non-JSON plaintext as a string', () => {
    expect(openEncryptedPayload(seal('plain words'), key, box, 'c')).toEqual({ ok: true, data: 'plain words' })
  })

  it('reports a wrong key as retryable with a new key', () => {
    const r = openEncryptedPayload(seal('"x"', new Uint8Array(32).fill(9)), key, box, 'c')
    expect(r).toMatchObject({ ok: false, retryWithNewKey: true, error: { code: 'crypto/decrypt-failed', channel: 'c' } })
  })

  it.each([
    ['missing fields', { nonce: 'AA==' }],
    ['short nonce', { ciphertext: b64(new Uint8Array(32)), nonce: b64(new Uint8Array(12)) }],
    ['truncated ciphertext', { ciphertext: b64(new Uint8Array(8)), nonce: b64(nonce) }],
    ['bad base64', { ciphertext: '***', nonce: b64(nonce) }],
    ['not an object', 'just text'],
  ])('rejects a malformed payload (%s) without retrying', (_n, payload) => {
    expect(openEncryptedPayload(payload, key, box, 'c')).toMatchObject({ ok: false, retryWithNewKey: false, error: { code: 'crypto/invalid-payload' } })
  })

  it('reports a corrupted ciphertext as a decryption failure', () => {
    const sealed = seal('{"a":1}')
    const bytes = Buffer.from(sealed.ciphertext, 'base64')
    bytes[bytes.length - 1]! ^= 1
    expect(openEncryptedPayload({ ...sealed, ciphertext: bytes.toString('base64') }, key, box, 'c')).toMatchObject({ ok: false, retryWithNewKey: true })
  })
})
