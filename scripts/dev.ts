/**
 * `npm run dev`: the playground against a Sockudo server at SOCKUDO_HOST:SOCKUDO_PORT
 * (default 127.0.0.1:6001), which both the browser and the playground's server routes use.
 * - Nothing listens there: the local Sockudo-compatible test server (test/stand-in) starts there.
 * - A Sockudo answers the handshake there: the playground uses it and says so.
 * - Something else listens there: `npm run dev` stops and says what it found, instead of
 *   showing a page that cannot connect.
 */
import { spawn } from 'node:child_process'
import { startServer } from '../test/stand-in/index'
import { probeSockudo } from './dev-probe'

const host = process.env.SOCKUDO_HOST ?? '127.0.0.1'
const port = Number(process.env.SOCKUDO_PORT ?? 6001)
const key = process.env.NUXT_PUBLIC_SOCKUDO_KEY ?? 'app-key'

async function chooseServer(): Promise<{ kind: 'local' | 'external', stop?: () => Promise<void> }> {
  const found = await probeSockudo(host, port, key)
  if (found.kind === 'free') {
    const server = await startServer({ host, port })
    console.log(`[dev] local Sockudo-compatible test server on ws://${host}:${port} (app-id / app-key / app-secret)`)
    return { kind: 'local', stop: () => server.close() }
  }
  if (found.kind === 'foreign') {
    console.error(`[dev] something listens on ${host}:${port} but it does not answer the Sockudo handshake for key "${key}" (${found.why}).`)
    console.error('[dev] Stop it, or run against another port: SOCKUDO_PORT=6002 npm run dev')
    process.exit(1)
  }
  console.log(`[dev] a Sockudo server answers on ${host}:${port}: the playground uses it`)
  return { kind: 'external' }
}

async function main(): Promise<void> {
  const server = await chooseServer()
  const env = {
    ...process.env,
    NUXT_TELEMETRY_DISABLED: '1',
    NUXT_PUBLIC_PLAYGROUND_SERVER_KIND: server.kind,
    // The browser and the server routes both talk to the chosen server.
    NUXT_PUBLIC_SOCKUDO_WS_HOST: process.env.NUXT_PUBLIC_SOCKUDO_WS_HOST ?? host,
    NUXT_PUBLIC_SOCKUDO_WS_PORT: process.env.NUXT_PUBLIC_SOCKUDO_WS_PORT ?? String(port),
    NUXT_SOCKUDO_API_HOST: process.env.NUXT_SOCKUDO_API_HOST ?? host,
    NUXT_SOCKUDO_API_PORT: process.env.NUXT_SOCKUDO_API_PORT ?? String(port),
  }
  const nuxt = spawn('npx', ['nuxi', 'dev', 'playground', '--host', '127.0.0.1', '--port', process.env.PORT ?? '3000'], { stdio: 'inherit', env })
  const stop = async (): Promise<void> => {
    nuxt.kill('SIGTERM')
    await server.stop?.()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  nuxt.on('exit', async (code) => {
    await server.stop?.()
    process.exit(code ?? 0)
  })
}

void main()
