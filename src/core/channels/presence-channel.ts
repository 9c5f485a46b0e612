import { AuthError, ChannelError } from '../errors'
import type { InboundFrame } from '../protocol/frame'
import { isRecord, parseMaybeJson } from '../util/json'
import type { SubscribeAuth } from './channel'
import { Members } from './members'
import { PrivateChannel } from './private-channel'

/** A `presence-` channel: a private channel with a member roster. */
export class PresenceChannel<Info = unknown> extends PrivateChannel {
  /** The roster (replaced on every successful subscription, cleared on disconnect). */
  readonly members = new Members<Info>()

  /**
   * V2: replaces this connection's `user_info` for the channel; every member (this one
   * included) receives `member_updated`. The payload must serialise to ≤ 1024 bytes.
   * Returns false when not subscribed.
   * @throws ChannelError `channel/v2-only` on protocol 1.
   */
  update(info: Info): boolean {
    if (this.ctx.names.version !== 2) {
      throw new ChannelError('channel/v2-only', 'presence.update needs protocolVersion 2', { channel: this.name })
    }
    if (!this.subscribed) return false
    // String data: object data with `channel` is mangled by the server's JSON parser (sockudo-adapter 5.2.0 src/handler/presence_update.rs).
    return this.ctx.send({ event: this.ctx.names.event('presence_update'), data: JSON.stringify({ channel: this.name, data: info }) })
  }

  protected override async authorize(socketId: string): Promise<SubscribeAuth> {
    const auth = await this.ctx.authorize({ socketId, channelName: this.name })
    // Never subscribe a presence channel without channel_data: the server cannot handle it (sockudo-protocol 5.2.0 src/messages.rs).
    if (auth.channelData === undefined) {
      throw new AuthError('auth/missing-field', __DEV__ ? 'Presence authorization has no channel_data' : 'auth/missing-field', { channel: this.name })
    }
    const data = parseMaybeJson(auth.channelData)
    if (!isRecord(data) || typeof data.user_id !== 'string') {
      throw new AuthError('auth/invalid-channel-data', __DEV__ ? 'channel_data must be a JSON object with a string user_id' : 'auth/invalid-channel-data', { channel: this.name })
    }
    this.members.setMyId(data.user_id)
    return { auth: auth.auth, channelData: auth.channelData }
  }

  protected override onSubscribed(data: unknown): unknown {
    this.members.reset(data)
    this.emit('members_reset', this.members.toArray())
    return this.members
  }

  protected override resetState(): void {
    if (this.members.count === 0) return
    this.members.clear()
    this.emit('members_reset', [])
  }

  protected override handleInternal(name: string, data: unknown, frame: InboundFrame): boolean {
    if (!frame.event.includes('_internal:')) return false
    switch (name) {
      case 'member_added': {
        const result = this.members.upsert(data)
        if (result?.added) {
          this.emit('member_added', result.member)
          this.emitSynthetic('member_added', result.member)
        }
        return true
      }
      case 'member_removed': {
        const member = this.members.remove(data)
        if (member) {
          this.emit('member_removed', member)
          this.emitSynthetic('member_removed', member)
        }
        return true
      }
      case 'presence_update': {
        const known = isRecord(data) && typeof data.user_id === 'string' && this.members.get(data.user_id)
        const result = known ? this.members.upsert(data) : undefined
        if (result) {
          this.emit('member_updated', result.member)
          this.emitSynthetic('member_updated', result.member)
          // The seed clients' name for the same event (sockudo-adapter 5.2.0 src/handler/mod.rs), for code written against them.
          this.emitSynthetic('presence_update', result.member)
        }
        return true
      }
      default:
        return false
    }
  }
}
