import { ProtocolError } from '../errors'
import { isRecord, parseMaybeJson } from '../util/json'
import type { InboundFrame } from './frame'
import type { ProtocolNames } from './names'

/** Outcome of the first frame of a connection. */
export type HandshakeResult =
  | { type: 'established'; socketId: string; activityTimeout?: number }
  | { type: 'error'; code?: number; message: string }
  | { type: 'invalid'; error: ProtocolError }

/**
 * Interprets the first frame: `connection_established` (data is a JSON string with
 * `socket_id` and `activity_timeout` in seconds) or an `error` frame whose code drives the
 * close-code table (sockudo-adapter 5.2.0 src/handler/mod.rs, sockudo-core 5.2.0 src/error.rs). Either prefix family is accepted.
 */
export function parseHandshake(frame: InboundFrame, names: ProtocolNames): HandshakeResult {
  const canonical = names.canonical(frame.event)
  if (canonical?.name === 'error') {
    const { code, message } = parseErrorData(frame.data)
    return code === undefined ? { type: 'error', message } : { type: 'error', code, message }
  }
  if (canonical?.name !== 'connection_established' || canonical.internal) {
    return invalid(`Expected connection_established, got ${frame.event}`, frame)
  }
  const data = parseMaybeJson(frame.data)
  if (!isRecord(data) || typeof data.socket_id !== 'string' || data.socket_id === '') {
    return invalid('connection_established without socket_id', frame)
  }
  const timeout = data.activity_timeout
  return typeof timeout === 'number' && timeout > 0
    ? { type: 'established', socketId: data.socket_id, activityTimeout: timeout }
    : { type: 'established', socketId: data.socket_id }
}

/** Reads `{code, message}` from an error frame's data (object or JSON string). */
export function parseErrorData(data: unknown): { code?: number; message: string } {
  const parsed = parseMaybeJson(data)
  if (!isRecord(parsed)) return { message: typeof parsed === 'string' ? parsed : 'Server error' }
  const message = typeof parsed.message === 'string' ? parsed.message : 'Server error'
  const code = typeof parsed.code === 'number' ? parsed.code : typeof parsed.code === 'string' ? Number(parsed.code) : undefined
  return code === undefined || Number.isNaN(code) ? { message } : { code, message }
}

function invalid(message: string, frame: InboundFrame): HandshakeResult {
  return { type: 'invalid', error: new ProtocolError('protocol/invalid-handshake', message, { body: frame.raw ?? frame }) }
}
