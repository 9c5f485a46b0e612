import type { H3Event } from 'h3'
import { createSockudoRest } from '@sockudo/vue/server'
import type {
  ChannelAuthEvent,
  HistoryProxyEvent,
  PresenceChannelUser,
  PresenceHistoryProxyEvent,
  PushCapability,
  PushProxyEvent,
  SockudoRest,
  SockudoUserData,
  UserAuthEvent,
  VersionedMessagesProxyEvent,
} from '@sockudo/vue/server'
import { useRuntimeConfig } from '#imports'
import type { SockudoPrivateRuntimeConfig, SockudoPublicRuntimeConfig } from '../../types'

/**
 * Everything the app's authorizer is asked about, discriminated by `route`: a channel
 * subscription (`channel-auth`) or one proxied call (`history`, `presence-history`,
 * `messages`, `push`). The other fields come from `@sockudo/vue/server`'s handler events.
 */
export type SockudoAuthorizeRequest =
  | ({ route: 'channel-auth', channel: string } & ChannelAuthEvent)
  | ({ route: 'history' } & HistoryProxyEvent)
  | ({ route: 'presence-history' } & PresenceHistoryProxyEvent)
  | ({ route: 'messages' } & VersionedMessagesProxyEvent)
  | ({ route: 'push' } & PushProxyEvent)

/**
 * The app's answer; only an explicit allow allows. `true` allows private and encrypted channels,
 * history reads and message actions (without an author), and push calls as `push-subscribe`.
 * An object allows only where the route reads its field, taken from the app's own session
 * (never from the browser): `{ user }` for channel auth (required for presence channels),
 * `{ clientId }` on `messages` (recorded as the author of mutations), `{ capability }` on
 * `push`. `false` denies (403 `forbidden`); anything else, `undefined` from a forgotten
 * `return` or `{}` included, is refused (403 `invalid_decision`).
 */
export type SockudoAuthorizeDecision = boolean | {
  /** Presence member: `{ user_id, user_info? }`. */
  user?: PresenceChannelUser
  /** Author of versioned-message mutations (`messages` route): the signed-in user's id. */
  clientId?: string
  /** Push capability (`push` route); `true` instead of an object means `push-subscribe`. */
  capability?: PushCapability
}

/** Decides one request; may be async. Receives the h3 `event` to read the app's session. */
export type SockudoAuthorizer = (request: SockudoAuthorizeRequest, event: H3Event) => SockudoAuthorizeDecision | Promise<SockudoAuthorizeDecision>

/** Returns the signed-in user for `signin()` (from the app's session), or `false`/`null` to deny. */
export type SockudoUserAuthenticator = (request: UserAuthEvent, event: H3Event) => SockudoUserData | false | null | undefined | Promise<SockudoUserData | false | null | undefined>

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
 *     if (request.route === 'messages' && request.channel === 'chat') return { clientId: user.id }
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

/** Both halves of the module's runtime config, typed. */
export function useSockudoConfig(event?: H3Event): { public: SockudoPublicRuntimeConfig, private: SockudoPrivateRuntimeConfig } {
  const config = useRuntimeConfig(event)
  return {
    public: config.public.sockudo as unknown as SockudoPublicRuntimeConfig,
    private: config.sockudo as unknown as SockudoPrivateRuntimeConfig,
  }
}

/**
 * A signed Sockudo HTTP API client built from runtime config, for publishing from server
 * routes and plugins: `await useSockudoRest().trigger('news', 'created', item)`.
 */
export function useSockudoRest(event?: H3Event): SockudoRest {
  const config = useSockudoConfig(event)
  return createSockudoRest({
    appId: config.private.appId,
    key: config.public.key,
    secret: config.private.secret,
    host: config.private.apiHost,
    port: Number(config.private.apiPort),
    useTLS: config.private.apiUseTLS,
  })
}
