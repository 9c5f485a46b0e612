import { ChannelError } from '../errors'
import { Channel } from './channel'
import type { ChannelContext } from './context'
import { EncryptedChannel } from './encrypted-channel'
import { PresenceChannel } from './presence-channel'
import { PrivateChannel } from './private-channel'
import type { SubscribeOptions } from './types'

/** The channel class for a name. */
export type ChannelFor<N extends string> = N extends `private-encrypted-${string}`
  ? EncryptedChannel
  : N extends `private-${string}`
    ? PrivateChannel
    : N extends `presence-${string}`
      ? PresenceChannel
      : Channel

/** Picks the channel class by name prefix (pusher-js `createChannel`). */
export function createChannel(name: string, ctx: ChannelContext, options?: SubscribeOptions): Channel {
  if (name.startsWith('#')) {
    throw new ChannelError('channel/invalid-name', __DEV__ ? `Channel names starting with "#" are reserved (${name})` : 'channel/invalid-name', { channel: name })
  }
  if (name.startsWith('private-encrypted-')) return new EncryptedChannel(name, ctx, options)
  if (name.startsWith('private-')) return new PrivateChannel(name, ctx, options)
  if (name.startsWith('presence-')) return new PresenceChannel(name, ctx, options)
  return new Channel(name, ctx, options)
}

/** The channels of one client, by name. */
export class ChannelRegistry {
  private channels = new Map<string, Channel>()

  constructor(private readonly ctx: ChannelContext) {}

  /** Returns the channel `name`, creating it on first use. */
  add(name: string, options?: SubscribeOptions): Channel {
    let channel = this.channels.get(name)
    if (!channel) {
      channel = createChannel(name, this.ctx, options)
      this.channels.set(name, channel)
    }
    return channel
  }

  /** The channel `name`, if known. */
  find(name: string): Channel | undefined {
    return this.channels.get(name)
  }

  /** Forgets `name`; returns the channel that was removed. */
  remove(name: string): Channel | undefined {
    const channel = this.channels.get(name)
    this.channels.delete(name)
    return channel
  }

  /** Every known channel. */
  all(): Channel[] {
    return [...this.channels.values()]
  }
}
