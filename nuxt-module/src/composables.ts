/**
 * Composables of `@sockudo/vue` that the module auto-imports in the app. Kept in step with
 * `src/vue` (a test in test/nuxt compares this list with the package's `use*` exports).
 */
export const sockudoComposables = [
  'useSockudo',
  'useConnection',
  'useChannel',
  'useChannelEvent',
  'useEventLog',
  'usePresence',
  'useMutableMessages',
  'useChannelHistory',
  'useUser',
  'useSockudoConnectionStore',
  'useSockudoChannelsStore',
  'useSockudoPresenceStore',
  'useSockudoUserStore',
] as const

/** Server utilities the module auto-imports in Nitro (server/ directory of the app). */
export const sockudoServerUtils = [
  'defineSockudoAuthorizer',
  'defineSockudoUserAuthenticator',
  'useSockudoRest',
  'useSockudoConfig',
] as const
