/**
 * Client-side delta compression state (v2-features.md §1): stores bases from full
 * messages, rebuilds full frames from `sockudo:delta` frames, and asks for a resync when a
 * delta cannot be applied. Pure: it returns the frames to send instead of sending them
 * (except through the {@link DeltaStage} adapter, which uses the pipeline's `send`).
 */
import { DeltaError } from '../errors'
import { TypedEmitter, type Listener, type Unsubscribe } from '../events'
import { jsonCodec } from '../codecs/json'
import type { InboundFrame, OutboundFrame } from '../protocol/frame'
import type { DeltaStage } from '../protocol/pipeline'
import { ChannelBases } from './base-cache'
import { deltaBaseText, utf8ByteLength } from './base-text'
import { basesFromCacheSync } from './cache-sync'
import { defaultDeltaDecoders } from './decoders'
import type { DecodeLimits, DeltaAlgorithm, DeltaDecoders } from './decoders/types'
import { decodeDeltaBase64, isDeltaAlgorithm, parseDeltaPayload, type DeltaPayload } from './delta-payload'
import { DeltaStatsTracker, type DeltaStats } from './stats'
import { deltaSyncErrorFrame, enableDeltaFrame, serializeDeltaSetting, type DeltaSetting } from './subscribe'

/** Options of {@link DeltaManager}. */
export interface DeltaManagerOptions {
  /** Decoders by algorithm. @default the built-in pure decoders (`defaultDeltaDecoders`) */
  decoders?: DeltaDecoders
  /** Decodes a reconstructed envelope exactly like an inbound JSON text frame. @default jsonCodec.decode */
  decodeFrame?: (text: string) => InboundFrame
  /** Decoder limits. @default { maxOutputBytes: 64 MiB } */
  limits?: DecodeLimits
}

/** What to do with a frame after {@link DeltaManager.handle}. */
export type DeltaResult =
  /** Deliver `frame`: the input unchanged, or the full frame rebuilt from a delta. */
  | { kind: 'deliver'; frame: InboundFrame }
  /** Nothing to deliver: a cache sync, or a delta dropped on purpose (`reason`). */
  | { kind: 'consumed'; reason: 'cache-sync' | 'resync-pending' | 'unknown-channel' }
  /** A delta could not be applied: its event is lost. Send `send` (if any) to resync the channel. */
  | { kind: 'resync'; send?: OutboundFrame; error: DeltaError }

/** Events of {@link DeltaManager}. */
export interface DeltaManagerEvents {
  /** A delta could not be applied; the event it carried is lost (`error.channel` names the channel). */
  error: [error: DeltaError]
}

interface ChannelState {
  bases: ChannelBases
  /** A `delta_sync_error` was sent; deltas are dropped until the next full message. */
  resyncPending: boolean
  /** A full message arrived without its JSON text (binary wire), so no base could be stored. */
  noText?: boolean
}

const SYSTEM = /^(?:sockudo|pusher):(delta|delta_compression_enabled|delta_cache_sync|connection_established)$/

/** The failure as a DeltaError naming `channel` (decoders do not know the channel). */
function withChannel(e: unknown, channel: string): DeltaError {
  if (e instanceof DeltaError && e.channel === channel) return e
  if (e instanceof DeltaError) return new DeltaError(e.code, e.message, { cause: e, channel, retryable: e.retryable })
  return new DeltaError('delta/invalid-frame', 'reconstructed delta is not a valid frame', { cause: e, channel })
}

