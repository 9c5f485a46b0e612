/**
 * README claim (Connect, subscribe, receive): names with a `:` (Sockudo namespaces such as
 * `ticker:BTC`) are refused by the `pusher` npm SDK but published fine with createSockudoRest;
 * the colon-free alternative works with both.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createSockudoRest } from '@sockudo/vue/server'
import { SockudoClient } from '@sockudo/vue/core'
import { liveTarget, serverSdk, waitFor } from '../../support/live'
import { connect, uid } from '../../live/core/helpers'

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

async function received(name: string, publish: () => Promise<unknown>): Promise<unknown> {
  const t = liveTarget()
  const client = new SockudoClient(t.key, { wsHost: t.host, wsPort: t.port, forceTls: false })
  clients.push(client)
  await connect(client)
  const got: unknown[] = []
  const channel = client.subscribe(name)
  channel.bind('price', (data) => got.push(data))
  await waitFor(() => channel.subscribed, 5000, 'subscribed')
  await publish()
  return waitFor(() => got[0], 5000, 'price')
}

describe('namespaced channel names and publishers', () => {
  it('the pusher npm SDK refuses ticker:BTC (Invalid channel name)', () => {
    expect(() => serverSdk().trigger(`ticker:BTC-${uid()}`, 'price', { last: 1 })).toThrow(/Invalid channel name/)
  })

  it('createSockudoRest publishes to ticker:BTC', async () => {
    const t = liveTarget()
    const rest = createSockudoRest({ appId: t.appId, key: t.key, secret: t.secret, host: t.host, port: t.port })
    const name = `ticker:BTC-${uid()}`
    expect(await received(name, () => rest.trigger(name, 'price', { last: 64_000 }))).toEqual({ last: 64_000 })
  })

  it('the pusher SDK publishes to the colon-free ticker-BTC', async () => {
    const name = `ticker-BTC-${uid()}`
    expect(await received(name, () => serverSdk().trigger(name, 'price', { last: 2 }))).toEqual({ last: 2 })
  })
})
