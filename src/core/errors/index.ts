/**
 * Every failure the client reports is a {@link SockudoError} with a stable string `code`
 * of the form `area/what` (for example `auth/forbidden` or `delta/base-missing`).
 */
export type ErrorArea =
  | 'config'
  | 'connection'
  | 'protocol'
  | 'codec'
  | 'auth'
  | 'channel'
  | 'presence'
  | 'crypto'
  | 'delta'
  | 'filter'
  | 'token'
  | 'recovery'
  | 'history'
  | 'message'
  | 'proxy'
  | 'push'
  | 'user'
  | 'vue'

/** Stable machine-readable error code, `area/what`. */
export type ErrorCode = `${ErrorArea}/${string}`

/** Optional details carried by a {@link SockudoError}. */
export interface SockudoErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown
  /** Whether retrying the same operation may succeed. @default false */
  retryable?: boolean
  /** WebSocket close code, when the server closed the socket. */
  closeCode?: number
  /** HTTP status, when an HTTP call (auth endpoint, proxy) failed. */
  status?: number
  /** Numeric code from a server `error` frame (`data.code`), e.g. 4009. */
  serverCode?: number
  /** Code the server gave in an HTTP error body, e.g. `forbidden_origin` or `auth/presence-user-missing`. */
  serverErrorCode?: string
  /** Channel the error concerns, if any. */
  channel?: string
  /** Response body or server payload that came with the failure, if any. */
  body?: unknown
}

/** Base class of every error the library throws or emits. */
export class SockudoError extends Error {
  // Every class sets its name as a literal: minifiers rename classes, so `new.target.name`
  // would read `Y` in a production bundle instead of `AuthError`.
  override name = 'SockudoError'
  /** Stable machine-readable code, `area/what`. */
  readonly code: ErrorCode
  /** Whether retrying the same operation may succeed. */
  readonly retryable: boolean
  /** WebSocket close code, when the server closed the socket. */
  readonly closeCode?: number
  /** HTTP status, when an HTTP call failed. */
  readonly status?: number
  /** Numeric code from a server `error` frame. */
  readonly serverCode?: number
  /**
   * Code the server gave in an HTTP error body (auth endpoint, proxies), e.g. `forbidden`,
   * `forbidden_origin` or `auth/presence-user-missing`; its message is in `message`.
   */
  readonly serverErrorCode?: string
  /** Channel the error concerns, if any. */
  readonly channel?: string
  /** Response body or server payload that came with the failure. */
  readonly body?: unknown

  constructor(code: ErrorCode, message: string, options: SockudoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.retryable = options.retryable ?? false
    if (options.closeCode !== undefined) this.closeCode = options.closeCode
    if (options.status !== undefined) this.status = options.status
    if (options.serverCode !== undefined) this.serverCode = options.serverCode
    if (options.serverErrorCode !== undefined) this.serverErrorCode = options.serverErrorCode
    if (options.channel !== undefined) this.channel = options.channel
    if (options.body !== undefined) this.body = options.body
  }
}

/** Invalid options, detected before anything is sent. */
export class ConfigError extends SockudoError {
  override name = 'ConfigError'
}
/** Connection-level failures: socket errors, close codes, handshake problems. */
export class ConnectionError extends SockudoError {
  override name = 'ConnectionError'
}
/** A frame that does not follow the protocol (missing fields, wrong types). */
export class ProtocolError extends SockudoError {
  override name = 'ProtocolError'
}
/** A frame that could not be decoded by the wire codec. */
export class CodecError extends SockudoError {
  override name = 'CodecError'
}
/** Channel authorization or user authentication failed. */
export class AuthError extends SockudoError {
  override name = 'AuthError'
}
/** A channel subscription or channel operation failed. */
export class ChannelError extends SockudoError {
  override name = 'ChannelError'
}
/** Decryption of an encrypted-channel payload failed. */
export class CryptoError extends SockudoError {
  override name = 'CryptoError'
}
/** A delta could not be applied (corrupt delta, missing or stale base). */
export class DeltaError extends SockudoError {
  override name = 'DeltaError'
}
/** A subscription filter is invalid. */
export class FilterError extends SockudoError {
  override name = 'FilterError'
}
/** Capability token problems (V2). */
export class TokenError extends SockudoError {
  override name = 'TokenError'
}
/** A proxy-backed HTTP call (history, messages, presence history, push) failed. */
export class ProxyError extends SockudoError {
  override name = 'ProxyError'
}

/** True when `value` is a {@link SockudoError}, optionally with the given code. */
export function isSockudoError(value: unknown, code?: ErrorCode): value is SockudoError {
  return value instanceof SockudoError && (code === undefined || value.code === code)
}

/** A versioned message could not be reduced or acknowledged (sockudo-protocol 5.2.0 src/versioned_messages.rs). */
export class MessageError extends SockudoError {
  override name = 'MessageError'
}
