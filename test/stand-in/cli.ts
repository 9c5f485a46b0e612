/**
 * `npm run server`: the local Sockudo-compatible test server on 127.0.0.1:6001.
 * Flags `--port <n>` / `--host <h>` (or env PORT / HOST); stops on SIGINT/SIGTERM.
 * A port that is taken or not a number ends the process with one line saying how to pick another.
 */
import { DEFAULT_APP, startServer } from './index'

function flag(name: string): string | undefined {
  const args = process.argv.slice(2)
  const inline = args.find((a) => a.startsWith(`--${name}=`))
  if (inline) return inline.slice(name.length + 3)
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

function fail(message: string): never {
  process.stderr.write(`[sockudo] ${message}\n`)
  process.exit(1)
}

const host = flag('host') ?? process.env.HOST ?? '127.0.0.1'
const rawPort = flag('port') ?? process.env.PORT ?? '6001'
const port = Number(rawPort)
const choose = 'choose another with `npm run server -- --port 6002` or `PORT=6002 npm run server`'
if (!/^\d+$/.test(rawPort) || port > 65_535) fail(`Port "${rawPort}" is not a port number (0–65535); ${choose}.`)

const server = await startServer({ host, port }).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') fail(`Port ${host}:${port} is already in use (another server is running there?); ${choose}.`)
  if (error.code === 'EACCES') fail(`Not allowed to listen on ${host}:${port}; ${choose}.`)
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') fail(`Cannot listen on host "${host}"; choose another with \`--host\` or \`HOST=\`.`)
  fail(`Could not start on ${host}:${port}: ${error.message}`)
})
process.stdout.write(`Sockudo test server on ws://${server.host}:${server.port} (HTTP ${server.httpUrl}) app id=${DEFAULT_APP.id} key=${DEFAULT_APP.key} secret=${DEFAULT_APP.secret}\n`)

const stop = () => {
  void server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
