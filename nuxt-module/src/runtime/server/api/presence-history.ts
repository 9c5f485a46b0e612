import { createPresenceHistoryProxy } from '@sockudo/vue/server'
import { defineSockudoRoute, proxyOptions } from '../utils/route'

/** `POST /api/_sockudo/presence-history`: presence history and snapshots through the signed HTTP API. */
export default defineSockudoRoute('presenceHistory', context => createPresenceHistoryProxy({
  ...proxyOptions(context),
  // Only `true` allows (the handler refuses anything else with 403).
  authorize: async request => (await context.decide({ ...request, route: 'presence-history' })) as boolean,
}))
