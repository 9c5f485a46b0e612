import type { Channel } from '../channels/channel'
import type { ChannelRegistry } from '../channels/registry'
import { AuthError, ChannelError, ConnectionError, type SockudoError } from '../errors'
import type { InboundFrame } from '../protocol/frame'
import { parseErrorData } from '../protocol/handshake'
import type { InboundHandlers } from '../protocol/router'
import type { RequestTracker } from '../protocol/request-tracker'
import type { RecoveryCoordinator } from '../recovery/coordinator'
import type { RecoveryPositions } from '../recovery/positions'
import type { TokenManager } from '../auth/token'
import type { User } from '../user/user'
import { isRecord, parseMaybeJson } from '../util/json'
import type { ClientEvents } from './events'
import { wildcardMatches } from './wildcard'

/** @internal The parts the inbound handlers act on. */
export interface HandlerParts {
  registry: ChannelRegistry
  tracker: RequestTracker
  user: User
  tokens: Pick<TokenManager, 'expired'>
  positions: RecoveryPositions | undefined
  history: { receive(frame: InboundFrame): void }
  /** The resume exchange, once loaded (recovery on). */
  recovery(): Pick<RecoveryCoordinator, 'recovered' | 'error' | 'settled'> | undefined
  /** Delivers a frame to client-level `bind`/`bindGlobal` and the `event` stream. */
  deliverGlobal(frame: InboundFrame): void
  emit<K extends keyof ClientEvents>(event: K, ...args: ClientEvents[K]): void
}

/** @internal Builds the handler table's implementation. */
export function createHandlers(p: HandlerParts): InboundHandlers {
  return {
    error(frame) {
      const { code, message } = parseErrorData(frame.data)
      const attributed = p.tracker.attribute(code, message, (key) => rejection(code, message, key))
      if (!attributed) p.emit('error', new ConnectionError('connection/server-error', message, serverCode(code, frame.data)))
      // A refused resume (4000 malformed, 4301 recovery disabled, 4302 no positions): no replay will come.
      if (!attributed) p.recovery()?.error(code)
      p.deliverGlobal(frame)
    },
    signinSuccess(frame) {
      p.user._signinSuccess(parseMaybeJson(frame.data))
      p.deliverGlobal(frame)
    },
    watchlist(event, frame) {
      p.user.watchlist._emit(event, parseMaybeJson(frame.data))
      p.deliverGlobal(frame)
    },
    resumeSuccess(frame) {
      const data = parseMaybeJson(frame.data)
      p.recovery()?.recovered(data)
      p.emit('resumed', { recovered: channelsOf(data, 'recovered'), failed: channelsOf(data, 'failed') })
      p.recovery()?.settled()
      p.deliverGlobal(frame)
    },
    resumeFailed(frame) {
      const data = parseMaybeJson(frame.data)
      const channel = frame.channel ?? (isRecord(data) && typeof data.channel === 'string' ? data.channel : undefined)
      if (channel !== undefined) {
        p.positions?.set(channel, null)
        const d = isRecord(data) ? data : {}
        p.emit('resume_failed', { channel, code: String(d.code ?? 'unknown'), reason: String(d.reason ?? '') })
      }
      p.deliverGlobal(frame)
    },
    channelHistory: (frame) => p.history.receive(frame),
    tokenExpired(frame) {
      p.tokens.expired(parseMaybeJson(frame.data))
      p.deliverGlobal(frame)
    },
    authSuccess: (frame) => p.deliverGlobal(frame),
    channel(frame, canonical) {
      const name = frame.channel!
      const channel = p.registry.find(name) ?? wildcardOwner(p.registry.all(), name)
      if (channel) return channel._handle(frame, canonical)
      if (p.user.id !== undefined && name === `#server-to-user-${p.user.id}`) return p.user._deliver(frame)
      p.deliverGlobal(frame)
    },
    global: (frame) => p.deliverGlobal(frame),
  }
}

function wildcardOwner(channels: Channel[], name: string): Channel | undefined {
  return channels.find((c) => c._wanted && c.name.includes('*') && wildcardMatches(c.name, name))
}

function rejection(code: number | undefined, message: string, key: string): SockudoError {
  const opts = { ...serverCode(code, undefined), ...(key === 'user' ? {} : { channel: key }) }
  if (key === 'user') return new AuthError('auth/signin-rejected', message, opts)
  if (code === 4009) return new AuthError('auth/rejected', message, opts)
  return new ChannelError('channel/rejected', message, opts)
}

function serverCode(code: number | undefined, body: unknown): { serverCode?: number; body?: unknown } {
  const out: { serverCode?: number; body?: unknown } = {}
  if (code !== undefined) out.serverCode = code
  if (body !== undefined) out.body = body
  return out
}

function channelsOf(data: unknown, key: string): string[] {
  const list = isRecord(data) && Array.isArray(data[key]) ? (data[key] as unknown[]) : []
  return list.flatMap((e) => (isRecord(e) && typeof e.channel === 'string' ? [e.channel] : []))
}
