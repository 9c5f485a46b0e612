/** What test/real-server/config.toml switches on, in the live suites' feature vocabulary. */
import { ALL_FEATURES, type Feature } from '../support/real-features'

/**
 * Everything but the stand-in's own control routes and behaviours, delivered tags (the config
 * strips tags globally, as the repository config does; `quotes:*` keeps them), and what the
 * pinned version was seen not to do (`watchlistOffline`), and push publishing, which needs an
 * outside provider (`pushDelivery`).
 */
export const REAL_FEATURES: readonly Feature[] = ALL_FEATURES.filter((f) => !['controlRoutes', 'standIn', 'tags', 'watchlistOffline', 'pushDelivery'].includes(f))
