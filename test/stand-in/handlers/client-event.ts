/** `client-*` events (http.md §6.7): checks in the real order, relay as sent, echo rules. */
import { channelKind, isMeta, isWildcard, namespaceOf } from '../channel-names'
import type { ServerContext } from '../context'
import { authError, clientEventError, WsError } from '../errors'
import type { ClientFrame } from '../frame'
import { publish } from '../publish'
import type { Session } from '../session'
import { stringifyJson } from '../util'
import { capabilityAllows } from './common'

const windows = new WeakMap<Session, number[]>()

function rateLimited(ctx: ServerContext, s: Session): boolean {
  const now = ctx.now()
  const recent = (windows.get(s) ?? []).filter((t) => t > now - 1000)
  recent.push(now)
  windows.set(s, recent)
  return recent.length > s.app.config.maxClientEventsPerSecond
}

export function handleClientEvent(ctx: ServerContext, s: Session, frame: ClientFrame): void {
  const cfg = s.app.config
  if (rateLimited(ctx, s)) throw new WsError(4301, 'Client event rejected due to rate limit')
  const channel = frame.channel
  if (!channel) throw clientEventError('Channel required for client event')
  if (!cfg.enableClientMessages) throw clientEventError('Client events are not enabled for this app')
  if (frame.event.length > cfg.maxEventNameLength) throw new WsError(4000, `Invalid event name: Event name exceeds maximum length of ${cfg.maxEventNameLength}`)
  if (channel.length > cfg.maxChannelNameLength) throw new WsError(4300, `Channel name invalid: Channel name exceeds maximum length of ${cfg.maxChannelNameLength}`)
  // Server type: `private-encrypted-x` classifies as Private, so encrypted channels are accepted.
  const kind = channelKind(channel)
  const exactEncrypted = channel === 'private-encrypted'
  if ((kind !== 'private' && kind !== 'presence') || exactEncrypted) throw clientEventError('Client events can only be sent to private or presence channels')
  if (isWildcard(channel)) throw clientEventError('Client events cannot target wildcard subscription channels')
  if (isMeta(channel)) throw clientEventError('Client events cannot target metachannels')
  const size = Buffer.byteLength(stringifyJson(frame.data ?? null))
  if (cfg.maxEventPayloadKb > 0 && size > cfg.maxEventPayloadKb * 1024) {
    throw clientEventError(`Event payload size (${size} bytes) exceeds limit (${cfg.maxEventPayloadKb}KB)`)
  }
  if (s.v2) {
    if (namespaceOf(cfg, channel)?.allowPublishForClient === false || !capabilityAllows(s, 'publish', channel)) {
      throw authError(`Connection is not allowed to publish channel '${channel}'`)
    }
  }
  if (!s.subscriptions.has(channel)) throw clientEventError(`Socket ${s.socketId} is not subscribed to channel ${channel}`)
  publish(ctx, s.app, { event: frame.event, channel, data: frame.data, sender: s, plainText: true })
}
