import { randomUUID } from 'node:crypto'
import { decode as vcdiffDecode } from '@ably/vcdiff-decoder'
import { applyDelta } from 'fossil-delta'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DEFAULT_APP, startServer, type TestServer } from '../index'
import { channelAuth } from '../../support/auth'
import { httpUrl, liveTarget, openRaw, serverSdk, waitFor, wsUrl, type LiveTarget } from '../../support/live'
import { signedFetch } from '../../support/signed-fetch'
import { requireFeatures, skipUnless } from '../../support/real-server'

const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`
const enc = new TextEncoder()
const dec = new TextDecoder()

/** Raw text frames in arrival order. */
async function openText(query: string, t?: LiveTarget): Promise<{ ws: WebSocket; texts: string[] }> {
  const ws = new WebSocket(wsUrl(query, t))
  const texts: string[] = []
  ws.on('message', (d) => texts.push(String(d)))
  await waitFor(() => texts.length > 0)
  return { ws, texts }
}

async function subscribe(c: { ws: WebSocket; texts: string[] }, data: Record<string, unknown>): Promise<void> {
  c.ws.send(JSON.stringify({ event: 'sockudo:subscribe', data }))
  await waitFor(() => c.texts.some((t) => t.includes('subscription_succeeded') && t.includes(JSON.stringify(data.channel))))
}

/** Reconstructs every event as the server's JSON envelope text (markers stripped) — a reference decoder. */
function reconstruct(texts: string[], apply: (base: Uint8Array, delta: Uint8Array) => Uint8Array): { kind: 'full' | 'delta'; seq: number; text: string }[] {
  const bases = new Map<string, string>()
  const out: { kind: 'full' | 'delta'; seq: number; text: string }[] = []
  for (const raw of texts) {
    const frame = JSON.parse(raw) as { event: string; data?: Record<string, unknown>; __delta_seq?: number; __conflation_key?: string }
    if (frame.__delta_seq !== undefined) {
      const text = raw.replace(/,"__delta_seq":\d+/, '').replace(/,"__conflation_key":"[^"]*"/, '')
      bases.set(`${frame.event}:${frame.__conflation_key ?? ''}`, text)
      out.push({ kind: 'full', seq: frame.__delta_seq, text })
    } else if (frame.event === 'sockudo:delta') {
      const d = frame.data as { event: string; delta: string; seq: number; conflation_key?: string }
      const key = `${d.event}:${d.conflation_key ?? ''}`
      const text = dec.decode(apply(enc.encode(bases.get(key) ?? ''), Buffer.from(d.delta, 'base64')))
      bases.set(key, text)
      out.push({ kind: 'delta', seq: d.seq, text })
    }
  }
  return out
}

async function publishPrices(channel: string, n: number, t?: LiveTarget, item: (i: number) => string = () => 'BTC'): Promise<void> {
  const target = t ?? liveTarget()
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({ name: 'price', channel, data: JSON.stringify({ item_id: item(i), price: 67000 + i, volume: 1200, note: 'x'.repeat(60) }) })
    await signedFetch(httpUrl(target), { key: target.key, secret: target.secret, method: 'POST', path: `/apps/${target.appId}/events`, body })
  }
}

const needsDelta = requireFeatures(['deltaCompression'])
describe.skipIf(needsDelta.skip)(needsDelta.title('delta compression (fossil)'), () => {
  it('sends full, full, ten deltas, full — and the deltas rebuild exactly what a plain subscriber got', async () => {
    const channel = unique('feed-')
    const delta = await openText('protocol=2')
    delta.ws.send(JSON.stringify({ event: 'sockudo:enable_delta_compression', data: { algorithms: ['fossil'] } }))
    await waitFor(() => delta.texts.some((t) => t.includes('delta_compression_enabled')))
    expect(JSON.parse(delta.texts.find((t) => t.includes('delta_compression_enabled')) as string).data).toEqual({ enabled: true, algorithm: 'fossil' })
    await subscribe(delta, { channel })
    const plain = await openText('protocol=2')
    await subscribe(plain, { channel })
    await publishPrices(channel, 14)
    await waitFor(() => reconstruct(delta.texts, (b, d) => applyDelta(b, d)).length === 14)
    const events = reconstruct(delta.texts, (b, d) => applyDelta(b, d))
    expect(events.map((e) => `${e.kind}${e.seq}`)).toEqual(['full0', 'full1', ...Array.from({ length: 10 }, (_, i) => `delta${i + 2}`), 'full12', 'delta13'])
    await waitFor(() => plain.texts.filter((t) => t.includes('"event":"price"')).length === 14)
    expect(events.map((e) => e.text)).toEqual(plain.texts.filter((t) => t.includes('"event":"price"')))
    const deltaFrame = JSON.parse(delta.texts.find((t) => t.includes('sockudo:delta"')) as string) as { data: Record<string, unknown>; message_id?: string }
    // omit_delta_algorithm in the default app; Sockudo writes these members in map order, so compare the set
    expect(Object.keys(deltaFrame.data).sort()).toEqual(['base_index', 'delta', 'event', 'seq'])
    expect(deltaFrame.data.base_index).toBe(1)
    expect(deltaFrame.message_id).toBeUndefined()
    delta.ws.close()
    plain.ws.close()
  })

  it('keys bases by conflation value on ticker channels and marks full messages with __conflation_key', async (ctx) => {
    skipUnless(ctx, ['namespaces'])
    const channel = unique('ticker:')
    const c = await openText('protocol=2')
    await subscribe(c, { channel, delta: 'fossil' })
    await publishPrices(channel, 6, undefined, (i) => (i % 2 === 0 ? 'BTC' : 'ETH'))
    await waitFor(() => reconstruct(c.texts, (b, d) => applyDelta(b, d)).length === 6)
    const fulls = c.texts.map((t) => JSON.parse(t) as Record<string, unknown>).filter((f) => f.__delta_seq !== undefined)
    expect(fulls.map((f) => [f.__delta_seq, f.__conflation_key])).toEqual([[0, 'BTC'], [0, 'ETH'], [1, 'BTC'], [1, 'ETH']])
    const deltas = c.texts.map((t) => JSON.parse(t) as { event: string; data: { conflation_key?: string; seq: number } }).filter((f) => f.event === 'sockudo:delta')
    expect(deltas.map((f) => [f.data.conflation_key, f.data.seq])).toEqual([['BTC', 2], ['ETH', 2]])
    const prices = reconstruct(c.texts, (b, d) => applyDelta(b, d)).map((e) => (JSON.parse((JSON.parse(e.text) as { data: string }).data) as { price: number }).price)
    expect(prices).toEqual([67000, 67001, 67002, 67003, 67004, 67005])
    c.ws.close()
  })

  it('bypasses delta for "delta": false publishes and restarts at seq 0 after delta_sync_error', async () => {
    const channel = unique('feed-')
    const c = await openText('protocol=2')
    await subscribe(c, { channel, delta: true })
    await publishPrices(channel, 3)
    const t = liveTarget()
    const body = JSON.stringify({ name: 'price', channel, data: '{"plain":true}', delta: false })
    await signedFetch(httpUrl(t), { key: t.key, secret: t.secret, method: 'POST', path: `/apps/${t.appId}/events`, body })
    const plainText = await waitFor(() => c.texts.find((x) => x.includes('plain')))
    expect(plainText).not.toContain('__delta_seq')
    c.ws.send(JSON.stringify({ event: 'sockudo:delta_sync_error', data: { channel } }))
    const before = c.texts.length
    await publishPrices(channel, 1)
    const last = await waitFor(() => c.texts.slice(before).find((x) => x.includes('"event":"price"')))
    expect((JSON.parse(last) as { __delta_seq: number }).__delta_seq).toBe(0)
    c.ws.close()
  })
})

describe('delta compression (xdelta3 binary, own server)', () => {
  let server: TestServer
  let t: LiveTarget
  beforeAll(async () => {
    server = await startServer({ apps: [{ ...DEFAULT_APP, deltaAlgorithm: 'xdelta3', omitDeltaAlgorithm: false }] })
    t = { host: server.host, port: server.port, appId: 'app-id', key: 'app-key', secret: 'app-secret', real: false }
  })
  afterAll(() => server.close())

  it('emits VCDIFF deltas that @ably/vcdiff-decoder applies', async () => {
    const channel = unique('feed-')
    const c = await openText('protocol=2', t)
    c.ws.send(JSON.stringify({ event: 'sockudo:enable_delta_compression', data: {} }))
    await subscribe(c, { channel })
    await publishPrices(channel, 5, t)
    await waitFor(() => reconstruct(c.texts, (b, d) => vcdiffDecode(d, b)).length === 5)
    const events = reconstruct(c.texts, (b, d) => vcdiffDecode(d, b))
    expect(events.map((e) => e.kind)).toEqual(['full', 'full', 'delta', 'delta', 'delta'])
    expect(events.map((e) => (JSON.parse((JSON.parse(e.text) as { data: string }).data) as { price: number }).price)).toEqual([67000, 67001, 67002, 67003, 67004])
    const frame = JSON.parse(c.texts.find((x) => x.includes('sockudo:delta"')) as string) as { data: { algorithm: string; delta: string } }
    expect(frame.data.algorithm).toBe('xdelta3')
    expect([...Buffer.from(frame.data.delta, 'base64').subarray(0, 5)]).toEqual([0xd6, 0xc3, 0xc4, 0x00, 0x00])
    c.ws.close()
  })
})

const needsFilters = requireFeatures(['tagFiltering'])
describe.skipIf(needsFilters.skip)(needsFilters.title('subscription filters'), () => {
  it('applies event-name and tag filters to V2 deliveries and strips tags (enable_tags=false)', async (ctx) => {
    skipUnless(ctx, ['eventNameFiltering', 'namespaces'], ['tags'])
    const channel = unique('orders:')
    const c = await openText('protocol=2')
    await subscribe(c, { channel, filter: { events: ['order'], tags: { op: 'or', nodes: [{ key: 'region', cmp: 'eq', val: 'eu' }, { key: 'total', cmp: 'gte', val: 100 }] } } })
    const t = liveTarget()
    const send = (name: string, tags: Record<string, string>, id: number) => signedFetch(httpUrl(t), {
      key: t.key, secret: t.secret, method: 'POST', path: `/apps/${t.appId}/events`, body: JSON.stringify({ name, channel, data: { id }, tags }),
    })
    await send('order', { region: 'eu' }, 1)
    await send('order', { region: 'us', total: '50' }, 2)
    await send('order', { region: 'us', total: '150' }, 3)
    await send('other', { region: 'eu' }, 4)
    await send('order', {}, 5)
    await serverSdk().trigger(channel.replace(':', '-'), 'noise', {})
    await send('order', { region: 'eu' }, 6)
    await waitFor(() => c.texts.some((x) => x.includes('{\\"id\\":6}')))
    const got = c.texts.map((x) => JSON.parse(x) as { event: string; data: string; tags?: unknown }).filter((f) => f.event === 'order' || f.event === 'other')
    expect(got.map((f) => (JSON.parse(f.data) as { id: number }).id)).toEqual([1, 3, 6])
    expect(got.every((f) => f.tags === undefined)).toBe(true)
    c.ws.close()
  })

  it('rejects a malformed filter with 4000 and filters client events by a JMESPath expression', async (ctx) => {
    skipUnless(ctx, ['clientMessages'])
    const c = await openText('protocol=2')
    c.ws.send(JSON.stringify({ event: 'sockudo:subscribe', data: { channel: 'f-bad', filter: { key: 'a', cmp: 'zz', val: '1' } } }))
    await waitFor(() => c.texts.some((x) => x.includes('sockudo:error')))
    expect(JSON.parse(c.texts.find((x) => x.includes('sockudo:error')) as string).data).toEqual({ code: 4000, message: 'Invalid message format: Invalid tags filter: unknown comparison operator: zz' })
    const channel = unique('private-')
    const socketId = (JSON.parse((JSON.parse(c.texts[0] as string) as { data: string }).data) as { socket_id: string }).socket_id
    await subscribe(c, { channel, auth: channelAuth(socketId, channel), filter: { expression: "data.kind == 'hit' && !(data.n > `5`)" } })
    const sender = await openRaw('protocol=7')
    sender.send({ event: 'pusher:subscribe', data: { channel, auth: channelAuth(sender.socketId, channel) } })
    await sender.next((f) => f.event === 'pusher_internal:subscription_succeeded')
    for (const data of [{ kind: 'miss', n: 1 }, { kind: 'hit', n: 9 }, { kind: 'hit', n: 2 }]) sender.send({ event: 'client-x', channel, data })
    sender.send({ event: 'client-end', channel, data: { kind: 'hit', n: 0 } })
    await waitFor(() => c.texts.some((x) => x.includes('client-end')))
    expect(c.texts.filter((x) => x.includes('client-x')).map((x) => (JSON.parse(x) as { data: unknown }).data)).toEqual([{ kind: 'hit', n: 2 }])
    await sender.close()
    c.ws.close()
  })
})
