/** Tiny helpers for live tests: the target, a `pusher` SDK for it, raw sockets, waiting. */
import Pusher from 'pusher'
import { inject } from 'vitest'
import WebSocket from 'ws'
import type { LiveTarget } from './live-target'

export type { LiveTarget }

/** The server under test (local test server or a real Sockudo). */
export function liveTarget(): LiveTarget {
  return inject('sockudo')
}

/** `pusher` (server SDK) instance signing for the target app. */
export function serverSdk(target: LiveTarget = liveTarget(), extra: { encryptionMasterKeyBase64?: string } = {}): Pusher {
  return new Pusher({
    appId: target.appId, key: target.key, secret: target.secret, host: target.host, port: String(target.port), useTLS: false, ...extra,
  })
}

/** `ws://host:port/app/key?…` */
export function wsUrl(query = 'protocol=7', target: LiveTarget = liveTarget()): string {
  return `ws://${target.host}:${target.port}/app/${target.key}?${query}`
}

/** `http://host:port` */
export const httpUrl = (target: LiveTarget = liveTarget()): string => `http://${target.host}:${target.port}`

/** Polls `predicate` every 10 ms until it is truthy; rejects after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = predicate()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`waitFor: ${what} not met within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A decoded JSON frame. */
export interface JsonFrame {
  event: string
  channel?: string
  data?: unknown
  [key: string]: unknown
}

/** A raw `ws` client that records every JSON text frame. */
export interface RawClient {
  ws: WebSocket
  frames: JsonFrame[]
  socketId: string
  send(frame: unknown): void
  /** Next frame (after those already consumed by earlier calls) matching `match`. */
  next(match: (f: JsonFrame) => boolean, timeoutMs?: number): Promise<JsonFrame>
  close(): Promise<void>
}

/** Opens a raw socket and waits for `connection_established`. */
export async function openRaw(query = 'protocol=7', target: LiveTarget = liveTarget()): Promise<RawClient> {
  const ws = new WebSocket(wsUrl(query, target))
  const frames: JsonFrame[] = []
  const consumed = new Set<JsonFrame>()
  ws.on('message', (raw, binary) => {
    if (!binary) frames.push(JSON.parse(raw.toString()) as JsonFrame)
  })
  const client: RawClient = {
    ws, frames, socketId: '',
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: async (match, timeoutMs = 5000) => {
      const found = await waitFor(() => frames.find((f) => !consumed.has(f) && match(f)), timeoutMs, 'matching frame')
      consumed.add(found)
      return found
    },
    close: () => new Promise((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve()
      ws.once('close', () => resolve())
      ws.close()
    }),
  }
  const established = await client.next((f) => f.event.endsWith(':connection_established'))
  client.socketId = (JSON.parse(established.data as string) as { socket_id: string }).socket_id
  return client
}
