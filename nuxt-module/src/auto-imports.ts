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
  'usePush',
  'useRecovery',
  'useSockudoConnectionStore',
  'useSockudoChannelsStore',
  'useSockudoPresenceStore',
  'useSockudoUserStore',
  'useSockudoRecoveryStore',
] as const

/** App helpers of the module itself (runtime/app/define-client-options). */
export const sockudoAppHelpers = ['defineSockudoClientOptions'] as const

/** Server utilities the module auto-imports in Nitro (server/ directory of the app). */
export const sockudoServerUtils = [
  'defineSockudoAuthorizer',
  'defineSockudoUserAuthenticator',
  'useSockudoRest',
  'useSockudoConfig',
] as const

/** Capability-token server utilities (runtime/server/utils/token-issuer). */
export const sockudoTokenUtils = ['defineSockudoTokenIssuer', 'mintSockudoToken'] as const
