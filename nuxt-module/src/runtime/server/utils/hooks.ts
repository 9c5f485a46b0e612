import type { SockudoAuthorizer, SockudoUserAuthenticator } from './hook-types'

interface Hooks {
  authorizer?: SockudoAuthorizer
  userAuthenticator?: SockudoUserAuthenticator
}
// One Nitro server per process, so a module-level registry is the app's registry.
const hooks: Hooks = {}

/**
 * Registers the app's authorizer, asked before every channel authorization and every proxied
 * call. Without one, all of them are refused with 403 `auth/not-configured` (and a log line).
 * Decide per channel and end with a deny; call it from a Nitro plugin:
 *
 * ```ts
 * // server/plugins/sockudo.ts
 * export default defineNitroPlugin(() => {
 *   defineSockudoAuthorizer(async (request, event) => {
 *     const { user } = await getUserSession(event)
 *     if (!user) return false
 *     if (request.route === 'channel-auth') {
 *       if (request.channel === `private-user-${user.id}`) return true
 *       if (request.channel === 'presence-lobby') return { user: { user_id: user.id, user_info: { name: user.name } } }
 *     }
 *     if (request.route === 'versioned-messages' && request.channel === 'chat') return { clientId: user.id }
 *     return false
 *   })
 * })
 * ```
 */
export function defineSockudoAuthorizer(authorizer: SockudoAuthorizer): SockudoAuthorizer {
  hooks.authorizer = authorizer
  return authorizer
}

/**
 * Registers the app's user authenticator for `signin()` (`POST /api/_sockudo/user-auth`): it
 * returns `{ id, user_info?, watchlist? }` for the session's user, or `false` to deny (403).
 * Without one, every sign-in is refused (403 `auth/not-configured`). Call it from the same
 * Nitro plugin as the authorizer.
 */
export function defineSockudoUserAuthenticator(authenticator: SockudoUserAuthenticator): SockudoUserAuthenticator {
  hooks.userAuthenticator = authenticator
  return authenticator
}

/** @internal The registered hooks (read per request, so late registration still counts). */
export function _sockudoHooks(): Readonly<Hooks> {
  return hooks
}
