import { randomUUID } from 'node:crypto'
import type { RestRequest } from '../rest/request'
import type { SockudoHandler } from './channel-auth'
import { errorResponse, HttpError, isRecord, requireString } from './http'
import { CHANNEL_HISTORY_PARAMS, jsonProxyHandler, paramsOf, pickQuery, relay, requireChannel } from './proxy-common'
import type { ProxyHandlerBaseOptions } from './proxy-common'

/** Actions of the versioned-messages endpoint (http.md §3.7). */
export type VersionedMessagesAction =
  | 'channel_history' | 'get_message' | 'get_message_versions' | 'publish_create'
  | 'message_update' | 'message_delete' | 'message_append'
  | 'publish_annotation' | 'delete_annotation' | 'list_annotations'

/** One request passed to the app's `authorize` hook. */
export interface VersionedMessagesProxyEvent {
  /** What the browser asks for. */
  action: VersionedMessagesAction
  /** Target channel. */
  channel: string
  /** Message serial, for message-scoped actions. */
  messageSerial?: string
  /** The whole (untrusted) request body. */
  body: Record<string, unknown>
}

/**
 * Answer of the hook: `false` denies (403), `true` allows; `{ clientId }` allows and records
 * that id as the actor of mutations (`client_id`), replacing whatever the browser sent.
 */
export type VersionedMessagesDecision = boolean | { clientId?: string }

/** Options of {@link createVersionedMessagesProxy}. */
export type VersionedMessagesProxyOptions = ProxyHandlerBaseOptions & {
  /** Decides each request; without it every request is denied (403). */
  authorize?: (event: VersionedMessagesProxyEvent, request: Request) => VersionedMessagesDecision | Promise<VersionedMessagesDecision>
}

type Mapper = (channel: string, body: Record<string, unknown>, clientId: string | undefined) => RestRequest

const ch = (channel: string): string => `/channels/${encodeURIComponent(channel)}`
const msg = (channel: string, body: Record<string, unknown>): string =>
  `${ch(channel)}/messages/${encodeURIComponent(requireString(body, 'messageSerial'))}`

const MUTATION_FIELDS: Record<string, string> = {
  data: 'data', name: 'name', extras: 'extras', clearFields: 'clear_fields', opId: 'op_id',
  clientId: 'client_id', socketId: 'socket_id', description: 'description', metadata: 'metadata',
}

function mutation(action: 'update' | 'delete' | 'append'): Mapper {
  return (channel, body, clientId) => {
    const out: Record<string, unknown> = {}
    for (const [from, to] of Object.entries(MUTATION_FIELDS)) {
      if (body[from] !== undefined && body[from] !== null && !(from === 'name' && action !== 'update')) out[to] = body[from]
    }
    if (clientId !== undefined) out.client_id = clientId
    if (action === 'append' && typeof out.data !== 'string') {
      throw new HttpError('proxy/invalid-body', 'message_append needs a string "data" fragment.', { status: 400 })
    }
    return { method: 'POST', path: `${msg(channel, body)}/${action}`, body: JSON.stringify(out) }
  }
}

function publishCreate(channel: string, body: Record<string, unknown>): RestRequest {
  const data = body.data
  const event: Record<string, unknown> = {
    name: typeof body.name === 'string' && body.name !== '' ? body.name : 'sockudo:message.create',
    channel,
    data: typeof data === 'string' ? data : JSON.stringify(data ?? null),
    // A message_id makes Sockudo answer with the per-channel serials the client needs.
    message_id: typeof body.messageId === 'string' && body.messageId !== '' ? body.messageId : randomUUID(),
  }
  if (isRecord(body.extras)) event.extras = body.extras
  if (typeof body.socketId === 'string') event.socket_id = body.socketId
  return { method: 'POST', path: '/events', body: JSON.stringify(event) }
}

const MAPPERS: Record<VersionedMessagesAction, Mapper> = {
  channel_history: (c, b) => ({ method: 'GET', path: `${ch(c)}/history`, params: pickQuery(paramsOf(b), CHANNEL_HISTORY_PARAMS) }),
  get_message: (c, b) => ({ method: 'GET', path: msg(c, b) }),
  get_message_versions: (c, b) => ({ method: 'GET', path: `${msg(c, b)}/versions`, params: pickQuery(paramsOf(b), ['direction', 'limit', 'cursor']) }),
  publish_create: publishCreate,
  message_update: mutation('update'),
  message_delete: mutation('delete'),
  message_append: mutation('append'),
  publish_annotation: (c, b) => ({ method: 'POST', path: `${msg(c, b)}/annotations`, body: JSON.stringify(isRecord(b.annotation) ? b.annotation : {}) }),
  delete_annotation: (c, b) => ({
    method: 'DELETE',
    path: `${msg(c, b)}/annotations/${encodeURIComponent(requireString(b, 'annotationSerial'))}`,
    params: pickQuery(b, ['socketId'], { socketId: 'socket_id' }),
  }),
  list_annotations: (c, b) => ({
    method: 'GET',
    path: `${msg(c, b)}/annotations`,
    params: { ...pickQuery(paramsOf(b), ['type', 'limit', 'fromSerial', 'from_serial', 'socketId'], { fromSerial: 'from_serial', socketId: 'socket_id' }), ...pickQuery(b, ['socketId'], { socketId: 'socket_id' }) },
  }),
}

/**
 * Versioned-messages proxy (v2-features.md §5.5, http.md §3.7): POST `{ channel, action, … }`,
 * translated to one signed Sockudo call (camelCase → snake_case); Sockudo's answer is returned unchanged.
 */
export function createVersionedMessagesProxy(options: VersionedMessagesProxyOptions): SockudoHandler {
  return jsonProxyHandler(options, async (body, rest, request) => {
    const action = body.action
    if (typeof action !== 'string' || !Object.hasOwn(MAPPERS, action)) {
      return errorResponse(400, 'invalid_action', `Unsupported action ${JSON.stringify(action)}.`)
    }
    const typed = action as VersionedMessagesAction
    const channel = requireChannel(body)
    const upstream = (clientId: string | undefined): RestRequest => MAPPERS[typed](channel, body, clientId)
    upstream(undefined) // validates the body before the app is asked
    const serial = typeof body.messageSerial === 'string' ? { messageSerial: body.messageSerial } : {}
    const decision = options.authorize ? await options.authorize({ action: typed, channel, body, ...serial }, request) : false
    if (decision === false) return errorResponse(403, 'forbidden', 'Not allowed to perform this message action.')
    const clientId = decision === true ? undefined : decision.clientId
    return relay(await rest.request(upstream(clientId)))
  })
}
