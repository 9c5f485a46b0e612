import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../index'
import { control } from '../../support/control'
import { requireFeatures, skipUnless } from '../../support/real-server'
import { openRaw, serverSdk, type JsonFrame, type LiveTarget, type RawClient } from '../../support/live'

const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`
const parse = (f: JsonFrame) => JSON.parse(f.data as string) as Record<string, unknown>

async function sub(c: RawClient, channel: string, extra: Record<string, unknown> = {}): Promise<JsonFrame> {
  c.send({ event: 'sockudo:subscribe', data: { channel, ...extra } })
  return c.next((f) => f.event === 'sockudo_internal:subscription_succeeded' && f.channel === channel)
}

async function publishN(channel: string, n: number, from = 1, t?: LiveTarget): Promise<void> {
  const sdk = serverSdk(t)
  for (let i = from; i < from + n; i++) await sdk.trigger(channel, 'e', { i })
}

const needsRecovery = requireFeatures(['recovery'])
const needsHistory = requireFeatures(['history'])

describe.skipIf(needsRecovery.skip)(needsRecovery.title('connection recovery (resume)'), () => {
  it('replays missed messages from the hot buffer and confirms with resume_success', async () => {
    const channel = unique('rec-')
    const first = await openRaw('protocol=2')
    await sub(first, channel)
    await publishN(channel, 2)
    const last = await first.next((f) => f.event === 'e' && f.serial === 2)
    await first.close()
    await publishN(channel, 2, 3)
    const second = await openRaw('protocol=2')
    await sub(second, channel)
    second.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: { [channel]: { serial: 2, stream_id: last.stream_id, last_message_id: last.message_id } } }) })
    const success = await second.next((f) => f.event === 'sockudo:resume_success')
    const replayed = second.frames.filter((f) => f.event === 'e')
    expect(replayed.map((f) => (JSON.parse(f.data as string) as { i: number }).i)).toEqual([3, 4])
    expect(replayed.map((f) => f.serial)).toEqual([3, 4])
    const body = parse(success) as { recovered: { channel: string; source: string; replayed: number; position: { serial: number } }[]; failed: unknown[] }
    expect(body.failed).toEqual([])
    expect(body.recovered).toEqual([{ channel, source: 'hot', replayed: 2, position: { stream_id: last.stream_id, serial: 4, last_message_id: replayed[1]?.message_id } }])
    await second.close()
  })

  it('fails a stream mismatch with resume_failed stream_reset on the channel envelope', async () => {
    const channel = unique('rec-')
    const c = await openRaw('protocol=2')
    const ack = await sub(c, channel)
    c.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: { [channel]: { serial: 0, stream_id: 'other-stream' } } }) })
    const failed = await c.next((f) => f.event === 'sockudo:resume_failed')
    expect(failed.channel).toBe(channel)
    expect(parse(failed)).toEqual({
      code: 'stream_reset', reason: 'stream_id_mismatch', expected_stream_id: 'other-stream', current_stream_id: ack.stream_id,
      oldest_available_serial: null, newest_available_serial: null,
    })
    const success = parse(await c.next((f) => f.event === 'sockudo:resume_success')) as { failed: { channel: string; code: string }[] }
    expect(success.failed[0]).toMatchObject({ channel, code: 'stream_reset' })
    await c.close()
  })

  it('falls back to cold history after the replay buffer expired', async ({ skip }) => {
    skipUnless({ skip }, ['controlRoutes', 'history'])
    const channel = unique('rec-')
    const c = await openRaw('protocol=2')
    await sub(c, channel)
    await publishN(channel, 3)
    // The live stream's id (what live frames carry; subscription_succeeded names the history store's).
    const live = await c.next((f) => f.channel === channel && typeof f.stream_id === 'string' && f.serial !== undefined && !/subscription_succeeded/.test(f.event))
    await control('expire-recovery', { channel })
    c.send({ event: 'sockudo:resume', data: { channel_positions: { [channel]: { serial: 1, stream_id: live.stream_id } } } })
    const body = parse(await c.next((f) => f.event === 'sockudo:resume_success')) as { recovered: { source: string; replayed: number }[] }
    expect(body.recovered[0]).toMatchObject({ source: 'cold', replayed: 2 })
    await c.close()
  })

  it('answers empty positions with 4302 and a string serial with 4000', async () => {
    const c = await openRaw('protocol=2')
    c.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: {} }) })
    expect((await c.next((f) => f.event === 'sockudo:error')).data).toEqual({ code: 4302, message: 'No channel recovery positions provided' })
    c.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: { x: { serial: '5' } } }) })
    expect(((await c.next((f) => f.event === 'sockudo:error')).data as { code: number }).code).toBe(4000)
    await c.close()
  })
})

describe('recovery without durable history (own server)', () => {
  let server: TestServer
  let t: LiveTarget
  beforeAll(async () => {
    server = await startServer({ apps: [{ id: 'r-id', key: 'r-key', secret: 'r-secret', recovery: true }, { id: 'n-id', key: 'n-key', secret: 'n-secret' }] })
    t = { host: server.host, port: server.port, appId: 'r-id', key: 'r-key', secret: 'r-secret', real: false }
  })
  afterAll(() => server.close())

  it('reports position_expired when the hot buffer no longer covers the position', async () => {
    const channel = unique('rec-')
    const c = await openRaw('protocol=2', t)
    const ack = await sub(c, channel)
    expect(parse(ack)).toEqual({})
    await publishN(channel, 2, 1, t)
    await control('expire-recovery', { channel }, t)
    c.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: { [channel]: { serial: 1, stream_id: ack.stream_id } } }) })
    const failed = parse(await c.next((f) => f.event === 'sockudo:resume_failed'))
    expect(failed).toMatchObject({ code: 'position_expired', reason: 'hot_replay_expired_and_durable_history_disabled' })
    await c.close()
  })

  it('answers resume with 4301 when recovery is disabled for the app', async () => {
    const c = await openRaw('protocol=2', { ...t, appId: 'n-id', key: 'n-key', secret: 'n-secret' })
    c.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: { a: { serial: 1 } } }) })
    expect((await c.next((f) => f.event === 'sockudo:error')).data).toEqual({ code: 4301, message: 'Connection recovery is not enabled' })
    await c.close()
  })
})

describe.skipIf(needsHistory.skip)(needsHistory.title('rewind and socket history'), () => {
  it('replays the newest N history messages oldest first, then rewind_complete', async () => {
    const channel = unique('rw-')
    await publishN(channel, 5)
    const c = await openRaw('protocol=2')
    const ack = await sub(c, channel, { rewind: 3 })
    expect(parse(ack)).toEqual({ attach_serial: 5 })
    const done = await c.next((f) => f.event === 'sockudo:rewind_complete')
    // With versioned messages on, replayed messages are `sockudo:message.create` with the event in `name`.
    const replayed = c.frames.filter((f) => f.event === 'sockudo:message.create' && f.name === 'e')
    expect(replayed.map((f) => f.serial)).toEqual([3, 4, 5])
    // Older history exists beyond the 3 requested, so the replay is not complete.
    expect(done.data).toEqual({ historical_count: 3, live_count: 0, complete: false, truncated_by_retention: false, truncated_by_limit: true })
    // Real 5.2 drops the recorded attach serial right after subscription_succeeded: until_attach is refused.
    c.send({ event: 'sockudo:channel_history', data: JSON.stringify({ channel, params: { limit: 2, direction: 'oldest_first', until_attach: true } }) })
    expect((await c.next((f) => f.event === 'sockudo:error')).data).toEqual({ code: 4000, message: `Invalid message format: No attach_serial is recorded for channel '${channel}'` })
    c.send({ event: 'sockudo:channel_history', data: JSON.stringify({ channel, params: { limit: 2, direction: 'oldest_first', end_serial: 5 } }) })
    const history = await c.next((f) => f.event === 'sockudo:channel_history')
    const body = history.data as { items: { serial: number }[]; has_more: boolean; next_cursor: string | null; bounds: Record<string, unknown> }
    expect(body.items.map((i) => i.serial)).toEqual([1, 2])
    expect(body.has_more).toBe(true)
    expect(typeof body.next_cursor).toBe('string')
    expect(body.bounds).toMatchObject({ until_attach: false, attach_serial: null, end_serial: 5 })
    await c.close()
  })

  it('rejects rewind on V1 and invalid rewind values', async () => {
    const v1 = await openRaw('protocol=7')
    v1.send({ event: 'pusher:subscribe', data: { channel: 'x', rewind: 2 } })
    expect((await v1.next((f) => f.event === 'pusher:error')).data).toEqual({ code: 4300, message: 'Channel error: Channel rewind is only supported on protocol V2' })
    const v2 = await openRaw('protocol=2')
    v2.send({ event: 'sockudo:subscribe', data: { channel: 'x', rewind: 0 } })
    expect((await v2.next((f) => f.event === 'sockudo:error')).data).toEqual({ code: 4000, message: 'Invalid message format: Invalid rewind option in subscription data' })
    await v1.close()
    await v2.close()
  })
})
