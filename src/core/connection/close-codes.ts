/**
 * What the client does after the server closes the socket:
 * - `refused`: give up, go to `disconnected` (the server will refuse again);
 * - `backoff`: reconnect after a jittered exponential delay;
 * - `retry`: reconnect at once.
 */
export type CloseAction = 'refused' | 'backoff' | 'retry'

/**
 * Maps a WebSocket close code to an action (sockudo-core 5.2.0 src/error.rs):
 * 4000–4099 refused (4009 auth, 4001 unknown app…), 4100–4199 backoff (over capacity),
 * 4200–4299 retry (force reconnect 4200, pong timeout 4201), ≥ 4300 refused,
 * below 4000 (network drops, 1000, 1006…) backoff. Unlike pusher-js, 4000 is not
 * "reconnect over TLS": the Sockudo server never closes with it.
 */
export function closeAction(code: number): CloseAction {
  if (code >= 4000 && code < 4100) return 'refused'
  if (code >= 4100 && code < 4200) return 'backoff'
  if (code >= 4200 && code < 4300) return 'retry'
  if (code >= 4300) return 'refused'
  return 'backoff'
}
