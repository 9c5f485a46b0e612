import { describe, expect, it } from 'vitest'
import { DeltaManager } from '../../../src/core/delta'
import { DeltaError } from '../../../src/core/errors'
import type { InboundFrame, OutboundFrame } from '../../../src/core/protocol/frame'
import { jsonCodec } from '../../../src/core/codecs/json'
import { delivered, delta, deltaWithBytes, envelope, full } from './frames'

const decode = (text: string): InboundFrame => jsonCodec.decode(text)

const CH = 'ticker:BTC'
const price = (p: number, serial: number, event = 'price-updated', channel = CH): string => envelope(event, channel, { symbol: 'BTC', price: p.toFixed(2), volume: '1200' }, serial)

describe('DeltaManager reconstruction', () => {
  it('reconstructs the spec F3 example into the full V2 envelope', () => {
    const dm = new DeltaManager()
    const base = '{"event":"price-updated","channel":"ticker:BTC","data":"{\\"symbol\\":\\"BTC\\",\\"price\\":\\"67210.50\\",\\"volume\\":\\"1200\\"}","message_id":"msg-0001","stream_id":"s1","serial":41}'
    expect(delivered(dm.handle(full(base, 1))).messageId).toBe('msg-0001')
    const frame = decode('{"event":"sockudo:delta","channel":"ticker:BTC","data":{"event":"price-updated","delta":"MmoKMVNAMCw0OjEuMjVqQDFXLDE6MlRAMkYsMjoyfXFqd1ZEOw==","seq":2,"algorithm":"fossil","base_index":1}}')
    const out = delivered(dm.handle(frame))
    expect(out).toMatchObject({ event: 'price-updated', channel: CH, messageId: 'msg-0002', serial: '42', streamId: 's1', deltaSequence: 2 })
    expect(out.data).toBe('{"symbol":"BTC","price":"67211.25","volume":"1200"}')
  })

  it.each(['fossil', 'xdelta3'] as const)('makes a %s-reconstructed frame indistinguishable from the uncompressed one', (algorithm) => {
    const dm = new DeltaManager()
    const target = envelope('order', CH, { id: 7, total: 12.5, big: '18446744073709551615' }, 1, { tags: { region: 'eu' }, extras: { headers: { a: 1 } } }).replace('"serial":1', '"serial":9007199254740993')
    dm.handle(full(price(1, 1, 'order'), 0))
    const out = delivered(dm.handle(delta(CH, price(1, 1, 'order'), target, { event: 'order', seq: 1, baseIndex: 0, algorithm })))
    const plain = decode(target)
    expect({ ...out, raw: undefined, deltaSequence: undefined }).toEqual({ ...plain, raw: undefined })
    expect(out.raw).toBe(target)
    expect(out.serial).toBe('9007199254740993')
  })

  it('chains deltas: each reconstructed message becomes the base of the next (server pattern full, full, 10 deltas, full)', () => {
    const dm = new DeltaManager()
    const texts = Array.from({ length: 14 }, (_, i) => price(100 + i, 40 + i))
    const frames: InboundFrame[] = texts.map((t, i) => ([0, 1, 12, 13].includes(i) ? full(t, i) : delta(CH, texts[i - 1] as string, t, { event: 'price-updated', seq: i, baseIndex: i - 1 })))
    const out = frames.map((f) => delivered(dm.handle(f)))
    expect(out.map((f) => f.serial)).toEqual(texts.map((_, i) => String(40 + i)))
    expect(dm.stats()).toMatchObject({ fullMessages: 4, deltaMessages: 10, errors: 0 })
  })

  it('keys bases by event name, so interleaved events on one channel decode (official clients fail here)', () => {
    const dm = new DeltaManager()
    const a = [price(1, 1, 'a'), price(2, 3, 'a')]
    const b = [price(9, 2, 'b'), price(8, 4, 'b')]
    dm.handle(full(a[0] as string, 0))
    dm.handle(full(b[0] as string, 0))
    expect(delivered(dm.handle(delta(CH, a[0] as string, a[1] as string, { event: 'a', seq: 1, baseIndex: 0 }))).serial).toBe('3')
    expect(delivered(dm.handle(delta(CH, b[0] as string, b[1] as string, { event: 'b', seq: 1, baseIndex: 0 }))).serial).toBe('4')
  })

  it('keys bases by conflation value and tags the rebuilt frame with it', () => {
    const dm = new DeltaManager()
    const btc = [envelope('tick', 'm', { s: 'BTC', p: 1 }, 1), envelope('tick', 'm', { s: 'BTC', p: 2 }, 3)]
    const eth = envelope('tick', 'm', { s: 'ETH', p: 7 }, 2)
    dm.handle(full(btc[0] as string, 0, 'BTC'))
    dm.handle(full(eth, 0, 'ETH'))
    const out = delivered(dm.handle(delta('m', btc[0] as string, btc[1] as string, { event: 'tick', seq: 1, baseIndex: 0, conflationKey: 'BTC' })))
    expect(out).toMatchObject({ serial: '3', conflationKey: 'BTC', deltaSequence: 1 })
    expect(dm.stats().channels[0]?.keys).toBe(2)
  })

  it('uses the algorithm from delta_compression_enabled when the delta frame omits it', () => {
    const dm = new DeltaManager()
    dm.handle(decode('{"event":"sockudo:delta_compression_enabled","data":{"enabled":true,"algorithm":"xdelta3"}}'))
    expect(dm.serverAlgorithm).toBe('xdelta3')
    dm.handle(full(price(1, 1), 0))
    const frame = delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0, algorithm: 'xdelta3' })
    delete (frame.data as Record<string, unknown>).algorithm
    expect(delivered(dm.handle(frame)).serial).toBe('2')
  })

  it('accepts delta data sent as a JSON string and the pusher: prefix', () => {
    const dm = new DeltaManager()
    dm.handle(full(price(1, 1), 0))
    const frame = delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0 }, 'pusher:')
    frame.data = JSON.stringify(frame.data)
    expect(delivered(dm.handle(frame)).serial).toBe('2')
  })

  it('passes plain frames (no __delta_seq) through without touching the bases', () => {
    const dm = new DeltaManager()
    const plain = decode(price(5, 5))
    expect(dm.handle(plain)).toEqual({ kind: 'deliver', frame: plain })
    expect(dm.stats().totalMessages).toBe(0)
  })

  it('replaces newer bases when a full message restarts the sequence at 0', () => {
    const dm = new DeltaManager()
    dm.handle(full(price(1, 1), 5))
    dm.handle(full(price(2, 2), 0))
    const result = dm.handle(delta(CH, price(1, 1), price(3, 3), { event: 'price-updated', seq: 6, baseIndex: 5 }))
    expect(result).toMatchObject({ kind: 'resync', error: { code: 'delta/base-missing' } })
  })
})

