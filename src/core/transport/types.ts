/**
 * The subset of the WHATWG `WebSocket` the client uses. Browsers' `WebSocket` and the
 * `ws` package both satisfy it.
 */
export interface WebSocketLike {
  binaryType: string
  readonly readyState: number
  send(data: string | ArrayBufferLike | Uint8Array): void
  close(code?: number, reason?: string): void
  // Handler parameters are `never` so that runtime sockets whose handlers take their own event
  // types (the DOM's `Event`, `MessageEvent`, `CloseEvent`) are assignable; the transport only
  // assigns handlers, and reads `data`, `code` and `reason` off the events it receives.
  onopen: ((event: never) => void) | null
  onmessage: ((event: never) => void) | null
  onclose: ((event: never) => void) | null
  onerror: ((event: never) => void) | null
}

/** A `WebSocket` constructor (the browser's, the `ws` package's, or a test fake). */
export type WebSocketConstructor = new (url: string) => WebSocketLike

/** Callbacks a transport reports to. Called only for the transport they were given to. */
export interface TransportHandlers {
  /** The socket is open. */
  onOpen(): void
  /** One text (`string`) or binary (`Uint8Array`) frame arrived. */
  onMessage(data: string | Uint8Array): void
  /** The socket closed (after an error too). */
  onClose(code: number, reason: string): void
  /** A socket-level error; a close follows. */
  onError(error: unknown): void
  /** A native Pong control frame arrived (only where the runtime exposes them). */
  onPong?(): void
}

/** One WebSocket connection. Knows bytes and strings, not messages. */
export interface Transport {
  /** Sends one frame; returns false when the socket is not open. */
  send(data: string | Uint8Array): boolean
  /** Closes the socket; no callbacks fire afterwards. */
  close(code?: number, reason?: string): void
  /**
   * Sends a native Ping control frame. Returns false when the runtime cannot (browsers),
   * in which case the caller falls back to an application-level ping.
   */
  ping(): boolean
}

/** Opens a transport to `url`. */
export type TransportFactory = (url: string, handlers: TransportHandlers) => Transport
