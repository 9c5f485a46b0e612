/**
 * Decryption of one `private-encrypted-` channel's events, loaded with the first encrypted
 * subscription together with the secretbox code (apps without one never download either).
 * On a decryption failure it re-authorizes once to fetch a new key, holding later events in
 * order meanwhile; if that fails too it reports a `CryptoError` and drops the event.
 * Undecryptable data is never delivered.
 */
import { AuthError, CryptoError } from '../errors'
import type { InboundFrame } from '../protocol/frame'
import { decodeSharedSecret, openEncryptedPayload, type Secretbox } from './secretbox'

/** What the channel lends the delivery. */
export interface EncryptedDeliveryIo {
  /** Fetches a fresh `shared_secret` (a new channel authorization). */
  reauthorize(): Promise<string | undefined>
  /** Delivers a decrypted event. */
  deliver(frame: InboundFrame, data: unknown): void
  /** Reports a decryption error. */
  fail(error: CryptoError): void
}

/** One channel's key and the events waiting for a new one. */
export class EncryptedDelivery {
  private key: Uint8Array
  private queue: InboundFrame[] | undefined

  /** @throws AuthError when the authorization carried no `shared_secret`. */
  constructor(private readonly channel: string, private readonly box: Secretbox, sharedSecret: string | undefined, private readonly io: EncryptedDeliveryIo) {
    this.key = keyOf(sharedSecret, channel)
  }

  /** Decrypts and delivers `frame`, or queues it while a new key is fetched. */
  deliver(frame: InboundFrame): void {
    if (this.queue) return void this.queue.push(frame)
    const result = openEncryptedPayload(frame.data, this.key, this.box, this.channel)
    if (result.ok) return this.io.deliver(frame, result.data)
    if (!result.retryWithNewKey) return this.io.fail(result.error)
    this.queue = [frame]
    void this.refreshKey()
  }

  private async refreshKey(): Promise<void> {
    const oldKey = this.key
    try {
      this.key = keyOf(await this.io.reauthorize(), this.channel)
    } catch (cause) {
      this.io.fail(new CryptoError('crypto/key-refresh-failed', __DEV__ ? 'Could not fetch a new key after a decryption failure' : 'crypto/key-refresh-failed', { channel: this.channel, cause }))
    }
    const queued = this.queue ?? []
    this.queue = undefined
    for (const frame of queued) {
      if (sameBytes(this.key, oldKey)) {
        this.io.fail(new CryptoError('crypto/decrypt-failed', __DEV__ ? 'Could not decrypt the payload' : 'crypto/decrypt-failed', { channel: this.channel }))
        continue
      }
      const result = openEncryptedPayload(frame.data, this.key, this.box, this.channel)
      if (result.ok) this.io.deliver(frame, result.data)
      else this.io.fail(result.error)
    }
  }
}

function keyOf(sharedSecret: string | undefined, channel: string): Uint8Array {
  if (sharedSecret === undefined) throw new AuthError('auth/missing-field', __DEV__ ? 'Encrypted channel authorization has no shared_secret' : 'auth/missing-field', { channel })
  return decodeSharedSecret(sharedSecret, channel)
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
