/**
 * The exactly-once chaos scenario, shared by the stand-in run (chaos.live.test.ts) and the real
 * Sockudo run (test/real-server/chaos.test.ts): one V2 client with connection recovery behind a
 * chaos proxy, thousands of messages published over the HTTP API in batches while the proxy
 * drops the connection dozens of times (half of the drops cut a frame in half). The caller
 * starts the server, the proxy and the client, and checks what was delivered.
 */
import type Pusher from 'pusher'
import type { SockudoClient } from '@sockudo/vue/core'
import type { ChaosProxy, ChaosStats } from './chaos-proxy'
import { createPrng } from './prng'
import { sleep, until } from './support'

export const MESSAGES = 10_000
export const BATCH = 50
export const TARGET_DROPS = 55
export const CHANNELS = ['chaos-a', 'chaos-b'] as const

/** One delivered `tick`: its payload index and delivery serial. */
export interface Received {
  i: number
  serial: string | undefined
}

/** What one run delivered and how it went. */
export interface ChaosRun {
  /** Deliveries per channel, in delivery order. */
  received: Map<string, Received[]>
  /** `channel: code/reason` of every `resume_failed`. */
  resumeFailures: string[]
  /** Reconnects whose resume recovered at least one channel. */
  resumes: number
  /** From the first publish until delivery went quiet. */
  durationMs: number
}

/** Drops every connection once the client is back and settled, until `target` drops happened. */
async function dropDriver(client: SockudoClient, p: ChaosProxy, seed: number, target: number, settled: () => boolean): Promise<void> {
  const rng = createPrng(seed)
  while (p.stats.drops < target) {
    await until(() => client.connection.state === 'connected' && settled(), 10_000, 'client back after a drop')
    await sleep(10 + rng.int(60))
    p.drop({ midFrame: rng.next() < 0.5 })
    await until(() => client.connection.state !== 'connected', 2000, 'client noticed the drop')
  }
}

/** Publishes MESSAGES events in batches, spread over the drops (batch k waits for its share of drops). */
async function publisher(sdk: Pusher, p: ChaosProxy): Promise<void> {
  const batches = MESSAGES / BATCH
  for (let k = 0; k < batches; k++) {
    const share = Math.floor((k * TARGET_DROPS) / batches)
    await until(() => p.stats.drops >= share, 20_000, `drop ${share}`)
    const batch = Array.from({ length: BATCH }, (_, j) => {
      const i = k * BATCH + j
      return { channel: CHANNELS[i % 2]!, name: 'tick', data: JSON.stringify({ i }) }
    })
    const res = await sdk.triggerBatch(batch)
    if (res.status !== 200) throw new Error(`triggerBatch ${res.status}`)
  }
}

/** Waits until `count()` reaches `target` or stops growing for 1 s (at most 20 s). */
async function quiet(count: () => number, target: number): Promise<void> {
  const deadline = Date.now() + 20_000
  let last = -1
  while (count() < target && count() !== last && Date.now() < deadline) {
    last = count()
    await sleep(1000)
  }
}

/**
 * Runs the scenario: `client` (V2, connection recovery, pointed at `proxy`) subscribes to
 * {@link CHANNELS}, `sdk` (talking to the server directly) publishes {@link MESSAGES} while
 * the proxy drops the connection {@link TARGET_DROPS} times.
 */
export async function runChaosScenario(client: SockudoClient, proxy: ChaosProxy, sdk: Pusher): Promise<ChaosRun> {
  const received = new Map<string, Received[]>(CHANNELS.map((c) => [c, []]))
  const resumeFailures: string[] = []
  client.on('resume_failed', (f) => resumeFailures.push(`${f.channel}: ${f.code}/${f.reason}`))
  let resumes = 0
  client.on('resumed', (r) => void (resumes += r.recovered.length > 0 ? 1 : 0))
  const channels = CHANNELS.map((name) => {
    const channel = client.subscribe(name)
    channel.bind<{ i: number }>('tick', (data, meta) => received.get(name)!.push({ i: data.i, serial: meta.serial }))
    return channel
  })
  client.connect()
  await until(() => channels.every((c) => c.state === 'subscribed'), 5000, 'subscribed')
  const settled = () => channels.every((c) => c.state === 'subscribed')
  const started = Date.now()
  await Promise.all([publisher(sdk, proxy), dropDriver(client, proxy, 11, TARGET_DROPS, settled)])
  await quiet(() => [...received.values()].reduce((n, r) => n + r.length, 0), MESSAGES)
  return { received, resumeFailures, resumes, durationMs: Date.now() - started }
}

/** Per channel: payloads never delivered, delivered more than once, and delivered out of order. */
export function deliveryFaults(received: Map<string, Received[]>): { missing: number; duplicates: number; outOfOrder: number } {
  const perChannel = MESSAGES / CHANNELS.length
  let missing = 0
  let duplicates = 0
  let outOfOrder = 0
  CHANNELS.forEach((name, c) => {
    const list = received.get(name) ?? []
    const seen = new Set(list.map((r) => r.i))
    duplicates += list.length - seen.size
    for (let n = 0; n < perChannel; n++) if (!seen.has(2 * n + c)) missing++
    for (let k = 1; k < list.length; k++) if (list[k]!.i <= list[k - 1]!.i) outOfOrder++
  })
  return { missing, duplicates, outOfOrder }
}

/** The one summary line a run prints (figures for the README). */
export function chaosSummary(server: string, stats: ChaosStats, run: ChaosRun): string {
  const delivered = [...run.received.values()].reduce((n, r) => n + r.length, 0)
  const { missing, duplicates, outOfOrder } = deliveryFaults(run.received)
  return `[chaos] ${server}: ${MESSAGES} messages, ${delivered} delivered, ${stats.drops} drops (${stats.midFrameDrops} mid-frame), ` +
    `${stats.cuts} cut frames, ${stats.stalls} stalls, ${run.resumes} resumes, ${run.resumeFailures.length} resume failures, ` +
    `${missing} missing, ${duplicates} duplicates, ${outOfOrder} out of order, ${(run.durationMs / 1000).toFixed(1)} s`
}
