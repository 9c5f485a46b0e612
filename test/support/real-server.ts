/**
 * Feature gates of the server the live suites run against.
 *
 * The local test server (`SOCKUDO_LIVE_TESTS` unset) has every feature on. A real Sockudo
 * (`SOCKUDO_LIVE_TESTS=1`) is assumed to run the repository's `config/config.toml`, which is
 * what `cargo run` from a Sockudo checkout loads (http.md §4.2): history, presence history,
 * versioned messages, recovery, delta, tag filtering with tags stripped, idempotency, client
 * messages, signin and the ticker/price/chat/history-demo/versioned-demo/orders/private-ai
 * namespaces. It has no test control routes, no watchlist events on the default app and no
 * push routes (Cargo feature `push`), and the suite does not count on behaviours only our
 * stand-in defines (`standIn`).
 *
 * Env (read when the tests are collected): `SOCKUDO_CONFIG=repo|docker|env` picks the preset (`docker` = the image's
 * `config/config.json`, http.md §4.3; `env` = compiled defaults plus a `SOCKUDO_DEFAULT_APP_*`
 * app, §4.4). `SOCKUDO_FEATURES` declares what the server has on: a plain list
 * (`history,recovery`) replaces the preset, `+push,-history` adjusts it; `all` = every feature.
 *
 * Use: `const needs = requireFeatures(['history'])`, then `describe.skipIf(needs.skip)(needs.title('…'))`
 * or, inside a test, `skipUnless(ctx, ['controlRoutes'])` (records the reason with `ctx.skip(note)`).
 */
import { inject } from 'vitest'
import { ALL_FEATURES, FEATURE_REASONS, parseFeatures, type Feature } from './real-features'

export { ALL_FEATURES, FEATURE_REASONS, PRESETS, parseFeatures, type Feature } from './real-features'

/** Features of the current target: everything locally, the declared set on a real Sockudo. */
export function serverFeatures(real: boolean = inject('sockudo').real): ReadonlySet<Feature> {
  if (!real) return new Set(ALL_FEATURES)
  const known = inject('sockudo').features
  return known ? new Set(known) : parseFeatures(process.env.SOCKUDO_CONFIG, process.env.SOCKUDO_FEATURES)
}

/** Result of {@link requireFeatures}. */
export interface FeatureNeeds {
  /** True when a needed feature is off on the target. */
  skip: boolean
  /** Needed features that are off. */
  missing: readonly Feature[]
  /** `skipped on a real Sockudo: <reasons>`, or '' when nothing is missing. */
  reason: string
  /** `name` plus ` (skipped on a real Sockudo: …)` when skipping (for describe titles). */
  title(name: string): string
}

/**
 * Which of `features` the target lacks (and which of `off`, features the test assumes switched
 * off, it has); use with `it.skipIf(needs.skip)` / `describe.skipIf(needs.skip)(needs.title(…))`.
 */
export function requireFeatures(features: readonly Feature[], off: readonly Feature[] = []): FeatureNeeds {
  // The local server is whatever each test needs: nothing skips there.
  if (!inject('sockudo').real) return { skip: false, missing: [], reason: '', title: (name) => name }
  const have = serverFeatures(true)
  const missing = features.filter((f) => !have.has(f))
  const unwanted = off.filter((f) => have.has(f))
  const reasons = [...missing.map((f) => FEATURE_REASONS[f]), ...unwanted.map((f) => `assumes ${f} off`)]
  const reason = reasons.length ? `skipped on a real Sockudo: ${reasons.join('; ')}` : ''
  return { skip: reasons.length > 0, missing, reason, title: (name) => (reason ? `${name} (${reason})` : name) }
}

/** Inside a test or beforeEach: skips with the stated reason (`ctx.skip(note)`) when the target does not fit. */
export function skipUnless(ctx: { skip: (condition: boolean, note?: string) => void }, features: readonly Feature[], off: readonly Feature[] = []): void {
  const needs = requireFeatures(features, off)
  ctx.skip(needs.skip, needs.reason)
}
