/**
 * A throwaway Debian `redis-server` on loopback for the two-node cluster test: a free port, no
 * persistence, started and stopped by the test. Readiness is a `PING` answered `+PONG`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { connect } from 'node:net'
import { freePort } from './server'

/** A running redis-server. */
export interface RedisServer {
  port: number
  /** `redis://127.0.0.1:<port>` */
  url: string
  /** Log lines so far. */
  logs(): string[]
  stop(): Promise<void>
}

/** Why `redis-server` cannot run here, or undefined when it can. */
export function redisUnavailable(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8', timeout: 5000 })
  if (probe.error) return `redis-server not found (${probe.error.message}); install Debian's redis-server (apt-get install redis-server)`
  if (probe.status !== 0) return `redis-server --version exited with ${probe.status}: ${probe.stderr.trim()}`
  return undefined
}

/** Starts redis-server on a free loopback port and resolves once it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim()))
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let gone = false
  void exited.then(() => (gone = true))
  const stop = async () => {
    if (gone) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + 10_000
  while (!(await pong(port))) {
    if (gone || Date.now() > deadline) {
      await stop()
      throw new Error(`redis-server on port ${port} did not start. Its log:\n${lines.slice(-20).join('\n') || '(no output)'}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return { port, url: `redis://127.0.0.1:${port}`, logs: () => [...lines], stop }
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')))
  })
}
