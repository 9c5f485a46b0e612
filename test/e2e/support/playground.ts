/**
 * The built playground for the browser suite: builds it once per source fingerprint (like
 * test/nuxt/support/fixture.ts), then starts a local Sockudo-compatible server and the
 * playground's Nitro server on free ports.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourceFingerprint } from '../../support/fingerprint'
import { startServer } from '../../stand-in/index'
import { startChaosProxy } from '../../reliability/chaos-proxy'
import { freePort, startRealServer } from '../../real-server/server'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
const playgroundDir = join(repo, 'playground')
const sharedDir = join(playgroundDir, '.output/e2e-build')
const buildDir = join(sharedDir, 'nuxt')
const outputDir = join(sharedDir, 'output')
const fingerprintFile = join(sharedDir, 'fingerprint')
const watched = ['src', 'nuxt-module/src', 'nuxt-module/dev', 'playground']


function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`))))
  })
}

/** Builds the playground unless a build of the current sources exists; returns the server entry. */
export async function buildPlayground(): Promise<string> {
  const entry = join(outputDir, 'server/index.mjs')
  const fingerprint = await sourceFingerprint(repo, watched)
  const previous = existsSync(fingerprintFile) ? await readFile(fingerprintFile, 'utf8') : ''
  if (previous === fingerprint && existsSync(entry)) return entry
  await rm(sharedDir, { recursive: true, force: true })
  const script = fileURLToPath(new URL('./build-playground.mjs', import.meta.url))
  await run(process.execPath, [script, playgroundDir, buildDir, outputDir], { ...process.env, NUXT_TELEMETRY_DISABLED: '1' })
  await writeFile(fingerprintFile, fingerprint)
  return entry
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`playground server exited ${child.exitCode}:\n${log()}`)
    const ok = await fetch(url).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`playground server did not answer at ${url}:\n${log()}`)
}

/** The Sockudo the playground talks to: the stand-in, or (`SOCKUDO_E2E_SERVER=real`) the real one. */
export interface E2eSockudo {
  /** HTTP API port. */
  port: number
  /** WebSocket port the browser dials. */
  wsPort: number
  /** Drops every WebSocket abruptly, without a close frame. */
  terminateAll(): void
  close(): Promise<void>
}

/**
 * The stand-in, or the real Sockudo behind a pass-through TCP proxy whose drops stand in for
 * the stand-in's `terminateAll` (the real server has no control routes).
 */
async function startSockudo(): Promise<E2eSockudo> {
  if (process.env.SOCKUDO_E2E_SERVER !== 'real') {
    const local = await startServer({ host: '127.0.0.1', port: 0 })
    return { port: local.port, wsPort: local.port, terminateAll: () => local.terminateAll(), close: () => local.close() }
  }
  const real = await startRealServer()
  const proxy = await startChaosProxy({ upstreamPort: real.port, cutProbability: 0, stallProbability: 0, upstreamCutProbability: 0 })
  return {
    port: real.port,
    wsPort: proxy.port,
    terminateAll: () => void proxy.drop(),
    close: async () => {
      await proxy.close()
      await real.stop()
    },
  }
}

/** A running stack: a Sockudo server and the built playground. */
export interface PlaygroundStack {
  /** `http://127.0.0.1:<port>` of the playground. */
  url: string
  sockudo: E2eSockudo
  /** Output of the playground's Nitro process so far. */
  log(): string
  stop(): Promise<void>
}

/** Starts a Sockudo server and the built playground (`entry`) wired to it, on free ports. */
export async function startPlayground(entry: string): Promise<PlaygroundStack> {
  const sockudo = await startSockudo()
  const port = await freePort()
  const child = spawn(process.execPath, [entry], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      NUXT_TELEMETRY_DISABLED: '1',
      NUXT_PUBLIC_SOCKUDO_WS_HOST: '127.0.0.1',
      NUXT_PUBLIC_SOCKUDO_WS_PORT: String(sockudo.wsPort),
      NUXT_SOCKUDO_API_HOST: '127.0.0.1',
      NUXT_SOCKUDO_API_PORT: String(sockudo.port),
      NUXT_PUBLIC_PLAYGROUND_SERVER_KIND: 'local',
      // A production build against the development server's well-known secret (refused otherwise).
      SOCKUDO_ALLOW_DEFAULT_SECRET: '1',
    },
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHttp(url, child, () => output)
  } catch (error) {
    child.kill('SIGTERM')
    await sockudo.close()
    throw error
  }
  return {
    url,
    sockudo,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await sockudo.close()
    },
  }
}
