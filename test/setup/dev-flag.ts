// The nuxt and e2e projects import the sources outside Vite's `define` (their modules reach
// src/ through Nuxt's own loaders too); a bundler replaces __DEV__, here it is a global.
;(globalThis as { __DEV__?: boolean }).__DEV__ = true
