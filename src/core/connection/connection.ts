import { ConnectionError, SockudoError } from '../errors'
import { TypedEmitter, type Unsubscribe } from '../events'
import type { FrameIO } from '../codecs/frame-io'
import type { InboundFrame, OutboundFrame } from '../protocol/frame'
import { parseHandshake } from '../protocol/handshake'
import type { ProtocolNames } from '../protocol/names'
import type { Transport, TransportHandlers } from '../transport/types'
import type { Clock, TimerHandle } from '../util/clock'
import { SilentDrops, explainRefusal, silentDropsError } from './refusals'
import { initialMachineState, transition, type ConnectionState, type Effect, type MachineConfig, type MachineEvent, type MachineState, type TimerName } from './machine'

/** A state change of the connection. */
export interface StateChange {
  previous: ConnectionState
  current: ConnectionState
}

/** Events of {@link Connection}. */
export interface ConnectionEvents {
  /** The state changed (emitted only on a real change). */
  state_change: [change: StateChange]
  /** The handshake completed. */
  connected: [info: { socketId: string }]
  /** A retry is scheduled in `delay` ms. */
  connecting_in: [info: { delay: number }]
  /** A connection-level problem (close codes, bad frames, server error frames). */
  error: [error: SockudoError]
}

/** What the connection needs from the outside. */
export interface ConnectionDeps {
  config: MachineConfig
  names: ProtocolNames
  io: FrameIO
  clock: Clock
  random: () => number
  /**
   * Prepares a connection attempt (resolves URL, token and WebSocket constructor) and returns
   * the function that opens the socket synchronously. May reject with a SockudoError.
   */
  prepareTransport: () => Promise<(handlers: TransportHandlers) => Transport>
  /** App key, named in the error when the server refuses it. */
  appKey?: string
  /** Receives every decoded frame after the handshake (pings/pongs excluded). */
  onFrame: (frame: InboundFrame) => void
  /** Counters of decoded and undecodable frames. */
  stats?: { received: number; undecodable: number }
}

/**
 * Runs the {@link transition} machine: executes its effects (timers, sockets, pings) and
 * feeds it socket events. Callbacks from a superseded socket are ignored by identity.
 */
export class Connection {
  private machine: MachineState
  private readonly emitter = new TypedEmitter<ConnectionEvents>()
  private readonly timers = new Map<TimerName, TimerHandle>()
  private transport: Transport | undefined
  private attempt = 0
  /** Error reported by the current socket before it closed (invalid UTF-8, refused connection…). */
  private socketError: unknown
  private readonly silentDrops = new SilentDrops()

  /** @internal */
  constructor(private readonly deps: ConnectionDeps) {
    this.machine = initialMachineState(deps.config)
  }

  /** Current state. */
  get state(): ConnectionState {
    return this.machine.state
  }

  /** Socket id of the current connection, when connected. */
  get socketId(): string | undefined {
    return this.machine.socketId
  }

  /** Listens to a connection event; returns a function that removes the listener. */
  bind<K extends keyof ConnectionEvents>(event: K, listener: (...args: ConnectionEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener)
  }

  /** Same as {@link Connection.bind}. */
  on<K extends keyof ConnectionEvents>(event: K, listener: (...args: ConnectionEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener)
  }

  /** Removes a listener (or all listeners of `event`). */
  unbind<K extends keyof ConnectionEvents>(event: K, listener?: (...args: ConnectionEvents[K]) => void): void {
    this.emitter.off(event, listener)
  }

  /** @internal Starts connecting. */
  connect(): void {
    this.silentDrops.reset()
    this.dispatch({ type: 'connect' })
  }

  /** @internal Closes the connection and stops retrying. */
  disconnect(): void {
    this.dispatch({ type: 'disconnect' })
  }

  /** @internal Browser online/offline hint. */
  network(online: boolean): void {
    this.dispatch({ type: online ? 'online' : 'offline' })
  }

  /** @internal Sends a frame; false when not connected. */
  send(frame: OutboundFrame): boolean {
    if (this.machine.socket !== 'open' || !this.transport) return false
    return this.transport.send(this.deps.io.encode(frame))
  }

  /** @internal Emits a connection-level error. */
  emitError(error: SockudoError): void {
    this.emitter.emit('error', error)
  }

  /** Events raised by listeners while a transition runs wait for it to finish (run to completion). */
  private queue: MachineEvent[] | undefined

