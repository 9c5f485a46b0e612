/**
 * The publish pipeline shared by HTTP triggers and client events: V2 metadata (message_id,
 * stream_id, serial), history + replay buffer, cache channels, then fan-out per recipient.
 * With versioned messages on, client events become versioned creates too (as on the real server).
 */
import { channelKind, wildcardMatches } from './channel-names'
import type { ServerContext } from './context'
import { sendWithDelta } from './delta'
import { filterAllows } from './filters'
import type { FrameExtras, ServerFrame } from './frame'
import type { Session, Subscription } from './session'
import { channelState, type AppState, type ChannelState, type StoredMessage } from './state'
import { applyVersionedCreate } from './versioned'
import { uuid } from './util'

export interface PublishInput {
  event: string
  channel: string
  data: unknown
  tags?: Record<string, string>
  extras?: FrameExtras
  messageId?: string
  userId?: string
  /** HTTP `socket_id`: never delivered to this socket. */
  excludeSocketId?: string
  /** Client-event sender (V1 never echoed, V2 echoed unless echo_messages=false). */
  sender?: Session
  /** HTTP `"delta": false` — plain path (JSON text) and never a delta. */
  forceFull?: boolean
  /** Plain broadcast path (client events, presence events): JSON text frames on every format. */
  plainText?: boolean
}

export interface PublishResult {
  frame: ServerFrame
  messageId?: string
  serial?: bigint
  historySerial?: bigint
  versionSerial?: string
}

/** Runs the pipeline and delivers; returns the stored V2 frame and its positions. */
export function publish(ctx: ServerContext, app: AppState, input: PublishInput): PublishResult {
  const ch = channelState(app, input.channel)
  const ephemeral = input.extras?.ephemeral === true
  const frame: ServerFrame = { event: input.event, channel: input.channel, data: input.data }
  if (input.userId) frame.user_id = input.userId
  if (input.tags && Object.keys(input.tags).length > 0) frame.tags = input.tags
  if (input.extras && Object.keys(input.extras).length > 0) frame.extras = input.extras
  const result: PublishResult = { frame }
  if (!ephemeral && (app.config.history || app.config.recovery)) {
    frame.message_id = input.messageId ?? uuid()
    ch.serial += 1n
    frame.serial = ch.serial
    frame.stream_id = ch.streamId
    result.messageId = frame.message_id
    result.serial = ch.serial
    if (app.config.history) result.historySerial = ch.historySerial += 1n
    if (app.config.history && app.config.versionedMessages) result.versionSerial = applyVersionedCreate(ctx, app, ch, frame, result)
    store(ctx, app, ch, frame, result.historySerial ?? 0n)
  }
  if (channelKind(input.channel) === 'cache' && !ephemeral) {
    ch.cache = { frame: { event: frame.event, channel: frame.channel, data: frame.data }, expiresAtMs: ctx.now() + 3600_000 }
  }
  deliver(ctx, app, ch, frame, input)
  return result
}

function store(ctx: ServerContext, app: AppState, ch: ChannelState, frame: ServerFrame, historySerial: bigint): void {
  const entry: StoredMessage = { frame, serial: frame.serial ?? 0n, historySerial, publishedAtMs: ctx.now() }
  if (app.config.history) ch.history.push(entry)
  if (app.config.recovery) {
    if (ch.replayStreamId !== frame.stream_id) ch.replay = []
    ch.replayStreamId = frame.stream_id
    ch.replay.push(entry)
    trimReplay(ctx, app, ch)
  }
}

/** Drops replay entries beyond the buffer size or older than the TTL. */
export function trimReplay(ctx: ServerContext, app: AppState, ch: ChannelState): void {
  const cutoff = ctx.now() - app.config.recoveryTtlSeconds * 1000
  while (ch.replay.length > app.config.recoveryBufferSize || (ch.replay[0] && ch.replay[0].publishedAtMs < cutoff)) ch.replay.shift()
}

/** Sessions that receive a message on `channel`, with the subscription that matched. */
export function recipients(app: AppState, ch: ChannelState): Map<Session, Subscription | undefined> {
  const out = new Map<Session, Subscription | undefined>()
  for (const s of ch.subscribers) out.set(s, s.subscriptions.get(ch.name))
  for (const s of app.sessions) {
    if (!s.v2 || out.has(s)) continue
    for (const sub of s.subscriptions.values()) {
      if (sub.channel.includes('*') && wildcardMatches(sub.channel, ch.name)) out.set(s, sub)
    }
  }
  if (ch.name.startsWith('#server-to-user-')) {
    for (const s of app.users.get(ch.name.slice('#server-to-user-'.length)) ?? []) if (!out.has(s)) out.set(s, undefined)
  }
  return out
}

/** Fan-out of one built frame to every recipient with V1/V2 shaping, filters and delta. */
export function deliver(ctx: ServerContext, app: AppState, ch: ChannelState, frame: ServerFrame, input: PublishInput): void {
  for (const [session, sub] of recipients(app, ch)) {
    if (input.excludeSocketId !== undefined && session.socketId === input.excludeSocketId) continue
    if (input.sender === session && (!session.v2 || !session.echo)) continue
    deliverTo(ctx, session, sub, frame, { plainText: input.plainText || input.forceFull, forceFull: input.forceFull })
  }
}

/** Delivers to one socket; buffers while a rewind/resume replay is running for that subscription. */
export function deliverTo(
  ctx: ServerContext, session: Session, sub: Subscription | undefined, frame: ServerFrame,
  opts: { plainText?: boolean; forceFull?: boolean } = {},
): void {
  if (!session.v2) {
    if (frame.event.startsWith('sockudo:message.')) return
    session.send(frame, { broadcast: true })
    return
  }
  if (!filterAllows(sub?.filter, frame, session.app.config.tagFiltering)) return
  if (sub?.buffer) {
    sub.buffer.push(frame)
    return
  }
  const out = session.app.config.enableTags || !frame.tags ? frame : { ...frame, tags: undefined }
  if (!opts.plainText && !opts.forceFull && sendWithDelta(ctx, session, sub, out)) return
  session.send(out, { broadcast: true, plainText: opts.plainText })
}
