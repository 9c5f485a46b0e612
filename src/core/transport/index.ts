export type { Transport, TransportFactory, TransportHandlers, WebSocketConstructor, WebSocketLike } from './types'
export { createWebSocketTransport } from './websocket-transport'
export { resolveWebSocket } from './resolve-websocket'
