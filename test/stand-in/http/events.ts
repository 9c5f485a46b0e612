/** `POST /events` and `POST /batch_events` (http.md §2.2–2.3). */
import { channelKind, validateChannelName } from '../channel-names'
import type { ServerContext } from '../context'
import type { FrameExtras } from '../frame'
import { publish } from '../publish'
import type { AppState } from '../state'
import { isRecord, stringifyJson } from '../util'
import { HttpError, invalidInput } from './respond'

const missingChannels = () => new HttpError(400, 'missing_channel_info', "Request must contain 'channels' (list) or 'channel' (string)")
const shapeError = (msg: string) => new HttpError(422, '', `Failed to deserialize the JSON body into the target type: ${msg}`, true)

function targetChannels(app: AppState, body: Record<string, unknown>): string[] {
  let channels: string[]
  if (body.channels !== undefined) {
    if (!Array.isArray(body.channels) || body.channels.some((c) => typeof c !== 'string')) throw shapeError('channels: invalid type')
    if (body.channels.length === 0) throw missingChannels()
    channels = body.channels as string[]
  } else if (typeof body.channel === 'string') channels = [body.channel]
  else throw missingChannels()
  const max = app.config.maxEventChannelsAtOnce
  if (channels.length > max) throw new HttpError(400, 'limit_exceeded', `Number of channels (${channels.length}) exceeds limit (${max})`)
  return channels
}

function validateItem(app: AppState, body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw shapeError('expected a JSON object')
  if (typeof body.name !== 'string' || body.name === '') throw invalidInput('Event name is required')
  const max = app.config.maxEventNameLength
  if (body.name.length > max) throw new HttpError(400, 'limit_exceeded', `Event name '${body.name}' exceeds maximum length of ${max}`)
  if (body.extras !== undefined) {
    if (!isRecord(body.extras)) throw shapeError('extras: invalid type')
    const headers = body.extras.headers
    if (headers !== undefined && (!isRecord(headers) || Object.values(headers).some((v) => typeof v === 'object'))) throw shapeError('extras.headers: invalid type')
  }
  if (body.idempotency_key !== undefined) {
    if (body.idempotency_key === '') throw invalidInput('Idempotency key must not be empty')
    if (String(body.idempotency_key).length > 128) throw invalidInput('Idempotency key exceeds maximum length of 128 characters')
  }
  return body
}

/** Publishes one API message to its channels; returns the per-channel info when requested. */
function publishItem(ctx: ServerContext, app: AppState, body: Record<string, unknown>): Record<string, unknown> | undefined {
  const channels = targetChannels(app, body)
  const data = body.data === undefined ? 'null' : typeof body.data === 'string' ? body.data : stringifyJson(body.data)
  const name = body.name as string
  const max = app.config.maxEventPayloadKb
  if (max > 0 && Buffer.byteLength(data) > max * 1024) {
    throw new HttpError(413, 'payload_too_large', `Event payload size (${Buffer.byteLength(data)} bytes) for event '${name}' exceeds limit (${max}KB)`)
  }
  for (const channel of channels) {
    const problem = validateChannelName(app.config, channel)
    if (problem) throw invalidInput(problem)
  }
  const info = typeof body.info === 'string' ? body.info.split(',').map((t) => t.trim()) : []
  const wantsInfo = info.length > 0 || typeof body.message_id === 'string'
  const out: Record<string, unknown> = {}
  for (const channel of channels) {
    const receipt = publishReceipt(ctx, app, channel, body)
    if (receipt) {
      out[channel] = receipt
      continue
    }
    const r = publish(ctx, app, {
      event: name, channel, data, tags: isRecord(body.tags) ? (body.tags as Record<string, string>) : undefined,
      extras: isRecord(body.extras) ? (body.extras as FrameExtras) : undefined,
      messageId: typeof body.message_id === 'string' ? body.message_id : undefined,
      excludeSocketId: typeof body.socket_id === 'string' ? body.socket_id : undefined,
      forceFull: body.delta === false,
    })
    const entry: Record<string, unknown> = { acknowledgement_id: r.versionSerial ?? r.messageId ?? body.message_id ?? crypto.randomUUID() }
    const ch = app.channels.get(channel)
    if (info.includes('subscription_count')) entry.subscription_count = ch?.subscribers.size ?? 0
    if (info.includes('user_count') && channelKind(channel) === 'presence') entry.user_count = ch?.members.size ?? 0
    if (r.versionSerial) {
      Object.assign(entry, { message_serial: r.versionSerial, history_serial: r.historySerial, delivery_serial: r.serial, version_serial: r.versionSerial })
    }
    out[channel] = entry
    rememberReceipt(ctx, app, channel, body, entry)
  }
  return wantsInfo ? out : undefined
}

