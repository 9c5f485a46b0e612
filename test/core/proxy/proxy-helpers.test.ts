import { afterEach, describe, expect, it } from 'vitest'
import { ProxyError, createVersionedMessages, fetchChannelHistory, fetchPresenceHistory, fetchPresenceSnapshot } from '@sockudo/vue/core'
import { callProxy, toPresenceHistoryParams, toPresenceSnapshotParams } from '../../../src/core/internal'
import { createHistoryProxy, createPresenceHistoryProxy, createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { SockudoHandler, SockudoRestOptions } from '@sockudo/vue/server'
import { serveHandler, serveRaw } from '../../server/serve'
import type { TestServer } from '../../server/serve'
import { fakeUpstream } from '../../server/upstream'
import type { Reply, SeenRequest } from '../../server/upstream'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** Client helper → real server proxy handler → fake Sockudo upstream, all over real HTTP. */
async function chain(make: (c: SockudoRestOptions) => SockudoHandler, reply: (s: SeenRequest) => Reply) {
  const upstream = await fakeUpstream(reply)
  const proxy = await serveHandler(make({ appId: 'app-id', key: 'app-key', secret: 'app-secret', port: Number(new URL(upstream.url).port) }))
  servers.push(upstream, proxy)
  return { endpoint: proxy.url, upstream }
}

const PAGE = (cursor: string | null) => `{"items":[{"stream_id":"s1","serial":9007199254740993,"published_at_ms":5,"message_id":"m","event_name":"ev","operation_kind":"append","message":{"event":"ev","channel":"orders","data":"{\\"a\\":1}","serial":9007199254740993}}],"direction":"newest_first","limit":1,"has_more":${cursor !== null},"next_cursor":${cursor === null ? 'null' : `"${cursor}"`},"bounds":{"start_serial":null,"end_serial":null,"start_time_ms":null,"end_time_ms":null}}`

describe('fetchChannelHistory', () => {
  it('reads pages through the proxy with exact serials and follows next()', async () => {
    const { endpoint, upstream } = await chain((c) => createHistoryProxy({ ...c, authorize: () => true }), (s) => ({ status: 200, body: PAGE(s.query.get('cursor') ? null : 'c2') }))
    const page = await fetchChannelHistory({ limit: 1, startSerial: '9007199254740990' }, { endpoint, channel: 'orders' })
    expect(page.items[0]).toMatchObject({ serial: '9007199254740993', streamId: 's1', publishedAtMs: 5, event: { event: 'ev', data: { a: 1 }, serial: '9007199254740993' } })
    expect(page).toMatchObject({ hasMore: true, nextCursor: 'c2' })
    const second = await page.next()
    expect(second?.hasMore).toBe(false)
    expect(await second?.next()).toBeNull()
    expect(upstream.seen[0]!.query.get('start_serial')).toBe('9007199254740990')
    expect(upstream.seen[1]!.query.get('cursor')).toBe('c2')
  })
})

describe('createVersionedMessages', () => {
  it('creates, appends, updates and deletes through the proxy and decodes the acks', async () => {
    const { endpoint, upstream } = await chain((c) => createVersionedMessagesProxy({ ...c, authorize: () => true }), (s) => s.path.endsWith('/events')
      ? { status: 200, body: '{"channels":{"chat":{"acknowledgement_id":"x","message_serial":"ms1","history_serial":9007199254740993,"delivery_serial":4,"version_serial":"v1"}}}' }
      : { status: 200, body: `{"channel":"chat","message_serial":"ms1","action":"${s.path.split('/').pop()}","accepted":true,"version_serial":"v2","history_serial":7,"delivery_serial":5,"status":"applied"}` })
    const messages = createVersionedMessages({ endpoint, channel: 'chat', headers: () => ({ 'x-csrf': 'token' }) })
    expect(await messages.createMessage({ data: { text: 'hi' }, name: 'chat.message' })).toEqual({ messageSerial: 'ms1', historySerial: '9007199254740993', deliverySerial: '4', versionSerial: 'v1' })
    expect(await messages.appendMessage('ms1', ' more')).toMatchObject({ messageSerial: 'ms1', historySerial: '7', status: 'applied' })
    await messages.updateMessage('ms1', { data: 'new', clearFields: ['extras'], opId: 'op' })
    await messages.deleteMessage('ms1')
    expect(upstream.seen.map((s) => s.path.split('/').slice(-1)[0])).toEqual(['events', 'append', 'update', 'delete'])
    expect(JSON.parse(upstream.seen[2]!.body)).toEqual({ data: 'new', clear_fields: ['extras'], op_id: 'op' })
  })

  it('reads the latest version and pages versions', async () => {
    const item = '{"event":"sockudo:message.update","channel":"chat","data":"v2","name":"chat.message","action":"update","message_serial":"ms1","history_serial":9007199254740993,"delivery_serial":5,"version":{"serial":"v2","client_id":"u","timestamp_ms":9}}'
    const { endpoint } = await chain((c) => createVersionedMessagesProxy({ ...c, authorize: () => true }), (s) => s.path.endsWith('/versions')
      ? { status: 200, body: `{"channel":"chat","direction":"newest_first","limit":1,"has_more":${!s.query.has('cursor')},"next_cursor":"v1","items":[${item}]}` }
      : { status: 200, body: `{"channel":"chat","item":${item}}` })
    const messages = createVersionedMessages({ endpoint, channel: 'chat' })
    expect(await messages.getMessage('ms1')).toMatchObject({ action: 'message.update', messageSerial: 'ms1', historySerial: '9007199254740993', data: 'v2', version: { serial: 'v2', clientId: 'u', timestampMs: 9 } })
    const page = await messages.getMessageVersions('ms1', { limit: 1 })
    expect(page.hasNext()).toBe(true)
    const last = await page.next()
    expect(last?.hasNext()).toBe(false)
  })

  it('surfaces a proxy denial as a ProxyError with status and body', async () => {
    const { endpoint } = await chain((c) => createVersionedMessagesProxy(c), () => ({ status: 200, body: '{}' }))
    const error = await createVersionedMessages({ endpoint, channel: 'chat' }).getMessage('ms1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProxyError)
    expect(error).toMatchObject({ code: 'proxy/http-error', status: 403, body: { code: 'forbidden' } })
  })

  it('rejects an ack without serials with a typed error', async () => {
    const { endpoint } = await chain((c) => createVersionedMessagesProxy({ ...c, authorize: () => true }), () => ({ status: 200, body: '{"ok":true}' }))
    await expect(createVersionedMessages({ endpoint, channel: 'chat' }).createMessage({ data: 'x' })).rejects.toMatchObject({ code: 'message/ack-invalid' })
  })
})

describe('presence history helpers', () => {
  it('normalises params with aliases (explicit names win)', () => {
    expect(toPresenceHistoryParams({ start: 1, end: 2, endTimeMs: 3, startSerial: '9007199254740993', endSerial: 5n, limit: 10 })).toEqual({ limit: 10, start_serial: '9007199254740993', end_serial: 5, start_time_ms: 1, end_time_ms: 3 })
    expect(toPresenceSnapshotParams({ at: 5, atSerial: 42 })).toEqual({ at_serial: 42, at_time_ms: 5 })
    expect(toPresenceSnapshotParams({ at: 5, at_time_ms: 6 })).toEqual({ at_time_ms: 6 })
  })

  it('reads history pages and a snapshot through the proxy', async () => {
    const { endpoint, upstream } = await chain((c) => createPresenceHistoryProxy({ ...c, authorize: () => true }), (s) => s.path.endsWith('/snapshot')
      ? { status: 200, body: '{"channel":"presence-lobby","members":[{"user_id":"u1","last_event":"member_added","last_event_serial":9007199254740993,"last_event_at_ms":7}],"member_count":1,"events_replayed":3,"snapshot_serial":3,"continuity":{"complete":true,"truncated_by_retention":false,"retained_events":3}}' }
      : { status: 200, body: `{"items":[{"stream_id":"p1","serial":4,"event":"member_added","cause":"join","user_id":"u1","connection_id":"1.2","presence_event":{"user_info":{"n":1}}}],"direction":"oldest_first","limit":1,"has_more":${!s.query.has('cursor')},"next_cursor":"c2","continuity":{"retained_events":9,"degraded":false,"complete":false,"truncated_by_retention":false},"stream_state":{"continuity_proven":true}}` })
    const options = { endpoint, channel: 'presence-lobby' }
    const page = await fetchPresenceHistory({ direction: 'oldest_first', limit: 1, start: 1000 }, options)
    expect(page.items[0]).toMatchObject({ serial: '4', event: 'member_added', userId: 'u1', connectionId: '1.2', presenceEvent: { user_info: { n: 1 } } })
    expect(page).toMatchObject({ direction: 'oldest_first', hasMore: true, continuity: { retained: 9, degraded: false }, streamState: { continuityProven: true } })
    expect((await page.next())?.hasNext()).toBe(false)
    expect(upstream.seen[1]!.query.get('cursor')).toBe('c2')
    expect(upstream.seen[1]!.query.get('start_time_ms')).toBe('1000')
    const snapshot = await fetchPresenceSnapshot({ atSerial: 3 }, options)
    expect(snapshot).toMatchObject({ channel: 'presence-lobby', memberCount: 1, members: [{ userId: 'u1', lastEventSerial: '9007199254740993' }], snapshotSerial: '3' })
  })

  it('refuses non-presence channels before any request', async () => {
    await expect(fetchPresenceHistory({}, { endpoint: 'http://127.0.0.1:1', channel: 'orders' })).rejects.toMatchObject({ code: 'proxy/not-presence-channel' })
  })
})

describe('callProxy error paths', () => {
  async function raw(status: number | 'hang', body = ''): Promise<string> {
    const server = await serveRaw((_req, _body, res) => {
      if (status === 'hang') return
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(body)
    })
    servers.push(server)
    return server.url
  }

  it('rejects a 500 with status and the error body', async () => {
    const endpoint = await raw(500, '{"error":"boom","code":"internal_error","status":500}')
    await expect(callProxy({ endpoint }, { what: 'x', body: {} })).rejects.toMatchObject({ code: 'proxy/http-error', status: 500, retryable: true, body: { error: 'boom' } })
  })

  it('rejects a 2xx body that is not JSON', async () => {
    const endpoint = await raw(200, '<html>')
    await expect(callProxy({ endpoint }, { what: 'x', body: {} })).rejects.toMatchObject({ code: 'proxy/invalid-json' })
  })

  it('times out a hanging endpoint with a typed error', async () => {
    const endpoint = await raw('hang')
    await expect(callProxy({ endpoint, timeout: 100 }, { what: 'x', body: {} })).rejects.toMatchObject({ code: 'proxy/timeout' })
  })

  it('evaluates header functions for every request and needs an endpoint', async () => {
    let calls = 0
    const endpoint = await raw(204)
    const options = { endpoint, headers: async () => ({ 'x-n': String(++calls) }) }
    expect((await callProxy(options, { what: 'x' })).body).toBeUndefined()
    await callProxy(options, { what: 'x' })
    expect(calls).toBe(2)
    await expect(callProxy({ endpoint: '' }, { what: 'getMessage' })).rejects.toMatchObject({ code: 'config/proxy-endpoint-missing' })
  })
})
