import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../index'
import { canonicalQuery } from '../http/signing'
import { httpUrl, liveTarget, openRaw } from '../../support/live'
import { signedFetch } from '../../support/signed-fetch'
import { skipUnless } from '../../support/real-server'

const target = liveTarget()
const base = httpUrl(target)
const creds = { key: target.key, secret: target.secret }
const eventBody = JSON.stringify({ name: 'my-event', channel: 'my-channel', data: '{"hello":"world"}' })
const err = (status: number, code: string, error: string) => ({ error, code, status })

describe('HTTP API request signing', () => {
  it('accepts a correctly signed trigger and answers {"ok":true}', async () => {
    const res = await signedFetch(base, { ...creds, method: 'POST', path: `/apps/${target.appId}/events`, body: eventBody })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.text)).toEqual({ ok: true })
    expect(res.headers.get('connection')).toBe('close')
  })

  it('rejects a signature made with the wrong secret with 401 Invalid API signature', async () => {
    const res = await signedFetch(base, { ...creds, secret: 'wrong', method: 'POST', path: `/apps/${target.appId}/events`, body: eventBody })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.text)).toEqual(err(401, 'auth_failed', 'Invalid API signature'))
  })

  it('rejects a tampered body through the body_md5 check', async () => {
    const res = await signedFetch(base, {
      ...creds, method: 'POST', path: `/apps/${target.appId}/events`, body: eventBody.replace('world', 'there'),
      bodyMd5: '349c71b13ec8d76fc16325f273365ba5',
    })
    expect(JSON.parse(res.text)).toEqual(err(401, 'auth_failed', 'body_md5 mismatch'))
  })

  it('rejects a POST without body_md5 and a GET with one', async () => {
    const post = await signedFetch(base, { ...creds, method: 'POST', path: `/apps/${target.appId}/events`, body: eventBody, omitBodyMd5: true })
    expect(JSON.parse(post.text)).toEqual(err(401, 'auth_failed', 'body_md5 is required and must be non-empty in query parameters for POST requests with a non-empty body'))
    const get = await signedFetch(base, { ...creds, method: 'GET', path: `/apps/${target.appId}/channels`, bodyMd5: 'd41d8cd98f00b204e9800998ecf8427e' })
    expect(JSON.parse(get.text)).toEqual(err(401, 'auth_failed', 'body_md5 must not be present in query parameters for GET requests'))
  })

  it('rejects timestamps more than 600 s away and accepts ones inside the window', async () => {
    const now = Math.floor(Date.now() / 1000)
    const path = `/apps/${target.appId}/channels`
    const stale = await signedFetch(base, { ...creds, method: 'GET', path, timestamp: now - 700 })
    expect(JSON.parse(stale.text)).toEqual(err(401, 'auth_failed', 'Timestamp expired or too far in the future'))
    const future = await signedFetch(base, { ...creds, method: 'GET', path, timestamp: now + 700 })
    expect(future.status).toBe(401)
    const inside = await signedFetch(base, { ...creds, method: 'GET', path, timestamp: now - 500 })
    expect(inside.status).toBe(200)
  })

  it('answers an unknown key with 404 app_not_found and a foreign app id with 401', async () => {
    const unknown = await signedFetch(base, { key: 'nope', secret: 'x', method: 'GET', path: `/apps/${target.appId}/channels` })
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.text)).toEqual(err(404, 'app_not_found', 'Application key not found or invalid: Invalid app key'))
    const other = await signedFetch(base, { ...creds, method: 'GET', path: '/apps/other-app/channels' })
    expect(JSON.parse(other.text)).toEqual(err(401, 'auth_failed', 'Authenticated app does not match route app_id'))
  })

  it('answers missing auth parameters with 400 invalid_input', async () => {
    const res = await fetch(`${base}/apps/${target.appId}/channels`)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(err(400, 'invalid_input', 'Missing authentication query parameters'))
  })

  it('rejects bad bodies: wrong content type 415, malformed JSON 400, missing name and channel', async () => {
    const path = `/apps/${target.appId}/events`
    expect((await signedFetch(base, { ...creds, method: 'POST', path, body: eventBody }, 'text/plain')).status).toBe(415)
    expect((await signedFetch(base, { ...creds, method: 'POST', path, body: '{"name":' })).status).toBe(400)
    const noName = await signedFetch(base, { ...creds, method: 'POST', path, body: '{"channel":"c","data":"x"}' })
    expect(JSON.parse(noName.text)).toEqual(err(400, 'invalid_input', 'Event name is required'))
    const noChannel = await signedFetch(base, { ...creds, method: 'POST', path, body: '{"name":"e","data":"x"}' })
    expect(JSON.parse(noChannel.text)).toEqual(err(400, 'missing_channel_info', "Request must contain 'channels' (list) or 'channel' (string)"))
    const badNs = await signedFetch(base, { ...creds, method: 'POST', path, body: '{"name":"e","channel":"nope:x","data":"x"}' })
    expect(JSON.parse(badNs.text)).toEqual(err(400, 'invalid_input', "Unknown channel namespace 'nope'"))
  })

  it('publishes to a namespaced channel (price:btc) and reports per-channel info', async (ctx) => {
    skipUnless(ctx, ['namespaces'])
    const client = await openRaw('protocol=7')
    client.send({ event: 'pusher:subscribe', data: { channel: 'price:btc' } })
    await client.next((f) => f.event === 'pusher_internal:subscription_succeeded')
    const body = JSON.stringify({ name: 'quote', channel: 'price:btc', data: { p: 1 }, info: 'subscription_count' })
    const res = await signedFetch(base, { ...creds, method: 'POST', path: `/apps/${target.appId}/events`, body })
    const json = JSON.parse(res.text) as { channels: Record<string, { subscription_count: number; acknowledgement_id: string }> }
    expect(json.channels['price:btc']?.subscription_count).toBeGreaterThanOrEqual(1)
    expect(typeof json.channels['price:btc']?.acknowledgement_id).toBe('string')
    const quote = await client.next((f) => f.event === 'quote')
    expect(quote).toEqual({ event: 'quote', channel: 'price:btc', data: '{"p":1}' })
    await client.close()
  })

  it('answers unknown routes with a plain-text 404', async () => {
    const res = await fetch(`${base}/apps/${target.appId}/nothing-here`)
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('404 NOT FOUND')
  })
})

