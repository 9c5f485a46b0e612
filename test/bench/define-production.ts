// Benchmarks measure what a production build ships: dev-only checks off. Import this first.
;(globalThis as { __DEV__?: boolean }).__DEV__ = false
