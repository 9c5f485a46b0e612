import { MessageError } from '../errors'
import { num, serial } from '../proxy/decode'
import type { VersionedMessageAction, VersionedMessageEventLike, VersionedMessageState, VersionedMessageInfo, VersionedReduceOptions } from './types'

const ACTIONS: ReadonlySet<string> = new Set<VersionedMessageAction>(['message.create', 'message.update', 'message.delete', 'message.append'])

/**
 * Reads the runtime headers of a versioned-message event, or `null` when the event is not one
 * (no `sockudo_action`, or an action this client does not apply such as `message.summary`).
 */
export function getVersionedMessageInfo(event: VersionedMessageEventLike): VersionedMessageInfo | null {
  const headers = event.extras?.headers
  const action = headers?.sockudo_action
  const messageSerial = headers?.sockudo_message_serial
  if (typeof action !== 'string' || !ACTIONS.has(action) || typeof messageSerial !== 'string') return null
  const info: VersionedMessageInfo = { action: action as VersionedMessageAction, event: event.event, messageSerial }
  if (typeof headers?.sockudo_version_serial === 'string') info.versionSerial = headers.sockudo_version_serial
  const historySerial = serial(headers?.sockudo_history_serial)
  if (historySerial !== undefined) info.historySerial = historySerial
  const timestamp = num(headers?.sockudo_version_timestamp_ms)
  if (timestamp !== undefined && Number.isSafeInteger(timestamp)) info.versionTimestampMs = timestamp
  return info
}

/** True when the event carries a versioned-message action this client applies. */
export function isVersionedMessageEvent(event: VersionedMessageEventLike): boolean {
  return getVersionedMessageInfo(event) !== null
}

/**
 * Applies one event to the state of its message:
 * create/update/delete replace the data (delete may leave `null`), append concatenates the
 * fragment onto the current string. Events that are not versioned-message events (unknown actions
 * included) and versions not newer than the current one (replays) leave the state unchanged.
 * Throws a {@link MessageError}: `message/serial-mismatch` for another message's event,
 * `message/append-without-base` when there is no string to append to (fetch the latest version
 * first), `message/append-not-string` for a non-string fragment.
 */
export function reduceVersionedMessageEvent<T = unknown>(
  current: VersionedMessageState<T> | null | undefined,
  event: VersionedMessageEventLike,
  options: VersionedReduceOptions = {},
): VersionedMessageState<T> | null {
  const info = getVersionedMessageInfo(event)
  if (!info) return current ?? null
  if (current && current.messageSerial !== info.messageSerial) {
    throw new MessageError('message/serial-mismatch', `Versioned-message reducer expected message_serial '${current.messageSerial}' but received '${info.messageSerial}'.`)
  }
  if (current && isStale(current, info)) return current
  return { ...carried(current), ...fields(event, info), data: nextData(current, event, info, options) as T | null }
}

/** Folds a list of events from an empty state; `null` for an empty list. */
export function reduceVersionedMessageEvents<T = unknown>(events: readonly VersionedMessageEventLike[], options: VersionedReduceOptions = {}): VersionedMessageState<T> | null {
  return events.reduce<VersionedMessageState<T> | null>((state, event) => reduceVersionedMessageEvent(state, event, options), null)
}

function isStale(current: VersionedMessageState<unknown>, info: VersionedMessageInfo): boolean {
  return current.versionSerial !== undefined && info.versionSerial !== undefined && info.versionSerial <= current.versionSerial
}

function nextData(current: VersionedMessageState<unknown> | null | undefined, event: VersionedMessageEventLike, info: VersionedMessageInfo, options: VersionedReduceOptions): unknown {
  const data = event.data ?? null
  if (info.action !== 'message.append' || options.appendMode === 'full') return data
  if (typeof current?.data !== 'string') {
    throw new MessageError('message/append-without-base', `message.append for '${info.messageSerial}' has no string base; seed the state with the latest version (getMessage or latest-view history) before applying appends.`)
  }
  if (typeof data !== 'string') {
    throw new MessageError('message/append-not-string', `message.append payload for '${info.messageSerial}' must be a string fragment.`)
  }
  return current.data + data
}

/** Fields that survive from the previous version when the new frame lacks them. */
function carried(current: VersionedMessageState<unknown> | null | undefined): Partial<VersionedMessageState<unknown>> {
  if (!current) return {}
  const { name, messageId, historySerial, streamId } = current
  return Object.fromEntries(Object.entries({ name, messageId, historySerial, streamId }).filter(([, v]) => v !== undefined))
}

function fields(event: VersionedMessageEventLike, info: VersionedMessageInfo): Omit<VersionedMessageState<unknown>, 'data'> {
  const state: Omit<VersionedMessageState<unknown>, 'data'> = { messageSerial: info.messageSerial, action: info.action, event: event.event }
  const optional = {
    name: event.name ?? (info.action === 'message.create' ? event.event : undefined),
    serial: event.serial,
    streamId: event.streamId,
    messageId: event.messageId,
    userId: event.userId,
    versionSerial: info.versionSerial,
    historySerial: info.historySerial,
    versionTimestampMs: info.versionTimestampMs,
  }
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(state, { [key]: value })
  return state
}
