/**
 * The delta manager against the local Sockudo-compatible server (or a real Sockudo with
 * SOCKUDO_LIVE_TESTS=1): raw V2 socket, the server computes real fossil / xdelta3 deltas,
 * every frame goes through DeltaManager.handle exactly as received.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DeltaManager } from '../../../src/core/delta'
import type { InboundFrame, OutboundFrame } from '../../../src/core/protocol/frame'
import { jsonCodec } from '../../../src/core/codecs/json'
import { DEFAULT_APP, startServer, type TestServer } from '../../stand-in'
import { liveTarget, serverSdk, waitFor, wsUrl, type LiveTarget } from '../../support/live'
import { requireFeatures, skipUnless } from '../../support/real-server'

const decode = (text: string): InboundFrame => jsonCodec.decode(text)

interface DeltaSocket {
  dm: DeltaManager
  delivered: InboundFrame[]
  sent: OutboundFrame[]
  /** Full frames to drop before the manager sees them (simulates a lost base). */
  dropFullSeq: Set<number>
  send(frame: OutboundFrame): void
  close(): void
}

async function openDeltaSocket(channel: string, target: LiveTarget): Promise<DeltaSocket> {
  const dm = new DeltaManager()
  const ws = new WebSocket(wsUrl('protocol=2', target))
  const s: DeltaSocket = {
    dm, delivered: [], sent: [], dropFullSeq: new Set(),
    send: (frame) => {
      s.sent.push(frame)
      ws.send(JSON.stringify(frame))
    },
    close: () => ws.close(),
  }
  ws.on('message', (raw, binary) => {
    if (binary) return
    const frame = decode(raw.toString())
    if (frame.deltaSequence !== undefined && s.dropFullSeq.delete(frame.deltaSequence)) return
    const result = dm.handle(frame, 'sockudo:')
    if (result.kind === 'deliver') s.delivered.push(result.frame)
    if (result.kind === 'resync' && result.send) s.send(result.send)
  })
  await waitFor(() => s.delivered.some((f) => f.event === 'sockudo:connection_established'), 5000, 'connection_established')
  s.send(dm.enableFrame('sockudo:'))
  s.send({ event: 'sockudo:subscribe', data: { channel, auth: '' } })
  await waitFor(() => s.delivered.some((f) => f.event.endsWith('subscription_succeeded') && f.channel === channel), 5000, 'subscription')
  return s
}

const tick = (i: number): Record<string, unknown> => ({ symbol: 'BTC', price: (67000 + i * 0.25).toFixed(2), volume: 1200 + i, book: Array.from({ length: 12 }, (_, k) => [67000 - k, k * 3 + (i % 3)]) })

async function publish(target: LiveTarget, channel: string, events: [string, Record<string, unknown>][]): Promise<void> {
  const sdk = serverSdk(target)
  for (const [event, data] of events) await sdk.trigger(channel, event, data)
}

const appEvents = (s: DeltaSocket, channel: string): InboundFrame[] => s.delivered.filter((f) => f.channel === channel && !f.event.includes(':'))
const name = (prefix: string): string => `${prefix}-${Math.random().toString(36).slice(2, 8)}`

