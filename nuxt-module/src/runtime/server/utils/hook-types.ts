import type { H3Event } from 'h3'
import type {
  ChannelAuthEvent,
  HistoryProxyEvent,
  PresenceChannelUser,
  PresenceHistoryProxyEvent,
  PushCapability,
  PushProxyEvent,
  SockudoUserData,
  UserAuthEvent,
  VersionedMessagesProxyEvent,
} from '@sockudo/vue/server'

/**
 * Everything the app's authorizer is asked about, discriminated by `route`: a channel
 * subscription (`channel-auth`) or one proxied call (`history`, `presence-history`,
 * `versioned-messages`, `push`). The other fields come from `@sockudo/vue/server`'s handler events.
 */
export type SockudoAuthorizeRequest =
  | ({ route: 'channel-auth', channel: string } & ChannelAuthEvent)
  | ({ route: 'history' } & HistoryProxyEvent)
  | ({ route: 'presence-history' } & PresenceHistoryProxyEvent)
  | ({ route: 'versioned-messages' } & VersionedMessagesProxyEvent)
  /**
   * @deprecated Asked only when the authorizer left a `versioned-messages` request undecided
   * (returned `undefined`), so authorizers written for the old name keep working; removed in 0.2.0.
   */
  | ({ route: 'messages' } & VersionedMessagesProxyEvent)
  | ({ route: 'push' } & PushProxyEvent)

/**
 * The app's answer; only an explicit allow allows. `true` allows private and encrypted channels,
 * history reads and message actions (without an author), and push calls as `push-subscribe`.
 * An object allows only where the route reads its field, taken from the app's own session
 * (never from the browser): `{ user }` for channel auth (required for presence channels),
 * `{ clientId }` on `versioned-messages` (recorded as the author of mutations), `{ capability }` on
 * `push`. `false` denies (403 `forbidden`); anything else, `undefined` from a forgotten
 * `return` or `{}` included, is refused (403 `invalid_decision`).
 */
export type SockudoAuthorizeDecision = boolean | {
  /** Presence member: `{ user_id, user_info? }`. */
  user?: PresenceChannelUser
  /** Author of versioned-message mutations (`versioned-messages` route): the signed-in user's id. */
  clientId?: string
  /** Push capability (`push` route); `true` instead of an object means `push-subscribe`. */
  capability?: PushCapability
}

/** Decides one request; may be async. Receives the h3 `event` to read the app's session. */
export type SockudoAuthorizer = (request: SockudoAuthorizeRequest, event: H3Event) => SockudoAuthorizeDecision | Promise<SockudoAuthorizeDecision>

/** Returns the signed-in user for `signin()` (from the app's session), or `false`/`null` to deny. */
export type SockudoUserAuthenticator = (request: UserAuthEvent, event: H3Event) => SockudoUserData | false | null | undefined | Promise<SockudoUserData | false | null | undefined>
