import type { UserAuthenticator } from '../auth/authorizers'
import { AuthError, SockudoError } from '../errors'
import { TypedEmitter, type Unsubscribe } from '../events'
import { CallbackRegistry } from '../channels/callbacks'
import { toSockudoEvent } from '../message/event'
import type { EventCallback } from '../channels/types'
import type { InboundFrame, OutboundFrame } from '../protocol/frame'
import type { ProtocolNames } from '../protocol/names'
import type { RequestTracker } from '../protocol/request-tracker'
import { isRecord, parseMaybeJson } from '../util/json'

/** Typed events of {@link User}. */
export interface UserEvents {
  /** `signin_success`: the user id and parsed `user_data`. */
  signed_in: [info: { id: string; userData: Record<string, unknown> }]
  /** Sign-in failed (auth endpoint or server rejection). */
  error: [error: SockudoError]
}

/** Typed events of {@link Watchlist}: user ids that came online / went offline. */
export interface WatchlistEvents {
  online: [userIds: string[]]
  offline: [userIds: string[]]
}

/** Watchlist notifications (`online` / `offline` with `{user_ids}`, sockudo-adapter 5.2.0 src/watchlist.rs). */
export class Watchlist {
  private readonly emitter = new TypedEmitter<WatchlistEvents>()

  /** Listens to `online` or `offline`; returns an unsubscribe function. */
  bind<K extends keyof WatchlistEvents>(event: K, listener: (...args: WatchlistEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener)
  }

  /** Removes a listener. */
  unbind<K extends keyof WatchlistEvents>(event: K, listener?: (...args: WatchlistEvents[K]) => void): void {
    this.emitter.off(event, listener)
  }

  /** @internal */
  _emit(event: keyof WatchlistEvents, data: unknown): void {
    const ids = isRecord(data) && Array.isArray(data.user_ids) ? data.user_ids.filter((v): v is string => typeof v === 'string') : []
    this.emitter.emit(event, ids)
  }
}

/** @internal What the user facade needs from the client. */
export interface UserContext {
  names: ProtocolNames
  tracker: RequestTracker
  authenticate: UserAuthenticator
  send(frame: OutboundFrame): boolean
  socketId(): string | undefined
}

/**
 * The signed-in user. `client.signin()` authenticates through the user auth endpoint and
 * sends `signin`; it is repeated after every reconnect. Events sent to the user
 * (`#server-to-user-⟨id⟩`) reach `user.bind`.
 */
export class User {
  /** User id, once signed in. */
  id: string | undefined
  /** Parsed `user_data`, once signed in. */
  userData: Record<string, unknown> | undefined
  /** Watchlist notifications. */
  readonly watchlist = new Watchlist()
  private readonly emitter = new TypedEmitter<UserEvents>()
  private readonly callbacks = new CallbackRegistry((e) => queueMicrotask(() => {
    throw e
  }))
  private requested = false
  private generation = 0

  /** @internal */
  constructor(private readonly ctx: UserContext) {}

  /** True after `signin_success` on the current connection. */
  get signedIn(): boolean {
    return this.id !== undefined
  }

  /** Calls `callback(data, metadata)` for events sent to this user. */
  bind<T = unknown>(event: string, callback: EventCallback<T>): Unsubscribe {
    return this.callbacks.bind(event, callback as EventCallback)
  }

  /** Removes a callback. */
  unbind(event?: string, callback?: EventCallback): void {
    this.callbacks.unbind(event, callback)
  }

  /** Listens to a typed event. */
  on<K extends keyof UserEvents>(event: K, listener: (...args: UserEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener)
  }

  /** @internal Requests sign-in now (when connected) and after every reconnect. */
  _signin(): void {
    this.requested = true
    const socketId = this.ctx.socketId()
    if (socketId === undefined) return
    const gen = ++this.generation
    this.ctx.authenticate({ socketId }).then(
      (data) => {
        if (gen !== this.generation || this.ctx.socketId() !== socketId) return
        const sent = this.ctx.send({ event: this.ctx.names.event('signin'), data: { auth: data.auth, user_data: data.userData } })
        if (sent) this.ctx.tracker.track('signin', 'user', (error) => gen === this.generation && this.fail(error))
      },
      (error: unknown) => gen === this.generation && this.fail(error instanceof SockudoError ? error : new AuthError('auth/signin-failed', 'Sign-in failed', { cause: error })),
    )
  }

  /** @internal */
  _connected(): void {
    if (this.requested) this._signin()
  }

  /** @internal */
  _connectionLost(): void {
    this.generation++
    this.id = undefined
    this.userData = undefined
  }

  /** @internal */
  _signinSuccess(data: unknown): void {
    this.ctx.tracker.resolve('signin', 'user')
    const userData = isRecord(data) ? parseMaybeJson(data.user_data) : undefined
    if (!isRecord(userData) || typeof userData.id !== 'string' || userData.id === '') {
      return this.fail(new AuthError('auth/invalid-user-data', 'signin_success without a user id'))
    }
    this.id = userData.id
    this.userData = userData
    this.emitter.emit('signed_in', { id: userData.id, userData })
  }

  /** @internal An event on `#server-to-user-⟨id⟩`. */
  _deliver(frame: InboundFrame): void {
    const event = toSockudoEvent(frame, parseMaybeJson(frame.data))
    this.callbacks.emit(event)
  }

  private fail(error: SockudoError): void {
    this.emitter.emit('error', error)
  }
}
