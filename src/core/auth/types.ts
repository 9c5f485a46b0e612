/** Static values or a function evaluated on every request. */
export type ValueOrGetter<T> = T | (() => T | Promise<T>)

/** A channel authorization request. */
export interface ChannelAuthorizationRequest {
  /** Socket id of the current connection. */
  socketId: string
  /** Channel being subscribed. */
  channelName: string
}

/** What an authorizer returns for a channel. */
export interface ChannelAuthorizationData {
  /** `app-key:hex-signature`. */
  auth: string
  /** Presence: the exact JSON string that was signed (`{"user_id":…,"user_info":…}`). */
  channelData?: string
  /** Encrypted channels: base64 of the 32-byte shared secret. */
  sharedSecret?: string
}

/** A user authentication (signin) request. */
export interface UserAuthenticationRequest {
  /** Socket id of the current connection. */
  socketId: string
}

/** What an authenticator returns for signin. */
export interface UserAuthenticationData {
  /** `app-key:hex-signature` over `socket_id::user::user_data`. */
  auth: string
  /** The exact JSON string that was signed (`{"id":…,"user_info"?,"watchlist"?}`). */
  userData: string
}

/** Shared options of the auth endpoints. */
interface EndpointOptions {
  /** Extra request headers; a function is evaluated per request. @default {} */
  headers?: ValueOrGetter<Record<string, string>>
  /** Extra form parameters; a function is evaluated per request. @default {} */
  params?: ValueOrGetter<Record<string, string>>
  /** Request timeout in ms. @default 10000 */
  timeout?: number
}

/**
 * How private, presence and encrypted channels are authorized: POST to `endpoint`
 * (form-encoded `socket_id`, `channel_name` and `params`), or a `customHandler`.
 */
export interface ChannelAuthorizationOptions extends EndpointOptions {
  /** Auth endpoint URL. @default '/sockudo/auth' */
  endpoint?: string
  /**
   * Replaces the HTTP request. May return snake_case fields (`channel_data`,
   * `shared_secret`) as pusher-style backends do.
   */
  customHandler?: (request: ChannelAuthorizationRequest) => Promise<ChannelAuthorizationData | Record<string, unknown>>
}

/** How `signin()` authenticates the user: POST to `endpoint` (form-encoded `socket_id` and `params`), or a `customHandler`. */
export interface UserAuthenticationOptions extends EndpointOptions {
  /** User auth endpoint URL. @default '/sockudo/user-auth' */
  endpoint?: string
  /** Replaces the HTTP request. May return `user_data` instead of `userData`. */
  customHandler?: (request: UserAuthenticationRequest) => Promise<UserAuthenticationData | Record<string, unknown>>
}

/** A minimal `fetch`. */
export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal; credentials?: 'same-origin' }) => Promise<{
  ok: boolean
  status: number
  text(): Promise<string>
}>
