import { randomBytes } from 'node:crypto'
import nacl from 'tweetnacl'
import { channelSharedSecret, decodeMasterKey } from '@sockudo/vue/server'

const CHANNEL = 'private-encrypted-vault'

/**
 * Encrypts a note for `private-encrypted-vault` the way Pusher's server SDKs do (secretbox
 * with the channel's shared secret, http.md §3.4) and publishes it. Returns the ciphertext so
 * the page can show what Sockudo actually relayed.
 */
export default defineEventHandler(async (event) => {
  const body = await readBody<{ from?: unknown, text?: unknown }>(event)
  const text = typeof body?.text === 'string' ? body.text.slice(0, 500) : ''
  const from = typeof body?.from === 'string' ? body.from.slice(0, 24) : 'anonymous'
  if (!text) throw createError({ statusCode: 400, statusMessage: 'text is required' })

  const config = useSockudoConfig(event)
  const key = channelSharedSecret(CHANNEL, decodeMasterKey(config.private.encryptionMasterKeyBase64))
  // Node's CSPRNG for the nonce: bundled tweetnacl cannot find one on its own.
  const nonce = new Uint8Array(randomBytes(nacl.secretbox.nonceLength))
  const plaintext = new TextEncoder().encode(JSON.stringify({ from, text, at: Date.now() }))
  const ciphertext = Buffer.from(nacl.secretbox(plaintext, nonce, key)).toString('base64')
  const data = JSON.stringify({ nonce: Buffer.from(nonce).toString('base64'), ciphertext })
  await useSockudoRest(event).trigger(CHANNEL, 'note', data)
  return { ciphertext }
})
