/**
 * Client-side delta compression state (sockudo-delta 5.2.0 src/manager.rs): stores bases from full
 * messages, rebuilds full frames from `sockudo:delta` frames, and asks for a resync when a
 * delta cannot be applied. Pure: it returns the frames to send instead of sending them
 * (except through the {@link DeltaStage} adapter, which uses the pipeline's `send`).
 */
import { DeltaError } from '../errors'
import { TypedEmitter, type Listener, type Unsubscribe } from '../events'
import { jsonCodec } from '../codecs/json'
import type { InboundFrame, OutboundFrame } from '../protocol/frame'
import type { DeltaStage } from '../protocol/pipeline'
import { BaseCache, type BaseCacheLimits, type BaseEntry } from './base-cache'
import { deltaBaseText, utf8ByteLength } from './base-text'
import { basesFromCacheSync } from './cache-sync'
import { defaultDeltaDecoders } from './decoders'
import type { DecodeLimits, DeltaAlgorithm, DeltaDecoders } from './decoders/types'
import { decodeDeltaBase64, isDeltaAlgorithm, parseDeltaPayload, type DeltaPayload } from './delta-payload'
import { envelopeText, envelopeTextVariants } from './envelope-text'
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
  /** Bounds of the stored bases over every channel (LRU). @default { maxKeys: 1024, maxBytes: 32 MiB } */
  cache?: BaseCacheLimits
  /**
   * Which channels the manager keeps state for. Frames of other channels pass through
   * untouched (full ones) or are dropped (deltas), and leave no state behind. The client sets
   * it to "subscribed through this client".
   * @default every channel that appears in a frame
   */
  isTracked?: (channel: string) => boolean
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
  /** A `delta_sync_error` was sent; deltas are dropped until the next full message. */
  resyncPending: boolean
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
  private readonly isTracked: (channel: string) => boolean
  private readonly bases: BaseCache
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
    this.isTracked = options.isTracked ?? (() => true)
    this.bases = new BaseCache(options.cache)
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
    if (system === 'connection_established') this.reset()
    if (system === 'delta_compression_enabled') this.onEnabled(frame)
    if (frame.deltaSequence !== undefined && frame.channel !== undefined && this.isTracked(frame.channel)) {
      this.onFull(frame, frame.channel, frame.deltaSequence)
    }
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
    if (channel === undefined) {
      this.channels.clear()
      this.bases.clear()
    } else this.resetChannel(channel)
  }

  /** Forgets one channel's bases; deltas for it are then ignored until it is tracked again. */
  resetChannel(channel: string): void {
    this.channels.delete(channel)
    this.bases.dropChannel(channel)
  }

  /** Bytes and keys of the stored bases over every channel (bounded by the `cache` option). */
  get cacheSize(): { keys: number; bytes: number } {
    return { keys: this.bases.keys, bytes: this.bases.bytes }
  }

  /** Counters per channel and in total. */
  stats(): DeltaStats {
    return this.counters.snapshot((channel) => this.bases.size(channel))
  }

  /** Zeroes every counter. */
  resetStats(): void {
    this.counters.reset()
  }

  private track(channel: string): ChannelState {
    let state = this.channels.get(channel)
    if (!state) this.channels.set(channel, (state = { resyncPending: false }))
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
    // Binary wire formats carry no JSON text: the server's text is rebuilt from the fields.
    const text = frame.raw === undefined ? envelopeText(frame) : deltaBaseText(frame.raw)
    const bytes = this.encoder.encode(text)
    this.counters.full(channel, frame.raw === undefined ? bytes.length : utf8ByteLength(frame.raw))
    this.bases.store(channel, frame.event, frame.conflationKey ?? '', { seq, bytes, variants: this.variantsOf(frame) })
  }

  private onCacheSync(frame: InboundFrame): DeltaResult {
    const channel = frame.channel
    const synced = channel === undefined || !this.isTracked(channel) ? undefined : basesFromCacheSync(frame, this.decodeFrame)
    if (synced && channel !== undefined) {
      this.resetChannel(channel)
      this.channels.set(channel, { resyncPending: false })
      for (const { event, conflationKey, entry } of synced) this.bases.store(channel, event, conflationKey, entry)
    }
    return { kind: 'consumed', reason: 'cache-sync' }
  }

  private onDelta(frame: InboundFrame, prefix: string): DeltaResult {
    const channel = frame.channel
    if (channel === undefined) {
      const error = new DeltaError('delta/invalid-frame', 'delta frame has no channel')
      this.emitter.emit('error', error)
      return { kind: 'resync', error }
    }
    const state = this.isTracked(channel) ? this.channels.get(channel) : undefined
    if (!state) return { kind: 'consumed', reason: 'unknown-channel' }
    if (state.resyncPending) return { kind: 'consumed', reason: 'resync-pending' }
    try {
      return { kind: 'deliver', frame: this.rebuild(frame, channel) }
    } catch (e) {
      const error = withChannel(e, channel)
      this.bases.dropChannel(channel)
      state.resyncPending = true
      this.counters.error(channel, true)
      this.emitter.emit('error', error)
      return { kind: 'resync', send: deltaSyncErrorFrame(prefix, channel), error }
    }
  }

  /** Applies the delta of `frame` and returns the rebuilt full frame; throws on any failure. */
  private rebuild(frame: InboundFrame, channel: string): InboundFrame {
    const payload = parseDeltaPayload(frame.data, channel)
    const base = this.bases.find(channel, payload.event, payload.conflationKey, payload.baseIndex)
    if (!base) {
      throw new DeltaError('delta/base-missing', `no base with seq ${payload.baseIndex ?? '(newest)'} for '${payload.event}'${payload.conflationKey ? ` [${payload.conflationKey}]` : ''}`, { channel, retryable: true })
    }
    const deltaBytes = decodeDeltaBase64(payload.delta, channel)
    const bytes = this.apply(this.decoder(payload, channel), base, deltaBytes)
    const rebuilt = this.toFrame(bytes, payload, channel)
    this.bases.store(channel, payload.event, payload.conflationKey, { seq: payload.seq, bytes, variants: this.variantsOf(rebuilt) })
    this.counters.delta(channel, frame.raw === undefined ? deltaBytes.length : utf8ByteLength(frame.raw), bytes.length)
    return rebuilt
  }

  /**
   * The other texts the server may hold as this message's base: Sockudo 5.2 serializes header
   * maps in hash order and not always in the order of the frame it sent (seen on every wire,
   * also for a base rebuilt from a delta), so the other header orders are kept as a fallback.
   */
  private variantsOf(frame: InboundFrame): () => Iterable<Uint8Array> {
    return () => map(envelopeTextVariants(frame), (t) => this.encoder.encode(t))
  }

  /** Decodes against the base, then against its variants (the other header orders). */
  private apply(decode: NonNullable<DeltaDecoders[DeltaAlgorithm]>, base: BaseEntry, delta: Uint8Array): Uint8Array {
    try {
      return decode(base.bytes, delta, this.limits)
    } catch (error) {
      for (const bytes of base.variants?.() ?? []) {
        try {
          return decode(bytes, delta, this.limits)
        } catch {
          // not the order the server used: try the next one
        }
      }
      throw error
    }
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

function* map<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item)
}
