/**
 * Telling the user that the server refused the app key. Sockudo answers an unknown or disabled
 * app key by completing the WebSocket upgrade and dropping the socket without a frame or a close
 * code (sockudo 5.2.0 `handle_socket`); Pusher-style servers close with 4001/4003 instead. Both
 * end in `disconnected` with a `connection/unknown-app` error naming the key tried.
 */
import { ConnectionError, type SockudoError } from '../errors'

/** Sockets accepted and dropped without a frame in a row before the client stops retrying. */
export const SILENT_DROP_LIMIT = 3

const CHECK = __DEV__ ? 'Check the `key` option (and wsHost/wsPort: is this the right server?) against the app in the Sockudo config.' : 'Check `key`.'

/** Replaces the generic error of a 4001 (unknown app) or 4003 (app disabled) close by one naming the key. */
export function explainRefusal(error: SockudoError, key: string): SockudoError {
  if (error.closeCode !== 4001 && error.closeCode !== 4003) return error
  const what = error.closeCode === 4001 ? 'does not know app key' : 'has disabled the app of key'
  return new ConnectionError('connection/unknown-app', `The server ${what} "${key}" (close ${error.closeCode}). ${CHECK}`, {
    closeCode: error.closeCode, retryable: false, cause: error,
  })
}

/** The error after {@link SILENT_DROP_LIMIT} sockets in a row were dropped before the handshake. */
export function silentDropsError(key: string, closeCode: number): ConnectionError {
  const message = __DEV__
    ? `The server accepted the WebSocket for app key "${key}" and dropped it without a word before the handshake, ` +
      `${SILENT_DROP_LIMIT} times in a row, so the client stopped retrying. Sockudo does this when it does not know the key ` +
      `or the app is disabled (or over its connection quota). ${CHECK} Call connect() to try again.`
    : `Socket for app key "${key}" dropped before the handshake ${SILENT_DROP_LIMIT} times. ${CHECK}`
  return new ConnectionError('connection/unknown-app', message, { closeCode, retryable: false })
}

/**
 * Counts sockets that opened and closed before any frame arrived; any frame, a socket that never
 * opened (server down) or a handshake resets the streak.
 */
export class SilentDrops {
  private opened = false
  private heard = false
  private streak = 0

  /** A new socket is being opened. */
  opening(): void {
    this.opened = false
    this.heard = false
  }
  /** The socket opened (upgrade done). */
  open(): void {
    this.opened = true
  }
  /** A frame arrived. */
  frame(): void {
    this.heard = true
  }
  /** Starts a new streak (handshake done, or connect() called). */
  reset(): void {
    this.streak = 0
  }
  /** The socket closed before the handshake; true when the streak reached the limit. */
  closedBeforeHandshake(): boolean {
    if (!this.opened || this.heard) {
      this.streak = 0
      return false
    }
    if (++this.streak < SILENT_DROP_LIMIT) return false
    this.streak = 0
    return true
  }
}
