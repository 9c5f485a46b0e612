import type { SockudoError } from '../errors'

/** Kind of request that may be answered by a channel-less error frame. */
export type TrackedKind = 'subscribe' | 'signin' | 'history'

interface Entry {
  kind: TrackedKind
  key: string
  reject: (error: SockudoError) => void
}

/**
 * Correlates the server's channel-less `error` frames with the request that caused them.
 * The server handles one connection's frames in order and never sends
 * `subscription_error` (sockudo-adapter 5.2.0 src/handler/mod.rs), so an error whose code and text fit a subscribe
 * (or signin) belongs to the oldest one still waiting for its acknowledgement.
 */
export class RequestTracker {
  private entries: Entry[] = []

  /** Records a request sent and awaiting its acknowledgement. Replaces an older one with the same key. */
  track(kind: TrackedKind, key: string, reject: (error: SockudoError) => void): void {
    this.resolve(kind, key)
    this.entries.push({ kind, key, reject })
  }

  /** The request was acknowledged (or abandoned). */
  resolve(kind: TrackedKind, key: string): void {
    this.entries = this.entries.filter((e) => e.kind !== kind || e.key !== key)
  }

  /** Whether a request is waiting. */
  has(kind: TrackedKind, key: string): boolean {
    return this.entries.some((e) => e.kind === kind && e.key === key)
  }

  /**
   * Hands `error` to the oldest request it plausibly answers and returns true, or false when
   * it fits none (client-event errors, resume errors, history errors…).
   */
  attribute(code: number | undefined, message: string, error: (key: string) => SockudoError): boolean {
    const kinds = plausibleKinds(code, message)
    const entry = this.entries.find((e) => kinds.includes(e.kind))
    if (!entry) return false
    this.entries = this.entries.filter((e) => e !== entry)
    entry.reject(error(entry.key))
    return true
  }

  /** Forgets everything (the connection dropped). */
  clear(): void {
    this.entries = []
  }
}

/**
 * Which requests an error frame can answer. Only the texts of per-request failures count:
 * the frames the server sends right before closing a socket ("You got disconnected by the
 * app.", "capability token expired"…) reuse 4009 but answer no request.
 */
function plausibleKinds(code: number | undefined, message: string): TrackedKind[] {
  if (/history|attach_serial|is not subscribed to channel/i.test(message)) return ['history']
  if (/resume|presence_update|sockudo:auth|capability token/i.test(message)) return []
  if (/sign ?in|user authentication/i.test(message)) return /^Authentication error/.test(message) || code === 4000 ? ['signin'] : []
  if (code === 4009 && /^Authentication error/.test(message)) return ['subscribe', 'signin']
  if (code === 4300 && /^Channel error/.test(message)) return ['subscribe']
  if (code === 4000 && /^Invalid message format/.test(message)) return ['subscribe']
  if (code === 4100 && /capacity/i.test(message)) return ['subscribe']
  return []
}
