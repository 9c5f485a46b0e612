import { createPushProxy } from '@sockudo/vue/server'
import { defineSockudoRoute, proxyOptions } from '../utils/route'

/**
 * `/api/_sockudo/push/**`: push registration API mirror. The capability comes from the app's
 * decision (`{ capability: 'push-admin' }`), never from the browser; `true` means `push-subscribe`.
 */
export default defineSockudoRoute('push', context => createPushProxy({
  ...proxyOptions(context),
  basePath: `${context.public.routePrefix}/push`,
  authorize: async (request) => {
    const decision = await context.decide({ ...request, route: 'push' })
    if (typeof decision === 'boolean') return decision
    return decision.capability ?? true
  },
}))
