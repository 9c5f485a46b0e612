/**
 * Chaos: the client talks to its own local server through a proxy that drops connections
 * (sometimes in the middle of a frame), cuts frames into pieces and stalls. Seeded, bounded.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type Pusher from 'pusher'
import type { SockudoClient } from '@sockudo/vue/core'
import { DEFAULT_APP, startServer, type TestServer } from '../stand-in'
import { startChaosProxy, type ChaosProxy } from './chaos-proxy'
import { CHANNELS, MESSAGES, chaosSummary, runChaosScenario, type Received } from './chaos-scenario'
import { createPrng } from './prng'
import { clientFor, sdkFor, sleep, until } from './support'

let server: TestServer | undefined
let proxy: ChaosProxy | undefined
const clients: SockudoClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect()
  await proxy?.close()
  await server?.close()
  proxy = undefined
  server = undefined
})

/** What the recovery chaos run delivered, per channel (checked again by the exactly-once test). */
let recoveryRun: Map<string, Received[]> | undefined

describe('chaos proxy between the client and the server', () => {
  it('survives 50+ forced drops with V2 recovery and never delivers a message twice', async () => {
    // A replay buffer big enough for a whole outage: the test is about the client, not about expiry.
    server = await startServer({ port: 0, apps: [{ ...DEFAULT_APP, recoveryBufferSize: 5000 }] })
    proxy = await startChaosProxy({ upstreamPort: server.port, seed: 7 })
    const sdk = sdkFor(server.port)
    const client = clientFor(proxy.port, sdk, { protocolVersion: 2, connectionRecovery: true })
    clients.push(client)
    const run = await runChaosScenario(client, proxy, sdk)
    const { received, resumeFailures, resumes } = run
    recoveryRun = received
    console.log(chaosSummary('stand-in', proxy.stats, run))

    expect(proxy.stats.drops).toBeGreaterThanOrEqual(50)
    expect(proxy.stats.midFrameDrops).toBeGreaterThan(0)
    expect(proxy.stats.cuts).toBeGreaterThan(0)
    expect(proxy.stats.stalls).toBeGreaterThan(0)
    expect(proxy.stats.upstreamCuts).toBeGreaterThan(0)
    expect(resumeFailures).toEqual([])
    expect(resumes, 'reconnects that resumed').toBeGreaterThanOrEqual(20)
    CHANNELS.forEach((name, c) => {
      const list = received.get(name)!
      expect(new Set(list.map((r) => r.i)).size, `${name}: duplicates`).toBe(list.length)
      // Every delivery is intact: right channel, and the serial belongs to the payload.
      expect(list.filter((r) => r.i % 2 !== c || r.serial !== String((r.i - c) / 2 + 1)), `${name}: mismatches`).toEqual([])
    })
  }, 58_000)

  // The resume window (recovery-gap.live.test.ts): live frames that arrive after a reconnect but
  // before resume_success are held by the client's ResumeGate; with upstream cuts that window is
  // hit in practically every run, so this run proves the gate end to end.
  it('delivered all 10,000 messages of that run exactly once and in order', () => {
    const received = recoveryRun
    if (!received) throw new Error('the chaos run above did not complete')
    const perChannel = MESSAGES / CHANNELS.length
    CHANNELS.forEach((name, c) => {
      const list = received.get(name)!
      const expected = Array.from({ length: perChannel }, (_, n) => 2 * n + c)
      expect(list.map((r) => r.i), `${name}: payload order`).toEqual(expected)
      expect(list.map((r) => r.serial), `${name}: serials`).toEqual(expected.map((_, n) => String(n + 1)))
    })
  })

  it.each([1, 2] as const)('converges channel and presence state to the server after every reconnect without recovery (protocol V%i)', async (protocolVersion) => {
    // No presence grace: the roster must follow the sockets at once (the V2 default keeps a dropped member 15 s).
    server = await startServer({ port: 0, presenceGraceV2: 0 })
    proxy = await startChaosProxy({ upstreamPort: server.port, seed: 3 })
    const sdk = sdkFor(server.port)
    const rng = createPrng(5)
    const wanted = Array.from({ length: 6 }, (_, u) => new Set<string>(['presence-lobby', POOL[u % POOL.length]!]))
    wanted.forEach((set, u) => {
      const client = clientFor(proxy!.port, sdk, { protocolVersion, presence: { user_id: `u${u}`, user_info: { n: u } } })
      clients.push(client)
      for (const name of set) client.subscribe(name)
      client.connect()
    })
    for (let round = 0; round < 12; round++) {
      await convergence(sdk, wanted)
      // The server may see a client before the proxy replaced its previous pipe: drop only
      // once every client has exactly one live connection, so each round drops all of them.
      await until(() => proxy!.openCount() === clients.length, 10_000, 'one connection per client')
      proxy.drop({ midFrame: rng.next() < 0.5 })
      // Change what clients want while they are offline or reconnecting.
      for (let m = 0; m < 2; m++) {
        const u = rng.int(clients.length)
        const name = rng.pick(POOL)
        if (wanted[u]!.has(name)) {
          wanted[u]!.delete(name)
          clients[u]!.unsubscribe(name)
        } else {
          wanted[u]!.add(name)
          clients[u]!.subscribe(name)
        }
      }
    }
    const { expected, actual } = await convergence(sdk, wanted)
    expect(actual).toEqual(expected)
    expect(proxy.stats.drops).toBeGreaterThanOrEqual(12 * 6)
  }, 58_000)
})

