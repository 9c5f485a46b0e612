import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChannelAuthHandler, createHistoryProxy, createPresenceHistoryProxy, createPushProxy, createUserAuthHandler, createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { SockudoHandler } from '@sockudo/vue/server'
import { createPrng } from '../reliability/prng'
import type { Prng } from '../reliability/prng'
import { fakeUpstream } from './upstream'
import type { SeenRequest } from './upstream'
import { ANSWERS, CONTENT_TYPES, METHODS, ORIGINS, ROUTES, bodyFor, encodeBody, pushPath } from './hostile-gen'
import type { HookAnswer, RouteName } from './hostile-gen'

/**
 * Hostile-input suite: thousands of seeded requests (methods, content types, bodies, field types
 * and lengths, encodings, origins) against every handler, each with one of every kind of answer
 * from the app's hook, through real `Request`s and a real HTTP upstream stand-in. Invariants: no
 * 5xx for client input (only a throwing hook gives 500, with no detail), JSON with nosniff, no
 * signature and no upstream call without an explicit allow, and no upstream path outside the
 * route's allow-list. Rerun a failure with the printed seed: `HOSTILE_SEED=<n>`.
 */
const SEED = Number(process.env.HOSTILE_SEED ?? 16_2026)
const REQUESTS = 5000
const LIMIT = 2048

const SEG = '[A-Za-z0-9%\\-_=@,;.:#]+'
const UPSTREAM_PATHS: Record<RouteName, RegExp> = {
  'channel-auth': /^$/,
  'user-auth': /^$/,
  history: new RegExp(`^/apps/app-id/channels/${SEG}/history$`),
  'presence-history': new RegExp(`^/apps/app-id/channels/presence-${SEG}/presence/history(/snapshot)?$`),
  messages: new RegExp(`^/apps/app-id/(events|channels/${SEG}/(history|messages/${SEG}(/versions|/update|/delete|/append|/annotations(/${SEG})?)?))$`),
  push: /^\/apps\/app-id\/push\/(deviceRegistrations|channelSubscriptions|publish|batch|scheduled|deliveryStatus)(\/[^/]+)*$/,
}
const RESERVED = /^(pusher|pusher_internal|sockudo|sockudo_internal):/i

let upstream: Awaited<ReturnType<typeof fakeUpstream>>
let current: HookAnswer = ANSWERS[0]!
let hookCalls = 0
const hook = <T>(): T => {
  hookCalls++
  return current.value() as T
}
const handlers = {} as Record<RouteName, SockudoHandler>

beforeAll(async () => {
  upstream = await fakeUpstream((seen) => (seen.method === 'DELETE' ? { status: 204, body: '' } : { status: 200, body: '{"ok":true,"items":[]}' }))
  const rest = { appId: 'app-id', key: 'app-key', secret: 'app-secret', port: Number(new URL(upstream.url).port), maxBodyBytes: LIMIT }
  const auth = { key: 'app-key', secret: 'app-secret', maxBodyBytes: LIMIT, encryptionMasterKeyBase64: Buffer.alloc(32, 7).toString('base64') }
  handlers['channel-auth'] = createChannelAuthHandler({ ...auth, authorize: hook })
  handlers['user-auth'] = createUserAuthHandler({ ...auth, authorize: hook })
  handlers.history = createHistoryProxy({ ...rest, authorize: hook })
  handlers['presence-history'] = createPresenceHistoryProxy({ ...rest, authorize: hook })
  handlers.messages = createVersionedMessagesProxy({ ...rest, authorize: hook })
  handlers.push = createPushProxy({ ...rest, basePath: '/push', authorize: hook })
})
afterAll(() => upstream.close())

interface Case { route: RouteName; answer: HookAnswer; request: Request; describe: string }

