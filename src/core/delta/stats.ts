/** Delta compression counters, per channel and in total. */

/** Counters of one channel. Byte counts are UTF-8 bytes. */
export interface ChannelDeltaStats {
  /** Channel name. */
  channel: string
  /** Full messages of the delta stream (frames carrying `__delta_seq`). */
  fullMessages: number
  /** Delta frames successfully reconstructed. */
  deltaMessages: number
  /** `fullMessages + deltaMessages`. */
  totalMessages: number
  /** Bytes as received: full frames' text plus delta frames' text (or decoded delta size without text). */
  bytesReceived: number
  /** Bytes of the messages after reconstruction (full frames count as received). */
  bytesReconstructed: number
  /** `bytesReconstructed − bytesReceived` (negative when deltas cost more than they saved). */
  bytesSaved: number
  /** Deltas that could not be applied (each one lost an event). */
  errors: number
  /** `delta_sync_error` requests sent. */
  resyncs: number
  /** (event, conflation value) groups with a stored base. */
  keys: number
}

/** Totals over every channel plus the per-channel list (sorted by channel name). */
export interface DeltaStats extends Omit<ChannelDeltaStats, 'channel' | 'keys'> {
  /** `bytesSaved / bytesReconstructed × 100`, 0 when nothing was reconstructed. */
  savedPercent: number
  /** Channels with counters. */
  channels: ChannelDeltaStats[]
}

type Counters = Omit<ChannelDeltaStats, 'channel' | 'keys' | 'totalMessages' | 'bytesSaved'>
const zero = (): Counters => ({ fullMessages: 0, deltaMessages: 0, bytesReceived: 0, bytesReconstructed: 0, errors: 0, resyncs: 0 })

/** @internal Mutable counters behind {@link DeltaStats}. */
export class DeltaStatsTracker {
  private readonly channels = new Map<string, Counters>()

  private of(channel: string): Counters {
    let c = this.channels.get(channel)
    if (!c) this.channels.set(channel, (c = zero()))
    return c
  }

  full(channel: string, bytes: number): void {
    const c = this.of(channel)
    c.fullMessages++
    c.bytesReceived += bytes
    c.bytesReconstructed += bytes
  }

  delta(channel: string, received: number, reconstructed: number): void {
    const c = this.of(channel)
    c.deltaMessages++
    c.bytesReceived += received
    c.bytesReconstructed += reconstructed
  }

  error(channel: string, resync: boolean): void {
    const c = this.of(channel)
    c.errors++
    if (resync) c.resyncs++
  }

  reset(): void {
    this.channels.clear()
  }

  snapshot(keysOf: (channel: string) => number): DeltaStats {
    const channels = [...this.channels.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([channel, c]): ChannelDeltaStats => ({ channel, ...c, totalMessages: c.fullMessages + c.deltaMessages, bytesSaved: c.bytesReconstructed - c.bytesReceived, keys: keysOf(channel) }))
    const total = channels.reduce<Counters>((t, c) => {
      for (const k of Object.keys(t) as (keyof Counters)[]) t[k] += c[k]
      return t
    }, zero())
    const bytesSaved = total.bytesReconstructed - total.bytesReceived
    const savedPercent = total.bytesReconstructed === 0 ? 0 : (bytesSaved / total.bytesReconstructed) * 100
    return { ...total, totalMessages: total.fullMessages + total.deltaMessages, bytesSaved, savedPercent, channels }
  }
}
