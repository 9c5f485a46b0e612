/**
 * Exactly once against the real Sockudo: the stand-in's chaos scenario (chaos-scenario.ts) with
 * the drops made by the TCP chaos proxy between the client and the real server (it has no
 * control routes). Every one of 10,000 messages must arrive once, in order, with consecutive
 * delivery serials, across 50+ drops of which some cut a frame in half.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { SockudoClient } from '@sockudo/vue/core'
import { startChaosProxy, type ChaosProxy } from '../reliability/chaos-proxy'
import { CHANNELS, MESSAGES, chaosSummary, runChaosScenario, type ChaosRun } from '../reliability/chaos-scenario'
import { clientFor, sdkFor } from '../reliability/support'
import { startRealServer, type RealServer } from './server'

let server: RealServer | undefined
let proxy: ChaosProxy | undefined
let client: SockudoClient | undefined

afterAll(async () => {
  client?.disconnect()
  await proxy?.close()
  await server?.stop()
})

describe('chaos proxy between the client and the real Sockudo', () => {
  let run: ChaosRun | undefined

  it('survives 50+ forced drops with V2 recovery and every resume succeeds', async () => {
    // As on the stand-in, a replay buffer big enough for a whole outage (config.toml keeps the
    // repository's 100): the test is about continuity, not about expiry.
    server = await startRealServer({ env: { CONNECTION_RECOVERY_MAX_BUFFER_SIZE: '5000' } })
    proxy = await startChaosProxy({ upstreamPort: server.port, seed: 7 })
    const sdk = sdkFor(server.port)
    client = clientFor(proxy.port, sdk, { protocolVersion: 2, connectionRecovery: true })
    run = await runChaosScenario(client, proxy, sdk)
    console.log(chaosSummary(`real Sockudo ${server.version}`, proxy.stats, run))

    expect(proxy.stats.drops).toBeGreaterThanOrEqual(50)
    expect(proxy.stats.midFrameDrops).toBeGreaterThan(0)
    expect(proxy.stats.cuts).toBeGreaterThan(0)
    expect(proxy.stats.stalls).toBeGreaterThan(0)
    expect(proxy.stats.upstreamCuts).toBeGreaterThan(0)
    expect(run.resumeFailures).toEqual([])
    expect(run.resumes, 'reconnects that resumed').toBeGreaterThanOrEqual(20)
  }, 58_000)

  it('delivered all 10,000 messages exactly once and in order, serials 1…5000 per channel', () => {
    if (!run) throw new Error('the chaos run above did not complete')
    const perChannel = MESSAGES / CHANNELS.length
    CHANNELS.forEach((name, c) => {
      const list = run!.received.get(name)!
      const expected = Array.from({ length: perChannel }, (_, n) => 2 * n + c)
      expect(list.map((r) => r.i), `${name}: payload order`).toEqual(expected)
      // A fresh server numbers each new channel's stream from 1, as the stand-in does.
      expect(list.map((r) => r.serial), `${name}: serials`).toEqual(expected.map((_, n) => String(n + 1)))
    })
  })
})
