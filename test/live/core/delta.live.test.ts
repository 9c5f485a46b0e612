import { afterEach, describe, expect, it } from 'vitest'
import { DeltaManager, type SockudoClient } from '@sockudo/vue/core'
import { serverSdk } from '../../support/live'
import { connect, createClient, subscribed, uid, waitFor } from './helpers'
import { requireFeatures } from '../../support/real-server'

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

const needsDelta = requireFeatures(['deltaCompression'])
describe.skipIf(needsDelta.skip)(needsDelta.title('delta stage slot against the local server'), () => {
  it.each(['fossil', 'xdelta3'] as const)('rebuilds %s deltas through the pipeline and delivers full events', async (algorithm) => {
    const delta = new DeltaManager()
    const client = createClient({ options: { protocolVersion: 2, deltaStage: delta } })
    clients.push(client)
    await connect(client)
    const name = `stocks-${uid()}`
    const channel = await subscribed(client.subscribe(name, { delta: { enabled: true, algorithm } }))
    const got: unknown[] = []
    channel.bind('price', (d) => got.push(d))
    const base = { symbol: 'ACME', description: 'x'.repeat(200) }
    for (const price of [101, 102, 103]) await serverSdk().trigger(name, 'price', { ...base, price })
    await waitFor(() => got.length === 3)
    expect(got).toEqual([101, 102, 103].map((price) => ({ ...base, price })))
    expect(delta.stats().deltaMessages).toBeGreaterThan(0)
  })
})
