/** Error frames with the real codes and texts (http.md §6.0, core.md §3.6). */

/** A handler failure that becomes one error frame (and a close when `fatal`). */
export class WsError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly fatal = false,
  ) {
    super(message)
  }
}

export const invalidFormat = (detail: string): WsError => new WsError(4000, `Invalid message format: ${detail}`)
export const authError = (detail: string): WsError => new WsError(4009, `Authentication error: ${detail}`)
export const channelError = (detail: string): WsError => new WsError(4300, `Channel error: ${detail}`)
export const clientEventError = (detail: string): WsError => new WsError(4301, `Client event error: ${detail}`)
