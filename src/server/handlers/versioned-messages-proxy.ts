import { randomUUID } from 'node:crypto'
import type { RestRequest } from '../rest/request'
import type { SockudoHandler } from './channel-auth'
import { judgeMessages } from './decision'
import { errorResponse, HttpError, isRecord } from './http'
import { browserEventName, browserExtras, browserSocketId, requireSegment } from './message-fields'
import { CHANNEL_HISTORY_PARAMS, jsonProxyHandler, paramsOf, pickQuery, relay, requireChannel } from './proxy-common'
import type { ProxyHandlerBaseOptions } from './proxy-common'

/** Actions of the versioned-messages endpoint. */
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
  /**
   * Event name that will be published: `publish_create` (the browser's name, or
   * `sockudo:message.create` when it sent none) and a renaming `message_update`. Names with a
   * protocol prefix (`pusher:`, `pusher_internal:`, `sockudo:`, `sockudo_internal:`) never get here.
   */
  name?: string
  /** The whole (untrusted) request body. */
  body: Record<string, unknown>
}

/**
 * Answer of the hook: `true` allows (mutations then carry no author); `{ clientId }` allows and
 * records that id, from the app's session, as the author (`client_id`) of mutations and
 * annotations. A `clientId` the browser sends is always dropped. `false` denies (403
 * `forbidden`); any other answer is refused (403 `invalid_decision`).
 */
export type VersionedMessagesDecision = boolean | { clientId: string }

/** Options of {@link createVersionedMessagesProxy}. */
export type VersionedMessagesProxyOptions = ProxyHandlerBaseOptions & {
  /** Decides each request; only an explicit allow forwards. Without it every request is denied (403). */
  authorize?: (event: VersionedMessagesProxyEvent, request: Request) => VersionedMessagesDecision | Promise<VersionedMessagesDecision>
}

type Mapper = (channel: string, body: Record<string, unknown>, clientId: string | undefined) => RestRequest

const DEFAULT_NAME = 'sockudo:message.create'
const ch = (channel: string): string => `/channels/${encodeURIComponent(channel)}`
const msg = (channel: string, body: Record<string, unknown>): string =>
  `${ch(channel)}/messages/${encodeURIComponent(requireSegment(body, 'messageSerial'))}`

// clientId is absent on purpose: the author comes from the app's decision only.
const MUTATION_FIELDS: Record<string, string> = {
  data: 'data', clearFields: 'clear_fields', opId: 'op_id', description: 'description', metadata: 'metadata',
}

function mutation(action: 'update' | 'delete' | 'append'): Mapper {
  return (channel, body, clientId) => {
    const out: Record<string, unknown> = {}
    for (const [from, to] of Object.entries(MUTATION_FIELDS)) {
      if (body[from] !== undefined && body[from] !== null) out[to] = body[from]
    }
    const name = action === 'update' ? browserEventName(body) : undefined
    const extras = browserExtras(body)
    const socketId = browserSocketId(body)
    Object.assign(out, name === undefined ? {} : { name }, extras === undefined ? {} : { extras }, socketId === undefined ? {} : { socket_id: socketId })
    if (clientId !== undefined) out.client_id = clientId
    if (action === 'append' && typeof out.data !== 'string') {
      throw new HttpError('proxy/invalid-body', 'message_append needs a string "data" fragment.', { status: 400 })
    }
    return { method: 'POST', path: `${msg(channel, body)}/${action}`, body: JSON.stringify(out) }
  }
}

function publishCreate(channel: string, body: Record<string, unknown>): RestRequest {
  const data = body.data
  const extras = browserExtras(body)
  const socketId = browserSocketId(body)
  const event: Record<string, unknown> = {
    name: browserEventName(body) ?? DEFAULT_NAME,
    channel,
    data: typeof data === 'string' ? data : JSON.stringify(data ?? null),
    // A message_id makes Sockudo answer with the per-channel serials the client needs.
    message_id: typeof body.messageId === 'string' && body.messageId !== '' ? body.messageId : randomUUID(),
    ...(extras === undefined ? {} : { extras }),
    ...(socketId === undefined ? {} : { socket_id: socketId }),
  }
  return { method: 'POST', path: '/events', body: JSON.stringify(event) }
}

function publishAnnotation(channel: string, body: Record<string, unknown>, clientId: string | undefined): RestRequest {
  const { clientId: _dropped, ...annotation } = isRecord(body.annotation) ? body.annotation : {}
  return { method: 'POST', path: `${msg(channel, body)}/annotations`, body: JSON.stringify(clientId === undefined ? annotation : { ...annotation, clientId }) }
}

const MAPPERS: Record<VersionedMessagesAction, Mapper> = {
  channel_history: (c, b) => ({ method: 'GET', path: `${ch(c)}/history`, params: pickQuery(paramsOf(b), CHANNEL_HISTORY_PARAMS) }),
  get_message: (c, b) => ({ method: 'GET', path: msg(c, b) }),
  get_message_versions: (c, b) => ({ method: 'GET', path: `${msg(c, b)}/versions`, params: pickQuery(paramsOf(b), ['direction', 'limit', 'cursor']) }),
  publish_create: publishCreate,
  message_update: mutation('update'),
  message_delete: mutation('delete'),
  message_append: mutation('append'),
  publish_annotation: publishAnnotation,
  delete_annotation: (c, b) => ({
    method: 'DELETE',
    path: `${msg(c, b)}/annotations/${encodeURIComponent(requireSegment(b, 'annotationSerial'))}`,
    params: pickQuery(b, ['socketId'], { socketId: 'socket_id' }),
  }),
  list_annotations: (c, b) => ({
    method: 'GET',
    path: `${msg(c, b)}/annotations`,
    params: { ...pickQuery(paramsOf(b), ['type', 'limit', 'fromSerial', 'from_serial', 'socketId'], { fromSerial: 'from_serial', socketId: 'socket_id' }), ...pickQuery(b, ['socketId'], { socketId: 'socket_id' }) },
  }),
}

/** The name the hook sees: what `publish_create` publishes, or the new name of an update. */
function eventName(action: VersionedMessagesAction, body: Record<string, unknown>): { name?: string } {
  if (action === 'publish_create') return { name: browserEventName(body) ?? DEFAULT_NAME }
  const name = action === 'message_update' ? browserEventName(body) : undefined
  return name === undefined ? {} : { name }
}

/**
 * Versioned-messages proxy (sockudo 5.2.0 src/http_handler/versioned_messages/mod.rs): POST `{ channel, action, … }`,
 * translated to one signed Sockudo call (camelCase → snake_case); Sockudo's answer is returned
 * unchanged. Protocol event names, unknown `extras` keys and dot-segment serials are 400s.
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
    const event: VersionedMessagesProxyEvent = { action: typed, channel, body, ...serial, ...eventName(typed, body) }
    const verdict = judgeMessages(options.authorize ? await options.authorize(event, request) : false, 'Not allowed to perform this message action.')
    if (!verdict.allow) return verdict.response
    return relay(await rest.request(upstream(verdict.grant.clientId)))
  })
}
