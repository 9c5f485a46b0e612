import { describe, expect, it } from 'vitest'
import { closeAction, initialMachineState, transition, type MachineConfig, type MachineEvent, type MachineState } from '../../../src/core/internal'

const config: MachineConfig = {
  activityTimeout: 120_000, pongTimeout: 30_000, unavailableTimeout: 10_000,
  backoff: { maxAttempts: 3, baseDelay: 1000, maxDelay: 8000 },
}
const init = initialMachineState(config)
const at = (patch: Partial<MachineState>): MachineState => ({ ...init, ...patch })
const connected = at({ state: 'connected', socket: 'open', socketId: '1.2' })
const closed = (code: number, jitter = 0): MachineEvent => ({ type: 'closed', code, reason: '', jitter })

type Row = [name: string, from: MachineState, event: MachineEvent, to: Partial<MachineState>, effects: string[]]

/** Effects rendered compactly: `open`, `close:1000`, `schedule:retry:500`, `cancel:pong`, `ping`, `error:connection/refused`. */
function render(effects: ReturnType<typeof transition>['effects']): string[] {
  return effects.map((e) => {
    switch (e.type) {
      case 'schedule':
        return `schedule:${e.timer}:${e.delay}`
      case 'cancel':
        return `cancel:${e.timer}`
      case 'close':
        return `close:${e.code}`
      case 'error':
        return `error:${e.error.code}`
      case 'connecting_in':
        return `connecting_in:${e.delay}`
      default:
        return e.type
    }
  })
}

