import { createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { VersionedMessagesDecision } from '@sockudo/vue/server'
import { decisionField, defineSockudoRoute, proxyOptions } from '../utils/route'

/**
 * `POST /api/_sockudo/messages`: versioned (mutable) messages through the signed HTTP API. A
 * `clientId` in the app's decision becomes the author of mutations; the browser's never does.
 */
export default defineSockudoRoute('versionedMessages', context => createVersionedMessagesProxy({
  ...proxyOptions(context),
  // Validated by the handler: anything but `true` or `{ clientId: <non-empty string> }` is a 403.
  authorize: async request => decisionField(await context.decide({ ...request, route: 'messages' }), 'clientId') as VersionedMessagesDecision,
}))
