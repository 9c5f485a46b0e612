/** Replaced at build time: true in development builds, false in production (dead-code eliminated). */
declare const __DEV__: boolean
