import { MessageError } from '../errors'
import type { MessageExtras } from '../protocol/frame'
import { fetchChannelHistory } from '../proxy/channel-history'
import type { HistoryPage, HistoryParams } from '../history/types'
import { asRecord, compact, serial, str } from '../proxy/decode'
import { decodePage } from '../proxy/page'
import type { HistoryDirection, ProxyPage } from '../proxy/page'
import { callProxy } from '../proxy/request'
import type { ProxyEndpointOptions } from '../proxy/request'
import { decodeVersionedMessage } from './versioned-message'
import type { VersionedMessage } from './versioned-message'

/** Options of {@link createVersionedMessages}: the `versionedMessages.endpoint` settings plus the channel. */
export interface VersionedMessagesOptions extends ProxyEndpointOptions {
  /** Channel the helpers act on. */
  channel: string
}

/** A new versioned message. */
export interface CreateMessageRequest {
  /** Payload; non-strings are JSON-encoded by the proxy. */
  data: unknown
  /** Event name. @default 'sockudo:message.create' (chosen by the proxy) */
  name?: string
  /** V2 extras. */
  extras?: MessageExtras
  /** Publisher message id. @default a random UUID */
  messageId?: string
  /** Socket to exclude from delivery. */
  socketId?: string
}

/** Fields of an update, delete or append (camelCase; the proxy maps them to snake_case). */
export interface MessageMutation {
  /** New data (update/delete) or the fragment (append). */
  data?: unknown
  /** New name (update only). */
  name?: string
  /** New extras. */
  extras?: MessageExtras
  /** Fields to clear: `name`, `data`, `extras`. */
  clearFields?: ('name' | 'data' | 'extras')[]
  /** 1–64 byte operation id for replay dedupe. */
  opId?: string
  /** Actor client id (the app proxy may override it). */
  clientId?: string
  /** Actor socket id. */
  socketId?: string
  /** Version description. */
  description?: string
  /** Version metadata. */
  metadata?: Record<string, unknown>
}

/** Acknowledgement of a create or mutation (serials exact strings). */
export interface MessageAck {
  /** Logical message serial. */
  messageSerial: string
  /** History serial of the original create. */
  historySerial: string
  /** Delivery serial of the new version. */
  deliverySerial?: string
  /** Serial of the new version. */
  versionSerial?: string
  /** `applied` or `duplicate` (mutations only). */
  status?: string
}

/** Parameters of a versions listing. */
export interface MessageVersionsParams {
  /** @default 'newest_first' (server) */
  direction?: HistoryDirection
  /** Page size (server cap 100). */
  limit?: number
  /** Cursor (a version serial) of a previous page. */
  cursor?: string
}

/** A page of message versions. */
export type MessageVersionsPage = ProxyPage<VersionedMessage>

/** Proxy-backed helpers for one channel's versioned messages (sockudo 5.2.0 src/http_handler/versioned_messages/mod.rs). */
export interface VersionedMessagesClient {
  /** Publishes a message (`publish_create`). */
  createMessage(request: CreateMessageRequest): Promise<MessageAck>
  /** Appends a text fragment (`message_append`). */
  appendMessage(messageSerial: string, text: string, mutation?: Omit<MessageMutation, 'data' | 'name' | 'clearFields'>): Promise<MessageAck>
  /** Replaces fields (`message_update`). */
  updateMessage(messageSerial: string, mutation: MessageMutation): Promise<MessageAck>
  /** Deletes the message (`message_delete`); the latest version may keep replacement data. */
  deleteMessage(messageSerial: string, mutation?: Omit<MessageMutation, 'name'>): Promise<MessageAck>
  /** Reads the latest version (`get_message`). */
  getMessage(messageSerial: string): Promise<VersionedMessage>
  /** Lists versions (`get_message_versions`); append items carry fragments. */
  getMessageVersions(messageSerial: string, params?: MessageVersionsParams): Promise<MessageVersionsPage>
  /** Reads channel history (`channel_history`). */
  channelHistory(params?: HistoryParams): Promise<HistoryPage>
}

/**
 * Binds the versioned-message helpers to a channel and its proxy endpoint. Every call POSTs
 * `{ channel, action, params, … }` as JSON; writes time out after `timeout` (default 10 s).
 */
export function createVersionedMessages(options: VersionedMessagesOptions): VersionedMessagesClient {
  const send = async (action: string, fields: Record<string, unknown>, params: Record<string, unknown> = {}): Promise<unknown> =>
    (await callProxy(options, { what: action, body: { ...compact(fields), channel: options.channel, params, action } })).body
  const mutate = async (action: string, messageSerial: string, mutation: MessageMutation): Promise<MessageAck> =>
    decodeAck(await send(action, { ...mutation, messageSerial }), messageSerial)
  return {
    createMessage: async (request) => decodeAck(await send('publish_create', { ...request, messageId: request.messageId ?? randomId() })),
    appendMessage: (serial, text, mutation = {}) => mutate('message_append', serial, { ...mutation, data: text }),
    updateMessage: (serial, mutation) => mutate('message_update', serial, mutation),
    deleteMessage: (serial, mutation = {}) => mutate('message_delete', serial, mutation),
    getMessage: async (serial) => decodeVersionedMessage(asRecord(await send('get_message', { messageSerial: serial })).item),
    getMessageVersions: (serial, params = {}) => fetchVersions(send, serial, params),
    channelHistory: (params = {}) => fetchChannelHistory(params, options),
  }
}

type Send = (action: string, fields: Record<string, unknown>, params?: Record<string, unknown>) => Promise<unknown>

async function fetchVersions(send: Send, messageSerial: string, params: MessageVersionsParams): Promise<MessageVersionsPage> {
  const raw = asRecord(await send('get_message_versions', { messageSerial }, compact({ ...params })))
  return decodePage<VersionedMessage, MessageVersionsPage>(raw, decodeVersionedMessage, {}, (cursor) => fetchVersions(send, messageSerial, { ...params, cursor }))
}

/**
 * Decodes an acknowledgement: the first entry of a `/events` `channels` map, else the flat
 * mutation response; camelCase or snake_case keys. A missing history serial is an error.
 */
export function decodeAck(body: unknown, requestSerial?: string): MessageAck {
  const root = asRecord(body)
  const channels = asRecord(root.channels)
  const first = Object.values(channels)[0]
  const ack = first === undefined ? root : asRecord(first)
  const messageSerial = str(ack.messageSerial) ?? str(ack.message_serial) ?? requestSerial
  const historySerial = serial(ack.historySerial ?? ack.history_serial)
  if (messageSerial === undefined || historySerial === undefined) {
    throw new MessageError('message/ack-invalid', 'Versioned message acknowledgement missing messageSerial or historySerial.', { body })
  }
  return compact({
    messageSerial,
    historySerial,
    deliverySerial: serial(ack.deliverySerial ?? ack.delivery_serial),
    versionSerial: str(ack.versionSerial) ?? str(ack.version_serial),
    status: str(ack.status),
  })
}

function randomId(): string {
  const uuid = globalThis.crypto?.randomUUID?.()
  return uuid ?? `msg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}
