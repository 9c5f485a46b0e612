import { AuthError, ChannelError, CryptoError } from '../errors'
import type * as CryptoModule from '../crypto/secretbox'
import type { Secretbox } from '../crypto/secretbox'
import type { InboundFrame } from '../protocol/frame'
import type { SubscribeAuth } from './channel'
import { PrivateChannel } from './private-channel'

/**
 * A `private-encrypted-` channel: payloads are NaCl secretbox boxes under the shared secret
 * from the auth response. On a decryption failure the channel re-authorizes once to fetch
 * a new key; if that fails too it emits a `CryptoError` and drops the event. Undecryptable
 * data is never delivered.
 */
export class EncryptedChannel extends PrivateChannel {
  /** The decryption code, loaded with the first encrypted subscription (apps without one never download it). */
  private crypto: typeof CryptoModule | undefined
  private key: Uint8Array | undefined
  private box: Secretbox | undefined
  /** Events held while a new key is fetched (kept in order). */
  private queue: InboundFrame[] | undefined

  /** Client events cannot be encrypted by this client. @throws ChannelError always. */
  override trigger(): boolean {
    throw new ChannelError('channel/client-events-unsupported', __DEV__ ? 'Client events are not supported on encrypted channels' : 'channel/client-events-unsupported', { channel: this.name })
  }

  protected override async authorize(socketId: string): Promise<SubscribeAuth> {
    const [auth, box, crypto] = await Promise.all([this.ctx.authorize({ socketId, channelName: this.name }), this.ctx.secretbox(), import('../crypto/secretbox')])
    this.crypto = crypto
    this.key = this.requireKey(auth.sharedSecret)
    this.box = box
    return { auth: auth.auth }
  }

  protected override deliverApp(frame: InboundFrame): void {
    if (this.queue) return void this.queue.push(frame)
    if (!this.key || !this.box || !this.crypto) return this.reportError(new CryptoError('crypto/no-key', __DEV__ ? 'Encrypted event arrived before the channel key' : 'crypto/no-key', { channel: this.name }))
    const result = this.crypto.openEncryptedPayload(frame.data, this.key, this.box, this.name)
    if (result.ok) return this.emitEvent(frame, result.data)
    if (!result.retryWithNewKey) return this.reportError(result.error)
    this.queue = [frame]
    void this.refreshKey(this.key)
  }

  private async refreshKey(oldKey: Uint8Array): Promise<void> {
    const socketId = this.ctx.socketId()
    try {
      if (socketId === undefined) throw new CryptoError('crypto/no-connection', __DEV__ ? 'Cannot re-authorize while disconnected' : 'crypto/no-connection', { channel: this.name })
      const auth = await this.ctx.authorize({ socketId, channelName: this.name })
      this.key = this.requireKey(auth.sharedSecret)
    } catch (cause) {
      this.reportError(new CryptoError('crypto/key-refresh-failed', __DEV__ ? 'Could not fetch a new key after a decryption failure' : 'crypto/key-refresh-failed', { channel: this.name, cause }))
    }
    const queued = this.queue ?? []
    this.queue = undefined
    const key = this.key
    for (const frame of queued) {
      if (!key || !this.box || !this.crypto || sameBytes(key, oldKey)) {
        this.reportError(new CryptoError('crypto/decrypt-failed', __DEV__ ? 'Could not decrypt the payload' : 'crypto/decrypt-failed', { channel: this.name }))
        continue
      }
      const result = this.crypto.openEncryptedPayload(frame.data, key, this.box, this.name)
      if (result.ok) this.emitEvent(frame, result.data)
      else this.reportError(result.error)
    }
  }

  private requireKey(sharedSecret: string | undefined): Uint8Array {
    if (sharedSecret === undefined) throw new AuthError('auth/missing-field', __DEV__ ? 'Encrypted channel authorization has no shared_secret' : 'auth/missing-field', { channel: this.name })
    if (!this.crypto) throw new CryptoError('crypto/no-key', __DEV__ ? 'Decryption code not loaded' : 'crypto/no-key', { channel: this.name })
    return this.crypto.decodeSharedSecret(sharedSecret, this.name)
  }

  private reportError(error: CryptoError): void {
    this.emit('error', error)
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
