import { ConfigError } from '../errors'
import type { ProtocolVersion } from '../protocol/names'
// The bundler (tsup/esbuild, Vite) inlines just this field at build time; in dev and tests it is
// read from the file. So the version sent can never drift from the package's own.
import { version } from '../../../package.json'

/** Library version sent in the `version` query parameter (the server ignores it): package.json's `version`. */
export const CLIENT_VERSION: string = version

/** Everything that shapes the WebSocket URL. */
export interface UrlParts {
  key: string
  host: string
  port: number
  tls: boolean
  /** Path prefix before `/app/⟨key⟩` (only useful behind a proxy). */
  path: string
  version: ProtocolVersion
  /** V2-only extras, appended in this order when set. */
  format?: string
  echoMessages?: boolean
  appendMode?: 'delta' | 'full'
  appendRollupWindow?: number
  token?: string
}

/**
 * Builds `ws[s]://host:port[path]/app/⟨key⟩?protocol=…&client=js&version=…&flash=false[…]`
 * (sockudo 5.2.0 src/ws_handler.rs). V1 sends `protocol=7`; V2 sends `protocol=2` plus the V2-only parameters.
 */
export function buildSocketUrl(p: UrlParts): string {
  const query = [`protocol=${p.version === 2 ? 2 : 7}`, 'client=js', `version=${CLIENT_VERSION}`, 'flash=false']
  if (p.version === 2) {
    if (p.echoMessages === false) query.push('echo_messages=false')
    if (p.format) query.push(`format=${encodeURIComponent(p.format)}`)
    if (p.appendMode) query.push(`append_mode=${p.appendMode}`)
    if (p.appendRollupWindow !== undefined) query.push(`append_rollup_window=${p.appendRollupWindow}`)
    if (p.token) query.push(`token=${encodeURIComponent(p.token)}`)
  }
  const path = p.path.replace(/\/+$/, '')
  return `${p.tls ? 'wss' : 'ws'}://${p.host}:${p.port}${path}/app/${encodeURIComponent(p.key)}?${query.join('&')}`
}

/** Allowed `appendRollupWindow` values (ms). */
export const APPEND_ROLLUP_WINDOWS = [0, 20, 40, 100, 500] as const

/** Throws a {@link ConfigError} unless `value` is an allowed rollup window. */
export function assertRollupWindow(value: number): void {
  if (!(APPEND_ROLLUP_WINDOWS as readonly number[]).includes(value)) {
    throw new ConfigError('config/invalid-rollup-window', `[sockudo] appendRollupWindow must be one of ${APPEND_ROLLUP_WINDOWS.join(', ')} (got ${value}).`)
  }
}
