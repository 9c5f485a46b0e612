/** One WebSocket connection: identity, protocol, codec and the send path (direct vs broadcast). */
import type { WebSocket } from 'ws'
import { encodeFrame, encodeJsonFrame } from './codecs'
import type { FrameExtras, ServerFrame, WireFormat } from './frame'
import type { AppState } from './state'
import type { Filter } from './filters'
import { uuid } from './util'

/** Per-subscription options (V2 filters, delta, attach serial). */
export interface Subscription {
  channel: string
  filter?: Filter
  /** Per-subscription delta algorithm, or null when explicitly disabled. */
  delta?: 'fossil' | 'xdelta3' | null
  attachSerial?: bigint
  /** Live messages buffered while a rewind is replaying. */
  buffer?: ServerFrame[]
}

/** Capability grants: operation → channel patterns. */
export type Capabilities = Map<string, string[]>

export interface TokenInfo {
  jti: string
  clientId: string
  exp: number
  expiryTimer?: NodeJS.Timeout
  graceTimer?: NodeJS.Timeout
}

export interface SendOptions {
  /** Plain broadcast path: JSON text even on binary formats (core.md §9.1). */
  plainText?: boolean
  /** A broadcast (metadata kept as built) rather than a direct frame (gets a fresh message_id). */
  broadcast?: boolean
}

export class Session {
  readonly subscriptions = new Map<string, Subscription>()
  userId?: string
  userData?: Record<string, unknown>
  /** True once signin succeeded (identity fixed by signin). */
  signedIn = false
  watchlist: string[] = []
  capabilities?: Capabilities
  token?: TokenInfo
  lastActivityMs = Date.now()
  pingSent = false
  /** Global delta algorithm after `enable_delta_compression`. */
  deltaAlgorithm?: 'fossil' | 'xdelta3'
  /** Socket delta state exists (enable frame or any per-subscription `delta` setting). */
  deltaEnabled = false
  /** Delta base per `channel\u0000event[\u0000conflation]`. */
  readonly deltaState = new Map<string, { base: string; seq: number; count: number; next: number }>()
  historyRequests = 0
  closed = false
  timers: NodeJS.Timeout[] = []
  /** User-authentication timeout (cleared by signin, token or a private/presence subscribe). */
  authTimer?: NodeJS.Timeout

  constructor(
    readonly ws: WebSocket,
    readonly app: AppState,
    readonly socketId: string,
    readonly protocol: 1 | 2,
    readonly format: WireFormat,
    readonly echo: boolean,
    readonly appendMode: 'delta' | 'full',
  ) {}

  get v2(): boolean {
    return this.protocol === 2
  }

  /** Rewrites `pusher:`/`pusher_internal:` names for V2 recipients. */
  eventName(event: string): string {
    if (!this.v2) return event
    if (event.startsWith('pusher:')) return `sockudo:${event.slice(7)}`
    if (event.startsWith('pusher_internal:')) return `sockudo_internal:${event.slice(16)}`
    return event
  }

  /** Sends a frame: V1 names/stripping, V2 renames + message_id on direct frames, per-format encoding. */
  send(frame: ServerFrame, options: SendOptions = {}): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return
    const out = this.v2 ? this.v2Frame(frame, options) : v1Frame(frame)
    const payload = this.v2 && !options.plainText ? encodeFrame(this.format, out) : encodeJsonFrame(out)
    this.ws.send(payload, { binary: typeof payload !== 'string' })
  }

  private v2Frame(frame: ServerFrame, options: SendOptions): ServerFrame {
    const out: ServerFrame = { ...frame, event: this.eventName(frame.event) }
    const pingPong = /^(sockudo|pusher):(ping|pong)$/.test(out.event)
    if (!options.broadcast && !pingPong && out.message_id === undefined) out.message_id = uuid()
    return out
  }

  /** Error frame through the normal path (`sockudo:error` on V2). */
  sendError(code: number, message: string): void {
    this.send({ event: 'pusher:error', data: { code, message } })
  }

  /** Server-initiated close: `pusher:error` (never renamed) in the negotiated format, then close. */
  close(code: number, reason: string): void {
    if (this.closed) return
    const frame: ServerFrame = { event: 'pusher:error', data: { code, message: reason } }
    const payload = this.v2 ? encodeFrame(this.format, frame) : encodeJsonFrame(frame)
    if (this.ws.readyState === this.ws.OPEN) {
      this.ws.send(payload, { binary: typeof payload !== 'string' })
      this.ws.close(code, reason)
    }
    this.closed = true
  }

  clearAuthTimer(): void {
    if (this.authTimer) clearTimeout(this.authTimer)
    this.authTimer = undefined
  }

  clearTimers(): void {
    this.clearAuthTimer()
    for (const t of this.timers) clearTimeout(t)
    this.timers = []
    if (this.token?.expiryTimer) clearTimeout(this.token.expiryTimer)
    if (this.token?.graceTimer) clearTimeout(this.token.graceTimer)
  }
}

/** V1 deliveries strip every V2 metadata field (core.md §2.4). */
export function v1Frame(frame: ServerFrame): ServerFrame {
  const out: ServerFrame = { event: frame.event }
  if (frame.channel !== undefined) out.channel = frame.channel
  if (frame.data !== undefined) out.data = frame.data
  if (frame.user_id !== undefined) out.user_id = frame.user_id
  return out
}

export type { FrameExtras }
