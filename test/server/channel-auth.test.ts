import Pusher from 'pusher'
import { afterEach, describe, expect, it } from 'vitest'
import { createChannelAuthHandler, createUserAuthHandler } from '@sockudo/vue/server'
import type { ChannelAuthHandlerOptions } from '@sockudo/vue/server'
import { serveHandler } from './serve'
import type { TestServer } from './serve'

const creds = { key: 'app-key', secret: 'app-secret' }
const pusher = new Pusher({ appId: 'app-id', host: '127.0.0.1', ...creds })
let server: TestServer | undefined
afterEach(async () => server?.close())

async function start(options: Partial<ChannelAuthHandlerOptions> = {}): Promise<string> {
  server = await serveHandler(createChannelAuthHandler({ ...creds, ...options }))
  return server.url
}

const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
})

describe('createChannelAuthHandler', () => {
  it('signs an allowed private channel from a form body', async () => {
    const url = await start({ authorize: () => true })
    const res = await fetch(url, form({ socket_id: '1.2', channel_name: 'private-a' }))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(pusher.authorizeChannel('1.2', 'private-a'))
  })

  it('accepts a JSON body and passes custom params to the hook', async () => {
    let seen: unknown
    const url = await start({ authorize: (event) => ((seen = event.params.room), true) })
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ socket_id: '1.2', channel_name: 'private-a', room: 'r1' }) })
    expect(res.status).toBe(200)
    expect(seen).toBe('r1')
  })

  it('signs presence with the app user and ignores channel_data sent by the browser', async () => {
    const url = await start({ authorize: () => ({ user: { user_id: 'u1', user_info: { name: 'Ada' } } }) })
    const res = await fetch(url, form({ socket_id: '1.2', channel_name: 'presence-room', channel_data: '{"user_id":"admin"}' }))
    const body = (await res.json()) as { channel_data: string }
    expect(JSON.parse(body.channel_data)).toEqual({ user_id: 'u1', user_info: { name: 'Ada' } })
    expect(body).toEqual(pusher.authorizeChannel('1.2', 'presence-room', { user_id: 'u1', user_info: { name: 'Ada' } }))
  })

  it('denies with 403 when there is no authorize hook', async () => {
    const url = await start()
    const res = await fetch(url, form({ socket_id: '1.2', channel_name: 'private-a' }))
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'forbidden' })
  })

  it('denies with 403 when the hook says no', async () => {
    const url = await start({ authorize: async () => false })
    expect((await fetch(url, form({ socket_id: '1.2', channel_name: 'private-a' }))).status).toBe(403)
  })

  it('answers 400 for a bad socket id, a bad channel name and a public channel', async () => {
    const url = await start({ authorize: () => true })
    expect((await fetch(url, form({ socket_id: 'x', channel_name: 'private-a' }))).status).toBe(400)
    expect((await fetch(url, form({ socket_id: '1.2', channel_name: 'private-a b' }))).status).toBe(400)
    expect((await fetch(url, form({ socket_id: '1.2', channel_name: 'public' }))).status).toBe(400)
    expect((await fetch(url, form({ socket_id: '1.2' }))).status).toBe(400)
  })

  it('answers 405 with Allow for non-POST methods', async () => {
    const url = await start({ authorize: () => true })
    const res = await fetch(url)
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
  })

  it('rejects a cross-origin request unless the origin is allowed', async () => {
    const url = await start({ authorize: () => true, allowedOrigins: ['https://app.example'] })
    const fields = { socket_id: '1.2', channel_name: 'private-a' }
    expect((await fetch(url, form(fields, { origin: 'https://evil.example' }))).status).toBe(403)
    expect((await fetch(url, form(fields, { origin: 'https://app.example' }))).status).toBe(200)
    expect((await fetch(url, form(fields, { origin: url }))).status).toBe(200)
  })

  it('trusts X-Forwarded-Host only when told to', async () => {
    const headers = { origin: 'https://app.example', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' }
    const fields = { socket_id: '1.2', channel_name: 'private-a' }
    const strict = await start({ authorize: () => true })
    expect((await fetch(strict, form(fields, headers))).status).toBe(403)
    await server?.close()
    const behindProxy = await start({ authorize: () => true, trustForwardedHost: true })
    expect((await fetch(behindProxy, form(fields, headers))).status).toBe(200)
  })

  it('answers 400 for malformed JSON and 413 for an oversized body', async () => {
    const url = await start({ authorize: () => true, maxBodyBytes: 100 })
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"socket_id":' })).status).toBe(400)
    expect((await fetch(url, form({ socket_id: '1.2', channel_name: 'private-a', pad: 'x'.repeat(200) }))).status).toBe(413)
  })

  it('hides the details of a throwing hook behind a 500', async () => {
    const url = await start({ authorize: () => { throw new Error('db password is hunter2') } })
    const res = await fetch(url, form({ socket_id: '1.2', channel_name: 'private-a' }))
    expect(res.status).toBe(500)
    expect(await res.text()).not.toContain('hunter2')
  })
})

describe('createUserAuthHandler', () => {
  it('signs the user returned by the hook', async () => {
    server = await serveHandler(createUserAuthHandler({ ...creds, authorize: () => ({ id: '42', user_info: { name: 'Ada' } }) }))
    const res = await fetch(server.url, form({ socket_id: '1234.5678' }))
    expect(await res.json()).toEqual(pusher.authenticateUser('1234.5678', { id: '42', user_info: { name: 'Ada' } }))
  })

  it('denies with 403 without a hook or when the hook returns null', async () => {
    server = await serveHandler(createUserAuthHandler({ ...creds }))
    expect((await fetch(server.url, form({ socket_id: '1.2' }))).status).toBe(403)
    await server.close()
    server = await serveHandler(createUserAuthHandler({ ...creds, authorize: () => null }))
    expect((await fetch(server.url, form({ socket_id: '1.2' }))).status).toBe(403)
  })
})
