import { AuthError } from '../core/errors'

const SOCKET_ID = /^\d+\.\d+$/
const CHANNEL_NAME = /^[A-Za-z0-9\-_=@,;.:#]+$/

/** Longest channel name Sockudo accepts without a namespace override. */
export const MAX_CHANNEL_NAME_LENGTH = 200

/** True for a Pusher-style socket id (`<digits>.<digits>`). */
export function isValidSocketId(socketId: unknown): socketId is string {
  return typeof socketId === 'string' && SOCKET_ID.test(socketId)
}

/**
 * True when `name` uses only the characters Sockudo accepts (ASCII letters, digits and
 * `- _ = @ , ; . : #`), is at most `maxLength` characters long (sockudo-core 5.2.0 src/utils.rs) and is not a dot
 * segment (`.` or `..`).
 * Namespace rules are checked by the server, not here.
 */
export function isValidChannelName(name: unknown, maxLength = MAX_CHANNEL_NAME_LENGTH): name is string {
  return typeof name === 'string' && name.length <= maxLength && CHANNEL_NAME.test(name) && !isDotSegment(name)
}

/**
 * True for `.` and `..` and their percent-encoded spellings (`%2e`, `.%2E`, …): as a URL path
 * segment, `fetch` resolves them into another path, so they never name a channel or a message.
 */
export function isDotSegment(segment: string): boolean {
  return /^(?:\.|%2e){1,2}$/i.test(segment)
}

/** Throws an `auth/invalid-socket-id` {@link AuthError} (status 400) unless the id is valid. */
export function assertSocketId(socketId: unknown): asserts socketId is string {
  if (!isValidSocketId(socketId)) {
    throw new AuthError('auth/invalid-socket-id', `Invalid socket id: ${JSON.stringify(socketId)}`, { status: 400 })
  }
}

/** Throws an `auth/invalid-channel-name` {@link AuthError} (status 400) unless the name is valid. */
export function assertChannelName(name: unknown): asserts name is string {
  if (!isValidChannelName(name)) {
    throw new AuthError('auth/invalid-channel-name', `Invalid channel name: ${JSON.stringify(name)}`, { status: 400 })
  }
}

/** Channel kinds that need authorization, by name prefix. */
export type AuthChannelKind = 'private' | 'private-encrypted' | 'presence'

/** The kind of an authorizable channel, or `undefined` for public channels. */
export function authChannelKind(name: string): AuthChannelKind | undefined {
  if (name.startsWith('private-encrypted-')) return 'private-encrypted'
  if (name.startsWith('private-')) return 'private'
  if (name.startsWith('presence-')) return 'presence'
  return undefined
}
