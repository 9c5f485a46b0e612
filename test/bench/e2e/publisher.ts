/**
 * Publisher of the end-to-end benchmark, in its own process. It sends `count` events of ~200
 * bytes to one channel of the real Sockudo as `POST /apps/<id>/batch_events` requests of 10
 * events (the server's `max_batch_size`), `inFlight` at a time over keep-alive sockets. Every
 * request is signed by the real `pusher` server SDK (`createSignedQueryString`) BEFORE the first
 * one goes out, and sent with plain `node:http`: the SDK's own `triggerBatch` (node-fetch and
 * signing per call) tops out near 13,000 events/s here, below what the subscribers take, so
 * the figure would measure the publisher. Prints one JSON line `{ sent, ms }` at the end.
 *
 * Usage: tsx publisher.ts <port> <channel> <count> [inFlight]
 */
import { Agent, request } from 'node:http'
import Pusher from 'pusher'
import { REAL_APP } from '../../real-server/server'

const [portText, channel = 'bench', countText, inFlightText] = process.argv.slice(2)
const port = Number(portText)
const count = Number(countText)
const inFlight = Number(inFlightText ?? 8)
const BATCH = 10
const PATH = `/apps/${REAL_APP.id}/batch_events`

const pusher = new Pusher({ appId: REAL_APP.id, key: REAL_APP.key, secret: REAL_APP.secret, host: '127.0.0.1', port: portText, useTLS: false })
const agent = new Agent({ keepAlive: true, maxSockets: inFlight })

/** The same event the throughput blaster sends: a ~200-byte trade, data as a JSON string. */
function trade(i: number): { channel: string; name: string; data: string } {
  const data = { id: i, symbol: 'BTC-USD', price: 43000 + (i % 1000) / 10, size: 0.25, side: i % 2 ? 'buy' : 'sell', ts: 1_700_000_000_000 + i, venue: 'bench-venue-01' }
  return { channel, name: 'trade', data: JSON.stringify(data) }
}

/** Every request, body and signed path, built up front. */
const requests = Array.from({ length: Math.ceil(count / BATCH) }, (_, b) => {
  const body = JSON.stringify({ batch: Array.from({ length: Math.min(BATCH, count - b * BATCH) }, (_, k) => trade(b * BATCH + k)) })
  return { body, path: `${PATH}?${pusher.createSignedQueryString({ method: 'POST', path: PATH, body })}` }
})

function post(path: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`batch_events answered ${res.statusCode}: ${text}`))))
    })
    req.once('error', reject)
    req.end(body)
  })
}

let next = 0

/** One lane: sends request after request until none is left. */
async function lane(): Promise<void> {
  for (let r = requests[next++]; r; r = requests[next++]) await post(r.path, r.body)
}

const start = performance.now()
Promise.all(Array.from({ length: inFlight }, () => lane())).then(
  () => {
    console.log(JSON.stringify({ sent: count, ms: performance.now() - start }))
    process.exit(0)
  },
  (error: unknown) => {
    console.error(`[e2e publisher] ${String(error)}`)
    process.exit(1)
  },
)
