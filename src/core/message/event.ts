import type { InboundFrame } from '../protocol/frame'
import { parseMaybeJson } from '../util/json'
import type { EventMetadata, SockudoEvent } from './types'

/**
 * Builds the public event object of a frame with already parsed `data`; `channel` is used when
 * the frame names none (a channel delivering its own events).
 */
export function toSockudoEvent(frame: InboundFrame, data: unknown, channel?: string): SockudoEvent {
  const event: SockudoEvent = { event: frame.event, data }
  const name = frame.channel ?? channel
  if (name !== undefined) event.channel = name
  if (frame.messageId !== undefined) event.messageId = frame.messageId
  if (frame.serial !== undefined) event.serial = frame.serial
  if (frame.streamId !== undefined) event.streamId = frame.streamId
  if (frame.extras !== undefined) event.extras = frame.extras
  if (frame.userId !== undefined) event.userId = frame.userId
  if (frame.tags !== undefined) event.tags = frame.tags
  if (frame.name !== undefined) event.name = frame.name
  return event
}

/** Builds the `bind` metadata of an event. */
export function toMetadata(event: SockudoEvent): EventMetadata {
  const meta: EventMetadata = {}
  if (event.userId !== undefined) meta.user_id = event.userId
  if (event.messageId !== undefined) meta.messageId = event.messageId
  if (event.serial !== undefined) meta.serial = event.serial
  if (event.streamId !== undefined) meta.streamId = event.streamId
  if (event.extras !== undefined) meta.extras = event.extras
  if (event.tags !== undefined) meta.tags = event.tags
  return meta
}

/**
 * The frame as the app bound it. With versioned messages on, Sockudo delivers a never-edited
 * message from rewind, socket history and cold recovery as `sockudo:message.create` carrying
 * the original event name in `name`, while the live frame used that name as its event; both
 * reach `bind('<name>')` (and the reducer still sees `sockudo_action` and `name`).
 */
export function asPublished(frame: InboundFrame): InboundFrame {
  return frame.name !== undefined && frame.event.endsWith(':message.create') ? { ...frame, event: frame.name } : frame
}

/** A versioned-message append: by its runtime header, or by its event name (either prefix family). */
function isAppend(frame: InboundFrame): boolean {
  return frame.extras?.headers?.sockudo_action === 'message.append' || frame.event.endsWith(':message.append')
}

/**
 * Parses a frame's `data` for delivery (JSON strings become values). Versioned-message append
 * fragments stay text: the reducer concatenates strings, and parsing a fragment such as
 * `" 42"` or `"true"` would turn it into a number or a boolean.
 */
export function eventData(frame: InboundFrame): unknown {
  if (typeof frame.data === 'string' && isAppend(frame)) return frame.data
  return parseMaybeJson(frame.data)
}
