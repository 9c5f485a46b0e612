/**
 * Internals shared with the Pinia layer (`src/pinia`). Not part of the public API and not
 * re-exported from `src/vue/index.ts`.
 * @internal
 */
export { injectSockudo } from './util/inject-sockudo'
export { isBrowser, isServerRendering } from './util/env'
export { tryOnScopeDispose } from './util/scope'
export { useChannelHold } from './util/channel-hold'
export type { ChannelHoldOptions, ChannelHoldState } from './util/channel-hold'
export { useChannelListeners } from './util/channel-handlers'
export type { ChannelListener, ChannelGlobalListener } from './util/channel-handlers'
