/** versioned messages store (http.md §6.17): creates, versions, runtime headers. */
import type { ServerContext } from './context'
import type { ServerFrame } from './frame'
import type { PublishResult } from './publish'
import type { AppState, ChannelState } from './state'

/** One version of a message. */
export interface MessageVersion {
  action: 'message.create' | 'message.update' | 'message.delete' | 'message.append'
  versionSerial: string
  deliverySerial: bigint
  timestampMs: number
  name: string
  data: unknown
  extras?: ServerFrame['extras']
  clientId?: string
  description?: string
  metadata?: unknown
  opId?: string
}

export interface VersionedMessage {
  messageSerial: string
  messageId: string
  historySerial: bigint
  channel: string
  versions: MessageVersion[]
}

interface VersionStore {
  counter: bigint
  byChannel: Map<string, Map<string, VersionedMessage>>
}

export function versionStore(app: AppState): VersionStore {
  let store = app.ext.get('versioned') as VersionStore | undefined
  if (!store) app.ext.set('versioned', (store = { counter: 0n, byChannel: new Map() }))
  return store
}

/** `<20-digit unix ms>:<process id>:<20-digit counter>`, strictly increasing. */
export function nextVersionSerial(ctx: ServerContext, app: AppState): string {
  const store = versionStore(app)
  store.counter += 1n
  return `${String(ctx.now()).padStart(20, '0')}:${ctx.processId}:${store.counter.toString().padStart(20, '0')}`
}

/** Runtime headers merged into `extras.headers` (publisher headers kept). */
export function runtimeHeaders(message: VersionedMessage, version: MessageVersion): Record<string, string | number> {
  return {
    sockudo_action: version.action,
    sockudo_message_serial: message.messageSerial,
    sockudo_version_serial: version.versionSerial,
    sockudo_version_timestamp_ms: version.timestampMs,
    sockudo_history_serial: Number(message.historySerial),
  }
}

/** Turns a publish into a versioned create: adds headers, stores version 1, returns the serial. */
export function applyVersionedCreate(ctx: ServerContext, app: AppState, ch: ChannelState, frame: ServerFrame, result: PublishResult): string {
  const serial = nextVersionSerial(ctx, app)
  const version: MessageVersion = {
    action: 'message.create', versionSerial: serial, deliverySerial: frame.serial ?? 0n, timestampMs: ctx.now(),
    name: frame.event, data: frame.data, extras: frame.extras, clientId: frame.user_id,
  }
  const message: VersionedMessage = {
    messageSerial: serial, messageId: frame.message_id ?? '', historySerial: result.historySerial ?? 0n, channel: ch.name, versions: [version],
  }
  const store = versionStore(app)
  let channel = store.byChannel.get(ch.name)
  if (!channel) store.byChannel.set(ch.name, (channel = new Map()))
  channel.set(serial, message)
  frame.extras = { ...frame.extras, headers: { ...frame.extras?.headers, ...runtimeHeaders(message, version) } }
  // The real server stores the create with its runtime headers: REST views and later versions keep them.
  version.extras = frame.extras
  return serial
}