const needsDelta = requireFeatures(['deltaCompression'])
describe.skipIf(needsDelta.skip)(needsDelta.title('delta compression against the live server'), () => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c()
  })

  it('reconstructs every published message from real fossil deltas', async (ctx) => {
    // bytesSaved > 0 needs versioned publishes (repo config: identical extras in every full message); without them
    // this small, busy payload's base64 deltas outweigh the savings (measured: -540 bytes).
    skipUnless(ctx, ['versionedMessages'])
    const target = liveTarget()
    const channel = name('delta-live')
    const s = await openDeltaSocket(channel, target)
    cleanups.push(s.close)
    const events = Array.from({ length: 14 }, (_, i): [string, Record<string, unknown>] => ['tick', tick(i)])
    await publish(target, channel, events)
    await waitFor(() => appEvents(s, channel).length === 14, 10_000, '14 ticks')
    expect(appEvents(s, channel).map((f) => JSON.parse(f.data as string))).toEqual(events.map(([, d]) => d))
    expect(s.dm.stats()).toMatchObject({ errors: 0 })
    expect(s.dm.stats().deltaMessages).toBeGreaterThanOrEqual(10)
    expect(s.dm.stats().bytesSaved).toBeGreaterThan(0)
  })

  it('decodes interleaved event names on one channel (bases are per event)', async () => {
    const target = liveTarget()
    const channel = name('delta-mixed')
    const s = await openDeltaSocket(channel, target)
    cleanups.push(s.close)
    const events = Array.from({ length: 16 }, (_, i): [string, Record<string, unknown>] => [i % 2 ? 'quote' : 'tick', tick(i)])
    await publish(target, channel, events)
    await waitFor(() => appEvents(s, channel).length === 16, 10_000, '16 events')
    expect(appEvents(s, channel).map((f) => [f.event, JSON.parse(f.data as string)])).toEqual(events)
    expect(s.dm.stats()).toMatchObject({ errors: 0 })
    expect(s.dm.stats().deltaMessages).toBeGreaterThan(0)
  })

  it('recovers through delta_sync_error when a base is lost', async () => {
    const target = liveTarget()
    const channel = name('delta-resync')
    const s = await openDeltaSocket(channel, target)
    cleanups.push(s.close)
    s.dropFullSeq.add(1)
    const events = Array.from({ length: 8 }, (_, i): [string, Record<string, unknown>] => ['tick', tick(i)])
    await publish(target, channel, events.slice(0, 3))
    await waitFor(() => s.sent.some((f) => f.event === 'sockudo:delta_sync_error'), 5000, 'resync request')
    // The server handles one socket's frames in order: a pong proves the resync request was applied.
    s.send({ event: 'sockudo:ping', data: {} })
    await waitFor(() => s.delivered.some((f) => f.event === 'sockudo:pong'), 5000, 'pong')
    await publish(target, channel, events.slice(3))
    await waitFor(() => appEvents(s, channel).length === 6, 10_000, 'events after resync')
    // seq 1 was dropped on purpose and seq 2 (a delta against it) is lost; the rest arrive.
    expect(appEvents(s, channel).map((f) => JSON.parse(f.data as string))).toEqual([events[0], ...events.slice(3)].map((e) => e?.[1]))
    expect(s.sent.filter((f) => f.event === 'sockudo:delta_sync_error')).toEqual([{ event: 'sockudo:delta_sync_error', data: { channel } }])
    expect(s.dm.stats()).toMatchObject({ errors: 1, resyncs: 1 })
  })

  describe('with a server configured for xdelta3', () => {
    let server: TestServer | undefined
    afterEach(async () => {
      await server?.close()
      server = undefined
    })

    it('reconstructs every message from real VCDIFF deltas', async () => {
      server = await startServer({ port: 0, apps: [{ ...DEFAULT_APP, deltaAlgorithm: 'xdelta3' }] })
      const target: LiveTarget = { host: server.host, port: server.port, appId: DEFAULT_APP.id, key: DEFAULT_APP.key, secret: DEFAULT_APP.secret, real: false }
      const channel = name('delta-xd3')
      const s = await openDeltaSocket(channel, target)
      cleanups.push(s.close)
      expect(s.dm.serverAlgorithm).toBe('xdelta3')
      const events = Array.from({ length: 13 }, (_, i): [string, Record<string, unknown>] => ['tick', tick(i)])
      await publish(target, channel, events)
      await waitFor(() => appEvents(s, channel).length === 13, 10_000, '13 ticks')
      expect(appEvents(s, channel).map((f) => JSON.parse(f.data as string))).toEqual(events.map(([, d]) => d))
      expect(s.dm.stats()).toMatchObject({ errors: 0 })
      expect(s.dm.stats().deltaMessages).toBeGreaterThanOrEqual(10)
    })
  })
})
