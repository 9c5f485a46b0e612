import { isDotSegment, isValidSocketId } from '../validation'
import { HttpError, isRecord, requireString } from './http'

/** Prefixes of protocol events: a browser-chosen name with one of them could fake a member or a subscription. */
const RESERVED_PREFIXES = ['pusher:', 'pusher_internal:', 'sockudo:', 'sockudo_internal:'] as const

/** Longest event name Sockudo accepts. */
const MAX_EVENT_NAME_LENGTH = 200

/**
 * `extras` keys a browser may set through the proxy (sockudo-protocol 5.2.0 src/messages.rs). `push` (creates push
 * work), `ai` (agent metadata, trusted on HTTP publishes), `idempotencyKey` (could suppress
 * another publish) and unknown keys are refused: the app publishes those itself.
 */
export const BROWSER_EXTRAS_KEYS = ['headers', 'ephemeral', 'echo'] as const

/** The event name the browser chose (`undefined` when it sent none), else 400. */
export function browserEventName(body: Record<string, unknown>): string | undefined {
  const name = body.name
  if (name === undefined || name === null) return undefined
  if (typeof name !== 'string' || name === '' || name.length > MAX_EVENT_NAME_LENGTH) {
    throw new HttpError('proxy/invalid-body', `"name" must be a string of 1 to ${MAX_EVENT_NAME_LENGTH} characters.`, { status: 400 })
  }
  const lower = name.toLowerCase()
  const prefix = RESERVED_PREFIXES.find((reserved) => lower.startsWith(reserved))
  if (prefix !== undefined) {
    throw new HttpError('proxy/reserved-event-name', `Event names starting with "${prefix}" are protocol events and cannot be published through the proxy.`, { status: 400 })
  }
  return name
}

/** The browser's `extras`, checked against {@link BROWSER_EXTRAS_KEYS} (`undefined` when absent), else 400. */
export function browserExtras(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const extras = body.extras
  if (extras === undefined || extras === null) return undefined
  if (!isRecord(extras)) throw invalidExtras('"extras" must be an object.')
  for (const [key, value] of Object.entries(extras)) {
    if (!(BROWSER_EXTRAS_KEYS as readonly string[]).includes(key)) {
      throw invalidExtras(`extras.${key} cannot be set through the proxy (allowed: ${BROWSER_EXTRAS_KEYS.join(', ')}).`)
    }
    if ((key === 'ephemeral' || key === 'echo') && typeof value !== 'boolean') throw invalidExtras(`extras.${key} must be a boolean.`)
    if (key === 'headers') checkHeaders(value)
  }
  return extras
}

function checkHeaders(headers: unknown): void {
  if (!isRecord(headers)) throw invalidExtras('extras.headers must be an object.')
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase().startsWith('sockudo_')) throw invalidExtras(`extras.headers.${name}: "sockudo_" headers are set by the server.`)
    if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw invalidExtras(`extras.headers.${name} must be a string, number or boolean.`)
    }
  }
}

function invalidExtras(message: string): HttpError {
  return new HttpError('proxy/invalid-extras', message, { status: 400 })
}

/** A required string field used as one URL path segment (a serial): non-empty and not `.`/`..`, else 400. */
export function requireSegment(body: Record<string, unknown>, field: string): string {
  const value = requireString(body, field)
  if (isDotSegment(value)) throw new HttpError('proxy/invalid-body', `"${field}" cannot be ${JSON.stringify(value)}.`, { status: 400 })
  return value
}

/** The browser's own socket id to exclude from delivery (`undefined` when absent), else 400. */
export function browserSocketId(body: Record<string, unknown>): string | undefined {
  const socketId = body.socketId
  if (socketId === undefined || socketId === null) return undefined
  if (!isValidSocketId(socketId)) throw new HttpError('proxy/invalid-body', `Invalid socketId: ${JSON.stringify(socketId)}`, { status: 400 })
  return socketId
}
