import { createPushProxy } from '@sockudo/vue/server'
import type { PushProxyDecision } from '@sockudo/vue/server'
import { decisionField, defineSockudoRoute, proxyOptions } from '../utils/route'

/**
 * `/api/_sockudo/push/**`: push registration API mirror. The capability comes from the app's
 * decision (`{ capability: 'push-admin' }`), never from the browser; `true` means `push-subscribe`.
 */
export default defineSockudoRoute('push', context => createPushProxy({
  ...proxyOptions(context),
  basePath: `${context.public.routePrefix}/push`,
  // Validated by the handler: anything but `true` or a known capability is a 403.
  authorize: async request => decisionField(await context.decide({ ...request, route: 'push' }), 'capability') as PushProxyDecision,
}))
