/**
 * `npm run dev`: the playground against a Sockudo server.
 * If something already answers on 127.0.0.1:6001 (a real Sockudo), the playground uses it and says
 * so; otherwise the local Sockudo-compatible test server (test/server) is started there first.
 */
import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { startServer } from '../test/server/index'

const host = process.env.SOCKUDO_HOST ?? '127.0.0.1'
const port = Number(process.env.SOCKUDO_PORT ?? 6001)

function isListening(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.setTimeout(1000, () => {
      socket.destroy()
      resolve(false)
    })
  })
}

async function main(): Promise<void> {
  let stopServer: (() => Promise<void>) | undefined
  if (await isListening()) {
    console.log(`[dev] a Sockudo server is already listening on ${host}:${port}: the playground uses it`)
    process.env.NUXT_PUBLIC_SOCKUDO_SERVER_KIND = 'external'
  } else {
    const server = await startServer({ host, port })
    stopServer = () => server.close()
    console.log(`[dev] local Sockudo-compatible test server on ws://${host}:${port} (app-id / app-key / app-secret)`)
    process.env.NUXT_PUBLIC_SOCKUDO_SERVER_KIND = 'local'
  }
  const nuxt = spawn('npx', ['nuxi', 'dev', 'playground', '--host', '127.0.0.1', '--port', process.env.PORT ?? '3000'], {
    stdio: 'inherit',
    env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' },
  })
  const stop = async () => {
    nuxt.kill('SIGTERM')
    await stopServer?.()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  nuxt.on('exit', async (code) => {
    await stopServer?.()
    process.exit(code ?? 0)
  })
}

void main()
