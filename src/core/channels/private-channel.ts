import { ChannelError } from '../errors'
import { Channel, type SubscribeAuth } from './channel'

/** A `private-` channel: authorized by the auth endpoint; accepts client events. */
export class PrivateChannel extends Channel {
  /**
   * Sends a client event (`client-…`) to the other subscribers. Returns false when the
   * channel is not subscribed (nothing is sent). The app must enable client events.
   * V2 connections receive their own client events back unless `echoMessages: false`.
   * @throws ChannelError `channel/invalid-client-event` when the name lacks `client-`.
   */
  override trigger(event: string, data?: unknown): boolean {
    if (!event.startsWith('client-')) {
      throw new ChannelError('channel/invalid-client-event', __DEV__ ? `Client event names must start with "client-" (got "${event}")` : 'channel/invalid-client-event', { channel: this.name })
    }
    if (!this.subscribed) return false
    return this.ctx.send({ event, channel: this.name, data })
  }

  protected override authorize(socketId: string): Promise<SubscribeAuth> {
    return this.ctx.authorize({ socketId, channelName: this.name })
  }
}
