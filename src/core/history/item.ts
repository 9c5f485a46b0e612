import { asPublished, eventData, toSockudoEvent } from '../message/event'
import { decodeJsonEnvelope } from '../codecs/json/decode'
import { isRecord, serialToString } from '../util/json'
import type { HistoryItem } from './types'

/**
 * Decodes one history item, from the socket (`channel_history`) or a REST proxy answer, into
 * the page's item shape; `undefined` when malformed. A stored never-edited message in its
 * versioned aggregate form (`sockudo:message.create` with `name`) is given back under its
 * published event name, with the item's `message_id` (the aggregate carries none).
 */
export function decodeHistoryItem(raw: unknown): HistoryItem | undefined {
  if (!isRecord(raw) || !isRecord(raw.message)) return undefined
  let stored
  try {
    stored = asPublished(decodeJsonEnvelope(raw.message)!)
  } catch {
    return undefined
  }
  const frame = stored.messageId === undefined && typeof raw.message_id === 'string' ? { ...stored, messageId: raw.message_id } : stored
  const item: HistoryItem = { event: toSockudoEvent(frame, eventData(frame)) }
  const serial = serialToString(raw.serial) ?? frame.serial
  if (serial !== undefined) item.serial = serial
  const streamId = typeof raw.stream_id === 'string' ? raw.stream_id : frame.streamId
  if (streamId !== undefined) item.streamId = streamId
  if (typeof raw.published_at_ms === 'number') item.publishedAtMs = raw.published_at_ms
  return item
}
