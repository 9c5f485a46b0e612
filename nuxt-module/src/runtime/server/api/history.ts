import { createHistoryProxy } from '@sockudo/vue/server'
import { defineSockudoRoute, proxyOptions } from '../utils/route'

/** `POST /api/_sockudo/history`: channel history through the signed HTTP API. */
export default defineSockudoRoute('history', context => createHistoryProxy({
  ...proxyOptions(context),
  // Only `true` allows (the handler refuses anything else with 403).
  authorize: async request => (await context.decide({ ...request, route: 'history' })) as boolean,
}))