describe('DeltaManager resync', () => {
  const resyncFrame: OutboundFrame = { event: 'sockudo:delta_sync_error', data: { channel: CH } }

  it.each<[string, (dm: DeltaManager) => InboundFrame, string]>([
    ['a missing base', () => delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 3, baseIndex: 2 }), 'delta/base-missing'],
    ['a wrong event name', () => delta(CH, price(1, 1), price(2, 2), { event: 'other', seq: 1, baseIndex: 0 }), 'delta/base-missing'],
    ['a corrupt delta', () => deltaWithBytes(CH, new TextEncoder().encode('2j\n1S@0,4:1.26j@1W,1:2T@2F,2:2}qjwVD;'), { event: 'price-updated', seq: 1, baseIndex: 0 }), 'delta/corrupt'],
    ['an unknown algorithm', () => delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0, algorithm: 'brotli' }), 'delta/unsupported'],
    ['bad base64', () => decode(`{"event":"sockudo:delta","channel":"${CH}","data":{"event":"price-updated","delta":"@@@","seq":1,"base_index":0}}`), 'delta/invalid-base64'],
    ['a missing seq', () => decode(`{"event":"sockudo:delta","channel":"${CH}","data":{"event":"price-updated","delta":"AA=="}}`), 'delta/invalid-frame'],
    ['a rebuilt message of another event', () => delta(CH, price(1, 1), price(2, 2, 'x'), { event: 'price-updated', seq: 1, baseIndex: 0 }), 'delta/mismatch'],
    ['a rebuilt message that is not JSON', () => delta(CH, price(1, 1), 'not json', { event: 'price-updated', seq: 1, baseIndex: 0 }), 'delta/invalid-frame'],
  ])('asks for a resync on %s', (_name, make, code) => {
    const dm = new DeltaManager()
    const errors: DeltaError[] = []
    dm.on('error', (e) => errors.push(e))
    dm.handle(full(price(1, 1), 0))
    const result = dm.handle(make(dm))
    expect(result).toMatchObject({ kind: 'resync', send: resyncFrame })
    expect(result.kind === 'resync' && result.error).toBeInstanceOf(DeltaError)
    expect(errors.map((e) => [e.code, e.channel])).toEqual([[code, CH]])
    expect(dm.stats()).toMatchObject({ errors: 1, resyncs: 1 })
  })

  it('drops further deltas silently until the next full message, then decodes again', () => {
    const dm = new DeltaManager()
    dm.handle(full(price(1, 1), 0))
    expect(dm.handle(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 2, baseIndex: 1 })).kind).toBe('resync')
    expect(dm.handle(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0 }))).toEqual({ kind: 'consumed', reason: 'resync-pending' })
    dm.handle(full(price(3, 3), 0))
    expect(delivered(dm.handle(delta(CH, price(3, 3), price(4, 4), { event: 'price-updated', seq: 1, baseIndex: 0 }))).serial).toBe('4')
    expect(dm.stats().resyncs).toBe(1)
  })

  it('ignores deltas of channels it does not track (in flight after unsubscribe)', () => {
    const dm = new DeltaManager()
    dm.handle(full(price(1, 1), 0))
    dm.resetChannel(CH)
    expect(dm.handle(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0 }))).toEqual({ kind: 'consumed', reason: 'unknown-channel' })
  })

  it('resyncs a subscribed channel whose first message is a delta', () => {
    const dm = new DeltaManager()
    expect(dm.subscribeData(CH)).toEqual({})
    expect(dm.handle(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 2, baseIndex: 1 })).kind).toBe('resync')
  })

  it('forgets every base on connection_established (the server restarts its sequences)', () => {
    const dm = new DeltaManager()
    dm.handle(full(price(1, 1), 0))
    dm.handle(decode('{"event":"sockudo:connection_established","data":"{\\"socket_id\\":\\"1.2\\"}"}'))
    expect(dm.handle(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0 })).kind).toBe('consumed')
  })
})

