/**
 * Starts and stops a real Sockudo on loopback with `config.toml` of this folder. The port,
 * adapter and instance id come through env (they override the file), so several servers run
 * side by side. Readiness is `GET /up/app-id` answering 200; a server that exits or does not
 * become ready fails with its own last log lines.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findRealBinary, installHint } from './binary'

/** The config every suite uses. */
export const REAL_CONFIG = fileURLToPath(new URL('./config.toml', import.meta.url))

/** The app of `config.toml`. */
export const REAL_APP = { id: 'app-id', key: 'app-key', secret: 'app-secret' } as const

/** Options of {@link startRealServer}. */
export interface RealServerOptions {
  /** Port; a free one when omitted. */
  port?: number
  /** Extra env (e.g. `ADAPTER_DRIVER=redis`, `REDIS_URL`, `INSTANCE_PROCESS_ID`). */
  env?: Record<string, string>
  /** Config file. @default config.toml of this folder */
  config?: string
  /** How long to wait for readiness, in ms. @default 30000 */
  readyTimeoutMs?: number
}

/** A running real Sockudo. */
export interface RealServer {
  host: string
  port: number
  version: string
  /** Log lines so far (stdout and stderr). */
  logs(): string[]
  /** Kills the process abruptly (SIGKILL), as a crash would. */
  kill(): Promise<void>
  /** Stops the process (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Starts the pinned real Sockudo and resolves once it is ready. */
export async function startRealServer(options: RealServerOptions = {}): Promise<RealServer> {
  const binary = findRealBinary()
  if (!binary.ok) throw new Error(`real Sockudo unavailable: ${binary.reason}. Install it: ${installHint()}`)
  const host = '127.0.0.1'
  const port = options.port ?? (await freePort())
  // An empty working directory: no config/config.toml of the cwd is loaded before --config.
  const cwd = mkdtempSync(join(tmpdir(), 'sockudo-real-'))
  const child = spawn(binary.path, ['--config', options.config ?? REAL_CONFIG], {
    cwd,
    env: { ...process.env, HOST: host, PORT: String(port), METRICS_ENABLED: 'false', RUST_LOG: process.env.RUST_LOG ?? 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line)
    if (lines.length > 2000) lines.splice(0, lines.length - 2000)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let gone = false
  void exited.then(() => (gone = true))
  const fail = (why: string) =>
    new Error(`real Sockudo ${why} (port ${port}). Its last log lines:\n${lines.slice(-25).join('\n') || '(no output)'}`)

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000)
  for (;;) {
    if (gone) throw fail(`exited with code ${await exited} before it was ready`)
    if (await isReady(host, port)) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw fail('was not ready in time')
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  checkConfigApplied(lines, fail)

  const stopWith = async (signal: NodeJS.Signals) => {
    if (gone) return
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    await exited
    clearTimeout(timer)
  }
  return {
    host, port, version: binary.version,
    logs: () => [...lines],
    kill: () => stopWith('SIGKILL'),
    stop: () => stopWith('SIGTERM'),
  }
}

async function isReady(host: string, port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://${host}:${port}/up/${REAL_APP.id}`, { signal: AbortSignal.timeout(1000) })
    await res.arrayBuffer()
    return res.ok
  } catch {
    return false
  }
}

/** Sockudo keeps its defaults when `--config` fails to load: that must not pass unnoticed. */
function checkConfigApplied(lines: string[], fail: (why: string) => Error): void {
  if (lines.some((l) => /explicit configuration load failed/i.test(l))) throw fail('could not load its config file')
}
