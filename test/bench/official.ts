/**
 * The official Sockudo JavaScript client (`@sockudo/client`, `client-sdks/sockudo-js` in the
 * Sockudo monorepo) as a benchmark peer. It is not on npm: `scripts/build-official-client.sh`
 * builds its Node build beside this repository, and `SOCKUDO_OFFICIAL_CLIENT` points at it
 * (`…/official-sockudo-js/dist/node/sockudo.js`). Unset, the official columns are left out.
 *
 * Its Node build takes `globalThis.WebSocket`, which Node 20 lacks (Node 22 has it): the `ws`
 * package is installed there first, the same socket library our client uses in Node, so the
 * columns compare the clients and not two WebSocket implementations. A runtime WebSocket is kept
 * when there is one (Node 22, or Node 20 with `NODE_OPTIONS=--experimental-websocket`: undici's,
 * which cost the official client about 1.7x the CPU per message of `ws` in a small run here).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import WebSocket from 'ws'

/** Throughput variants of the official client: V1 (Pusher protocol 7), V2 JSON, V2 MessagePack. */
export const OFFICIAL_VARIANTS = ['official-v1', 'official-v2', 'official-v2-msgpack'] as const

/** The part of the official client's channel the benchmarks use. */
export interface OfficialChannel {
  bind(event: string, callback: (data: unknown) => void): unknown
  subscribed: boolean
  members?: { count: number }
}

/** The part of the official client the benchmarks use (it is pusher-js shaped). */
export interface OfficialClient {
  subscribe(name: string): OfficialChannel
  channel(name: string): OfficialChannel | undefined
  connection: { state: string }
  disconnect(): void
}

/** Options of the official client the benchmarks set (`src/core/options.ts` of the client). */
export interface OfficialOptions {
  wsHost: string
  wsPort: number
  forceTLS: boolean
  enabledTransports: ['ws']
  /** 7 (Pusher protocol, `pusher:` prefix) or 2 (Sockudo V2, `sockudo:` prefix). */
  protocolVersion: 2 | 7
  /** Wire format, V2 only; JSON unless set. */
  wireFormat?: 'json' | 'messagepack'
  channelAuthorization?: {
    endpoint: string
    transport: 'fetch'
    customHandler: (params: { socketId: string; channelName: string }, callback: (error: Error | null, data: { auth: string; channel_data?: string }) => void) => void
  }
}

type OfficialConstructor = new (key: string, options: OfficialOptions) => OfficialClient

/** Path of the official Node build from `SOCKUDO_OFFICIAL_CLIENT`, when set. */
export function officialPath(): string | undefined {
  const path = process.env.SOCKUDO_OFFICIAL_CLIENT
  return path ? resolve(path) : undefined
}

/** One line for a table when the official columns are left out. */
export const OFFICIAL_HINT =
  'Official client (`@sockudo/client`) columns left out: run `npm run bench:official`, or build it with `scripts/build-official-client.sh` and set `SOCKUDO_OFFICIAL_CLIENT` to its `dist/node/sockudo.js`.'

/** `BUILD_INFO.json` written by the build script next to `dist/`. */
interface BuildInfo { name: string; version: string; commit: string }

/** "`@sockudo/client` 2.2.0 (sockudo@7040dc0, its Node build)", or undefined when not configured. */
export function officialLabel(): string | undefined {
  const path = officialPath()
  if (!path) return undefined
  const infoFile = join(dirname(path), '..', '..', 'BUILD_INFO.json')
  if (!existsSync(infoFile)) return `\`@sockudo/client\` from ${path} (no BUILD_INFO.json: version unknown)`
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as BuildInfo
  return `\`${info.name}\` ${info.version} (sockudo monorepo @ ${info.commit.slice(0, 7)}, its Node build)`
}

/** Loads the official client's constructor from `SOCKUDO_OFFICIAL_CLIENT`. */
export async function loadOfficial(): Promise<OfficialConstructor> {
  const path = officialPath()
  if (!path) throw new Error('SOCKUDO_OFFICIAL_CLIENT is not set')
  if (!existsSync(path)) throw new Error(`SOCKUDO_OFFICIAL_CLIENT: no file at ${path}`)
  const global = globalThis as { WebSocket?: unknown }
  global.WebSocket ??= WebSocket
  const module = (await import(pathToFileURL(path).href)) as { default: OfficialConstructor }
  return module.default
}
