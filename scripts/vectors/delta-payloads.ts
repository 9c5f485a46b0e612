/**
 * Deterministic base/target pairs for the delta vectors: realistic Sockudo event envelopes
 * (JSON text exactly as the server serializes it, `data` double encoded) plus a binary and
 * a unicode case. Pure and seeded, so the 256 KB case can be rebuilt at test time.
 */

/** One base → target pair. */
export interface DeltaCase {
  /** Folder name under test/vectors/delta/. */
  name: string
  /** What the pair exercises. */
  description: string
  base: Uint8Array
  target: Uint8Array
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/** A V2 event envelope as the server writes it (data is a JSON string, markers stripped). */
function envelope(event: string, channel: string, data: unknown, serial: number): string {
  return JSON.stringify({ event, channel, data: JSON.stringify(data), message_id: `msg-${String(serial).padStart(6, '0')}`, stream_id: 's1', serial })
}

/** The spec's F3 pair (v2-features.md §1.17), 174 bytes. */
function smallPrice(): DeltaCase {
  const make = (price: string, serial: number): string =>
    `{"event":"price-updated","channel":"ticker:BTC","data":"{\\"symbol\\":\\"BTC\\",\\"price\\":\\"${price}\\",\\"volume\\":\\"1200\\"}","message_id":"msg-000${serial - 40}","stream_id":"s1","serial":${serial}}`
  return { name: 'small-price', description: 'spec F3 price tick, 174 B', base: utf8(make('67210.50', 41)), target: utf8(make('67211.25', 42)) }
}

function orderBook(rand: () => number, levels: number, tick: number): unknown {
  const side = (sign: number): [string, string][] =>
    Array.from({ length: levels }, (_, i) => [(67000 + sign * i * 0.5).toFixed(2), ((i * 7919 + tick * 31) % 1000 / 10 + rand()).toFixed(4)])
  return { symbol: 'BTC-USD', sequence: 1_000_000 + tick, bids: side(-1), asks: side(1), ts: 1_732_700_000_000 + tick * 250 }
}

/** An order-book snapshot of about 4 KB where a few sizes change between ticks. */
function orderBook4k(): DeltaCase {
  const base = envelope('book', 'market-BTC', orderBook(seededRandom(1), 48, 1), 100)
  const target = envelope('book', 'market-BTC', orderBook(seededRandom(1), 48, 2), 101)
  return { name: 'orderbook-4k', description: 'order book envelope, ~4 KB, scattered numeric edits', base: utf8(base), target: utf8(target) }
}

const CHAT_LINES = ['Grüße aus München 🍺', 'こんにちは世界、テスト中です', 'مرحبا بالعالم', 'Ça va? Très bien! ½ ≠ ⅓', '👩‍👩‍👧‍👦 family emoji ZWJ', 'Ελληνικά και кириллица', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral plane 🚀']

/** A chat room payload with multi-byte UTF-8 (CJK, RTL, astral emoji, ZWJ sequences). */
function unicodeChat(): DeltaCase {
  const messages = (n: number, edit: boolean): unknown[] =>
    Array.from({ length: n }, (_, i) => ({ id: i, user: `user-${i % 5}`, text: edit && i === 3 ? `${CHAT_LINES[i % 7]} (edited ✏️)` : CHAT_LINES[i % 7] }))
  const base = envelope('chat', 'presence-room-ü', { room: 'lobby 🏠', messages: messages(14, false) }, 7)
  const target = envelope('chat', 'presence-room-ü', { room: 'lobby 🏠', messages: messages(15, true) }, 8)
  return { name: 'unicode-chat', description: 'multi-byte UTF-8 chat payload, ~2 KB', base: utf8(base), target: utf8(target) }
}

/** 2 KB of seeded random bytes (every byte value) with overwrites, an insert and a deletion. */
function binary2k(): DeltaCase {
  const rand = seededRandom(42)
  const base = Uint8Array.from({ length: 2048 }, () => Math.floor(rand() * 256))
  const edited = Array.from(base)
  for (let i = 0; i < 12; i++) edited[Math.floor(rand() * edited.length)] = Math.floor(rand() * 256)
  edited.splice(700, 0, 0x00, 0xff, 0x0a, 0x3a, 0x40, 0x3b)
  edited.splice(1500, 40)
  return { name: 'binary-2k', description: 'random binary, every byte value, edits/insert/delete', base, target: Uint8Array.from(edited) }
}

/** An empty base (first message of a key) and a short target: a pure literal delta. */
function emptyBase(): DeltaCase {
  return { name: 'empty-base', description: 'empty base, 60-byte target', base: new Uint8Array(0), target: utf8('{"event":"hello","channel":"c","data":"{\\"greeting\\":\\"hi\\"}"}') }
}

/** Identical base and target. */
function identical(): DeltaCase {
  const text = utf8(envelope('status', 'ops', { ok: true, services: ['api', 'ws', 'db'] }, 5))
  return { name: 'identical', description: 'target equals base', base: text, target: text.slice() }
}

/** About 256 KB of records where ~1% of them change; rebuilt at test time, not committed. */
export function large256k(): DeltaCase {
  const rand = seededRandom(7)
  const records = Array.from({ length: 2350 }, (_, i) => ({ id: i, sku: `SKU-${(i * 2654435761) % 100000}`, name: `Product ${i}`, price: Math.round(rand() * 100000) / 100, stock: Math.floor(rand() * 500), tags: ['a', 'b', 'c'].slice(0, i % 4) }))
  const base = envelope('inventory', 'private-store-1', { page: 1, records }, 900)
  for (let i = 0; i < records.length; i += 97) {
    const r = records[i]
    if (r) r.stock += 1
  }
  const target = envelope('inventory', 'private-store-1', { page: 1, records }, 901)
  return { name: 'large-256k', description: '~256 KB inventory page, ~1% of records edited', base: utf8(base), target: utf8(target) }
}

/** The committed cases (everything but {@link large256k}). */
export function committedCases(): DeltaCase[] {
  return [smallPrice(), orderBook4k(), unicodeChat(), binary2k(), emptyBase(), identical()]
}
