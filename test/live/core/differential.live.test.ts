/**
 * Differential test: the same scenario run with pusher-js and with SockudoClient against the
 * local server must produce the same sequence of callbacks and payloads.
 */
import { describe, expect, it } from 'vitest'
import type PusherJs from 'pusher-js'
import type { SockudoClient } from '@sockudo/vue/core'
import { serverSdk } from '../../support/live'
import { connected, createPusherJs } from '../../support/pusher-js'
import { createClient, uid, waitFor } from './helpers'

type Entry = [channel: string, event: string, data: unknown]

/** The subset of the channel API both libraries share. */
interface AnyChannel {
  bind(event: string, cb: (data: unknown, meta?: unknown) => void): unknown
}
interface Driver {
  connect(): Promise<void>
  subscribe(name: string): AnyChannel
  unsubscribe(name: string): void
  disconnect(): void
}

function normalise(data: unknown): unknown {
  if (data && typeof data === 'object' && 'each' in data && 'count' in data) {
    const members = data as { count: number; me: unknown; each(fn: (m: { id: string; info: unknown }) => void): void }
    const list: unknown[] = []
    members.each((m) => list.push({ id: m.id, info: m.info }))
    return { count: members.count, me: members.me, members: list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) }
  }
  return data
}

async function scenario(driver: Driver): Promise<Entry[]> {
  const id = uid()
  const names = { pub: `diff-pub-${id}`, priv: `private-diff-${id}`, pres: `presence-diff-${id}` }
  const role = (name: string) => Object.entries(names).find(([, v]) => v === name)![0]
  const log: Entry[] = []
  const record = (name: string, event: string) => (data: unknown) => log.push([role(name), event, normalise(data)])
  await driver.connect()
  for (const name of Object.values(names)) {
    const channel = driver.subscribe(name)
    for (const event of ['pusher:subscription_succeeded', 'ev', 'pusher:member_added', 'pusher:member_removed']) channel.bind(event, record(name, event))
  }
  await waitFor(() => log.filter((e) => e[1] === 'pusher:subscription_succeeded').length === 3, 5000, 'subscribed')
  log.sort((a, b) => a[0].localeCompare(b[0]))
  const sdk = serverSdk()
  await sdk.trigger(names.pub, 'ev', { a: 1 })
  await waitFor(() => log.length === 4)
  await sdk.trigger(names.priv, 'ev', 'text')
  await waitFor(() => log.length === 5)
  await sdk.trigger(names.pres, 'ev', [1, 2])
  await waitFor(() => log.length === 6)
  const peer = createPusherJs({ presence: { user_id: 'peer', user_info: { role: 'peer' } } })
  await connected(peer)
  peer.subscribe(names.pres)
  await waitFor(() => log.length === 7, 5000, 'member added')
  peer.unsubscribe(names.pres)
  await waitFor(() => log.length === 8, 5000, 'member removed')
  peer.disconnect()
  driver.unsubscribe(names.pub)
  await sdk.trigger(names.pub, 'ev', 'must not arrive')
  await sdk.trigger(names.priv, 'ev', { after: true })
  await waitFor(() => log.length === 9)
  await new Promise((r) => setTimeout(r, 100))
  driver.disconnect()
  return log
}

function pusherDriver(): Driver {
  let client: PusherJs
  return {
    async connect() {
      client = createPusherJs({ presence: { user_id: 'me', user_info: { name: 'Me' } } })
      await connected(client)
    },
    subscribe: (name) => client.subscribe(name) as unknown as AnyChannel,
    unsubscribe: (name) => client.unsubscribe(name),
    disconnect: () => client.disconnect(),
  }
}

function sockudoDriver(): Driver {
  let client: SockudoClient
  return {
    async connect() {
      client = createClient({ presence: { user_id: 'me', user_info: { name: 'Me' } } })
      client.connect()
      await waitFor(() => client.connection.state === 'connected')
    },
    subscribe: (name) => client.subscribe(name) as unknown as AnyChannel,
    unsubscribe: (name) => client.unsubscribe(name),
    disconnect: () => client.disconnect(),
  }
}

describe('differential: pusher-js vs SockudoClient', () => {
  it('yields the same callbacks and payloads for connect, subscribe, events, presence and unsubscribe', async () => {
    const expected = await scenario(pusherDriver())
    const actual = await scenario(sockudoDriver())
    expect(expected).toHaveLength(9)
    expect(actual).toEqual(expected)
  })
})
