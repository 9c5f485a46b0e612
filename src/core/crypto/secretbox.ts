import { ConfigError, CryptoError } from '../errors'
import { base64ToBytes, utf8Decode } from '../util/base64'
import { isRecord, parseMaybeJson } from '../util/json'

/** NaCl `secretbox_open` (XSalsa20-Poly1305). Returns null when authentication fails. */
export interface Secretbox {
  open(ciphertext: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null
}

interface SodiumLike {
  ready: Promise<unknown>
  crypto_secretbox_open_easy(ciphertext: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array
}

let sodiumPromise: Promise<Secretbox> | undefined

/**
 * Loads `libsodium-wrappers` (an optional peer) the first time an encrypted channel needs
 * it. The import is dynamic, so apps without encrypted channels never download it.
 */
export function loadLibsodiumSecretbox(): Promise<Secretbox> {
  sodiumPromise ??= importSodium().catch((cause: unknown) => {
    sodiumPromise = undefined
    throw new ConfigError('config/no-libsodium', '[sockudo] Encrypted channels need the `libsodium-wrappers` package: install it, or pass the `secretbox` option.', { cause })
  })
  return sodiumPromise
}

async function importSodium(): Promise<Secretbox> {
  const mod = (await import('libsodium-wrappers')) as unknown as { default?: SodiumLike } & Partial<SodiumLike>
  const sodium = (mod.default ?? mod) as SodiumLike
  await sodium.ready
  return {
    open(ciphertext, nonce, key) {
      try {
        return sodium.crypto_secretbox_open_easy(ciphertext, nonce, key)
      } catch {
        return null
      }
    },
  }
}

/** Decodes a base64 shared secret; it must be 32 bytes. */
export function decodeSharedSecret(base64: string, channel: string): Uint8Array {
  const key = base64ToBytes(base64)
  if (!key || key.length !== 32) {
    throw new CryptoError('crypto/invalid-key', 'shared_secret is not base64 of 32 bytes', { channel })
  }
  return key
}

/** Outcome of {@link openEncryptedPayload}. */
export type OpenResult = { ok: true; data: unknown } | { ok: false; error: CryptoError; retryWithNewKey: boolean }

/**
 * Decrypts an encrypted-channel payload `{"nonce","ciphertext"}` (base64; data may be a
 * JSON string). The plaintext is UTF-8 JSON (parsed when it parses, else the string).
 * `retryWithNewKey` is true only when authentication failed (a rotated key may fix it).
 */
export function openEncryptedPayload(data: unknown, key: Uint8Array, box: Secretbox, channel: string): OpenResult {
  const payload = parseMaybeJson(data)
  if (!isRecord(payload) || typeof payload.ciphertext !== 'string' || typeof payload.nonce !== 'string') {
    return fail('crypto/invalid-payload', 'Encrypted payload lacks string ciphertext and nonce', channel, false)
  }
  const ciphertext = base64ToBytes(payload.ciphertext)
  const nonce = base64ToBytes(payload.nonce)
  if (!ciphertext || ciphertext.length < 16 || !nonce || nonce.length !== 24) {
    return fail('crypto/invalid-payload', 'Encrypted payload has a malformed nonce or ciphertext', channel, false)
  }
  const plain = box.open(ciphertext, nonce, key)
  if (!plain) return fail('crypto/decrypt-failed', 'Could not decrypt the payload with the current key', channel, true)
  let text: string
  try {
    text = utf8Decode(plain)
  } catch (cause) {
    return { ok: false, error: new CryptoError('crypto/invalid-plaintext', 'Decrypted payload is not UTF-8', { channel, cause }), retryWithNewKey: false }
  }
  return { ok: true, data: parseMaybeJson(text) }
}

function fail(code: 'crypto/invalid-payload' | 'crypto/decrypt-failed', message: string, channel: string, retry: boolean): OpenResult {
  return { ok: false, error: new CryptoError(code, message, { channel }), retryWithNewKey: retry }
}
