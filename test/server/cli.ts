/**
 * `npm run server`: the local Sockudo-compatible test server on 127.0.0.1:6001.
 * Flags `--port <n>` / `--host <h>` (or env PORT / HOST); stops on SIGINT/SIGTERM.
 */
import { DEFAULT_APP, startServer } from './index'

function flag(name: string): string | undefined {
  const args = process.argv.slice(2)
  const inline = args.find((a) => a.startsWith(`--${name}=`))
  if (inline) return inline.slice(name.length + 3)
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

const host = flag('host') ?? process.env.HOST ?? '127.0.0.1'
const port = Number(flag('port') ?? process.env.PORT ?? 6001)
const server = await startServer({ host, port })
process.stdout.write(`Sockudo test server on ws://${server.host}:${server.port} (HTTP ${server.httpUrl}) app id=${DEFAULT_APP.id} key=${DEFAULT_APP.key} secret=${DEFAULT_APP.secret}\n`)

const stop = () => {
  void server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
