/** A `message.append` fragment that looks like JSON stays text on every delivery path (issue 15). */
import { describe, expect, it } from 'vitest'
import type { SockudoEvent } from '@sockudo/vue/core'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

describe('append fragments', () => {
  it.each([
    ['with the runtime header', { headers: { sockudo_action: 'message.append' } }],
    ['by event name alone', undefined],
  ])('delivers "42", "true" and "null" as strings %s', async (_how, extras) => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2 })
    await connect()
    const channel = client.subscribe('chat')
    await flush()
    server.subscribed(server.last, 'chat')
    const global: unknown[] = []
    const bound: unknown[] = []
    const events: SockudoEvent[] = []
    client.bindGlobal((name, data) => void (name === 'sockudo:message.append' && global.push(data)))
    channel.bind('sockudo:message.append', (data) => void bound.push(data))
    client.on('event', (event) => void (event.event === 'sockudo:message.append' && events.push(event)))
    for (const data of ['42', 'true', 'null']) server.last.serverSend({ event: 'sockudo:message.append', channel: 'chat', data, ...(extras ? { extras } : {}) })
    expect(global).toEqual(['42', 'true', 'null'])
    expect(bound).toEqual(['42', 'true', 'null'])
    expect(events.map((e) => e.data)).toEqual(['42', 'true', 'null'])
  })

  it('still parses JSON data of other V2 events', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2 })
    await connect()
    const channel = client.subscribe('chat')
    await flush()
    server.subscribed(server.last, 'chat')
    const got: unknown[] = []
    channel.bind('sockudo:message.update', (data) => void got.push(data))
    server.last.serverSend({ event: 'sockudo:message.update', channel: 'chat', data: '{"n":42}' })
    expect(got).toEqual([{ n: 42 }])
  })

  it('reports the client append mode: the option on V2, always full on V1', () => {
    expect(fakeClient({ protocolVersion: 2 }).client.appendMode).toBe('delta')
    expect(fakeClient({ protocolVersion: 2, appendMode: 'full' }).client.appendMode).toBe('full')
    expect(fakeClient().client.appendMode).toBe('full')
  })
})
