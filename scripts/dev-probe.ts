import { connect } from 'node:net'
import WebSocket from 'ws'

/** What answers at an address: nothing, a Sockudo (handshake completed), or something else (and why not). */
export type ProbeResult = { kind: 'free' } | { kind: 'sockudo' } | { kind: 'foreign', why: string }

function isListening(host: string, port: number): Promise<boolean> {
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

/** Whether the listener speaks Sockudo: `pusher:connection_established` on `/app/<key>` within `timeoutMs`. */
function handshake(host: string, port: number, key: string, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${host}:${port}/app/${encodeURIComponent(key)}?protocol=7&client=js&version=8.4.0`)
    const done = (result: ProbeResult): void => {
      clearTimeout(timer)
      ws.removeAllListeners()
      ws.on('error', () => {})
      ws.terminate()
      resolve(result)
    }
    const timer = setTimeout(() => done({ kind: 'foreign', why: `no connection_established within ${timeoutMs / 1000} s` }), timeoutMs)
    ws.on('message', (raw) => {
      const text = String(raw)
      done(text.includes('pusher:connection_established') ? { kind: 'sockudo' } : { kind: 'foreign', why: `first frame was not connection_established: ${text.slice(0, 120)}` })
    })
    ws.on('unexpected-response', (_req, res) => done({ kind: 'foreign', why: `HTTP ${res.statusCode} instead of a WebSocket upgrade` }))
    ws.on('close', (code) => done({ kind: 'foreign', why: `closed with ${code} before connection_established` }))
    ws.on('error', (error) => done({ kind: 'foreign', why: error.message }))
  })
}

/** Probes `host:port` the way `npm run dev` decides what to do there. */
export async function probeSockudo(host: string, port: number, key: string, timeoutMs = 3000): Promise<ProbeResult> {
  if (!(await isListening(host, port))) return { kind: 'free' }
  return handshake(host, port, key, timeoutMs)
}
