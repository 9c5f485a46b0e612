import { ConfigError } from '../../core/errors'
import type { QueryValue } from '../signing'
import { assertUsableSecret } from '../secret'
import { createRestSender, decodeJsonResponse } from './request'
import type { RestRequest, RestResponse, SockudoRestOptions } from './request'
import { createRestPush } from './push'
import type { SockudoRestPush } from './push'

/** Optional fields of a trigger (sockudo 5.2.0 src/http_handler/events/processor.rs). */
export interface TriggerParams {
  /** Socket to exclude from delivery. */
  socketId?: string
  /** `subscription_count` and/or `user_count`, comma-separated. */
  info?: string
  /** Publisher-chosen message id; makes the server answer with per-channel serials. */
  messageId?: string
  /** V2 extras (headers, ephemeral, echo, …). */
  extras?: Record<string, unknown>
  /** V2 tags for filtered subscriptions. */
  tags?: Record<string, string>
  /** Request idempotency key. */
  idempotencyKey?: string
  /** `false` forces a full (non-delta) delivery. */
  delta?: boolean
}

/** One event of a batch trigger. */
export interface BatchEvent extends TriggerParams {
  /** Target channel. */
  channel: string
  /** Event name. */
  name: string
  /** Payload; non-strings are JSON-encoded. */
  data: unknown
}

/** Query parameters of the history endpoints (snake_case, as on the wire; serials may be strings). */
export type HistoryQuery = Record<string, QueryValue>

/** Signed client of the Sockudo HTTP API. Every call resolves with the server's decoded JSON. */
export interface SockudoRest {
  /** Sends any signed request and returns the raw response (used by the proxies). */
  request(request: RestRequest): Promise<RestResponse>
  /** `POST /events` to one or more channels. */
  trigger(channels: string | readonly string[], event: string, data: unknown, params?: TriggerParams): Promise<unknown>
  /** `POST /batch_events`. */
  triggerBatch(events: readonly BatchEvent[]): Promise<unknown>
  /** `GET /channels`. */
  getChannels(params?: { filterByPrefix?: string; info?: string }): Promise<unknown>
  /** `GET /channels/{channel}`. */
  getChannel(channel: string, params?: { info?: string }): Promise<unknown>
  /** `GET /channels/{channel}/users` (presence channels). */
  getUsers(channel: string): Promise<unknown>
  /** `POST /users/{userId}/terminate_connections`. */
  terminateUserConnections(userId: string): Promise<unknown>
  /** `GET /channels/{channel}/history`. */
  channelHistory(channel: string, query?: HistoryQuery): Promise<unknown>
  /** `GET /channels/{channel}/presence/history`. */
  presenceHistory(channel: string, query?: HistoryQuery): Promise<unknown>
  /** `GET /channels/{channel}/presence/history/snapshot`. */
  presenceSnapshot(channel: string, query?: HistoryQuery): Promise<unknown>
  /** `GET /channels/{channel}/messages/{serial}` (latest version). */
  getMessage(channel: string, messageSerial: string): Promise<unknown>
  /** `GET …/messages/{serial}/versions`. */
  getMessageVersions(channel: string, messageSerial: string, query?: HistoryQuery): Promise<unknown>
  /** `POST …/messages/{serial}/update|delete|append` with a snake_case body. */
  mutateMessage(channel: string, messageSerial: string, action: 'update' | 'delete' | 'append', body: Record<string, unknown>): Promise<unknown>
  /** Push notification admin API (`/apps/{appId}/push/…`). */
  readonly push: SockudoRestPush
}

/** Creates a signed Sockudo HTTP API client (sockudo-core 5.2.0 src/auth.rs, sockudo 5.2.0 src/http_handler/events/processor.rs). */
export function createSockudoRest(options: SockudoRestOptions): SockudoRest {
  for (const field of ['appId', 'key', 'secret'] as const) {
    if (!options[field]) throw new ConfigError('config/missing-credentials', `[sockudo] createSockudoRest needs "${field}".`)
  }
  assertUsableSecret(options.secret, 'createSockudoRest')
  const send = createRestSender(options)
  const call = async (what: string, request: RestRequest): Promise<unknown> => decodeJsonResponse(await send(request), what)
  const get = (path: string, params?: Record<string, QueryValue>): Promise<unknown> => call(`GET ${path}`, { method: 'GET', path, ...(params ? { params } : {}) })
  const post = (path: string, body: unknown): Promise<unknown> => call(`POST ${path}`, { method: 'POST', path, body: JSON.stringify(body) })
  const ch = (channel: string): string => `/channels/${encodeURIComponent(channel)}`
  const msg = (channel: string, serial: string): string => `${ch(channel)}/messages/${encodeURIComponent(serial)}`
  return {
    request: send,
    trigger: (channels, event, data, params = {}) => post('/events', { name: event, data: encodeData(data), ...targetChannels(channels), ...triggerFields(params) }),
    triggerBatch: (events) => post('/batch_events', { batch: events.map(({ channel, name, data, ...rest }) => ({ channel, name, data: encodeData(data), ...triggerFields(rest) })) }),
    getChannels: (params = {}) => get('/channels', { filter_by_prefix: params.filterByPrefix, info: params.info }),
    getChannel: (channel, params = {}) => get(ch(channel), { info: params.info }),
    getUsers: (channel) => get(`${ch(channel)}/users`),
    terminateUserConnections: (userId) => post(`/users/${encodeURIComponent(userId)}/terminate_connections`, {}),
    channelHistory: (channel, query) => get(`${ch(channel)}/history`, query),
    presenceHistory: (channel, query) => get(`${ch(channel)}/presence/history`, query),
    presenceSnapshot: (channel, query) => get(`${ch(channel)}/presence/history/snapshot`, query),
    getMessage: (channel, serial) => get(msg(channel, serial)),
    getMessageVersions: (channel, serial, query) => get(`${msg(channel, serial)}/versions`, query),
    mutateMessage: (channel, serial, action, body) => post(`${msg(channel, serial)}/${action}`, body),
    push: createRestPush(send, options.appId),
  }
}

function encodeData(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data)
}

function targetChannels(channels: string | readonly string[]): Record<string, unknown> {
  return typeof channels === 'string' ? { channel: channels } : { channels: [...channels] }
}

function triggerFields(params: TriggerParams): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    socket_id: params.socketId,
    info: params.info,
    message_id: params.messageId,
    extras: params.extras,
    tags: params.tags,
    idempotency_key: params.idempotencyKey,
    delta: params.delta,
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
}