  private dispatch(event: MachineEvent): void {
    if (this.queue) return void this.queue.push(event)
    this.queue = [event]
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.step(next)
    } finally {
      this.queue = undefined
    }
  }

  private step(event: MachineEvent): void {
    const previous = this.machine
    const result = transition(previous, event, this.deps.config)
    this.machine = result.state
    for (const effect of result.effects) this.run(effect)
    if (previous.state !== result.state.state) {
      this.emitter.emit('state_change', { previous: previous.state, current: result.state.state })
    }
    if (event.type === 'established' && result.state.state === 'connected' && previous.state !== 'connected') {
      this.emitter.emit('connected', { socketId: event.socketId })
    }
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'open':
        return void this.open()
      case 'close':
        this.attempt++
        this.transport?.close(effect.code, effect.reason)
        this.transport = undefined
        return
      case 'schedule':
        this.cancel(effect.timer)
        this.timers.set(effect.timer, this.deps.clock.setTimeout(() => this.fire(effect.timer), effect.delay))
        return
      case 'cancel':
        return this.cancel(effect.timer)
      case 'ping':
        return this.ping()
      case 'error':
        return this.emitter.emit('error', explainRefusal(effect.error, this.deps.appKey ?? ''))
      case 'connecting_in':
        return this.emitter.emit('connecting_in', { delay: effect.delay })
    }
  }

  private fire(timer: TimerName): void {
    this.timers.delete(timer)
    if (timer === 'activity' && this.rearmActivity()) return
    this.dispatch({ type: 'timer', timer })
  }

  /** Time of the last inbound frame (ms, clock time). */
  private lastActivity = 0

  /**
   * Inbound traffic postpones the activity ping. In the steady state (timer armed, no ping
   * outstanding) this only records the time: re-arming a timer per frame costs more than the
   * rest of the frame's handling. The timer re-arms itself lazily when it fires early.
   */
  private noteActivity(): void {
    this.lastActivity = this.deps.clock.now()
    if (this.machine.awaitingPong || !this.timers.has('activity')) this.dispatch({ type: 'activity' })
  }

  /** Re-arms the activity timer for the rest of the timeout when a frame came after it was set. */
  private rearmActivity(): boolean {
    if (this.machine.state !== 'connected') return false
    const remaining = this.machine.activityTimeout - (this.deps.clock.now() - this.lastActivity)
    if (remaining <= 0) return false
    this.timers.set('activity', this.deps.clock.setTimeout(() => this.fire('activity'), remaining))
    return true
  }

  private cancel(timer: TimerName): void {
    const handle = this.timers.get(timer)
    if (handle === undefined) return
    this.deps.clock.clearTimeout(handle)
    this.timers.delete(timer)
  }

  private ping(): void {
    if (this.deps.names.version === 2 && this.transport?.ping()) return
    this.send({ event: this.deps.names.event('ping'), data: {} })
  }

  private async open(): Promise<void> {
    const attempt = ++this.attempt
    this.socketError = undefined
    this.silentDrops.opening()
    const current = () => attempt === this.attempt
    try {
      const open = await this.deps.prepareTransport()
      if (!current()) return
      // Assigned before any socket callback can run, so the handshake can already send.
      this.transport = open({
        onOpen: () => current() && this.silentDrops.open(),
        onMessage: (data) => current() && this.receive(data),
        onClose: (code, reason) => current() && this.closed(code, reason),
        onError: (error) => current() && (this.socketError = error),
        onPong: () => current() && this.noteActivity(),
      })
    } catch (cause) {
      if (!current()) return
      const error = cause instanceof SockudoError ? cause : new ConnectionError('connection/open-failed', 'Could not open the socket', { cause })
      this.dispatch({ type: 'open_failed', error })
    }
  }

  private closed(code: number, reason: string): void {
    this.transport = undefined
    this.attempt++
    const socketError = this.socketError
    this.socketError = undefined
    const refused = this.machine.socket === 'opening' && this.silentDrops.closedBeforeHandshake()
    if (socketError !== undefined && (code === 1005 || code === 1006)) {
      // The machine stays quiet on 1006; a socket-level error before it is worth reporting.
      this.emitter.emit('error', new ConnectionError('connection/socket-error', socketErrorMessage(socketError), { closeCode: code, cause: socketError, retryable: true }))
    }
    this.dispatch({ type: 'closed', code, reason, jitter: this.deps.random() })
    if (!refused) return
    this.emitter.emit('error', silentDropsError(this.deps.appKey ?? '', code))
    this.dispatch({ type: 'disconnect' })
  }

  private receive(data: string | Uint8Array): void {
    let frame: InboundFrame
    try {
      frame = this.deps.io.decode(data)
    } catch (error) {
      if (this.deps.stats) this.deps.stats.undecodable++
      this.emitter.emit('error', error instanceof SockudoError ? error : new ConnectionError('connection/bad-frame', 'Undecodable frame', { cause: error }))
      return
    }
    if (this.deps.stats) this.deps.stats.received++
    this.silentDrops.frame()
    this.noteActivity()
    if (this.machine.socket === 'opening') return this.handshake(frame)
    const canonical = this.deps.names.canonical(frame.event)
    if (canonical && !canonical.internal && canonical.name === 'ping') {
      this.send({ event: this.deps.names.event('pong'), data: {} })
      return
    }
    if (canonical && !canonical.internal && canonical.name === 'pong') return
    try {
      this.deps.onFrame(frame)
    } catch (cause) {
      // A bug in a handler must never break the socket's message loop.
      this.emitter.emit('error', new ConnectionError('connection/handler-failed', `Handling ${frame.event} failed`, { cause, body: frame }))
    }
  }

  private handshake(frame: InboundFrame): void {
    const result = parseHandshake(frame, this.deps.names)
    if (result.type === 'established') {
      this.silentDrops.reset()
      this.dispatch({ type: 'established', socketId: result.socketId, activityTimeout: result.activityTimeout })
      return
    }
    const code = result.type === 'error' ? (result.code ?? 1002) : 1002
    const message = result.type === 'error' ? result.message : result.error.message
    if (result.type === 'invalid') this.emitter.emit('error', result.error)
    else if (code < 4000) this.emitter.emit('error', new ConnectionError('connection/handshake-error', message, { serverCode: code }))
    this.dispatch({ type: 'handshake_error', code, message, jitter: this.deps.random() })
  }
}

function socketErrorMessage(error: unknown): string {
  const inner = (error as { error?: unknown; message?: unknown } | null)?.error ?? error
  const message = (inner as { message?: unknown } | null)?.message
  return typeof message === 'string' && message ? `WebSocket error: ${message}` : 'WebSocket error'
}
