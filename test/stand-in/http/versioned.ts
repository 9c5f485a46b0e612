/** Versioned messages REST (http.md §2.11): latest, versions, update / delete / append + V2 broadcast. */
import { validateChannelName } from '../channel-names'
import type { FrameExtras, ServerFrame } from '../frame'
import { deliverTo, recipients, trimReplay } from '../publish'
import { channelState, type AppState } from '../state'
import { isRecord } from '../util'
import { nextVersionSerial, runtimeHeaders, type MessageVersion, type VersionedMessage } from '../versioned'
import { currentState, findBySerial, realtimeMessage } from '../versioned-view'
import { featureDisabled, HttpError, invalidInput, notFound } from './respond'
import type { RouteRequest } from './router'

function target(r: RouteRequest, mutation: boolean): { app: AppState; channel: string; message: VersionedMessage } {
  const channel = r.params[0] ?? ''
  const serial = r.params[1] ?? ''
  const problem = validateChannelName(r.app.config, channel)
  if (problem) throw invalidInput(problem)
  if (!r.app.config.versionedMessages) throw featureDisabled(`Versioned messages are disabled for channel '${channel}'`)
  if (mutation && !r.app.config.history) throw featureDisabled(`Durable history is disabled by policy for channel '${channel}'`)
  if (serial.trim() === '' || /\s/.test(serial) || Buffer.byteLength(serial) > 128) throw invalidInput('message_serial must be non-blank, without whitespace and at most 128 bytes')
  const message = findBySerial(r.app, channel, serial)
  if (!message) throw notFound(`Message '${serial}' was not found in channel '${channel}'`)
  return { app: r.app, channel, message }
}

export function getLatest(r: RouteRequest): unknown {
  const { channel, message } = target(r, false)
  const latest = message.versions.at(-1) as MessageVersion
  return { channel, item: realtimeMessage(message, latest, currentState(message).data) }
}

export function getVersions(r: RouteRequest): unknown {
  const { channel, message } = target(r, false)
  const limit = r.query.has('limit') ? Number(r.query.get('limit')) : 100
  if (!Number.isInteger(limit)) throw new HttpError(400, '', 'Failed to deserialize query string: invalid limit', true)
  if (limit <= 0) throw invalidInput('versions limit must be greater than 0')
  const direction = r.query.get('direction') ?? 'newest_first'
  if (direction !== 'newest_first' && direction !== 'oldest_first') throw new HttpError(400, '', `Failed to deserialize query string: unknown variant \`${direction}\``, true)
  let versions = direction === 'newest_first' ? [...message.versions].reverse() : [...message.versions]
  const cursor = r.query.get('cursor')
  if (cursor) versions = versions.filter((v) => (direction === 'newest_first' ? v.versionSerial < cursor : v.versionSerial > cursor))
  const capped = Math.min(limit, 100)
  const page = versions.slice(0, capped)
  const hasMore = versions.length > capped
  const out: Record<string, unknown> = { channel, direction, limit: capped, has_more: hasMore }
  if (hasMore) out.next_cursor = page.at(-1)?.versionSerial
  out.items = page.map((v) => realtimeMessage(message, v, v.data))
  return out
}

function validateMutation(action: 'update' | 'delete' | 'append', body: Record<string, unknown>): void {
  const clear = Array.isArray(body.clear_fields) ? (body.clear_fields as string[]) : []
  if (new Set(clear).size !== clear.length) throw invalidInput('clear_fields must not contain duplicate entries')
  if (action !== 'append' && clear.some((f) => body[f] !== undefined)) throw invalidInput(`${action} request cannot both replace and clear the same field`)
  if (body.op_id !== undefined && (typeof body.op_id !== 'string' || body.op_id.length < 1 || Buffer.byteLength(body.op_id) > 64)) throw invalidInput('op_id must be 1..=64 bytes')
  if (action === 'update' && !['name', 'data', 'extras', 'clear_fields', 'description', 'metadata', 'op_id', 'client_id'].some((k) => body[k] !== undefined)) {
    throw invalidInput('update request must include at least one patch field or operation metadata')
  }
  if (action === 'append') {
    if (typeof body.data !== 'string') throw new HttpError(422, '', 'Failed to deserialize the JSON body into the target type: data: missing field', true)
    if (body.data === '') throw invalidInput('append request data must not be empty')
  }
}