/** Delta compression state of one connection. See the file header. */
export class DeltaManager implements DeltaStage {
  private readonly decoders: DeltaDecoders
  private readonly decodeFrame: (text: string) => InboundFrame
  private readonly limits: DecodeLimits
  private readonly channels = new Map<string, ChannelState>()
  private readonly counters = new DeltaStatsTracker()
  private readonly emitter = new TypedEmitter<DeltaManagerEvents>()
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true })
  private readonly encoder = new TextEncoder()
  private _serverAlgorithm: DeltaAlgorithm | undefined

  constructor(options: DeltaManagerOptions = {}) {
    this.decoders = options.decoders ?? defaultDeltaDecoders
    this.decodeFrame = options.decodeFrame ?? ((text) => jsonCodec.decode(text))
    this.limits = options.limits ?? {}
  }

  /** Algorithms this manager can decode, in the order advertised to the server. */
  get algorithms(): DeltaAlgorithm[] {
    return (['fossil', 'xdelta3'] as const).filter((a) => this.decoders[a] !== undefined)
  }

  /** The algorithm announced by `delta_compression_enabled`, used when delta frames omit it. */
  get serverAlgorithm(): DeltaAlgorithm | undefined {
    return this._serverAlgorithm
  }

  /** Listens to manager events. */
  on<K extends keyof DeltaManagerEvents>(event: K, listener: Listener<DeltaManagerEvents, K>): Unsubscribe {
    return this.emitter.on(event, listener)
  }

  /** The enable frame to send on every (re)connect, before any subscribe frame. */
  enableFrame(prefix: string): OutboundFrame {
    return enableDeltaFrame(prefix, this.algorithms)
  }

  /**
   * Subscribe payload fields for `channel` and starts tracking it. Returns `{}` for
   * `private-encrypted-*` channels (never compressed) and when `setting` is undefined.
   */
  subscribeData(channel: string, setting?: DeltaSetting): { delta?: ReturnType<typeof serializeDeltaSetting> } {
    this.track(channel)
    if (setting === undefined || channel.startsWith('private-encrypted-')) return {}
    return { delta: serializeDeltaSetting(setting) }
  }

  /** Processes one inbound frame. `prefix` is the connection's system prefix for resync frames. */
  handle(frame: InboundFrame, prefix = 'sockudo:'): DeltaResult {
    const system = SYSTEM.exec(frame.event)?.[1]
    if (system === 'delta') return this.onDelta(frame, prefix)
    if (system === 'delta_cache_sync') return this.onCacheSync(frame)
    if (system === 'connection_established') this.channels.clear()
    if (system === 'delta_compression_enabled') this.onEnabled(frame)
    if (frame.deltaSequence !== undefined && frame.channel !== undefined) this.onFull(frame, frame.channel, frame.deltaSequence)
    return { kind: 'deliver', frame }
  }

  /** {@link DeltaStage} adapter for the client pipeline: sends resync requests through `io.send`. */
  process(frame: InboundFrame, io: { send(frame: OutboundFrame): boolean; prefix: string }): InboundFrame | null {
    const result = this.handle(frame, io.prefix)
    if (result.kind === 'deliver') return result.frame
    if (result.kind === 'resync' && result.send) io.send(result.send)
    return null
  }

  /** Forgets one channel (unsubscribe) or, without an argument, every channel (new connection). */
  reset(channel?: string): void {
    if (channel === undefined) this.channels.clear()
    else this.channels.delete(channel)
  }

  /** Forgets one channel's bases; deltas for it are then ignored until it is tracked again. */
  resetChannel(channel: string): void {
    this.channels.delete(channel)
  }

  /** Counters per channel and in total. */
  stats(): DeltaStats {
    return this.counters.snapshot((channel) => this.channels.get(channel)?.bases.size ?? 0)
  }

  /** Zeroes every counter. */
  resetStats(): void {
    this.counters.reset()
  }

  private track(channel: string): ChannelState {
    let state = this.channels.get(channel)
    if (!state) this.channels.set(channel, (state = { bases: new ChannelBases(), resyncPending: false }))
    return state
  }

  private onEnabled(frame: InboundFrame): void {
    const data = frame.data as { algorithm?: unknown } | undefined
    const algorithm = typeof data === 'object' && data !== null ? data.algorithm : undefined
    if (frame.channel === undefined && typeof algorithm === 'string' && isDeltaAlgorithm(algorithm)) this._serverAlgorithm = algorithm
  }

  private onFull(frame: InboundFrame, channel: string, seq: number): void {
    const state = this.track(channel)
    state.resyncPending = false
    this.counters.full(channel, frame.raw === undefined ? 0 : utf8ByteLength(frame.raw))
    // Without the raw text (binary wire formats) the server's base bytes cannot be known.
    if (frame.raw === undefined) {
      state.noText = true
      return
    }
    const bytes = this.encoder.encode(deltaBaseText(frame.raw))
    state.bases.store(frame.event, frame.conflationKey ?? '', { seq, bytes })
  }

  private onCacheSync(frame: InboundFrame): DeltaResult {
    const bases = frame.channel === undefined ? undefined : basesFromCacheSync(frame, this.decodeFrame)
    if (bases && frame.channel !== undefined) this.channels.set(frame.channel, { bases, resyncPending: false })
    return { kind: 'consumed', reason: 'cache-sync' }
  }

  private onDelta(frame: InboundFrame, prefix: string): DeltaResult {
    const channel = frame.channel
    if (channel === undefined) {
      const error = new DeltaError('delta/invalid-frame', 'delta frame has no channel')
      this.emitter.emit('error', error)
      return { kind: 'resync', error }
    }
    const state = this.channels.get(channel)
    if (!state) return { kind: 'consumed', reason: 'unknown-channel' }
    if (state.resyncPending) return { kind: 'consumed', reason: 'resync-pending' }
    try {
      return { kind: 'deliver', frame: this.rebuild(frame, channel, state) }
    } catch (e) {
      const error = withChannel(e, channel)
      state.bases = new ChannelBases()
      state.resyncPending = true
      this.counters.error(channel, true)
      this.emitter.emit('error', error)
      return { kind: 'resync', send: deltaSyncErrorFrame(prefix, channel), error }
    }
  }

  /** Applies the delta of `frame` and returns the rebuilt full frame; throws on any failure. */
  private rebuild(frame: InboundFrame, channel: string, state: ChannelState): InboundFrame {
    const payload = parseDeltaPayload(frame.data, channel)
    const base = state.bases.find(payload.event, payload.conflationKey, payload.baseIndex)
    if (!base && state.noText) {
      throw new DeltaError('delta/unsupported', 'full messages arrived without their JSON text (binary wire format): delta compression needs the JSON wire format', { channel })
    }
    if (!base) {
      throw new DeltaError('delta/base-missing', `no base with seq ${payload.baseIndex ?? '(newest)'} for '${payload.event}'${payload.conflationKey ? ` [${payload.conflationKey}]` : ''}`, { channel, retryable: true })
    }
    const deltaBytes = decodeDeltaBase64(payload.delta, channel)
    const bytes = this.decoder(payload, channel)(base.bytes, deltaBytes, this.limits)
    const rebuilt = this.toFrame(bytes, payload, channel)
    state.bases.store(payload.event, payload.conflationKey, { seq: payload.seq, bytes })
    this.counters.delta(channel, frame.raw === undefined ? deltaBytes.length : utf8ByteLength(frame.raw), bytes.length)
    return rebuilt
  }

  private decoder(payload: DeltaPayload, channel: string): NonNullable<DeltaDecoders[DeltaAlgorithm]> {
    const name = payload.algorithm ?? this._serverAlgorithm ?? 'fossil'
    const decoder = isDeltaAlgorithm(name) ? this.decoders[name] : undefined
    if (!decoder) throw new DeltaError('delta/unsupported', `no decoder for delta algorithm '${name}'`, { channel })
    return decoder
  }

  /** Decodes the rebuilt envelope and checks it is the announced event of this channel. */
  private toFrame(bytes: Uint8Array, payload: DeltaPayload, channel: string): InboundFrame {
    let text: string
    try {
      text = this.utf8.decode(bytes)
    } catch (cause) {
      throw new DeltaError('delta/invalid-utf8', 'reconstructed message is not valid UTF-8', { cause, channel })
    }
    const rebuilt = this.decodeFrame(text)
    if (rebuilt.event !== payload.event || (rebuilt.channel !== undefined && rebuilt.channel !== channel)) {
      throw new DeltaError('delta/mismatch', `reconstructed message is '${rebuilt.event}' on '${rebuilt.channel ?? ''}', expected '${payload.event}' on '${channel}'`, { channel })
    }
    rebuilt.deltaSequence = payload.seq
    if (payload.conflationKey !== '') rebuilt.conflationKey = payload.conflationKey
    return rebuilt
  }
}
