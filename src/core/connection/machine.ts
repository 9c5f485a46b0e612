/**
 * The connection state machine as one pure function. Every state change goes through
 * {@link transition}; timers and sockets are started and stopped only by the effects it
 * returns, which the {@link ConnectionManager} executes.
 *
 * States (pusher-js names): `initialized` → `connect()` → `connecting` → handshake →
 * `connected`. When the socket drops, the state goes back to `connecting` at once (with a
 * retry timer armed) rather than staying `connected`; after `unavailableTimeout` without
 * success it becomes `unavailable` (retries continue). `disconnected` follows
 * `disconnect()`, a refused close code or exhausted retries; `failed` means no attempt can
 * be made at all (no WebSocket implementation, token provider failure).
 */
import { ConnectionError, type SockudoError } from '../errors'
import { backoffDelay, type BackoffOptions } from '../util/backoff'
import { closeAction } from './close-codes'

/** Public connection state. */
export type ConnectionState = 'initialized' | 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected'

/** Timers owned by the machine. */
export type TimerName = 'retry' | 'unavailable' | 'activity' | 'pong'

/** Settings the machine needs (all ms). */
export interface MachineConfig {
  activityTimeout: number
  pongTimeout: number
  unavailableTimeout: number
  backoff: BackoffOptions
}

/** Full machine state; `state` is the public part. */
export interface MachineState {
  readonly state: ConnectionState
  /** Reconnection attempts since the last successful handshake. */
  readonly attempts: number
  /** Socket phase: none, opened but not yet handshaken, or handshaken. */
  readonly socket: 'none' | 'opening' | 'open'
  /** Socket id of the current handshake. */
  readonly socketId?: string
  /** Effective activity timeout of the current connection (ms). */
  readonly activityTimeout: number
  /** A ping was sent and no frame has arrived since. */
  readonly awaitingPong: boolean
}

/** Inputs of the machine. Random jitter travels inside events, so the function stays pure. */
export type MachineEvent =
  | { type: 'connect' }
  | { type: 'disconnect' }
  | { type: 'established'; socketId: string; activityTimeout?: number }
  | { type: 'closed'; code: number; reason: string; jitter: number }
  | { type: 'handshake_error'; code: number; message: string; jitter: number }
  | { type: 'timer'; timer: TimerName }
  | { type: 'activity' }
  | { type: 'online' }
  | { type: 'offline' }
  | { type: 'open_failed'; error: SockudoError }

/** Side effects requested by a transition. */
export type Effect =
  | { type: 'open' }
  | { type: 'close'; code: number; reason: string }
  | { type: 'schedule'; timer: TimerName; delay: number }
  | { type: 'cancel'; timer: TimerName }
  | { type: 'ping' }
  | { type: 'error'; error: SockudoError }
  | { type: 'connecting_in'; delay: number }

/** Result of one transition. */
export interface Transition {
  state: MachineState
  effects: Effect[]
}

/** The machine's starting state. */
export function initialMachineState(config: MachineConfig): MachineState {
  return { state: 'initialized', attempts: 0, socket: 'none', activityTimeout: config.activityTimeout, awaitingPong: false }
}

/**
 * Close codes that report no `error`: clean closes and plain network drops (the state change
 * says enough). Every other code (server codes ≥ 4000, 1002 protocol error, 1007 invalid
 * UTF-8, 1009 frame too big, 1011…) emits a `ConnectionError` with `closeCode`.
 */
const QUIET_CLOSES = new Set([1000, 1001, 1005, 1006])

const ALL_TIMERS: Effect[] = (['retry', 'unavailable', 'activity', 'pong'] as const).map((timer) => ({ type: 'cancel', timer }))

/** Computes the next state and the effects to run. Pure. */
export function transition(s: MachineState, event: MachineEvent, config: MachineConfig): Transition {
  switch (event.type) {
    case 'connect':
      return onConnect(s, config)
    case 'disconnect':
      return onDisconnect(s)
    case 'established':
      return onEstablished(s, event, config)
    case 'closed':
      return s.socket === 'none' ? same(s) : onDrop(s, event.code, event.reason, event.jitter, config, [])
    case 'handshake_error':
      if (s.socket !== 'opening') return same(s)
      return onDrop(s, event.code, event.message, event.jitter, config, [{ type: 'close', code: 1000, reason: 'handshake error' }])
    case 'timer':
      return onTimer(s, event.timer, config)
    case 'activity':
      if (s.state !== 'connected') return same(s)
      return { state: { ...s, awaitingPong: false }, effects: [{ type: 'cancel', timer: 'pong' }, { type: 'schedule', timer: 'activity', delay: s.activityTimeout }] }
    case 'online':
      if ((s.state === 'connecting' || s.state === 'unavailable') && s.socket === 'none') {
        return { state: { ...s, socket: 'opening' }, effects: [{ type: 'cancel', timer: 'retry' }, { type: 'open' }] }
      }
      return same(s)
    case 'offline':
      return s.state === 'connected' && !s.awaitingPong ? ping(s, config) : same(s)
    case 'open_failed':
      return { state: { ...s, state: 'failed', socket: 'none', socketId: undefined }, effects: [...ALL_TIMERS, { type: 'error', error: event.error }] }
  }
}