export function mutate(action: 'update' | 'delete' | 'append') {
  return (r: RouteRequest): unknown => {
    const { app, channel, message } = target(r, true)
    const body = isRecord(r.body) ? r.body : {}
    validateMutation(action, body)
    const prior = message.versions.find((v) => body.op_id !== undefined && v.opId === body.op_id && v.action === `message.${action}`)
    const ch = channelState(app, channel)
    if (prior) return mutationReply(channel, message, prior, 'duplicate')
    const state = currentState(message)
    if (action === 'append' && typeof state.data !== 'string') throw invalidInput('append requires string message data in the release 4.3 core model')
    const clear = Array.isArray(body.clear_fields) ? (body.clear_fields as string[]) : []
    ch.serial += 1n
    const version: MessageVersion = {
      action: `message.${action}`, versionSerial: nextVersionSerial(r.ctx, app), deliverySerial: ch.serial, timestampMs: r.ctx.now(),
      name: action === 'update' && typeof body.name === 'string' ? body.name : clear.includes('name') ? '' : state.name,
      data: action === 'append' ? body.data : body.data !== undefined ? (typeof body.data === 'string' ? body.data : JSON.stringify(body.data)) : clear.includes('data') ? undefined : state.data,
      extras: isRecord(body.extras) ? (body.extras as FrameExtras) : clear.includes('extras') ? undefined : state.extras,
      clientId: typeof body.client_id === 'string' ? body.client_id : undefined,
      description: typeof body.description === 'string' ? body.description : undefined, metadata: body.metadata,
      opId: typeof body.op_id === 'string' ? body.op_id : undefined,
    }
    message.versions.push(version)
    broadcastMutation(r, app, message, version, typeof body.socket_id === 'string' ? body.socket_id : undefined)
    return mutationReply(channel, message, version, 'applied')
  }
}

function mutationReply(channel: string, message: VersionedMessage, v: MessageVersion, status: string): unknown {
  return {
    channel, message_serial: message.messageSerial, action: v.action.replace('message.', ''), accepted: true, version_serial: v.versionSerial,
    history_serial: message.historySerial, delivery_serial: v.deliverySerial, status,
  }
}

function broadcastMutation(r: RouteRequest, app: AppState, message: VersionedMessage, version: MessageVersion, excludeSocketId?: string): void {
  const ch = channelState(app, message.channel)
  const state = currentState(message)
  const userHeaders = Object.fromEntries(Object.entries(state.extras?.headers ?? {}).filter(([k]) => !k.startsWith('sockudo_')))
  const frame = (data: unknown): ServerFrame => {
    const f: ServerFrame = {
      event: `sockudo:${version.action}`, channel: message.channel, name: state.name, message_id: message.messageId, stream_id: ch.streamId,
      serial: version.deliverySerial, extras: { ...state.extras, headers: { ...userHeaders, ...runtimeHeaders(message, version) } },
    }
    if (data !== undefined) f.data = data
    const user = version.clientId ?? message.versions[0]?.clientId
    if (user) f.user_id = user
    return f
  }
  const deltaFrame = frame(version.action === 'message.append' ? version.data : state.data)
  const fullFrame = frame(state.data)
  if (app.config.recovery) {
    ch.replayStreamId = ch.streamId
    ch.replay.push({ frame: deltaFrame, serial: version.deliverySerial, historySerial: message.historySerial, publishedAtMs: r.ctx.now() })
    trimReplay(r.ctx, app, ch)
  }
  for (const [session, sub] of recipients(app, ch)) {
    if (!session.v2 || session.socketId === excludeSocketId) continue
    deliverTo(r.ctx, session, sub, session.appendMode === 'full' ? fullFrame : deltaFrame)
  }
}
