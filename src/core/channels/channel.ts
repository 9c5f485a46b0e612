import { ChannelError, SockudoError } from '../errors'
import { TypedEmitter, rethrowLater, type Unsubscribe } from '../events'
import type { HistoryPage, HistoryParams } from '../history/types'
import { capAtAttach } from '../history/until-attach'
import type { InboundFrame } from '../protocol/frame'
import type { CanonicalName } from '../protocol/names'
import type { TimerHandle } from '../util/clock'
import { isRecord, parseMaybeJson, serialToString } from '../util/json'
import { CallbackRegistry } from './callbacks'
import type { ChannelContext } from './context'
import { asPublished, eventData, toSockudoEvent } from '../message/event'
import { buildSubscribeData } from './subscribe-frame'
import type { ChannelEvents, EventCallback, GlobalCallback, RewindResult, SubscribeOptions, SubscriptionState } from './types'

/** Authorization part of a subscribe frame. */
export interface SubscribeAuth {
  auth: string
  channelData?: string
}

/**
 * A public channel. `client.subscribe(name)` returns one of its subclasses by name prefix.
 * Events: pusher-style `bind`/`bindGlobal` for wire events, typed `on` for lifecycle.
 */
export class Channel {
  /** Channel name. */
  readonly name: string
  /** Options given to `subscribe`. */
  readonly options: SubscribeOptions
  /** Latest `subscription_count`, when the server sent one. */
  subscriptionCount: number | undefined
  /** V2: history head at attach time (exact decimal string), when history is enabled. */
  attachSerial: string | undefined
  /** Why the last subscription attempt failed. */
  error: SockudoError | undefined
  /** @internal Whether the app wants this channel subscribed. */
  _wanted = false

  protected readonly ctx: ChannelContext
  private _state: SubscriptionState = 'unsubscribed'
  private readonly emitter = new TypedEmitter<ChannelEvents>()
  private readonly callbacks = new CallbackRegistry(rethrowLater)
  private generation = 0
  private timer: TimerHandle | undefined
  private everSubscribed = false

  /** @internal */
  constructor(name: string, ctx: ChannelContext, options: SubscribeOptions = {}) {
    this.name = name
    this.ctx = ctx
    this.options = options
  }

  /** Subscription state. */
  get state(): SubscriptionState {
    return this._state
  }

  /** True once `subscription_succeeded` arrived (and until unsubscribe or disconnect). */
  get subscribed(): boolean {
    return this._state === 'subscribed'
  }

  /** Calls `callback(data, metadata)` for every `event` on this channel; returns an unsubscribe function. */
  bind<T = unknown>(event: string, callback: EventCallback<T>): Unsubscribe {
    return this.callbacks.bind(event, callback as EventCallback)
  }

  /** Removes a callback, every callback of `event`, or all of them. */
  unbind(event?: string, callback?: EventCallback): void {
    this.callbacks.unbind(event, callback)
  }

  /** Calls `callback(eventName, data, event)` for every event on this channel. */
  bindGlobal(callback: GlobalCallback): Unsubscribe {
    return this.callbacks.bindGlobal(callback)
  }

  /** Removes a global callback, or all of them. */
  unbindGlobal(callback?: GlobalCallback): void {
    this.callbacks.unbindGlobal(callback)
  }

  /** Listens to a typed lifecycle event ({@link ChannelEvents}). */
  on<K extends keyof ChannelEvents>(event: K, listener: (...args: ChannelEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener)
  }

  /** Removes a typed listener. */
  off<K extends keyof ChannelEvents>(event: K, listener?: (...args: ChannelEvents[K]) => void): void {
    this.emitter.off(event, listener)
  }

  /**
   * Sends a client event. Only private and presence channels accept them.
   * @throws ChannelError `channel/client-events-unsupported` on other channels.
   */
  trigger(_event: string, _data?: unknown): boolean {
    throw new ChannelError('channel/client-events-unsupported', __DEV__ ? `Client events are only supported on private and presence channels (${this.name})` : 'channel/client-events-unsupported', { channel: this.name })
  }

