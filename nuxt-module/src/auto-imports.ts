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
  'useVersionedMessages',
  // Deprecated name of useVersionedMessages, removed in 0.2.0.
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

/**
 * Server utilities the module auto-imports in Nitro (server/ directory of the app), keyed by
 * the file of runtime/server/utils that holds them.
 */
export const sockudoServerUtils = {
  'hooks': ['defineSockudoAuthorizer', 'defineSockudoUserAuthenticator'],
  'config': ['useSockudoConfig'],
  'rest': ['useSockudoRest'],
  'token-issuer': ['defineSockudoTokenIssuer', 'mintSockudoToken'],
} as const satisfies Record<string, readonly string[]>
