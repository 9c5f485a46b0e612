/** Reconnection backoff settings. All durations in ms. */
export interface BackoffOptions {
  /**
   * Consecutive failed attempts after which the client gives up and goes to `disconnected`.
   * @default Infinity
   */
  maxAttempts: number
  /** Delay before the first retry; each further retry doubles it. @default 1000 */
  baseDelay: number
  /** Upper bound of a single delay. @default 30000 */
  maxDelay: number
}

/** Default backoff: retry forever, 1 s doubling up to 30 s, with jitter. */
export const DEFAULT_BACKOFF: BackoffOptions = { maxAttempts: Infinity, baseDelay: 1000, maxDelay: 30_000 }

/**
 * Delay before retry number `attempt` (0 = first retry), "equal jitter": half of the capped
 * exponential delay is fixed and half is random, so clients that dropped together spread out
 * but none retries at once by accident. `jitter` is a number in [0, 1).
 */
export function backoffDelay(attempt: number, options: BackoffOptions, jitter: number): number {
  const exp = options.baseDelay * 2 ** Math.min(attempt, 30)
  const cap = Math.min(options.maxDelay, exp)
  return Math.round(cap / 2 + (cap / 2) * clamp01(jitter))
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0.5
}
