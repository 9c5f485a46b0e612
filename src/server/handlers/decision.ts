import type { PresenceChannelUser, SockudoUserData } from '../auth'
import type { PushCapability } from '../rest/push'
import { PUSH_CAPABILITIES } from '../rest/push'
import { errorResponse, isRecord } from './http'

/**
 * The one reading of an app hook's answer every handler uses. Only an explicit allow allows:
 * `true`, or an object whose fields the route needs are present and well-formed. Everything
 * else (`false`, a forgotten `return`, `0`, `''`, `NaN`, `{}`, an unknown string …) is a 403:
 * `forbidden` for `false`, `invalid_decision` (naming what to return) for the rest.
 */
export type Verdict<T> = { readonly allow: true; readonly grant: T } | { readonly allow: false; readonly response: Response }

const allow = <T>(grant: T): Verdict<T> => ({ allow: true, grant })

/** 403 `forbidden`: the app said no. */
export function denied<T>(message: string): Verdict<T> {
  return { allow: false, response: errorResponse(403, 'forbidden', message) }
}

/** 403 `invalid_decision`: the hook answered something that is not an allow; the message says what is. */
function invalid<T>(got: unknown, expected: string): Verdict<T> {
  const message = `The authorize hook answered ${describe(got)}, which is not an allow: return ${expected} to allow, false to deny.`
  return { allow: false, response: errorResponse(403, 'invalid_decision', message) }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined (a missing return?)'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40))
  if (Array.isArray(value)) return 'an array'
  if (isRecord(value)) return `an object with keys [${Object.keys(value).slice(0, 5).join(', ')}]`
  return String(value)
}

/** `true` allows; the proxies that need nothing from the app's session use this. */
export function judgeBoolean(decision: unknown, denial: string): Verdict<true> {
  if (decision === true) return allow(true)
  return decision === false ? denied(denial) : invalid(decision, 'true')
}

/** Channel auth: `true`, or `{ user }` with a usable member (`user_id` string or safe integer). */
export function judgeChannel(decision: unknown, denial: string): Verdict<{ user?: PresenceChannelUser }> {
  if (decision === true) return allow({})
  if (decision === false) return denied(denial)
  const expected = 'true (private channels) or { user: { user_id, user_info? } } (presence channels)'
  if (!isRecord(decision) || !isPresenceUser(decision.user)) return invalid(decision, expected)
  return allow({ user: decision.user })
}

function isPresenceUser(user: unknown): user is PresenceChannelUser {
  return isRecord(user) && isId(user.user_id) && (user.user_info === undefined || isRecord(user.user_info))
}

function isId(id: unknown): id is string | number {
  return (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isSafeInteger(id))
}

/** Versioned messages: `true`, or `{ clientId }` (a non-empty string: the recorded author). */
export function judgeMessages(decision: unknown, denial: string): Verdict<{ clientId?: string }> {
  if (decision === true) return allow({})
  if (decision === false) return denied(denial)
  if (isRecord(decision) && typeof decision.clientId === 'string' && decision.clientId !== '') return allow({ clientId: decision.clientId })
  return invalid(decision, 'true or { clientId: <the signed-in user id> }')
}

/** Push: `true` (`push-subscribe`) or an explicit known capability. */
export function judgePush(decision: unknown, denial: string): Verdict<PushCapability> {
  if (decision === true) return allow('push-subscribe')
  if (decision === false) return denied(denial)
  if (typeof decision === 'string' && (PUSH_CAPABILITIES as readonly string[]).includes(decision)) return allow(decision as PushCapability)
  return invalid(decision, `true (push-subscribe) or one of ${PUSH_CAPABILITIES.map((c) => `'${c}'`).join(', ')}`)
}

/** User sign-in: a user `{ id, user_info?, watchlist? }`; `false`, `null` and `undefined` deny. */
export function judgeUser(decision: unknown, denial: string): Verdict<SockudoUserData> {
  if (decision === false || decision === null || decision === undefined) return denied(denial)
  if (isRecord(decision) && isId(decision.id) && isWatchlist(decision.watchlist) && (decision.user_info === undefined || isRecord(decision.user_info))) {
    return allow(decision as SockudoUserData)
  }
  return invalid(decision, '{ id, user_info?, watchlist? } for the signed-in user')
}

function isWatchlist(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((id) => typeof id === 'string'))
}
