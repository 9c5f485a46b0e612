/**
 * `@sockudo/vue/core`: the framework-free Sockudo client. No Vue, Pinia or Nuxt imports;
 * platform features (WebSocket, fetch, timers, online/offline) come in through options.
 */
export * from './errors'
export * from './events'
export * from './protocol'
export * from './codecs'
export * from './util'
export * from './transport'
export * from './connection'
export * from './auth'
export * from './crypto'
export * from './channels'
export * from './user'
export * from './delta'
export * from './filter'
export * from './recovery'
export * from './history'
export * from './mutable'
export * from './push'
export * from './proxy'
export * from './client'
