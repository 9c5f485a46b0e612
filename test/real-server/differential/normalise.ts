/**
 * Makes two servers' transcripts comparable: socket ids, message ids, stream ids and
 * timestamps become stable placeholders in order of first appearance, serials become offsets
 * from the first serial seen on their channel, and the run's unique channel suffix is removed.
 * String `data` holding JSON is parsed first, so values inside it are normalised too.
 */

/** Keys whose values are timestamps (ms or s since the epoch, or ISO dates). */
const TIME_KEYS = new Set(['exp', 'iat', 'timestamp_ms', 'sockudo_version_timestamp_ms', 'published_at_ms', 'oldest_available_published_at_ms', 'newest_available_published_at_ms', 'last_transition_at_ms', 'start_time_ms', 'end_time_ms', 'timestamp', 'time', 'time_ms', 'created_at', 'updated_at', 'published_at', 'server_time', 'received_at', 'expires_at', 'at', 'ts', 'occurred_at', 'version_timestamp', 'last_event_at', 'last_event_at_ms', 'snapshot_time_ms'])
const ID_KEYS: Record<string, string> = { sockudo_message_serial: 'MS', message_serial: 'MS', sockudo_version_serial: 'VS', node_id: 'N', socket_id: 'S', message_id: 'M', last_message_id: 'M', stream_id: 'STREAM', id: 'ID', version: 'V', connection_id: 'C', history_cursor: 'CUR', next_cursor: 'CUR', cursor: 'CUR', version_serial: 'VS', jti: 'J',
  // Ids that name a stream or a message serial inside a payload (resume_failed, publish acks).
  expected_stream_id: 'STREAM', current_stream_id: 'STREAM', acknowledgement_id: 'MS' }
const SERIAL_KEYS = new Set(['serial', 'last_serial', 'from_serial', 'to_serial', 'message_serial', 'start_serial', 'end_serial', 'attach_serial', 'head_serial', 'serial_base', 'position'])

/** State of one normalisation pass (one server's whole transcript). */
export class Normaliser {
  private readonly ids = new Map<string, string>()
  private readonly counters = new Map<string, number>()
  private readonly serialBase = new Map<string, bigint>()

  constructor(private readonly suffix: string) {}

  /** Normalises any JSON-like value. */
  value(input: unknown, key = '', channel = ''): unknown {
    if (typeof input === 'string') return this.scalar(this.unsuffix(input), key, channel)
    if (typeof input === 'number' || typeof input === 'bigint') return this.scalar(input, key, channel)
    if (Array.isArray(input)) {
      const items = input.map((v) => this.value(v, key, channel))
      // Presence `ids` and `user_ids` are sets: servers list them in map order.
      return key === 'ids' || key === 'user_ids' ? items.sort() : items
    }
    if (input && typeof input === 'object') {
      const record = input as Record<string, unknown>
      const inner = typeof record.channel === 'string' ? this.unsuffix(record.channel) : channel
      const out: Record<string, unknown> = {}
      for (const k of Object.keys(record).sort()) out[this.unsuffix(k)] = this.value(k === 'data' ? parseJson(record[k]) : record[k], k, inner)
      return out
    }
    return input
  }

  private scalar(value: string | number | bigint, key: string, channel: string): unknown {
    if (TIME_KEYS.has(key)) return 'T'
    // A presence history dedupe key embeds the socket id (`<event>:<app>:<channel>:<user>:<socket>…`).
    if (key === 'dedupe_key' && typeof value === 'string') return value.replace(/\d+\.\d+/g, (id) => this.placeholder('C', id))
    // Delta bytes encode the differences between two frames that embed each server's own message
    // ids, version serials and timestamps, so they never match byte for byte; the schedule around
    // them (seq, base_index, conflation_key, event) is still compared.
    if (key === 'delta' && typeof value === 'string') return 'DELTA'
    // Sizes depend on how each server stores a message; that they are numbers is what matters.
    if (key.endsWith('_bytes') && typeof value === 'number') return 'BYTES'
    const prefix = ID_KEYS[key]
    if (prefix) return this.placeholder(prefix, String(value))
    if (SERIAL_KEYS.has(key) && /^\d+$/.test(String(value))) return this.serial(channel, BigInt(value))
    // Version-store serials (`<time>:<node>:<counter>`) are opaque ids.
    if (key === 'serial' && typeof value === 'string') return this.placeholder('VS', value)
    return value
  }

  private placeholder(prefix: string, raw: string): string {
    const seen = this.ids.get(`${prefix}:${raw}`)
    if (seen) return seen
    const n = (this.counters.get(prefix) ?? 0) + 1
    this.counters.set(prefix, n)
    const made = `${prefix}${n}`
    this.ids.set(`${prefix}:${raw}`, made)
    return made
  }

  /** `+k` relative to the first serial seen on the channel. */
  private serial(channel: string, value: bigint): string {
    const base = this.serialBase.get(channel) ?? value
    this.serialBase.set(channel, base)
    return `+${value - base}`
  }

  private unsuffix(text: string): string {
    return this.suffix ? text.split(this.suffix).join('') : text
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const t = value.trim()
  if (!(t.startsWith('{') || t.startsWith('['))) return value
  try {
    return { json: JSON.parse(t) as unknown }
  } catch {
    return value
  }
}