/** Publish-level idempotency key: message_id, else extras.idempotencyKey, else idempotency_key. */
function publishKey(body: Record<string, unknown>): string | undefined {
  const extras = isRecord(body.extras) ? body.extras : {}
  const key = body.message_id ?? extras.idempotencyKey ?? body.idempotency_key
  return typeof key === 'string' && key !== '' ? key : undefined
}

const fingerprint = (body: Record<string, unknown>) => stringifyJson([body.name, body.data ?? null, body.tags ?? null, body.extras ?? null])

/** Same key + same payload ⇒ the original receipt (no broadcast); different payload ⇒ 400. */
function publishReceipt(ctx: ServerContext, app: AppState, channel: string, body: Record<string, unknown>): Record<string, unknown> | undefined {
  const key = publishKey(body)
  if (!key || !app.config.idempotency) return undefined
  const stored = app.idempotency.get(`publish:${channel}:${key}`)
  if (!stored || stored.expiresAtMs <= ctx.now()) return undefined
  const { fp, entry } = JSON.parse(stored.body) as { fp: string; entry: Record<string, unknown> }
  if (fp !== fingerprint(body)) throw invalidInput('idempotency key was already used with a different payload')
  return entry
}

function rememberReceipt(ctx: ServerContext, app: AppState, channel: string, body: Record<string, unknown>, entry: Record<string, unknown>): void {
  const key = publishKey(body)
  if (!key || !app.config.idempotency) return
  const text = stringifyJson({ fp: fingerprint(body), entry })
  app.idempotency.set(`publish:${channel}:${key}`, { body: text, expiresAtMs: ctx.now() + app.config.idempotencyTtlSeconds * 1000 })
}

function idempotent(ctx: ServerContext, app: AppState, key: string | undefined, run: () => unknown): unknown {
  if (!key || !app.config.idempotency) return run()
  const cached = app.idempotency.get(key)
  if (cached && cached.expiresAtMs > ctx.now()) return JSON.parse(cached.body) as unknown
  const result = run()
  app.idempotency.set(key, { body: stringifyJson(result), expiresAtMs: ctx.now() + app.config.idempotencyTtlSeconds * 1000 })
  return result
}

export function triggerEvent(ctx: ServerContext, app: AppState, body: unknown, headerKey: string | undefined): unknown {
  const item = validateItem(app, body)
  const key = typeof item.idempotency_key === 'string' ? item.idempotency_key : headerKey
  return idempotent(ctx, app, key ? `app:${app.config.id}:idempotency:${key}` : undefined, () => {
    const channels = publishItem(ctx, app, item)
    return channels ? { channels } : { ok: true }
  })
}

export function triggerBatch(ctx: ServerContext, app: AppState, body: unknown, headerKey: string | undefined): unknown {
  if (!isRecord(body) || !Array.isArray(body.batch)) throw shapeError('batch: missing field')
  const batch = body.batch
  const max = app.config.maxEventBatchSize
  if (max > 0 && batch.length > max) throw new HttpError(400, 'limit_exceeded', `Batch size (${batch.length}) exceeds limit (${max})`)
  const items = batch.map((b) => validateItem(app, b))
  return idempotent(ctx, app, headerKey ? `app:${app.config.id}:batch-idempotency:${headerKey}` : undefined, () => {
    const results = items.map((item) => {
      const key = typeof item.idempotency_key === 'string' ? `app:${app.config.id}:idempotency:${item.idempotency_key}` : undefined
      if (key && app.config.idempotency && (app.idempotency.get(key)?.expiresAtMs ?? 0) > ctx.now()) return {}
      const info = publishItem(ctx, app, item)
      if (key && app.config.idempotency) app.idempotency.set(key, { body: '{}', expiresAtMs: ctx.now() + app.config.idempotencyTtlSeconds * 1000 })
      const first = info ? Object.values(info)[0] : undefined
      return first ?? {}
    })
    return results.some((r) => Object.keys(r).length > 0) ? { batch: results } : {}
  })
}
