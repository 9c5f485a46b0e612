import { describe, expect, it } from 'vitest'
import type { InboundFrame } from '@sockudo/vue/core'
import { createProtocolNames, parseHandshake, routeFrame, type InboundHandlers } from '../../../src/core/internal'
import { decodeJsonEnvelope } from '../../../src/core/codecs/json/decode'

describe('stored envelopes (history items) go through the live frame decoder', () => {
  it('maps V2 fields, keeps exact serials, extras and unknown keys', () => {
    const envelope = { event: 'e', channel: 'c', data: '{}', message_id: 'm', stream_id: 's', serial: '9007199254740993', user_id: 'u', extras: { futureExtrasField: 1 }, tags: { r: 'eu' }, future: true }
    expect(decodeJsonEnvelope(envelope)).toEqual({
      event: 'e', channel: 'c', data: '{}', messageId: 'm', streamId: 's', serial: '9007199254740993', userId: 'u',
      extras: { futureExtrasField: 1 }, tags: { r: 'eu' }, unknown: { future: true },
    })
  })

  it('rejects an envelope without event or with a non-integer serial', () => {
    expect(() => decodeJsonEnvelope({ data: 1 })).toThrowError(/event/)
    expect(() => decodeJsonEnvelope({ event: 'e', serial: 'x' })).toThrowError(/serial/)
  })
})

describe('protocol names', () => {
  it('prefixes per version and strips either family inbound', () => {
    const v1 = createProtocolNames(1)
    const v2 = createProtocolNames(2)
    expect([v1.event('subscribe'), v2.event('subscribe')]).toEqual(['pusher:subscribe', 'sockudo:subscribe'])
    expect(v2.canonical('pusher:error')).toEqual({ name: 'error', internal: false })
    expect(v1.canonical('sockudo_internal:member_added')).toEqual({ name: 'member_added', internal: true })
    expect(v1.canonical('client-x')).toBeNull()
  })
})

describe('handshake', () => {
  const names = createProtocolNames(2)
  it('reads socket_id and activity_timeout from the JSON string data', () => {
    expect(parseHandshake({ event: 'sockudo:connection_established', data: '{"socket_id":"1.2","activity_timeout":30}' }, names)).toEqual({ type: 'established', socketId: '1.2', activityTimeout: 30 })
  })
  it('turns a first error frame into its code', () => {
    expect(parseHandshake({ event: 'pusher:error', data: { code: 4009, message: 'Origin not allowed' } }, names)).toEqual({ type: 'error', code: 4009, message: 'Origin not allowed' })
  })
  it('rejects anything else', () => {
    expect(parseHandshake({ event: 'hello' }, names).type).toBe('invalid')
    expect(parseHandshake({ event: 'sockudo:connection_established', data: '{}' }, names).type).toBe('invalid')
  })
})

describe('inbound routing table', () => {
  const names = createProtocolNames(2)
  function route(frame: InboundFrame): string {
    let hit = ''
    const h = new Proxy({}, { get: (_t, key: string) => () => (hit = key) }) as InboundHandlers
    routeFrame(frame, names, h)
    return hit
  }
  it.each([
    [{ event: 'pusher:error' }, 'error'],
    [{ event: 'sockudo:signin_success' }, 'signinSuccess'],
    [{ event: 'online' }, 'watchlist'],
    [{ event: 'sockudo:resume_success' }, 'resumeSuccess'],
    [{ event: 'sockudo:resume_failed', channel: 'c' }, 'resumeFailed'],
    [{ event: 'sockudo:channel_history', channel: 'c' }, 'channelHistory'],
    [{ event: 'sockudo:token_expired' }, 'tokenExpired'],
    [{ event: 'sockudo:auth_success' }, 'authSuccess'],
    [{ event: 'sockudo_internal:subscription_succeeded', channel: 'c' }, 'channel'],
    [{ event: 'online', channel: 'c' }, 'channel'],
    [{ event: 'sockudo:future_event' }, 'global'],
    [{ event: 'app-event' }, 'global'],
    // A delta frame nobody rebuilt (delta off) is plumbing: no handler sees it, with or without channel.
    [{ event: 'sockudo:delta', channel: 'c' }, ''],
    [{ event: 'pusher:delta_cache_sync', channel: 'c' }, ''],
    [{ event: 'sockudo:delta' }, ''],
    [{ event: 'delta', channel: 'c' }, 'channel'],
  ])('%o → %s', (frame, handler) => {
    expect(route(frame)).toBe(handler)
  })
})
