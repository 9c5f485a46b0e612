/**
 * The server's reason for refusing auth reaches the user: a real node:http server runs the
 * handlers of `@sockudo/vue/server`, and the client's AuthError (and the plain-data copy the
 * `sockudo-*` stores and composables hold) carries its message and code, plus the URL tried.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AuthError, SockudoClient } from '@sockudo/vue/core'
import { toErrorInfo } from '@sockudo/vue/pinia'
import { createChannelAuthHandler, createUserAuthHandler, type SockudoHandler } from '@sockudo/vue/server'
import { liveTarget } from '../../support/live'
import { connect, uid, waitFor } from './helpers'

/** Serves a Web-standard handler from node:http (what a plain Node app would write). */
async function toWebRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  return new Request(new URL(req.url ?? '/', base), { method: req.method ?? 'GET', headers, ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}) })
}
async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.end(Buffer.from(await response.arrayBuffer()))
}

let http: Server
let base = ''
beforeAll(async () => {
  const t = liveTarget()
  const routes: Record<string, SockudoHandler> = {
    // Private channels are allowed, presence ones too but without a member: a server-side mistake.
    '/sockudo/auth': createChannelAuthHandler({ key: t.key, secret: t.secret, authorize: ({ channelName }) => !channelName.startsWith('private-denied-') }),
    '/sockudo/user-auth': createUserAuthHandler({ key: t.key, secret: t.secret }),
  }
  http = createServer((req, res) => {
    const handler = routes[new URL(req.url ?? '/', 'http://x').pathname]
    if (!handler) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Cannot POST ' + req.url)
    void toWebRequest(req, base).then(handler).then((response) => send(res, response))
  })
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => http.close(() => r())))

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

function client(channelEndpoint = `${base}/sockudo/auth`, userEndpoint = `${base}/sockudo/user-auth`): SockudoClient {
  const t = liveTarget()
  const c = new SockudoClient(t.key, {
    wsHost: t.host, wsPort: t.port, forceTls: false,
    channelAuthorization: { endpoint: channelEndpoint }, userAuthentication: { endpoint: userEndpoint },
  })
  clients.push(c)
  return c
}

async function subscribeError(c: SockudoClient, name: string): Promise<AuthError> {
  const channel = c.subscribe(name)
  await waitFor(() => channel.state === 'failed', 5000, 'failed')
  expect(channel.error).toBeInstanceOf(AuthError)
  return channel.error as AuthError
}

describe('auth refusals carry the server reason', () => {
  it('puts the server message in error.message and its code in serverErrorCode (denied channel)', async () => {
    const error = await subscribeError(await connect(client()), `private-denied-${uid()}`)
    expect(error).toMatchObject({ code: 'auth/forbidden', status: 403, serverErrorCode: 'forbidden' })
    expect(error.message).toContain('Not allowed to subscribe to this channel.')
    expect(error.message).toContain(`${base}/sockudo/auth`)
  })

  it('explains a presence channel the server authorized without a member', async () => {
    const name = `presence-nouser-${uid()}`
    const error = await subscribeError(await connect(client()), name)
    expect(error.serverErrorCode).toBe('auth/presence-user-missing')
    expect(error.message).toContain(`Presence channel "${name}" needs the member`)
  })

  it('carries message and server code into the plain data of the stores and composables', async () => {
    const error = await subscribeError(await connect(client()), `private-denied-${uid()}`)
    const info = toErrorInfo(error)
    expect(info).toMatchObject({ name: 'AuthError', code: 'auth/forbidden', status: 403, serverErrorCode: 'forbidden', message: error.message })
    expect(JSON.parse(JSON.stringify(info))).toEqual(info)
  })

  it('names the URL it tried and the option to change on a 404', async () => {
    const wrong = `${base}/api/pusher/auth`
    const error = await subscribeError(await connect(client(wrong)), `private-x-${uid()}`)
    expect(error).toMatchObject({ code: 'auth/http-error', status: 404 })
    expect(error.message).toContain(wrong)
    expect(error.message).toContain('channelAuthorization.endpoint')
  })

  it('names the user-auth URL and option when sign-in fails', async () => {
    const wrong = `${base}/nope/user-auth`
    const c = await connect(client(undefined, wrong))
    const errors: unknown[] = []
    c.on('error', (e) => errors.push(e))
    c.signin()
    const error = (await waitFor(() => errors.find((e) => e instanceof AuthError), 5000, 'sign-in error')) as AuthError
    expect(error.message).toContain(wrong)
    expect(error.message).toContain('userAuthentication.endpoint')
  })

  it('names the URL when nothing listens there', async () => {
    const closed = 'http://127.0.0.1:9/sockudo/auth'
    const error = await subscribeError(await connect(client(closed)), `private-y-${uid()}`)
    expect(error.code).toBe('auth/network')
    expect(error.message).toContain(closed)
  })
})
