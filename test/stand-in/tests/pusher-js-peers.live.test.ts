import { randomUUID } from 'node:crypto'
import type PusherJs from 'pusher-js'
import { afterEach, describe, expect, it } from 'vitest'
import { ENCRYPTION_MASTER_KEY_BASE64 } from '../index'
import { serverSdk, waitFor } from '../../support/live'
import { connected, createPusherJs } from '../../support/pusher-js'

const clients: PusherJs[] = []
const track = (c: PusherJs) => (clients.push(c), c)
const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`

afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

function subscribed(client: PusherJs, name: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const channel = client.subscribe(name)
    channel.bind('pusher:subscription_succeeded', resolve)
    channel.bind('pusher:subscription_error', reject)
  })
}

describe('pusher-js against the test server', () => {
  it('receives an event the pusher SDK triggers on a public channel', async () => {
    const client = track(createPusherJs())
    const name = unique('public-')
    await subscribed(client, name)
    const got: unknown[] = []
    client.channel(name).bind('greet', (d: unknown) => got.push(d))
    const res = await serverSdk().trigger(name, 'greet', { hello: 'world' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    await waitFor(() => got.length === 1)
    expect(got[0]).toEqual({ hello: 'world' })
  })

  it('subscribes a private channel authorized by the SDK and receives batch-triggered events', async () => {
    const client = track(createPusherJs())
    const name = unique('private-')
    await subscribed(client, name)
    const got: unknown[] = []
    client.channel(name).bind('tick', (d: unknown) => got.push(d))
    const res = await serverSdk().triggerBatch([
      { channel: name, name: 'tick', data: { n: 1 } },
      { channel: name, name: 'tick', data: { n: 2 } },
    ])
    expect(await res.json()).toEqual({})
    await waitFor(() => got.length === 2)
    expect(got).toEqual([{ n: 1 }, { n: 2 }])
  })

  it('rejects a private subscribe signed with the wrong secret as a connection-level 4009 error', async () => {
    const wrongSdk = serverSdk({ ...(await import('../../support/live')).liveTarget(), secret: 'not-the-secret' })
    const client = track(createPusherJs({ sdk: wrongSdk }))
    const errors: { data?: { code?: number; message?: string } }[] = []
    client.connection.bind('error', (e: (typeof errors)[number]) => errors.push(e))
    await connected(client)
    const channel = client.subscribe(unique('private-'))
    const error = await waitFor(() => errors.find((e) => e.data?.code === 4009))
    expect(error.data?.message).toBe('Authentication error: Channel requires authentication')
    expect(channel.subscribed).toBe(false)
    expect(client.connection.state).toBe('connected')
  })

  it('keeps a presence roster: ids, member_added, member_removed and the users endpoint', async () => {
    const name = unique('presence-')
    const ada = track(createPusherJs({ presence: { user_id: 'ada', user_info: { name: 'Ada' } } }))
    const first = (await subscribed(ada, name)) as { count: number; me: { id: string } }
    expect(first.count).toBe(1)
    expect(first.me.id).toBe('ada')
    const added: { id: string; info: unknown }[] = []
    const removed: string[] = []
    ada.channel(name).bind('pusher:member_added', (m: { id: string; info: unknown }) => added.push(m))
    ada.channel(name).bind('pusher:member_removed', (m: { id: string }) => removed.push(m.id))
    const lin = track(createPusherJs({ presence: { user_id: 'lin', user_info: { name: 'Lin' } } }))
    const second = (await subscribed(lin, name)) as { count: number; members: Record<string, unknown> }
    expect(second.count).toBe(2)
    expect(second.members).toEqual({ ada: { name: 'Ada' }, lin: { name: 'Lin' } })
    await waitFor(() => added.length === 1)
    expect(added[0]).toEqual({ id: 'lin', info: { name: 'Lin' } })
    const users = await (await serverSdk().get({ path: `/channels/${name}/users` })).json()
    expect((users as { users: { id: string }[] }).users.map((u) => u.id).sort()).toEqual(['ada', 'lin'])
    // A second socket of the same user does not announce the user again.
    const lin2 = track(createPusherJs({ presence: { user_id: 'lin', user_info: { name: 'Lin' } } }))
    await subscribed(lin2, name)
    lin.disconnect()
    await new Promise((r) => setTimeout(r, 150))
    expect(removed).toEqual([])
    expect(added).toHaveLength(1)
    lin2.disconnect()
    await waitFor(() => removed.length === 1)
    expect(removed).toEqual(['lin'])
    const info = await (await serverSdk().get({ path: `/channels/${name}`, params: { info: 'user_count,subscription_count' } })).json()
    expect(info).toEqual({ occupied: true, subscription_count: 1, user_count: 1 })
  })

  it('relays an event the SDK encrypted to a pusher-js private-encrypted subscriber unchanged', async () => {
    const sdk = serverSdk(undefined, { encryptionMasterKeyBase64: ENCRYPTION_MASTER_KEY_BASE64 })
    const client = track(createPusherJs({ sdk }))
    const name = unique('private-encrypted-')
    await subscribed(client, name)
    const got: unknown[] = []
    client.channel(name).bind('secret', (d: unknown) => got.push(d))
    const res = await sdk.trigger(name, 'secret', { launch: 'codes', n: 42 })
    expect(res.status).toBe(200)
    await waitFor(() => got.length === 1)
    expect(got[0]).toEqual({ launch: 'codes', n: 42 })
  })
})