/** Half the cases are well-formed around the hostile fields, so the hook and the upstream are reached often. */
function generate(rng: Prng): Case {
  const route = rng.pick(ROUTES)
  const answer = rng.int(5) < 2 ? rng.pick(ANSWERS.filter((a) => a.allows.includes(route))) : rng.pick(ANSWERS)
  const plausible = rng.int(2) === 0
  const method = route === 'push' ? rng.pick(['GET', 'POST', 'DELETE', 'PUT', 'POST']) : plausible ? 'POST' : rng.pick(METHODS)
  const headers = new Headers()
  const type = plausible ? 'application/json' : rng.pick(CONTENT_TYPES)
  if (type !== undefined) headers.set('content-type', type)
  const origin = plausible ? rng.pick([undefined, 'http://app.test']) : rng.pick(ORIGINS)
  if (origin !== undefined) headers.set('origin', origin)
  if (route === 'push' && rng.int(2) === 0) headers.set('x-sockudo-push-capability', 'push-admin')
  const fields = bodyFor(route, rng)
  const body = method === 'GET' || method === 'HEAD' ? undefined : plausible ? JSON.stringify(fields) : encodeBody(fields, rng, LIMIT)
  const url = `http://app.test${route === 'push' ? pushPath(rng) : `/${route}`}`
  const request = new Request(url, { method, headers, ...(body === undefined ? {} : { body }) })
  return { route, answer, request, describe: `${method} ${url} [${type}] origin=${origin} hook=${answer.label} body=${body?.slice(0, 160)}` }
}

/** Everything the upstream received for one case must be on the route's allow-list and carry no forged fields. */
function checkForwarded(c: Case, seen: readonly SeenRequest[]): void {
  for (const s of seen) {
    expect(s.path, c.describe).toMatch(UPSTREAM_PATHS[c.route])
    expect(s.signatureValid, c.describe).toBe(true)
    if (c.route === 'push') expect(['push-subscribe', 'push-admin'], c.describe).toContain(s.headers['x-sockudo-push-capability'])
    if (c.route !== 'messages' || s.method !== 'POST') continue
    const sent = JSON.parse(s.body) as Record<string, unknown>
    if (typeof sent.name === 'string' && sent.name !== 'sockudo:message.create') expect(sent.name, c.describe).not.toMatch(RESERVED)
    if (sent.extras !== undefined) expect(Object.keys(sent.extras as object).every((k) => ['headers', 'ephemeral', 'echo'].includes(k)), c.describe).toBe(true)
    const author = sent.client_id ?? sent.clientId
    if (author !== undefined) expect(author, c.describe).toBe('u-1')
  }
}

/** Runs one case and checks every invariant; resolves with 1 when it was signed (200 from an auth route). */
async function runCase(c: Case): Promise<number> {
  current = c.answer
  const callsBefore = hookCalls
  const seenBefore = upstream.seen.length
  const response = await handlersFor(c.route)(c.request)
  const text = await response.text()
  const asked = hookCalls > callsBefore
  const allowed = asked && c.answer.allows.includes(c.route)
  if (asked && c.answer.throws) {
    expect(response.status, c.describe).toBe(500)
    expect(text, c.describe).not.toContain('hunter2')
  } else {
    expect(response.status, c.describe).toBeLessThan(500)
  }
  expect(response.headers.get('x-content-type-options'), c.describe).toBe('nosniff')
  if (text !== '') {
    expect(response.headers.get('content-type'), c.describe).toBe('application/json')
    expect(() => JSON.parse(text), c.describe).not.toThrow()
  }
  // Forwarding happens at most once per request; the stand-in has answered before the handler returns.
  const forwarded = upstream.seen.slice(seenBefore)
  if (!allowed) {
    expect(forwarded, c.describe).toHaveLength(0)
    expect(text, c.describe).not.toContain('"auth"')
  }
  checkForwarded(c, forwarded)
  const signedHere = response.status === 200 && (c.route === 'channel-auth' || c.route === 'user-auth')
  if (signedHere) expect(allowed, c.describe).toBe(true)
  return signedHere ? 1 : 0
}

function handlersFor(route: RouteName): SockudoHandler {
  return handlers[route]
}

describe('hostile input against every @sockudo/vue/server route', () => {
  it(`${REQUESTS} seeded requests (seed ${SEED}) keep every invariant`, async () => {
    const rng = createPrng(SEED)
    let signed = 0
    for (let i = 0; i < REQUESTS; i++) signed += await runCase(generate(rng))
    // The run must reach the interesting paths, not just bounce off validation.
    expect(upstream.seen.length).toBeGreaterThan(150)
    expect(signed).toBeGreaterThan(50)
  }, 60_000)
})
