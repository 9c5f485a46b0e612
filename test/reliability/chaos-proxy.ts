/**
 * A loopback TCP proxy that misbehaves on purpose, for the chaos tests.
 *
 * Every byte between a client and the upstream server passes through it. Downstream data
 * (server → client) is cut into random pieces at arbitrary byte offsets, so WebSocket frames
 * arrive split across reads, and is stalled now and then. Upstream data is cut too, with a few
 * ms between pieces, so frames the client sent together reach the server in separate reads. `drop()` destroys connections
 * abruptly, optionally after writing only part of the pending data (a frame cut in half).
 * All randomness comes from a seeded PRNG; stalls are bounded in count and length.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createPrng, type Prng } from './prng'

/** Options of {@link startChaosProxy}. */
export interface ChaosProxyOptions {
  /** Upstream host. @default '127.0.0.1' */
  upstreamHost?: string
  /** Upstream port. */
  upstreamPort: number
  /** PRNG seed. @default 1 */
  seed?: number
  /** Probability that a downstream chunk is cut into 2–4 pieces. @default 0.3 */
  cutProbability?: number
  /** Probability that a downstream chunk starts a stall. @default 0.02 */
  stallProbability?: number
  /** Longest stall (ms). @default 150 */
  maxStallMs?: number
  /** Most stalls over the proxy's life. @default 200 */
  maxStalls?: number
  /**
   * Probability that an upstream chunk (client → server) is cut into pieces sent 1–5 ms apart,
   * so frames the client wrote together reach the server in separate reads. @default 0.3
   */
  upstreamCutProbability?: number
}

/** Counters of what the proxy did. */
export interface ChaosStats {
  connections: number
  /** Connections destroyed by `drop()`. */
  drops: number
  /** Drops that cut a frame (part of a pending chunk written before destroying). */
  midFrameDrops: number
  stalls: number
  /** Downstream chunks cut into pieces. */
  cuts: number
  /** Upstream chunks cut into pieces. */
  upstreamCuts: number
}

/** A running proxy. */
export interface ChaosProxy {
  readonly port: number
  readonly stats: ChaosStats
  /** Open client connections. */
  openCount(): number
  /**
   * Destroys every open connection. With `midFrame` each connection first writes part of its
   * next downstream chunk (a WebSocket frame cut off), or is destroyed after 100 ms if none comes.
   * Returns how many connections were dropped.
   */
  drop(options?: { midFrame?: boolean }): number
  /** Refuses new connections (they are destroyed at once) until `accept(true)`. */
  accept(on: boolean): void
  /** Sends new connections to another upstream port (open ones keep theirs): a node switch. */
  retarget(upstreamPort: number): void
  close(): Promise<void>
}

interface Pipe {
  client: Socket
  upstream: Socket
  queue: Buffer[]
  pumping: boolean
  /** Client → server chunks waiting to be written. */
  upQueue: Buffer[]
  upPumping: boolean
  dead: boolean
  /** Armed by a mid-frame drop: write part of the next chunk, then destroy. */
  cutNext: boolean
}

