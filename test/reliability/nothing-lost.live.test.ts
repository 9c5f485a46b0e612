/**
 * Nothing is lost silently: every frame the client cannot use surfaces as exactly one typed
 * error event, and frames nobody subscribed to still reach client-level listeners.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { encode as msgpackEncode } from '@msgpack/msgpack'
import { SockudoClient, SockudoError } from '@sockudo/vue/core'
import { msgpackCodec } from '@sockudo/vue/codecs/msgpack'
import { startFuzzServer, type FuzzServer } from './fuzz-server'
import { until } from './support'

let server: FuzzServer | undefined
let client: SockudoClient | undefined

afterEach(async () => {
  client?.disconnect()
  await server?.close()
  client = server = undefined
})

async function connected(options: ConstructorParameters<typeof SockudoClient>[1] = {}): Promise<{ c: SockudoClient; s: FuzzServer; errors: SockudoError[] }> {
  server = await startFuzzServer()
  client = new SockudoClient('app-key', { wsHost: '127.0.0.1', wsPort: server.port, forceTls: false, ...options })
  const errors: SockudoError[] = []
  client.on('error', (e) => errors.push(e))
  const channel = client.subscribe('fuzz')
  client.connect()
  await until(() => channel.state === 'subscribed', 5000, 'subscribed')
  return { c: client, s: server, errors }
}

/** A valid event after the bad ones: once it arrived, every earlier frame was processed. */
async function settle(c: SockudoClient, s: FuzzServer): Promise<void> {
  let seen = false
  const off = c.channel('fuzz')!.bind('marker', () => void (seen = true))
  s.send({ event: 'marker', channel: 'fuzz', data: '{}' })
  await until(() => seen, 5000, 'marker event')
  off()
}

describe('nothing is lost silently', () => {
  it('reports every undecodable JSON frame as exactly one typed error', async () => {
    const { c, s, errors } = await connected({ protocolVersion: 2 })
    const bad = ['', '{', 'null', '[]', '"text"', '{"data":1}', '{"event":5}', new Uint8Array([1, 2, 3])]
    for (const frame of bad) s.sendRaw(frame)
    await settle(c, s)
    expect(errors).toHaveLength(bad.length)
    expect(errors.every((e) => e instanceof SockudoError && /^(codec|protocol)\//.test(e.code))).toBe(true)
  })

  it('reports every undecodable MessagePack frame as exactly one typed error', async () => {
    const { c, s, errors } = await connected({ protocolVersion: 2, codec: msgpackCodec })
    const bad = [new Uint8Array([0xc1]), new Uint8Array([0x81]), msgpackEncode({ event: 5 }), msgpackEncode([1, 2]), new Uint8Array(0)]
    for (const frame of bad) s.sendRaw(frame)
    await settle(c, s)
    expect(errors).toHaveLength(bad.length)
  })

  it('delivers events of channels nobody subscribed to client-level listeners', async () => {
    const { c, s } = await connected()
    const got: unknown[] = []
    c.bind('stray', (data) => got.push(data))
    s.send({ event: 'stray', channel: 'never-subscribed', data: '{"n":1}' })
    await settle(c, s)
    expect(got).toEqual([{ n: 1 }])
  })

  it('counts duplicates and undecodable frames in client stats', async () => {
    const { c, s } = await connected({ protocolVersion: 2 })
    const before = c.stats()
    s.send({ event: 'tick', channel: 'fuzz', data: '{}', message_id: 'm1', serial: 1n })
    s.send({ event: 'tick', channel: 'fuzz', data: '{}', message_id: 'm1', serial: 1n })
    s.sendRaw('{')
    await settle(c, s)
    const after = c.stats()
    expect(after.duplicates - before.duplicates).toBe(1)
    expect(after.undecodable - before.undecodable).toBe(1)
    expect(after.delivered - before.delivered).toBe(2) // one tick + the marker
  })
})
