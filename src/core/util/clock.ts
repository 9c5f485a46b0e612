/** Opaque handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown

/**
 * Time source and scheduler. Everything in the client that waits goes through a clock,
 * so tests can drive time with a fake one.
 */
export interface Clock {
  /** Current time in ms since the epoch. */
  now(): number
  /** Runs `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle
  /** Cancels a timer; unknown or already fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void
}

/** The real clock: `Date.now` and the global timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
}