describe('DeltaManager as the pipeline DeltaStage', () => {
  it('returns rebuilt frames, returns null and sends the resync through io.send on failure', () => {
    const dm = new DeltaManager()
    const sent: OutboundFrame[] = []
    const io = { send: (f: OutboundFrame) => sent.push(f) > 0, prefix: 'sockudo:' }
    dm.process(full(price(1, 1), 0), io)
    expect(dm.process(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0 }), io)?.serial).toBe('2')
    expect(dm.process(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 9, baseIndex: 8 }), io)).toBeNull()
    expect(sent).toEqual([{ event: 'sockudo:delta_sync_error', data: { channel: CH } }])
  })

  it('applies a delta_cache_sync and consumes it', () => {
    const dm = new DeltaManager()
    const base = envelope('tick', 'm', { s: 'BTC', p: 1 }, 1)
    const sync = decode(JSON.stringify({ event: 'sockudo:delta_cache_sync', channel: 'm', data: JSON.stringify({ conflation_key: 's', max_messages_per_key: 10, states: { BTC: [{ content: base, seq: 7 }] } }) }))
    expect(dm.handle(sync)).toEqual({ kind: 'consumed', reason: 'cache-sync' })
    const next = envelope('tick', 'm', { s: 'BTC', p: 2 }, 2)
    expect(delivered(dm.handle(delta('m', base, next, { event: 'tick', seq: 8, baseIndex: 7, conflationKey: 'BTC' }))).serial).toBe('2')
  })
})

