import { createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { VersionedMessagesDecision, VersionedMessagesProxyEvent } from '@sockudo/vue/server'
import type { SockudoAuthorizeDecision } from '../utils/hook-types'
import { decisionField, defineSockudoRoute, proxyOptions } from '../utils/route'
import type { SockudoRouteContext } from '../utils/route'

let warnedOldRouteName = false

/**
 * `POST /api/_sockudo/versioned-messages` (and the deprecated `/api/_sockudo/messages` until
 * 0.2.0): versioned messages through the signed HTTP API. A `clientId` in the app's decision
 * becomes the author of mutations; the browser's never does.
 */
export default defineSockudoRoute('versionedMessages', context => createVersionedMessagesProxy({
  ...proxyOptions(context),
  // Validated by the handler: anything but `true` or `{ clientId: <non-empty string> }` is a 403.
  authorize: async request => decisionField(await decide(context, request), 'clientId') as VersionedMessagesDecision,
}))

/**
 * Asks the authorizer with `route: 'versioned-messages'`; an authorizer that leaves it undecided
 * (`undefined`) is asked once more under the route's old name `messages`, with a one-time
 * deprecation warning, so apps written before the rename keep working. An undecided answer is
 * still refused by the handler.
 */
async function decide(context: SockudoRouteContext, request: VersionedMessagesProxyEvent): Promise<SockudoAuthorizeDecision> {
  const decision = await context.decide({ ...request, route: 'versioned-messages' })
  if (decision !== undefined) return decision
  const legacy = await context.decide({ ...request, route: 'messages' })
  if (legacy !== undefined && !warnedOldRouteName) {
    warnedOldRouteName = true
    console.warn('[sockudo] The authorizer decided a versioned-messages request under the deprecated route name \'messages\'; check `request.route === \'versioned-messages\'` instead (the old name is removed in 0.2.0).')
  }
  return legacy
}
