import { ConfigError } from '../errors'
import type { WebSocketConstructor } from './types'

/**
 * Finds a WebSocket constructor: the `webSocket` option, else `globalThis.WebSocket`,
 * else the `ws` package (Node 20 has no global WebSocket). The `ws` import is dynamic and
 * hidden from bundlers, so browser bundles never include it.
 */
export async function resolveWebSocket(option?: WebSocketConstructor): Promise<WebSocketConstructor> {
  if (option) return option
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
  if (global) return global
  try {
    const specifier = 'ws'
    const mod = (await import(/* @vite-ignore */ specifier)) as { default?: WebSocketConstructor; WebSocket?: WebSocketConstructor }
    const ctor = mod.WebSocket ?? mod.default
    if (ctor) return ctor
  } catch (cause) {
    throw new ConfigError('config/no-websocket', noWebSocket(), { cause })
  }
  throw new ConfigError('config/no-websocket', noWebSocket())
}

const noWebSocket = (): string => (__DEV__
  ? '[sockudo] No WebSocket implementation: this runtime has no global WebSocket and the `ws` package is not installed. Install `ws` or pass the `webSocket` option.'
  : 'No WebSocket: install `ws` or pass `webSocket`')