const POOL = ['room-1', 'room-2', 'room-3', 'presence-lobby', 'presence-team'] as const

interface View {
  /** Server: occupied channel → subscription_count. Clients: channel → number of clients subscribed. */
  counts: Record<string, number>
  /** Presence channel → sorted user ids (server), and each subscribed client's roster. */
  rosters: Record<string, string[]>
  clientRosters: Record<string, string[][]>
}

/** Waits until the server's HTTP API and every client agree with what the clients want. */
async function convergence(sdk: Pusher, wanted: Set<string>[]): Promise<{ expected: View; actual: View }> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const expected = expectedView(wanted)
    const actual = await actualView(sdk, wanted)
    if (JSON.stringify(expected) === JSON.stringify(actual) || Date.now() > deadline) return { expected, actual }
    await sleep(25)
  }
}

function expectedView(wanted: Set<string>[]): View {
  const view: View = { counts: {}, rosters: {}, clientRosters: {} }
  wanted.forEach((set, u) => {
    for (const name of set) {
      view.counts[name] = (view.counts[name] ?? 0) + 1
      if (name.startsWith('presence-')) (view.rosters[name] ??= []).push(`u${u}`)
    }
  })
  for (const [name, ids] of Object.entries(view.rosters)) {
    ids.sort()
    view.clientRosters[name] = ids.map(() => ids)
  }
  return sortKeys(view)
}

async function actualView(sdk: Pusher, wanted: Set<string>[]): Promise<View> {
  const view: View = { counts: {}, rosters: {}, clientRosters: {} }
  const res = await sdk.get({ path: '/channels', params: { info: 'subscription_count' } })
  const body = (await res.json()) as { channels: Record<string, { subscription_count: number }> }
  for (const [name, info] of Object.entries(body.channels)) view.counts[name] = info.subscription_count
  for (const name of POOL.filter((n) => n.startsWith('presence-') && view.counts[n])) {
    const users = (await (await sdk.get({ path: `/channels/${name}/users` })).json()) as { users: { id: string }[] }
    view.rosters[name] = users.users.map((u) => u.id).sort()
    view.clientRosters[name] = clients.flatMap((c, u) => {
      const channel = c.channel(name)
      if (!wanted[u]!.has(name) || !channel || !('members' in channel)) return []
      return [(channel.members as { toArray(): { id: string }[] }).toArray().map((m) => m.id).sort()]
    })
  }
  return sortKeys(view)
}

function sortKeys(view: View): View {
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))
  return { counts: sorted(view.counts), rosters: sorted(view.rosters), clientRosters: sorted(view.clientRosters) }
}
