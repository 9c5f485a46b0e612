import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { channelAuth } from '../../support/auth'
import { httpUrl, liveTarget, openRaw, type JsonFrame } from '../../support/live'
import { signedFetch } from '../../support/signed-fetch'
import { requireFeatures, skipUnless } from '../../support/real-server'

const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`
const t = liveTarget()
const api = async (method: 'GET' | 'POST', path: string, body?: unknown, params?: Record<string, string>) => {
  const res = await signedFetch(httpUrl(t), { key: t.key, secret: t.secret, method, path: `/apps/${t.appId}${path}`, params, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown>, headers: res.headers }
}
const publish = (channel: string, data: unknown, extra: Record<string, unknown> = {}) =>
  api('POST', '/events', { name: 'msg', channel, data, message_id: randomUUID(), ...extra })

const needsHistory = requireFeatures(['history'])
describe.skipIf(needsHistory.skip)(needsHistory.title('channel history REST'), () => {
  it('pages newest first with a cursor and reports continuity', async () => {
    const channel = unique('hist-')
    for (let i = 1; i <= 3; i++) await publish(channel, `m${i}`)
    const first = await api('GET', `/channels/${channel}/history`, undefined, { limit: '2' })
    expect(first.status).toBe(200)
    const items = first.body.items as { serial: number; event_name: string; operation_kind: string; message: { data: string } }[]
    expect(items.map((i) => i.serial)).toEqual([3, 2])
    expect(items[0]).toMatchObject({ event_name: 'sockudo:message.create', operation_kind: 'message.create', message: { data: 'm3' } })
    expect(first.body).toMatchObject({ direction: 'newest_first', limit: 2, has_more: true })
    expect(first.body.continuity).toMatchObject({ oldest_available_serial: 1, newest_available_serial: 3, retained_messages: 3 })
    const second = await api('GET', `/channels/${channel}/history`, undefined, { limit: '2', cursor: first.body.next_cursor as string })
    expect((second.body.items as { serial: number }[]).map((i) => i.serial)).toEqual([1])
    expect(second.body.has_more).toBe(false)
  })

  it('rejects limit 0 and unknown directions with the real texts', async () => {
    const channel = unique('hist-')
    expect((await api('GET', `/channels/${channel}/history`, undefined, { limit: '0' })).body).toEqual({ error: 'History limit must be greater than 0', code: 'invalid_input', status: 400 })
    expect((await api('GET', `/channels/${channel}/history`, undefined, { direction: 'sideways' })).body.error)
      .toBe("Invalid direction 'sideways'. Accepted values: newest_first, oldest_first, backwards, forwards")
  })
})

const needsPresenceHistory = requireFeatures(['presenceHistory'])
describe.skipIf(needsPresenceHistory.skip)(needsPresenceHistory.title('presence history REST'), () => {
  it('records joins and leaves and rebuilds a snapshot', async () => {
    const channel = unique('presence-')
    const a = await openRaw()
    const data = JSON.stringify({ user_id: 'ph-1', user_info: { n: 1 } })
    a.send({ event: 'pusher:subscribe', data: { channel, auth: channelAuth(a.socketId, channel, data), channel_data: data } })
    await a.next((f) => f.event === 'pusher_internal:subscription_succeeded')
    const history = await api('GET', `/channels/${channel}/presence/history`)
    const items = history.body.items as { event: string; cause: string; user_id: string; connection_id: string; presence_event: { user_info: unknown } }[]
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ event: 'member_added', cause: 'join', user_id: 'ph-1', connection_id: a.socketId, presence_event: { user_info: { n: 1 } } })
    await a.close()
    let snapshot = await api('GET', `/channels/${channel}/presence/history/snapshot`)
    for (let i = 0; i < 50 && snapshot.body.events_replayed !== 2; i++) {
      await new Promise((r) => setTimeout(r, 20))
      snapshot = await api('GET', `/channels/${channel}/presence/history/snapshot`)
    }
    expect(snapshot.body).toMatchObject({ channel, members: [], member_count: 0, events_replayed: 2 })
    const wrong = await api('GET', `/channels/${unique('public-')}/presence/history`)
    expect(wrong.body).toEqual({ error: 'Only presence channels support this endpoint', code: 'invalid_input', status: 400 })
  })
})

const needsVersioned = requireFeatures(['history', 'versionedMessages'])
describe.skipIf(needsVersioned.skip)(needsVersioned.title('versioned messages REST and socket events'), () => {
  it('creates, updates and appends with serials in the reply and V2-only mutation events', async () => {
    const channel = unique('chat:')
    const v2 = await openRaw('protocol=2')
    const full = await openRaw('protocol=2&append_mode=full')
    const v1 = await openRaw('protocol=7')
    for (const c of [v2, full, v1]) {
      c.send({ event: 'pusher:subscribe', data: { channel } })
      await c.next((f) => f.event.endsWith('subscription_succeeded'))
    }
    const created = await publish(channel, 'Hello')
    const entry = (created.body.channels as Record<string, Record<string, unknown>>)[channel] as Record<string, unknown>
    expect(entry.message_serial).toMatch(/^\d{20}:[^:]+:\d{20}$/)
    expect(entry).toMatchObject({ acknowledgement_id: entry.message_serial, version_serial: entry.message_serial })
    const serial = entry.message_serial as string
    const createFrame = await v2.next((f) => f.event === 'msg')
    expect((createFrame.extras as { headers: Record<string, unknown> }).headers).toMatchObject({ sockudo_action: 'message.create', sockudo_message_serial: serial })
    const appended = await api('POST', `/channels/${channel}/messages/${serial}/append`, { data: ', world' })
    expect(appended.body).toMatchObject({ channel, message_serial: serial, action: 'append', accepted: true, status: 'applied' })
    const delta = await v2.next((f) => f.event === 'sockudo:message.append')
    expect(delta).toMatchObject({ name: 'msg', data: ', world', message_id: createFrame.message_id })
    expect(await full.next((f) => f.event === 'sockudo:message.append')).toMatchObject({ data: 'Hello, world' })
    const updated = await api('POST', `/channels/${channel}/messages/${serial}/update`, { data: 'Edited', description: 'fix', op_id: 'op-1' })
    expect(updated.body.status).toBe('applied')
    expect((await api('POST', `/channels/${channel}/messages/${serial}/update`, { data: 'Edited', description: 'fix', op_id: 'op-1' })).body.status).toBe('duplicate')
    const latest = await api('GET', `/channels/${channel}/messages/${serial}`)
    expect(latest.body.item).toMatchObject({ event: 'sockudo:message.update', data: 'Edited', name: 'msg', action: 'update', message_serial: serial, version: { description: 'fix' } })
    const versions = await api('GET', `/channels/${channel}/messages/${serial}/versions`, undefined, { direction: 'oldest_first' })
    expect((versions.body.items as { action: string; data: string }[]).map((v) => [v.action, v.data])).toEqual([['create', 'Hello'], ['append', ', world'], ['update', 'Edited']])
    await v2.next((f) => f.event === 'sockudo:message.update')
    expect(v1.frames.filter((f: JsonFrame) => f.event.includes('message.'))).toEqual([])
    expect((await api('GET', `/channels/${channel}/messages/nope`)).body).toEqual({ error: `Message 'nope' was not found in channel '${channel}'`, code: 'not_found', status: 404 })
    await Promise.all([v2.close(), full.close(), v1.close()])
  })
})

const needsPush = requireFeatures(['push'])
describe.skipIf(needsPush.skip)(needsPush.title('push REST'), () => {
  it('accepts a publish with 202 and camelCase publishId', async (ctx) => {
    skipUnless(ctx, ['pushDelivery'])
    const res = await api('POST', '/push/publish', { recipients: [{ type: 'client', client_id: 'u1' }], payload: { title: 'Hi', body: 'There' } })
    expect(res.status).toBe(202)
    expect(res.body).toMatchObject({ status: 'accepted', expectedRecipients: 1, fanoutRegime: 'fastPath' })
    expect(typeof res.body.publishId).toBe('string')
    const status = await api('GET', `/push/publish/${res.body.publishId as string}/status`)
    expect(status.body).toMatchObject({ publishId: res.body.publishId, state: 'succeeded' })
  })
})
