import { createVersionedMessagesProxy } from '@sockudo/vue/server'
import { defineSockudoRoute, proxyOptions } from '../utils/route'

/**
 * `POST /api/_sockudo/messages`: versioned (mutable) messages through the signed HTTP API. A
 * `clientId` in the app's decision becomes the author of mutations.
 */
export default defineSockudoRoute('versionedMessages', context => createVersionedMessagesProxy({
  ...proxyOptions(context),
  authorize: async (request) => {
    const decision = await context.decide({ ...request, route: 'messages' })
    if (typeof decision === 'boolean') return decision
    return decision.clientId === undefined ? true : { clientId: decision.clientId }
  },
}))