describe('DeltaManager frames and stats', () => {
  it('builds the enable frame with the available algorithms', () => {
    expect(new DeltaManager().enableFrame('sockudo:')).toEqual({ event: 'sockudo:enable_delta_compression', data: { algorithms: ['fossil', 'xdelta3'] } })
    expect(new DeltaManager({ decoders: { fossil: () => new Uint8Array() } }).enableFrame('pusher').event).toBe('pusher:enable_delta_compression')
  })

  it.each<[string, Parameters<DeltaManager['subscribeData']>[1], unknown]>([
    ['no setting', undefined, {}],
    ['true', true, { delta: true }],
    ['false', false, { delta: false }],
    ['an algorithm', 'xdelta3', { delta: 'xdelta3' }],
    ['{algorithm}', { algorithm: 'fossil' }, { delta: 'fossil' }],
    ['{enabled}', { enabled: false }, { delta: false }],
    ['{enabled, algorithm}', { enabled: true, algorithm: 'xdelta3' }, { delta: { enabled: true, algorithm: 'xdelta3' } }],
  ])('serializes the subscribe delta field for %s', (_name, setting, expected) => {
    expect(new DeltaManager().subscribeData('c', setting)).toEqual(expected)
  })

  it('never asks for deltas on private-encrypted channels', () => {
    expect(new DeltaManager().subscribeData('private-encrypted-x', true)).toEqual({})
  })

  it('counts bytes received versus reconstructed per channel and in total', () => {
    const dm = new DeltaManager()
    const f = full(price(1, 1), 0)
    dm.handle(f)
    const d = delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0 })
    dm.handle(d)
    const enc = (s: string | undefined): number => new TextEncoder().encode(s ?? '').length
    const received = enc(f.raw) + enc(d.raw)
    const rebuilt = enc(f.raw) + enc(price(2, 2))
    const stats = dm.stats()
    expect(stats).toMatchObject({ totalMessages: 2, fullMessages: 1, deltaMessages: 1, bytesReceived: received, bytesReconstructed: rebuilt, bytesSaved: rebuilt - received })
    expect(stats.channels).toEqual([expect.objectContaining({ channel: CH, totalMessages: 2, keys: 1 })])
    dm.resetStats()
    expect(dm.stats().totalMessages).toBe(0)
  })
})

describe('DeltaManager on binary wire formats', () => {
  it('rebuilds the server\'s JSON base from the fields of a frame that came without its text', () => {
    const dm = new DeltaManager()
    const fullFrame = full(price(1, 1), 0)
    delete fullFrame.raw
    dm.handle(fullFrame)
    const rebuilt = delivered(dm.handle(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0 })))
    expect(rebuilt.raw).toBe(price(2, 2))
    expect(dm.stats().errors).toBe(0)
  })

  it('resyncs instead of delivering when the rebuilt base differs from the server\'s', () => {
    const dm = new DeltaManager()
    const fullFrame = full(price(1, 1), 0)
    delete fullFrame.raw
    fullFrame.data = '{"symbol":"BTC","price":"1.00","volume":"1201"}'
    dm.handle(fullFrame)
    const result = dm.handle(delta(CH, price(1, 1), price(2, 2), { event: 'price-updated', seq: 1, baseIndex: 0 }))
    expect(result).toMatchObject({ kind: 'resync', send: { event: 'sockudo:delta_sync_error' } })
  })
})