function same(s: MachineState): Transition {
  return { state: s, effects: [] }
}

function onConnect(s: MachineState, config: MachineConfig): Transition {
  if (s.state !== 'initialized' && s.state !== 'disconnected' && s.state !== 'failed') return same(s)
  return {
    state: { ...s, state: 'connecting', attempts: 0, socket: 'opening', socketId: undefined, awaitingPong: false },
    effects: [{ type: 'open' }, { type: 'schedule', timer: 'unavailable', delay: config.unavailableTimeout }],
  }
}

function onDisconnect(s: MachineState): Transition {
  if (s.state === 'initialized' || s.state === 'disconnected') return same(s)
  const effects: Effect[] = [...ALL_TIMERS]
  if (s.socket !== 'none') effects.push({ type: 'close', code: 1000, reason: 'client disconnect' })
  return { state: { ...s, state: 'disconnected', attempts: 0, socket: 'none', socketId: undefined, awaitingPong: false }, effects }
}

function onEstablished(s: MachineState, e: { socketId: string; activityTimeout?: number }, config: MachineConfig): Transition {
  if (s.socket !== 'opening') return same(s)
  const serverMs = e.activityTimeout === undefined ? Infinity : e.activityTimeout * 1000
  const activityTimeout = Math.min(config.activityTimeout, serverMs)
  return {
    state: { ...s, state: 'connected', attempts: 0, socket: 'open', socketId: e.socketId, activityTimeout, awaitingPong: false },
    effects: [{ type: 'cancel', timer: 'unavailable' }, { type: 'cancel', timer: 'retry' }, { type: 'schedule', timer: 'activity', delay: activityTimeout }],
  }
}

function onDrop(s: MachineState, code: number, reason: string, jitter: number, config: MachineConfig, pre: Effect[]): Transition {
  const base: MachineState = { ...s, socket: 'none', socketId: undefined, awaitingPong: false }
  const effects: Effect[] = [...pre, { type: 'cancel', timer: 'activity' }, { type: 'cancel', timer: 'pong' }]
  const action = closeAction(code)
  if (!QUIET_CLOSES.has(code)) effects.push({ type: 'error', error: closeError(code, reason, action !== 'refused') })
  if (action === 'refused') return stop(base, effects, 'refused')
  if (s.attempts >= config.backoff.maxAttempts) {
    effects.push({ type: 'error', error: new ConnectionError('connection/retries-exhausted', `Gave up after ${s.attempts} reconnection attempts`, { closeCode: code }) })
    return stop(base, effects, 'exhausted')
  }
  const wasConnected = s.state === 'connected'
  const next: MachineState = { ...base, state: wasConnected ? 'connecting' : s.state, attempts: s.attempts + 1 }
  if (wasConnected) effects.push({ type: 'schedule', timer: 'unavailable', delay: config.unavailableTimeout })
  if (action === 'retry') return { state: { ...next, socket: 'opening' }, effects: [...effects, { type: 'open' }] }
  const delay = backoffDelay(s.attempts, config.backoff, jitter)
  effects.push({ type: 'schedule', timer: 'retry', delay }, { type: 'connecting_in', delay })
  return { state: next, effects }
}

function stop(s: MachineState, effects: Effect[], _why: string): Transition {
  effects.push({ type: 'cancel', timer: 'retry' }, { type: 'cancel', timer: 'unavailable' })
  return { state: { ...s, state: 'disconnected', attempts: 0 }, effects }
}

function onTimer(s: MachineState, timer: TimerName, config: MachineConfig): Transition {
  switch (timer) {
    case 'retry':
      if ((s.state !== 'connecting' && s.state !== 'unavailable') || s.socket !== 'none') return same(s)
      return { state: { ...s, socket: 'opening' }, effects: [{ type: 'open' }] }
    case 'unavailable':
      return s.state === 'connecting' ? { state: { ...s, state: 'unavailable' }, effects: [] } : same(s)
    case 'activity':
      return s.state === 'connected' && !s.awaitingPong ? ping(s, config) : same(s)
    case 'pong':
      if (s.state !== 'connected' || !s.awaitingPong) return same(s)
      return {
        state: { ...s, state: 'connecting', socket: 'opening', socketId: undefined, awaitingPong: false, attempts: s.attempts + 1 },
        effects: [
          { type: 'close', code: 4201, reason: 'Pong reply not received in time' },
          { type: 'cancel', timer: 'activity' },
          { type: 'schedule', timer: 'unavailable', delay: config.unavailableTimeout },
          { type: 'open' },
        ],
      }
  }
}

function ping(s: MachineState, config: MachineConfig): Transition {
  return { state: { ...s, awaitingPong: true }, effects: [{ type: 'ping' }, { type: 'schedule', timer: 'pong', delay: config.pongTimeout }] }
}

function closeError(code: number, reason: string, retryable: boolean): ConnectionError {
  const what = retryable ? 'connection/closed' : 'connection/refused'
  return new ConnectionError(what, `Server closed the connection (${code}${reason ? `: ${reason}` : ''})`, { closeCode: code, retryable })
}
