import { createHash } from 'node:crypto'
import { AuthError, ConfigError } from '../core/errors'
import { hmacSha256Hex } from './signing'
import { assertChannelName, assertSocketId, authChannelKind } from './validation'

/** The member a presence subscription joins as; it comes from the app's session, never the browser. */
export interface PresenceChannelUser {
  /** Stable user id; numbers are converted to strings (Sockudo rejects numeric ids). */
  user_id: string | number
  /** Public member info shown to the other members. @default {} on the server */
  user_info?: Record<string, unknown>
}

/** Input of {@link authorizeChannel}. */
export interface AuthorizeChannelInput {
  /** App key; prefixes the signature. */
  key: string
  /** App secret, the HMAC key. */
  secret: string
  /** Socket id the browser sent. */
  socketId: string
  /** Channel to authorize (`private-…`, `private-encrypted-…` or `presence-…`). */
  channelName: string
  /** Required for presence channels: the member, from the app's own session. */
  user?: PresenceChannelUser
  /** Base64 of the 32-byte master key; required for `private-encrypted-` channels. */
  encryptionMasterKeyBase64?: string
}

/** JSON body a channel authorizer answers with (sockudo-core 5.2.0 src/auth.rs). */
export interface ChannelAuthResponse {
  /** `<key>:<hex HMAC-SHA256>`. */
  auth: string
  /** Presence only: the exact JSON string that was signed. */
  channel_data?: string
  /** Encrypted channels only: base64 of the per-channel secretbox key. */
  shared_secret?: string
}

/** The signed-in user (sockudo-adapter 5.2.0 src/handler/signin_management.rs); `id` is required, other keys are passed through. */
export interface SockudoUserData {
  /** User id; numbers are converted to strings. */
  id: string | number
  /** User ids whose online status this user watches. */
  watchlist?: string[]
  /** Public user info. */
  user_info?: Record<string, unknown>
  [key: string]: unknown
}

/** Input of {@link authenticateUser}. */
export interface AuthenticateUserInput {
  /** App key. */
  key: string
  /** App secret. */
  secret: string
  /** Socket id the browser sent. */
  socketId: string
  /** The user, from the app's own session. */
  user: SockudoUserData
}

/** JSON body a user authenticator answers with. */
export interface UserAuthResponse {
  /** `<key>:<hex HMAC-SHA256>`. */
  auth: string
  /** The exact JSON string that was signed. */
  user_data: string
}

/**
 * Signs a channel subscription exactly as Pusher's server SDKs do (sockudo-core 5.2.0 src/auth.rs):
 * `socket_id:channel` for private channels, `socket_id:channel:channel_data` for presence,
 * plus `shared_secret` for `private-encrypted-` channels.
 */
export function authorizeChannel(input: AuthorizeChannelInput): ChannelAuthResponse {
  assertSocketId(input.socketId)
  assertChannelName(input.channelName)
  const kind = authChannelKind(input.channelName)
  const parts = [input.socketId, input.channelName]
  const result: Partial<ChannelAuthResponse> = {}
  if (kind === 'presence') {
    if (!input.user) {
      throw new AuthError('auth/presence-user-missing', `Presence channel "${input.channelName}" needs the member (user_id, user_info) from the app session.`, { status: 403 })
    }
    const channelData = JSON.stringify({ ...input.user, user_id: idString(input.user.user_id, 'user_id') })
    parts.push(channelData)
    result.channel_data = channelData
  }
  const auth = `${input.key}:${hmacSha256Hex(input.secret, parts.join(':'))}`
  const response: ChannelAuthResponse = { auth, ...result }
  if (kind === 'private-encrypted') {
    if (input.encryptionMasterKeyBase64 === undefined) {
      throw new ConfigError('config/encryption-master-key-missing', '[sockudo] Set encryptionMasterKeyBase64 to authorize private-encrypted- channels.')
    }
    const secret = channelSharedSecret(input.channelName, decodeMasterKey(input.encryptionMasterKeyBase64))
    response.shared_secret = Buffer.from(secret).toString('base64')
  }
  return response
}

/** Signs a user sign-in (`socket_id::user::user_data`, sockudo-adapter 5.2.0 src/handler/signin_management.rs). */
export function authenticateUser(input: AuthenticateUserInput): UserAuthResponse {
  assertSocketId(input.socketId)
  const userData = JSON.stringify({ ...input.user, id: idString(input.user.id, 'id') })
  const auth = `${input.key}:${hmacSha256Hex(input.secret, `${input.socketId}::user::${userData}`)}`
  return { auth, user_data: userData }
}

/** `SHA-256(utf8(channelName) ‖ masterKey)`: the secretbox key of an encrypted channel. */
export function channelSharedSecret(channelName: string, masterKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(channelName, 'utf8').update(masterKey).digest())
}

/** Decodes a base64 master key; throws a {@link ConfigError} unless it is exactly 32 bytes. */
export function decodeMasterKey(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length !== 32 || bytes.toString('base64').replace(/=+$/, '') !== base64.trim().replace(/=+$/, '')) {
    throw new ConfigError('config/encryption-master-key-invalid', `[sockudo] encryptionMasterKeyBase64 must be the base64 of exactly 32 bytes (got ${bytes.length}).`)
  }
  return new Uint8Array(bytes)
}

function idString(id: unknown, field: string): string {
  if (typeof id === 'string' && id !== '') return id
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id)
  throw new AuthError('auth/invalid-user-id', `The user's "${field}" must be a non-empty string (got ${JSON.stringify(id)}).`, { status: 500 })
}
