import { ChannelError, CryptoError } from '../errors'
import type { EncryptedDelivery } from '../crypto/encrypted-delivery'
import type { InboundFrame } from '../protocol/frame'
import type { SubscribeAuth } from './channel'
import { PrivateChannel } from './private-channel'

/**
 * A `private-encrypted-` channel: payloads are NaCl secretbox boxes under the shared secret
 * from the auth response. Decryption (and the one re-authorization after a failure) lives in
 * `EncryptedDelivery`, loaded with the first encrypted subscription.
 */
export class EncryptedChannel extends PrivateChannel {
  private delivery: EncryptedDelivery | undefined

  /** Client events cannot be encrypted by this client. @throws ChannelError always. */
  override trigger(): boolean {
    throw new ChannelError('channel/client-events-unsupported', __DEV__ ? 'Client events are not supported on encrypted channels' : 'channel/client-events-unsupported', { channel: this.name })
  }

  protected override async authorize(socketId: string): Promise<SubscribeAuth> {
    const [auth, box, { EncryptedDelivery }] = await Promise.all([
      this.ctx.authorize({ socketId, channelName: this.name }), this.ctx.secretbox(), import('../crypto/encrypted-delivery'),
    ])
    this.delivery = new EncryptedDelivery(this.name, box, auth.sharedSecret, {
      reauthorize: () => this.reauthorize(),
      deliver: (frame, data) => this.emitEvent(frame, data),
      fail: (error) => this.emit('error', error),
    })
    return { auth: auth.auth }
  }

  protected override deliverApp(frame: InboundFrame): void {
    if (this.delivery) return this.delivery.deliver(frame)
    this.emit('error', new CryptoError('crypto/no-key', __DEV__ ? 'Encrypted event arrived before the channel key' : 'crypto/no-key', { channel: this.name }))
  }

  private async reauthorize(): Promise<string | undefined> {
    const socketId = this.ctx.socketId()
    if (socketId === undefined) throw new CryptoError('crypto/no-connection', __DEV__ ? 'Cannot re-authorize while disconnected' : 'crypto/no-connection', { channel: this.name })
    return (await this.ctx.authorize({ socketId, channelName: this.name })).sharedSecret
  }
}
