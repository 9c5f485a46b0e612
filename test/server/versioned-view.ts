/** Read views of versioned messages: latest realtime frame and the REST `VersionedRealtimeMessage`. */
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

/** The realtime frame of the latest version (the original frame while only the create exists). */
export function latestFrame(message: VersionedMessage, original: ServerFrame): ServerFrame {
  const latest = message.versions.at(-1) as MessageVersion
  if (message.versions.length === 1) return original
  const state = currentState(message)
  const userExtras = Object.fromEntries(Object.entries(state.extras?.headers ?? {}).filter(([k]) => !k.startsWith('sockudo_')))
  return {
    event: `sockudo:${latest.action}`, channel: message.channel, data: state.data, name: state.name,
    user_id: latest.clientId ?? original.user_id, message_id: message.messageId, stream_id: original.stream_id,
    serial: latest.deliverySerial, extras: { ...state.extras, headers: { ...userExtras, ...runtimeHeaders(message, latest) } },
  }
}

/** REST shape of one version (`data` = fragment for append versions when `fragment` is set). */
export function realtimeMessage(message: VersionedMessage, version: MessageVersion, data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {
    event: `sockudo:${version.action}`, channel: message.channel, data, name: message.versions[0]?.name,
    serial: version.deliverySerial,
  }
  const headers = Object.fromEntries(Object.entries(version.extras?.headers ?? {}).filter(([k]) => !k.startsWith('sockudo_')))
  if (Object.keys(headers).length > 0) out.extras = { headers }
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
