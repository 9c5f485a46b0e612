import { SockudoError, TokenError } from '../errors'
import type { OutboundFrame } from '../protocol/frame'
import type { ProtocolNames } from '../protocol/names'
import { base64ToBytes, utf8Decode } from '../util/base64'
import type { Clock, TimerHandle } from '../util/clock'
import { isRecord } from '../util/json'

/** Why a token is requested. */
export type TokenReason = 'initial' | 'reconnect' | 'refresh' | 'expired'

/** V2 capability token provider. Returns the JWT (or an opaque token). */
export type TokenCallback = (request: { socketId?: string; reason: TokenReason }) => Promise<string> | string

/** `iat`/`exp` (seconds) of a JWT, when it is one. */
export function decodeJwtTimes(token: string): { iat?: number; exp?: number } {
  const part = token.split('.')[1]
  if (!part) return {}
  const bytes = base64ToBytes(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))
  if (!bytes) return {}
  try {
    const payload: unknown = JSON.parse(utf8Decode(bytes))
    if (!isRecord(payload)) return {}
    const out: { iat?: number; exp?: number } = {}
    if (typeof payload.iat === 'number') out.iat = payload.iat
    if (typeof payload.exp === 'number') out.exp = payload.exp
    return out
  } catch {
    return {}
  }
}

/**
 * Delay (ms) until a proactive refresh: 80 % of the lifetime from `iat` (or from `now` when
 * the token has no `iat`), at least 1 s. Undefined for opaque tokens or tokens without `exp`.
 */
export function refreshDelay(token: string, now: number): number | undefined {
  const { iat, exp } = decodeJwtTimes(token)
  if (exp === undefined) return undefined
  const issued = iat !== undefined ? iat * 1000 : now
  const at = issued + 0.8 * (exp * 1000 - issued)
  return Math.max(1000, Math.round(at - now))
}

/** @internal What the token manager needs. */
export interface TokenDeps {
  token?: string
  authCallback?: TokenCallback
  clock: Clock
  /** ms to wait for `authCallback`. */
  timeout: number
  names: ProtocolNames
  send(frame: OutboundFrame): boolean
  socketId(): string | undefined
  emitError(error: SockudoError): void
}

/** @internal Supplies tokens for connects, refreshes them in place and reacts to `token_expired`. */
export class TokenManager {
  private current: string | undefined
  private usedStatic = false
  private timer: TimerHandle | undefined
  private inflight: Promise<string> | undefined

  constructor(private readonly deps: TokenDeps) {
    this.current = deps.token
  }

  /** Whether token auth is configured. */
  get enabled(): boolean {
    return this.deps.token !== undefined || this.deps.authCallback !== undefined
  }

  /** Token for the next socket: the static one first, then the provider on reconnects. */
  async forConnect(): Promise<string | undefined> {
    if (!this.enabled) return undefined
    if (!this.usedStatic && this.deps.token !== undefined) {
      this.usedStatic = true
      return this.deps.token
    }
    this.usedStatic = true
    if (!this.deps.authCallback) return this.current
    return this.fetch(this.current === undefined ? 'initial' : 'reconnect')
  }

  /** Called once connected: arms the proactive refresh for the token in use. */
  connected(): void {
    if (this.current !== undefined) this.schedule(this.current)
  }

  /** Stops the refresh timer (disconnect, connection loss). */
  cancel(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Handles `token_expired` data `{code, reason}`. */
  expired(data: unknown): void {
    const code = isRecord(data) ? data.code : undefined
    if (code === 40160) {
      this.cancel()
      return this.deps.emitError(new TokenError('token/revoked', 'The capability token was revoked', { serverCode: 40160, body: data }))
    }
    if (!this.deps.authCallback) {
      return this.deps.emitError(new TokenError('token/expired', 'The capability token expired and no authCallback can refresh it', { serverCode: 40142, body: data }))
    }
    void this.refresh('expired')
  }

  private schedule(token: string): void {
    this.cancel()
    if (!this.deps.authCallback) return
    const delay = refreshDelay(token, this.deps.clock.now())
    if (delay === undefined) return
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined
      void this.refresh('refresh')
    }, delay)
  }

  private async refresh(reason: TokenReason): Promise<void> {
    try {
      const token = await this.fetch(reason)
      if (this.deps.socketId() === undefined) return
      this.deps.send({ event: this.deps.names.event('auth'), data: { token } })
      this.schedule(token)
    } catch (error) {
      this.deps.emitError(error instanceof SockudoError ? error : new TokenError('token/refresh-failed', 'Token refresh failed', { cause: error }))
    }
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const { clock, timeout } = this.deps
    return new Promise<T>((resolve, reject) => {
      const timer = clock.setTimeout(() => reject(new TokenError('token/timeout', `authCallback did not answer within ${timeout} ms`, { retryable: true })), timeout)
      promise.then(
        (value) => (clock.clearTimeout(timer), resolve(value)),
        (error: unknown) => (clock.clearTimeout(timer), reject(error)),
      )
    })
  }

  private fetch(reason: TokenReason): Promise<string> {
    const callback = this.deps.authCallback
    if (!callback) return Promise.reject(new TokenError('token/no-provider', 'No authCallback configured'))
    this.inflight ??= (async () => {
      try {
        const socketId = this.deps.socketId()
        const token = await this.withTimeout(Promise.resolve(callback(socketId === undefined ? { reason } : { socketId, reason })))
        if (typeof token !== 'string' || token === '') throw new TokenError('token/invalid', 'authCallback returned no token')
        this.current = token
        return token
      } catch (cause) {
        throw cause instanceof SockudoError ? cause : new TokenError('token/provider-failed', 'authCallback failed', { cause })
      } finally {
        this.inflight = undefined
      }
    })()
    return this.inflight
  }
}
