import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { httpUrl, liveTarget, openRaw, type RawClient } from '../../support/live'
import { signedFetch } from '../../support/signed-fetch'
import { skipUnless } from '../../support/real-server'

const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`
const t = liveTarget()
const post = async (path: string, body: unknown) => {
  const res = await signedFetch(httpUrl(t), { key: t.key, secret: t.secret, method: 'POST', path: `/apps/${t.appId}${path}`, body: JSON.stringify(body) })
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> }
}
const get = async (path: string, params: Record<string, string> = {}) => {
  const res = await signedFetch(httpUrl(t), { key: t.key, secret: t.secret, method: 'GET', path: `/apps/${t.appId}${path}`, params })
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> }
}

async function listener(channel: string): Promise<RawClient> {
  const c = await openRaw('protocol=7')
  c.send({ event: 'pusher:subscribe', data: { channel } })
  await c.next((f) => f.event === 'pusher_internal:subscription_succeeded')
  return c
}

/** Publishes a sentinel and waits for it, so earlier deliveries have surely arrived. */
async function settle(c: RawClient, channel: string): Promise<void> {
  await post('/events', { name: 'sentinel', channel, data: '' })
  await c.next((f) => f.event === 'sentinel')
}

describe('POST /events semantics', () => {
  it('answers a repeated idempotency_key with the cached body and publishes once', async (ctx) => {
    skipUnless(ctx, ['idempotency'])
    const channel = unique('idem-')
    const c = await listener(channel)
    const key = randomUUID()
    const first = await post('/events', { name: 'e', channel, data: '1', idempotency_key: key })
    const again = await post('/events', { name: 'e', channel, data: 'changed', idempotency_key: key })
    expect(first.body).toEqual({ ok: true })
    expect(again).toEqual({ status: 200, body: { ok: true } })
    await settle(c, channel)
    expect(c.frames.filter((f) => f.event === 'e')).toHaveLength(1)
    await c.close()
  })

  it('deduplicates a repeated message_id and rejects it with a different payload', async (ctx) => {
    skipUnless(ctx, ['idempotency'])
    const channel = unique('idem-')
    const c = await listener(channel)
    const messageId = randomUUID()
    const first = await post('/events', { name: 'e', channel, data: 'same', message_id: messageId })
    const repeat = await post('/events', { name: 'e', channel, data: 'same', message_id: messageId })
    expect(repeat.body).toEqual(first.body)
    const conflict = await post('/events', { name: 'e', channel, data: 'other', message_id: messageId })
    expect(conflict.body).toEqual({ error: 'idempotency key was already used with a different payload', code: 'invalid_input', status: 400 })
    await settle(c, channel)
    expect(c.frames.filter((f) => f.event === 'e')).toHaveLength(1)
    await c.close()
  })

  it('excludes the socket named by socket_id and delivers object data as a JSON string', async () => {
    const channel = unique('ex-')
    const a = await listener(channel)
    const b = await listener(channel)
    await post('/events', { name: 'e', channels: [channel], data: { x: [1, 2] }, socket_id: a.socketId })
    expect(await b.next((f) => f.event === 'e')).toEqual({ event: 'e', channel, data: '{"x":[1,2]}' })
    await settle(a, channel)
    expect(a.frames.filter((f) => f.event === 'e')).toEqual([])
    await Promise.all([a.close(), b.close()])
  })

  it('answers batch_events with per-item info only when asked', async () => {
    const channel = unique('batch-')
    const c = await listener(channel)
    const plain = await post('/batch_events', { batch: [{ name: 'a', channel, data: '1' }] })
    expect(plain.body).toEqual({})
    const info = await post('/batch_events', { batch: [{ name: 'a', channel, data: '1', info: 'subscription_count' }, { name: 'b', channel, data: '2' }] })
    const batch = info.body.batch as Record<string, unknown>[]
    expect(batch[0]).toMatchObject({ subscription_count: 1 })
    expect(batch[1]).toEqual({})
    await c.close()
  })
})

describe('channel queries', () => {
  it('lists occupied channels by prefix and refuses user_count outside presence', async () => {
    const prefix = unique('q')
    const a = await listener(`${prefix}-one`)
    const list = await get('/channels', { filter_by_prefix: prefix, info: 'subscription_count' })
    expect(list.body).toEqual({ channels: { [`${prefix}-one`]: { subscription_count: 1 } } })
    const bad = await get('/channels', { filter_by_prefix: prefix, info: 'user_count' })
    expect(bad.body).toEqual({ error: 'user_count is only available for presence channels. Use filter_by_prefix=presence-', code: 'invalid_input', status: 400 })
    expect((await get(`/channels/${prefix}-one`, { info: 'user_count' })).body.error).toBe('user_count is only available for presence channels')
    expect((await get(`/channels/${prefix}-one/users`)).body.error).toBe('Only presence channels support this endpoint')
    expect((await get(`/channels/${prefix}-none`)).body).toEqual({ occupied: false })
    await a.close()
  })
})