describe('HTTP signing test vectors (http.md §1.7, server clock at 1700000000)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
    server.context.setClockOffset(1_700_000_000_000 - Date.now())
  })
  afterAll(() => server.close())

  it('builds the canonical query of the vector', () => {
    expect(canonicalQuery('info=user_count&auth_version=1.0&AUTH_KEY=app-key&filter_by_prefix=presence-&auth_timestamp=1700000000&auth_signature=x').text)
      .toBe('auth_key=app-key&auth_timestamp=1700000000&auth_version=1.0&filter_by_prefix=presence-&info=user_count')
  })

  it('accepts the POST /events vector signature', async () => {
    const q = 'auth_key=app-key&auth_timestamp=1700000000&auth_version=1.0&body_md5=349c71b13ec8d76fc16325f273365ba5&auth_signature=7496137a76b0f3ca46fa2ca46e4d0aabeb67b5bc32181d60a42aa561a33b3e57'
    const res = await fetch(`${server.httpUrl}/apps/app-id/events?${q}`, { method: 'POST', body: eventBody, headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(200)
  })

  it('accepts the GET /channels vector and rejects it once one character changes', async () => {
    const q = 'filter_by_prefix=presence-&info=user_count&auth_key=app-key&auth_timestamp=1700000000&auth_version=1.0'
    const good = await fetch(`${server.httpUrl}/apps/app-id/channels?${q}&auth_signature=fd5a1b38d92aee2b7913a8cf43136cffab888ee5a097536910d6239f08eb68a2`)
    expect(good.status).toBe(200)
    expect(await good.json()).toEqual({ channels: {} })
    const bad = await fetch(`${server.httpUrl}/apps/app-id/channels?${q}&auth_signature=fd5a1b38d92aee2b7913a8cf43136cffab888ee5a097536910d6239f08eb68a3`)
    expect(bad.status).toBe(401)
  })

  it('accepts the terminate_connections vector', async () => {
    const q = 'auth_key=app-key&auth_timestamp=1700000000&auth_version=1.0&body_md5=99914b932bd37a50b983c5e7c90ae93b&auth_signature=5c90601b7ede27346da725838a3837f982e9712e07d793968f91dbc6d56670ac'
    const res = await fetch(`${server.httpUrl}/apps/app-id/users/42/terminate_connections?${q}`, { method: 'POST', body: '{}' })
    expect(await res.json()).toEqual({ ok: true })
  })
})