/** Starts the proxy on 127.0.0.1 with a free port. */
export async function startChaosProxy(options: ChaosProxyOptions): Promise<ChaosProxy> {
  const o = { upstreamHost: '127.0.0.1', seed: 1, cutProbability: 0.3, stallProbability: 0.02, maxStallMs: 150, maxStalls: 200, upstreamCutProbability: 0.3, ...options }
  const rng = createPrng(o.seed)
  const stats: ChaosStats = { connections: 0, drops: 0, midFrameDrops: 0, stalls: 0, cuts: 0, upstreamCuts: 0 }
  const pipes = new Set<Pipe>()
  let accepting = true
  const server: Server = createServer((client) => {
    if (!accepting) return void client.destroy()
    stats.connections++
    const upstream = connect(o.upstreamPort, o.upstreamHost)
    const pipe: Pipe = { client, upstream, queue: [], pumping: false, upQueue: [], upPumping: false, dead: false, cutNext: false }
    pipes.add(pipe)
    client.setNoDelay(true)
    upstream.setNoDelay(true)
    const kill = () => destroyPipe(pipe, pipes)
    client.on('error', kill).on('close', kill)
    upstream.on('error', kill).on('close', kill)
    client.on('data', (chunk: Buffer) => {
      pipe.upQueue.push(chunk)
      if (!pipe.upPumping) void pumpUp(pipe, rng, o.upstreamCutProbability, stats)
    })
    upstream.on('data', (chunk: Buffer) => {
      pipe.queue.push(chunk)
      if (!pipe.pumping) void pump(pipe, rng, o, stats)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    stats,
    openCount: () => pipes.size,
    drop: ({ midFrame = false } = {}) => {
      let n = 0
      for (const pipe of [...pipes]) {
        n++
        if (!midFrame) {
          destroyPipe(pipe, pipes)
          continue
        }
        // Cut the next downstream chunk in half, or drop plainly when nothing comes soon.
        pipe.cutNext = true
        if (pipe.queue.length > 0 && !pipe.pumping) void pump(pipe, rng, o, stats)
        setTimeout(() => destroyPipe(pipe, pipes), 100)
      }
      stats.drops += n
      return n
    },
    accept: (on) => {
      accepting = on
    },
    retarget: (upstreamPort) => {
      o.upstreamPort = upstreamPort
    },
    close: () => new Promise<void>((resolve) => {
      for (const pipe of [...pipes]) destroyPipe(pipe, pipes)
      server.close(() => resolve())
    }),
  }
}

function destroyPipe(pipe: Pipe, pipes: Set<Pipe>): void {
  if (pipe.dead) return
  pipe.dead = true
  pipe.queue.length = 0
  pipe.client.destroy()
  pipe.upstream.destroy()
  pipes.delete(pipe)
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Writes queued downstream chunks, cutting and stalling at random. */
async function pump(pipe: Pipe, rng: Prng, o: Required<ChaosProxyOptions>, stats: ChaosStats): Promise<void> {
  pipe.pumping = true
  try {
    while (!pipe.dead && pipe.queue.length > 0) {
      if (stats.stalls < o.maxStalls && rng.next() < o.stallProbability) {
        stats.stalls++
        await sleep(1 + rng.int(o.maxStallMs))
        continue
      }
      const chunk = pipe.queue.shift()!
      if (pipe.cutNext) {
        pipe.client.write(chunk.subarray(0, Math.max(1, rng.int(chunk.length))))
        stats.midFrameDrops++
        pipe.client.destroy()
        pipe.upstream.destroy()
        return
      }
      if (chunk.length < 2 || rng.next() >= o.cutProbability) {
        pipe.client.write(chunk)
        continue
      }
      stats.cuts++
      for (const piece of cut(chunk, rng)) {
        if (pipe.dead) return
        pipe.client.write(piece)
        await new Promise<void>((r) => setImmediate(r))
      }
    }
  } finally {
    pipe.pumping = false
  }
}

/** Writes queued upstream chunks in order, some cut into pieces a few ms apart. */
async function pumpUp(pipe: Pipe, rng: Prng, cutProbability: number, stats: ChaosStats): Promise<void> {
  pipe.upPumping = true
  try {
    while (!pipe.dead && pipe.upQueue.length > 0) {
      const chunk = pipe.upQueue.shift()!
      if (chunk.length < 2 || rng.next() >= cutProbability) {
        pipe.upstream.write(chunk)
        continue
      }
      stats.upstreamCuts++
      for (const piece of cut(chunk, rng)) {
        if (pipe.dead) return
        pipe.upstream.write(piece)
        await sleep(1 + rng.int(5))
      }
    }
  } finally {
    pipe.upPumping = false
  }
}

/** Splits a chunk into 2–4 pieces at random offsets. */
function cut(chunk: Buffer, rng: Prng): Buffer[] {
  const offsets = new Set<number>()
  const pieces = 1 + rng.int(3)
  for (let i = 0; i < pieces; i++) offsets.add(1 + rng.int(chunk.length - 1))
  const sorted = [...offsets].sort((a, b) => a - b)
  const out: Buffer[] = []
  let start = 0
  for (const end of sorted) {
    out.push(chunk.subarray(start, end))
    start = end
  }
  out.push(chunk.subarray(start))
  return out
}
