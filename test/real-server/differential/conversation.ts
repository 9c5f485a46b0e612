/**
 * What a scripted conversation can do, the same way on either server: open recording sockets,
 * sign channel and user auth, publish and call the signed HTTP API, restart the server. A
 * conversation returns its transcript: labelled frame lists and HTTP answers, in order.
 */
import { createHmac } from 'node:crypto'
import { signedFetch } from '../../support/signed-fetch'
import { openWire, type Endpoint, type Wire, type WireOptions } from './wire'

/** A server a conversation runs against. */
export interface ServerUnderTest extends Endpoint {
  /** 'stand-in' or 'real'. */
  kind: 'stand-in' | 'real'
  /** Restarts the server on the same port with empty state (a new stream: history and buffers gone). */
  restart(): Promise<void>
}

/** An HTTP answer as recorded. */
export interface HttpAnswer {
  status: number
  body: unknown
}

/** The context a conversation script receives. */
export interface Conversation {
  server: ServerUnderTest
  /** Unique suffix of this run's channel names (removed by the normaliser). */
  suffix: string
  /** `name` + the run's suffix. */
  channel(name: string): string
  /** Opens a recording socket labelled `label` (its frames go into the transcript). */
  open(label: string, options?: WireOptions): Promise<Wire>
  /** `key:signature` for a private channel, or presence with `channelData`. */
  auth(socketId: string, channel: string, channelData?: string): string
  /** `key:signature` for signin. */
  userAuth(socketId: string, userData: string): string
  /** Signed HTTP API call, recorded under `label`. */
  http(label: string, method: 'GET' | 'POST' | 'DELETE' | 'PATCH', path: string, body?: unknown, params?: Record<string, string>): Promise<HttpAnswer>
  /** Records a value under `label` (for facts a script derives itself). */
  note(label: string, value: unknown): void
  /** Waits until every open socket is quiet. */
  settle(quietMs?: number): Promise<void>
}

/** A script and what it is about. */
export interface Script {
  name: string
  run(c: Conversation): Promise<void>
}

/** Labelled entries in the order they were recorded. */
export type Transcript = Record<string, unknown[]>

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex')

/** Runs `script` against `server`; returns the raw transcript (normalise it before comparing). */
export async function runScript(script: Script, server: ServerUnderTest, suffix: string): Promise<Transcript> {
  const wires = new Map<string, Wire>()
  const notes: Transcript = {}
  const record = (label: string, value: unknown) => (notes[label] ??= []).push(value)
  const c: Conversation = {
    server, suffix,
    channel: (name) => `${name}${suffix}`,
    open: async (label, options) => {
      const wire = await openWire(server, options)
      wires.set(label, wire)
      return wire
    },
    auth: (socketId, channel, channelData) =>
      `${server.key}:${hmac(server.secret, channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`)}`,
    userAuth: (socketId, userData) => `${server.key}:${hmac(server.secret, `${socketId}::user::${userData}`)}`,
    http: async (label, method, path, body, params) => {
      const res = await signedFetch(`http://${server.host}:${server.httpPort}`, {
        key: server.key, secret: server.secret, method, path: `/apps/${server.appId}${path}`, ...(params ? { params } : {}), ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const answer = { status: res.status, body: parseBody(res.text) }
      record(label, answer)
      return answer
    },
    note: record,
    settle: async (quietMs) => {
      await Promise.all([...wires.values()].map((w) => w.quiet(quietMs)))
    },
  }
  try {
    await script.run(c)
    await c.settle()
    const transcript: Transcript = {}
    // A close the server initiated is part of the conversation; ours at the end is not.
    for (const [label, wire] of wires) transcript[label] = [...wire.frames, ...(wire.closed ? [{ closed: wire.closed.code, reason: wire.closed.reason }] : [])]
    return { ...transcript, ...notes }
  } finally {
    await Promise.all([...wires.values()].map((w) => w.close()))
  }
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
