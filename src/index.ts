/**
 * `@sockudo/vue`: the Vue plugin, composables and Pinia stores, plus every export of the
 * framework-free client (`@sockudo/vue/core`).
 */
export * from './core'
export * from './vue'
export * from './pinia'
