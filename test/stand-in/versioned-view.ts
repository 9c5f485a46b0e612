/** Read views of versioned messages: runtime frames (rewind, history, cold resume) and the REST `VersionedRealtimeMessage`. */
import type { ServerFrame } from './frame'
import type { AppState } from './state'
import { runtimeHeaders, versionStore, type MessageVersion, type VersionedMessage } from './versioned'

export function findByMessageId(app: AppState, channel: string, messageId: string | undefined): VersionedMessage | undefined {
  if (!messageId) return undefined
  for (const m of versionStore(app).byChannel.get(channel)?.values() ?? []) if (m.messageId === messageId) return m
  return undefined
}

export function findBySerial(app: AppState, channel: string, serial: string): VersionedMessage | undefined {
  return versionStore(app).byChannel.get(channel)?.get(serial)
}

/** Accumulated state after every version (append concatenates, the rest replace). */
export function currentState(message: VersionedMessage): { name: string; data: unknown; extras: MessageVersion['extras'] } {
  let state = { name: '', data: undefined as unknown, extras: undefined as MessageVersion['extras'] }
  for (const v of message.versions) {
    if (v.action === 'message.append') state = { ...state, data: `${String(state.data ?? '')}${String(v.data)}`, extras: v.extras ?? state.extras }
    else state = { name: v.name || state.name, data: v.data, extras: v.extras }
  }
  return state
}

/**
 * The runtime frame of `message` as of `upTo` (default: its latest version), as the real server
 * builds it from a version record for rewind, socket history replay and cold resume: event
 * `sockudo:message.<action>` (a never-edited message too), the original event in `name`, the
 * aggregate data and the stored extras with that version's runtime headers.
 */
export function runtimeFrame(message: VersionedMessage, original: ServerFrame, upTo = message.versions.length): ServerFrame {
  const prefix = { ...message, versions: message.versions.slice(0, upTo) }
  const latest = prefix.versions.at(-1) as MessageVersion
  const state = currentState(prefix)
  const headers = { ...state.extras?.headers, ...runtimeHeaders(message, latest) }
  const frame: ServerFrame = {
    event: `sockudo:${latest.action}`, channel: message.channel, data: state.data, name: state.name,
    message_id: message.messageId, stream_id: original.stream_id, serial: latest.deliverySerial, extras: { ...state.extras, headers },
  }
  const user = message.versions[0]?.clientId ?? latest.clientId
  if (user) frame.user_id = user
  return frame
}

/** REST shape of one version (`data` = fragment for append versions when `fragment` is set). */
export function realtimeMessage(message: VersionedMessage, version: MessageVersion, data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {
    event: `sockudo:${version.action}`, channel: message.channel, data, name: message.versions[0]?.name,
    serial: version.deliverySerial,
  }
  // Stored extras keep the create's runtime headers (the real server stores them with the create).
  if (version.extras && Object.keys(version.extras).length > 0) out.extras = version.extras
  Object.assign(out, {
    action: version.action.replace('message.', ''), message_serial: message.messageSerial,
    history_serial: message.historySerial, delivery_serial: version.deliverySerial,
  })
  const v: Record<string, unknown> = { serial: version.versionSerial, timestamp_ms: version.timestampMs }
  if (version.clientId) v.client_id = version.clientId
  if (version.description) v.description = version.description
  if (version.metadata !== undefined) v.metadata = version.metadata
  out.version = v
  return out
}

/** Every version of the channel's messages in delivery order, as runtime frames (cold resume source). */
export function versionRecords(app: AppState, channel: string): { serial: bigint; frame: ServerFrame }[] {
  const out: { serial: bigint; frame: ServerFrame }[] = []
  const ch = app.channels.get(channel)
  for (const message of versionStore(app).byChannel.get(channel)?.values() ?? []) {
    message.versions.forEach((v, i) => out.push({ serial: v.deliverySerial, frame: runtimeFrame(message, { event: '', stream_id: ch?.streamId }, i + 1) }))
  }
  return out.sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0))
}
