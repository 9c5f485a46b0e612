import { authenticateUser, authorizeChannel } from '../auth'
import type { PresenceChannelUser, SockudoUserData } from '../auth'
import { assertChannelName, assertSocketId, authChannelKind } from '../validation'
import type { AuthChannelKind } from '../validation'
import { assertUsableSecret } from '../secret'
import { judgeChannel, judgeUser } from './decision'
import type { HandlerBaseOptions } from './http'
import { HttpError, failureResponse, jsonResponse, parseFormOrJson, readBodyText } from './http'
import { checkPostRequest } from './origin'

/** A may-this-socket-subscribe question passed to the app's `authorize` hook. */
export interface ChannelAuthEvent {
  /** Socket id the browser sent (validated). */
  socketId: string
  /** Channel name the browser sent (validated). */
  channelName: string
  /** Channel kind from the name prefix. */
  kind: AuthChannelKind
  /** Every field of the request body (custom auth params included), untrusted. */
  params: Record<string, unknown>
}

/**
 * Answer of a channel `authorize` hook: `true` allows private and encrypted channels;
 * presence channels need `{ user }` with the member taken from the app's own session. `false`
 * denies (403 `forbidden`); any other answer (`undefined`, `0`, `{}`, …) is refused too
 * (403 `invalid_decision`).
 */
export type ChannelAuthDecision = boolean | { user: PresenceChannelUser }

/** Options of {@link createChannelAuthHandler}. */
export interface ChannelAuthHandlerOptions extends HandlerBaseOptions {
  /** App key. */
  key: string
  /** App secret (server-side only). */
  secret: string
  /** Base64 of the 32-byte master key, needed for `private-encrypted-` channels. */
  encryptionMasterKeyBase64?: string
  /** Decides each subscription; only an explicit allow signs. Without it every request is denied (403). */
  authorize?: (event: ChannelAuthEvent, request: Request) => ChannelAuthDecision | Promise<ChannelAuthDecision>
}

/** A sign-in question passed to the app's user `authorize` hook. */
export interface UserAuthEvent {
  /** Socket id the browser sent (validated). */
  socketId: string
  /** Every field of the request body, untrusted. */
  params: Record<string, unknown>
}

/** Options of {@link createUserAuthHandler}. */
export interface UserAuthHandlerOptions extends HandlerBaseOptions {
  /** App key. */
  key: string
  /** App secret (server-side only). */
  secret: string
  /**
   * Returns the signed-in user from the app session (`{ id, user_info?, watchlist? }`), or
   * `false`/`null` to deny (403). Any other answer is refused (403 `invalid_decision`). Without
   * it every request is denied.
   */
  authorize?: (event: UserAuthEvent, request: Request) => SockudoUserData | false | null | undefined | Promise<SockudoUserData | false | null | undefined>
}

/** A Web-standard request handler. */
export type SockudoHandler = (request: Request) => Promise<Response>

/**
 * Channel authorization endpoint (sockudo-core 5.2.0 src/auth.rs): POST form or JSON `{ socket_id,
 * channel_name }` → `{ auth, channel_data?, shared_secret? }`. 405 for other methods, 403 for a
 * foreign origin, a missing hook or anything but an explicit allow, 400 for a bad socket id or
 * channel name, 413 past `maxBodyBytes`. Throws a `config/default-secret` error in production
 * with a well-known secret.
 */
export function createChannelAuthHandler(options: ChannelAuthHandlerOptions): SockudoHandler {
  assertUsableSecret(options.secret, 'createChannelAuthHandler')
  return async (request) => {
    try {
      const rejected = checkPostRequest(request, options)
      if (rejected) return rejected
      const params = parseFormOrJson(request, await readBodyText(request, options))
      assertSocketId(params.socket_id)
      assertChannelName(params.channel_name)
      const kind = authChannelKind(params.channel_name)
      if (!kind) throw new HttpError('auth/public-channel', 'Public channels need no authorization.', { status: 400 })
      const event: ChannelAuthEvent = { socketId: params.socket_id, channelName: params.channel_name, kind, params }
      const verdict = judgeChannel(options.authorize ? await options.authorize(event, request) : false, 'Not allowed to subscribe to this channel.')
      if (!verdict.allow) return verdict.response
      const { user } = verdict.grant
      return jsonResponse(200, authorizeChannel({ ...credentials(options), socketId: event.socketId, channelName: event.channelName, ...(user ? { user } : {}) }))
    } catch (error) {
      return failureResponse(error)
    }
  }
}

/**
 * User authentication (sign-in) endpoint (sockudo-adapter 5.2.0 src/handler/signin_management.rs): POST form or JSON `{ socket_id }` →
 * `{ auth, user_data }` for the user the hook returns. Same status codes as the channel handler.
 */
export function createUserAuthHandler(options: UserAuthHandlerOptions): SockudoHandler {
  assertUsableSecret(options.secret, 'createUserAuthHandler')
  return async (request) => {
    try {
      const rejected = checkPostRequest(request, options)
      if (rejected) return rejected
      const params = parseFormOrJson(request, await readBodyText(request, options))
      assertSocketId(params.socket_id)
      const verdict = judgeUser(options.authorize ? await options.authorize({ socketId: params.socket_id, params }, request) : false, 'Not allowed to sign in.')
      if (!verdict.allow) return verdict.response
      return jsonResponse(200, authenticateUser({ key: options.key, secret: options.secret, socketId: params.socket_id, user: verdict.grant }))
    } catch (error) {
      return failureResponse(error)
    }
  }
}

function credentials(options: ChannelAuthHandlerOptions): { key: string; secret: string; encryptionMasterKeyBase64?: string } {
  const { key, secret, encryptionMasterKeyBase64 } = options
  return encryptionMasterKeyBase64 === undefined ? { key, secret } : { key, secret, encryptionMasterKeyBase64 }
}
