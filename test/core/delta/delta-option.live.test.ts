/**
 * `deltaCompression` as one client option, against the local server: lazy decoders, every
 * wire format, typed error when a subscription asks for delta while it is off, and no raw
 * `sockudo:delta` frame ever reaching a listener.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, type Codec, type SockudoClient, type SockudoClientOptions } from '@sockudo/vue/core'
import { msgpackCodec } from '@sockudo/vue/codecs/msgpack'
import { protobufCodec } from '@sockudo/vue/codecs/protobuf'
import { serverSdk } from '../../support/live'
import { connect, createClient, subscribed, uid, waitFor } from '../../live/core/helpers'
import { requireFeatures } from '../../support/real-server'

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})
const make = (options: SockudoClientOptions): SockudoClient => {
  const client = createClient({ options: { protocolVersion: 2, ...options } })
  clients.push(client)
  return client
}
const base = { symbol: 'ACME', description: 'x'.repeat(300) }
const prices = [101, 102, 103, 104, 105]

async function streamPrices(client: SockudoClient, delta: 'fossil' | 'xdelta3' | true): Promise<{ got: unknown[]; raw: string[] }> {
  await connect(client)
  const name = `stocks-${uid()}`
  const channel = await subscribed(client.subscribe(name, { delta: delta === true ? true : { enabled: true, algorithm: delta } }))
  const got: unknown[] = []
  const raw: string[] = []
  channel.bind('price', (d) => got.push(d))
  client.bindGlobal((event) => void (/delta/.test(event) && raw.push(event)))
  channel.bindGlobal((event) => void (/delta/.test(event) && raw.push(event)))
  for (const price of prices) await serverSdk().trigger(name, 'price', { ...base, price })
  await waitFor(() => got.length === prices.length, 10_000, 'every price').catch((error: Error) => {
    throw new Error(`${error.message}: got ${got.length}, delta stats ${JSON.stringify(client.deltaStats())}`)
  })
  return { got, raw }
}

const needsDelta = requireFeatures(['deltaCompression'])
describe.skipIf(needsDelta.skip)(needsDelta.title('deltaCompression option'), () => {
  it.each(['fossil', 'xdelta3'] as const)('rebuilds %s deltas with deltaCompression: true alone', async (algorithm) => {
    const client = make({ deltaCompression: true })
    expect(client.deltaStats()).toBeNull()
    const { got, raw } = await streamPrices(client, algorithm)
    expect(got).toEqual(prices.map((price) => ({ ...base, price })))
    expect(raw).toEqual([])
    const stats = client.deltaStats()!
    expect(stats.deltaMessages).toBeGreaterThan(0)
    expect(stats.errors).toBe(0)
  })

  it.each<[string, Codec]>([
    ['MessagePack', msgpackCodec],
    ['Protobuf', protobufCodec],
  ])('rebuilds deltas on the %s wire', async (_name, codec) => {
    const client = make({ deltaCompression: true, codec })
    const { got, raw } = await streamPrices(client, true)
    expect(got).toEqual(prices.map((price) => ({ ...base, price })))
    expect(raw).toEqual([])
    const stats = client.deltaStats()!
    expect(stats.errors).toBe(0)
    expect(stats.deltaMessages).toBeGreaterThan(0)
  })
})

describe('delta compression off', () => {
  it('throws a typed error when a subscription asks for delta', () => {
    const client = make({})
    let thrown: unknown
    try {
      client.subscribe(`stocks-${uid()}`, { delta: true })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConfigError)
    expect((thrown as ConfigError).code).toBe('config/delta-off')
    expect(() => client.subscribe(`stocks-${uid()}`, { delta: { algorithm: 'fossil' } })).toThrowError(expect.objectContaining({ code: 'config/delta-off' }))
    expect(() => client.subscribe(`stocks-${uid()}`, { delta: false })).not.toThrow()
  })

  it('refuses invalid settings before connecting', () => {
    expect(() => make({ deltaCompression: { algorithms: [] } })).toThrowError(expect.objectContaining({ code: 'config/invalid-delta' }))
    expect(() => createClient({ options: { protocolVersion: 1, deltaCompression: true } })).toThrowError(expect.objectContaining({ code: 'config/delta-requires-v2' }))
  })

  it.skipIf(needsDelta.skip)('never sends delta: false (the server would turn deltas on) and delivers plain events', async () => {
    const client = make({})
    const { got, raw } = await streamPricesOff(client)
    expect(got).toEqual(prices.map((price) => ({ ...base, price })))
    expect(raw).toEqual([])
  })
})

/** Delta off, a second channel subscribed with `delta: false`: every event arrives in full. */
async function streamPricesOff(client: SockudoClient): Promise<{ got: unknown[]; raw: string[] }> {
  await connect(client)
  const name = `stocks-${uid()}`
  await subscribed(client.subscribe(`other-${uid()}`, { delta: false }))
  const channel = await subscribed(client.subscribe(name))
  const got: unknown[] = []
  const raw: string[] = []
  channel.bind('price', (d) => got.push(d))
  client.bindGlobal((event) => void (/delta/.test(event) && raw.push(event)))
  for (const price of prices) await serverSdk().trigger(name, 'price', { ...base, price })
  await waitFor(() => got.length === prices.length, 10_000, 'every price').catch((error: Error) => {
    throw new Error(`${error.message}: got ${got.length}, delta stats ${JSON.stringify(client.deltaStats())}`)
  })
  return { got, raw }
}