  /**
   * V2: reads one page of this channel's history over the socket (`channel_history`).
   * The channel must be subscribed. With `untilAttach: true` the pages end at
   * {@link Channel.attachSerial}, so history plus live events has no gap and no duplicate.
   */
  channelHistory(params: HistoryParams = {}): Promise<HistoryPage> {
    if (this.ctx.names.version !== 2) {
      return Promise.reject(new ChannelError('channel/v2-only', 'channelHistory needs protocolVersion 2', { channel: this.name }))
    }
    if (!this.subscribed) return Promise.reject(new ChannelError('channel/not-subscribed', __DEV__ ? `${this.name} is not subscribed` : 'channel/not-subscribed', { channel: this.name }))
    return this.ctx.history(this.name, capAtAttach(params, this.attachSerial))
  }

  /**
   * @internal Starts (or restarts) the subscription when connected; otherwise waits for the
   * connection. Resolves once the subscribe frame was sent (or the attempt ended).
   */
  _subscribe(): Promise<void> {
    this._wanted = true
    const socketId = this.ctx.socketId()
    const gen = ++this.generation
    this.clearTimer()
    this.setState('subscribing')
    if (socketId === undefined) return Promise.resolve()
    if (this.options.rewind !== undefined && this.ctx.names.version !== 2) {
      this.fail(new ChannelError('channel/v2-only', __DEV__ ? 'Subscribe-time rewind needs protocolVersion 2' : 'channel/v2-only', { channel: this.name }))
      return Promise.resolve()
    }
    // One deadline covers authorization and the acknowledgement, so a hanging auth handler fails too.
    this.timer = this.ctx.clock.setTimeout(() => {
      if (gen !== this.generation) return
      this.fail(new ChannelError('channel/subscribe-timeout', __DEV__ ? `${this.name} was not subscribed within ${this.ctx.subscriptionTimeout} ms` : 'channel/subscribe-timeout', { channel: this.name, retryable: true }))
    }, this.ctx.subscriptionTimeout)
    return this.authorize(socketId).then(
      (auth) => void (gen === this.generation && this.ctx.socketId() === socketId && this.sendSubscribe(auth, gen)),
      (error: unknown) => void (gen === this.generation && this.fail(asChannelError(error, this.name))),
    )
  }

  /** @internal Sends unsubscribe (when needed) and forgets the subscription. */
  _unsubscribe(): void {
    const wasActive = this._state === 'subscribed' || this.ctx.tracker.has('subscribe', this.name)
    this._wanted = false
    this.generation++
    this.clearTimer()
    this.ctx.tracker.resolve('subscribe', this.name)
    if (wasActive) this.ctx.send({ event: this.ctx.names.event('unsubscribe'), data: { channel: this.name } })
    this.resetState()
    this.setState('unsubscribed')
  }

  /**
   * @internal The connection dropped. Wanted channels are subscribed again on the next
   * connection: they show `subscribing` while a reconnect is pending, `unsubscribed` after
   * `disconnect()`.
   */
  _connectionLost(reconnecting: boolean): void {
    this.generation++
    this.clearTimer()
    this.resetState()
    this.attachSerial = undefined
    if (this._wanted) this.setState(reconnecting ? 'subscribing' : 'unsubscribed')
  }

  /** @internal Handles a frame routed to this channel. */
  _handle(frame: InboundFrame, canonical: CanonicalName | null): void {
    if (canonical === null) return this.deliverApp(frame)
    if (canonical.name === 'message.create' && frame.name !== undefined) return this.deliverApp(asPublished(frame))
    const data = parseMaybeJson(frame.data)
    switch (canonical.name) {
      case 'subscription_succeeded':
        return this.succeeded(data)
      case 'subscription_count':
        return this.count(data, frame)
      case 'rewind_complete':
        return this.rewound(data, frame)
      default:
        // eventData, not the parsed value: an append fragment such as `42` stays text.
        if (!this.handleInternal(canonical.name, data, frame)) this.emitEvent(frame, eventData(frame))
    }
  }

  /** Authorization data for the subscribe frame (public: empty auth). */
  protected authorize(_socketId: string): Promise<SubscribeAuth> {
    return Promise.resolve({ auth: '' })
  }

  /** Subclass hook for internal events; returns true when handled. */
  protected handleInternal(_name: string, _data: unknown, _frame: InboundFrame): boolean {
    return false
  }