const table: Row[] = [
  ['connect from initialized opens a socket and arms the unavailable timer', init, { type: 'connect' },
    { state: 'connecting', socket: 'opening', attempts: 0 }, ['open', 'schedule:unavailable:10000']],
  ['connect while connected is a no-op', connected, { type: 'connect' }, { state: 'connected' }, []],
  ['handshake connects and arms the activity timer (server value caps it)', at({ state: 'connecting', socket: 'opening', attempts: 2 }),
    { type: 'established', socketId: '9.9', activityTimeout: 60 }, { state: 'connected', socket: 'open', socketId: '9.9', attempts: 0, activityTimeout: 60_000 },
    ['cancel:unavailable', 'cancel:retry', 'schedule:activity:60000']],
  ['a drop while connected goes back to connecting with a jittered retry', connected, closed(1006, 0),
    { state: 'connecting', socket: 'none', attempts: 1, socketId: undefined },
    ['cancel:activity', 'cancel:pong', 'schedule:unavailable:10000', 'schedule:retry:500', 'connecting_in:500']],
  ['jitter 1 uses the full delay', at({ state: 'connecting', socket: 'opening', attempts: 1 }), closed(1006, 1),
    { state: 'connecting', attempts: 2 }, ['cancel:activity', 'cancel:pong', 'schedule:retry:2000', 'connecting_in:2000']],
  ['the delay is capped at maxDelay', at({ state: 'unavailable', socket: 'opening', attempts: 2 }), closed(1006, 1),
    { state: 'unavailable', attempts: 3 }, ['cancel:activity', 'cancel:pong', 'schedule:retry:4000', 'connecting_in:4000']],
  ['maxAttempts exhausted → disconnected', at({ state: 'unavailable', socket: 'opening', attempts: 3 }), closed(1006),
    { state: 'disconnected', attempts: 0 }, ['cancel:activity', 'cancel:pong', 'error:connection/retries-exhausted', 'cancel:retry', 'cancel:unavailable']],
  ['a 1007 close (invalid UTF-8) reconnects with backoff and reports an error', connected, closed(1007, 0),
    { state: 'connecting', attempts: 1 },
    ['cancel:activity', 'cancel:pong', 'error:connection/closed', 'schedule:unavailable:10000', 'schedule:retry:500', 'connecting_in:500']],
  ['4009 (4000–4099) never reconnects', connected, closed(4009),
    { state: 'disconnected' }, ['cancel:activity', 'cancel:pong', 'error:connection/refused', 'cancel:retry', 'cancel:unavailable']],
  ['4000 never reconnects', connected, closed(4000), { state: 'disconnected' }, ['cancel:activity', 'cancel:pong', 'error:connection/refused', 'cancel:retry', 'cancel:unavailable']],
  ['4100 (4100–4199) reconnects after backoff', connected, closed(4100, 0.5),
    { state: 'connecting', attempts: 1 }, ['cancel:activity', 'cancel:pong', 'error:connection/closed', 'schedule:unavailable:10000', 'schedule:retry:750', 'connecting_in:750']],
  ['4200 (4200–4299) reconnects at once', connected, closed(4200),
    { state: 'connecting', socket: 'opening', attempts: 1 }, ['cancel:activity', 'cancel:pong', 'error:connection/closed', 'schedule:unavailable:10000', 'open']],
  ['4301 (≥ 4300) never reconnects', connected, closed(4301), { state: 'disconnected' }, ['cancel:activity', 'cancel:pong', 'error:connection/refused', 'cancel:retry', 'cancel:unavailable']],
  ['a handshake error frame closes the socket and follows the close-code table', at({ state: 'connecting', socket: 'opening' }),
    { type: 'handshake_error', code: 4009, message: 'Origin not allowed', jitter: 0 }, { state: 'disconnected' },
    ['close:1000', 'cancel:activity', 'cancel:pong', 'error:connection/refused', 'cancel:retry', 'cancel:unavailable']],
  ['the retry timer opens a socket', at({ state: 'connecting', socket: 'none', attempts: 1 }), { type: 'timer', timer: 'retry' },
    { socket: 'opening' }, ['open']],
  ['the unavailable timer marks the connection unavailable', at({ state: 'connecting', socket: 'opening' }), { type: 'timer', timer: 'unavailable' },
    { state: 'unavailable' }, []],
  ['the activity timer sends a ping and arms the pong timer', connected, { type: 'timer', timer: 'activity' },
    { awaitingPong: true }, ['ping', 'schedule:pong:30000']],
  ['any inbound frame clears the pong wait and re-arms the activity timer', { ...connected, awaitingPong: true, activityTimeout: 5000 }, { type: 'activity' },
    { awaitingPong: false }, ['cancel:pong', 'schedule:activity:5000']],
  ['a pong timeout closes the socket and reconnects at once', { ...connected, awaitingPong: true }, { type: 'timer', timer: 'pong' },
    { state: 'connecting', socket: 'opening', attempts: 1 }, ['close:4201', 'cancel:activity', 'schedule:unavailable:10000', 'open']],
  ['online while waiting to retry retries now', at({ state: 'unavailable', socket: 'none', attempts: 2 }), { type: 'online' },
    { socket: 'opening' }, ['cancel:retry', 'open']],
  ['offline while connected checks the connection with a ping', connected, { type: 'offline' }, { awaitingPong: true }, ['ping', 'schedule:pong:30000']],
  ['disconnect closes the socket and cancels every timer', connected, { type: 'disconnect' }, { state: 'disconnected', socket: 'none' },
    ['cancel:retry', 'cancel:unavailable', 'cancel:activity', 'cancel:pong', 'close:1000']],
  ['disconnect while waiting to retry cancels the retry', at({ state: 'connecting', socket: 'none', attempts: 1 }), { type: 'disconnect' },
    { state: 'disconnected', attempts: 0 }, ['cancel:retry', 'cancel:unavailable', 'cancel:activity', 'cancel:pong']],
  ['a close from a socket already gone is ignored', at({ state: 'disconnected' }), closed(1006), { state: 'disconnected' }, []],
  ['a failure to open (no WebSocket) → failed', at({ state: 'connecting', socket: 'opening' }),
    { type: 'open_failed', error: new (class extends Error { code = 'config/no-websocket' as const })() as never }, { state: 'failed' },
    ['cancel:retry', 'cancel:unavailable', 'cancel:activity', 'cancel:pong', 'error:config/no-websocket']],
  ['connect after failed starts over', at({ state: 'failed' }), { type: 'connect' }, { state: 'connecting' }, ['open', 'schedule:unavailable:10000']],
]

describe('connection state machine', () => {
  it.each(table)('%s', (_name, from, event, to, effects) => {
    const result = transition(from, event, config)
    expect(result.state).toMatchObject(to)
    expect(render(result.effects)).toEqual(effects)
  })

  it('is pure: the input state is not modified', () => {
    const from = { ...connected }
    transition(from, closed(1006), config)
    expect(from).toEqual(connected)
  })
})

describe('close code → action', () => {
  it.each([
    [1000, 'backoff'], [1006, 'backoff'], [1002, 'backoff'], [4000, 'refused'], [4001, 'refused'], [4009, 'refused'], [4099, 'refused'],
    [4100, 'backoff'], [4199, 'backoff'], [4200, 'retry'], [4201, 'retry'], [4299, 'retry'], [4300, 'refused'], [4301, 'refused'], [4999, 'refused'],
  ] as const)('%i → %s', (code, action) => {
    expect(closeAction(code)).toBe(action)
  })
})
