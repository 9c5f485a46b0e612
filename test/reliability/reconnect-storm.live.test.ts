/**
 * No reconnect storm: 100 clients lose their connections at the same moment and find the
 * server unreachable for a while. Their attempts, recorded at a proxy, must stay within the
 * backoff bound per client and be spread in time by the jitter; the failing channel auth
 * endpoint must be asked once per connection, not in a loop.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { SockudoClient } from '@sockudo/vue/core'
import { startServer, type TestServer } from '../stand-in'
import { startAttemptProxy, type AttemptProxy } from './attempt-proxy'
import { startAuthEndpoint, type AuthEndpoint } from './auth-endpoint'
import { clientFor, sdkFor, sleep, until } from './support'

const CLIENTS = 100
const OUTAGE_MS = 4000
const BACKOFF = { baseDelay: 200, maxDelay: 2000 }

let server: TestServer | undefined
let proxy: AttemptProxy | undefined
let endpoint: AuthEndpoint | undefined
const clients: SockudoClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect()
  await proxy?.close()
  await endpoint?.close()
  await server?.close()
  server = proxy = endpoint = undefined
})

/** Most attempts a client can make in `window` ms with equal jitter (each delay ≥ half its cap). */
function attemptBound(window: number): number {
  let elapsed = 0
  let n = 0
  while (elapsed <= window) {
    elapsed += Math.min(BACKOFF.maxDelay, BACKOFF.baseDelay * 2 ** n) / 2
    n++
  }
  return n
}

/** Largest number of attempts that fall in any `width` ms window. */
function densestWindow(times: number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! > width) j++
    best = Math.max(best, i - j + 1)
  }
  return best
}

describe('reconnect storm', () => {
  it('spreads the reconnects of 100 dropped clients and bounds attempts and auth requests per client', async () => {
    server = await startServer({ port: 0 })
    proxy = await startAttemptProxy(server.port)
    const sdk = sdkFor(server.port)
    endpoint = await startAuthEndpoint(sdk)
    endpoint.mode = 'http-500'
    const delays: number[][] = Array.from({ length: CLIENTS }, () => [])
    for (let n = 0; n < CLIENTS; n++) {
      const c = clientFor(proxy.port, sdk, { wsPath: `/c${n}`, reconnect: BACKOFF, channelAuthorization: { endpoint: endpoint.url } })
      c.connection.bind('connecting_in', ({ delay }) => delays[n]!.push(delay))
      c.subscribe(`private-storm-${n}`)
      c.connect()
      clients.push(c)
    }
    await until(() => clients.every((c) => c.connection.state === 'connected' && c.channel(`private-storm-${clients.indexOf(c)}`)!.state === 'failed'), 20_000, 'all connected, channels failed')
    const authBefore = endpoint.total()

    proxy.accept(false)
    const dropAt = Date.now()
    server.terminateAll()
    await sleep(OUTAGE_MS)
    proxy.accept(true)
    await until(() => clients.every((c) => c.connection.state === 'connected'), 20_000, 'all reconnected')
    await sleep(300)

    const perClient = [...proxy.attempts.values()].map((times) => times.filter((t) => t >= dropAt))
    const counts = perClient.map((t) => t.length)
    const bound = attemptBound(OUTAGE_MS) + 1 // + the attempt that succeeds after the outage
    expect(perClient).toHaveLength(CLIENTS)
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2)
    expect(Math.max(...counts)).toBeLessThanOrEqual(bound)
    // Jitter: the delays the clients chose before their third attempt (cap 800 ms, equal jitter:
    // 400–800 ms) are spread out. The delays, not the observed attempt times: on a loaded machine
    // a stalled event loop fires due timers together, which says nothing about the backoff.
    // Without jitter (random: () => 0.5) all 100 are the same value.
    const third = delays.map((d) => d[2]).filter((d): d is number => d !== undefined)
    expect(third).toHaveLength(CLIENTS)
    expect(densestWindow(third, 50)).toBeLessThanOrEqual(CLIENTS / 3)
    expect(Math.min(...third)).toBeGreaterThanOrEqual(400)
    expect(Math.max(...third)).toBeLessThanOrEqual(800)
    // One auth request per channel per new connection; failures are not retried in a loop.
    expect([...endpoint.hits.values()].every((n) => n === 1)).toBe(true)
    expect(endpoint.total() - authBefore).toBe(CLIENTS)
  }, 55_000)
})