  /** Subclass hook: the subscription succeeded with `data`. Returns the payload of the synthetic `subscription_succeeded` event. */
  protected onSubscribed(_data: unknown): unknown {
    return {}
  }

  /** Subclass hook: clear per-subscription state (rosters). */
  protected resetState(): void {}

  /** Delivers an application or client event (encrypted channels decrypt first). */
  protected deliverApp(frame: InboundFrame): void {
    this.emitEvent(frame, eventData(frame))
  }

  /** Emits a delivered event to `bind`/`bindGlobal`, typed listeners and the client. */
  protected emitEvent(frame: InboundFrame, data: unknown): void {
    const event = toSockudoEvent(frame, data, this.name)
    this.callbacks.emit(event)
    this.emitter.emit('event', event)
    this.ctx.deliver(event)
  }

  /** Emits a client-side synthetic event (`pusher:subscription_succeeded`…) to `bind`/`bindGlobal`. */
  protected emitSynthetic(name: string, data: unknown): void {
    const event = { event: this.ctx.names.event(name), channel: this.name, data }
    this.callbacks.emit(event)
  }

  /** Emits a typed event here and on the client. */
  protected emit<K extends keyof ChannelEvents>(event: K, ...args: ChannelEvents[K]): void {
    this.emitter.emit(event, ...args)
    this.ctx.notify(this.name, event, ...args)
  }

  /** Marks the subscription failed with `error`. */
  protected fail(error: SockudoError): void {
    this.generation++
    this.clearTimer()
    this.ctx.tracker.resolve('subscribe', this.name)
    this.error = error
    this.setState('failed', error)
    this.emit('error', error)
    this.emitSynthetic('subscription_error', error)
  }

  private sendSubscribe(auth: SubscribeAuth, gen: number): void {
    const includeRewind = !this.everSubscribed || !this.ctx.hasRecoveryPosition(this.name)
    const data = buildSubscribeData(this.name, auth, this.options, includeRewind, this.ctx.deltaOn)
    // Not sent (connection just dropped): the next connection subscribes again.
    if (!this.ctx.send({ event: this.ctx.names.event('subscribe'), data })) return this.clearTimer()
    this.ctx.tracker.track('subscribe', this.name, (error) => gen === this.generation && this.fail(error))
  }

  private succeeded(data: unknown): void {
    if (!this._wanted) return
    this.clearTimer()
    this.ctx.tracker.resolve('subscribe', this.name)
    this.everSubscribed = true
    this.error = undefined
    const attach = isRecord(data) ? serialToString(data.attach_serial) : undefined
    if (attach !== undefined) this.attachSerial = attach
    const payload = this.onSubscribed(data)
    this.setState('subscribed')
    this.emitSynthetic('subscription_succeeded', payload)
  }

  private count(data: unknown, frame: InboundFrame): void {
    const count = isRecord(data) ? data.subscription_count : undefined
    if (typeof count !== 'number') return this.emitEvent(frame, data)
    this.subscriptionCount = count
    this.emit('subscription_count', count)
    this.emitSynthetic('subscription_count', data)
  }

  private rewound(data: unknown, frame: InboundFrame): void {
    const d = isRecord(data) ? data : {}
    const result: RewindResult = {
      historicalCount: typeof d.historical_count === 'number' ? d.historical_count : 0,
      liveCount: typeof d.live_count === 'number' ? d.live_count : 0,
      complete: d.complete === true,
      truncatedByRetention: d.truncated_by_retention === true,
      truncatedByLimit: d.truncated_by_limit === true,
    }
    this.emit('rewind_complete', result)
    this.emitEvent(frame, data)
  }

  private setState(next: SubscriptionState, error?: SockudoError): void {
    const previous = this._state
    if (previous === next && next !== 'failed') return
    this._state = next
    this.emit('state_change', error ? { previous, current: next, error } : { previous, current: next })
  }

  private clearTimer(): void {
    if (this.timer === undefined) return
    this.ctx.clock.clearTimeout(this.timer)
    this.timer = undefined
  }
}

function asChannelError(error: unknown, channel: string): SockudoError {
  if (error instanceof SockudoError) return error
  return new ChannelError('channel/authorization-failed', __DEV__ ? 'Channel authorization failed' : 'channel/authorization-failed', { channel, cause: error })
}
