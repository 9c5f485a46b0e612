/** Routes of the optional V2 features (history, presence history, versioned messages, push). */
import { getHistory, getHistoryState, purgeHistory, resetHistory } from './history'
import { getPresenceHistory, getPresenceSnapshot } from './presence-history'
import { batchPublishPush, publishPush, pushStatus } from './push'
import type { Route } from './router'
import { getLatest, getVersions, mutate } from './versioned'

const CH = '/apps/[^/]+/channels/([^/]+)'
const re = (tail: string) => new RegExp(`^${CH}${tail}$`)

export const featureRoutes: Route[] = [
  { method: 'GET', pattern: re('/history'), handle: getHistory },
  { method: 'GET', pattern: re('/history/state'), handle: getHistoryState },
  { method: 'POST', pattern: re('/history/reset'), json: true, handle: resetHistory },
  { method: 'POST', pattern: re('/history/purge'), json: true, handle: purgeHistory },
  { method: 'GET', pattern: re('/presence/history'), handle: getPresenceHistory },
  { method: 'GET', pattern: re('/presence/history/snapshot'), handle: getPresenceSnapshot },
  { method: 'GET', pattern: re('/messages/([^/]+)'), handle: getLatest },
  { method: 'GET', pattern: re('/messages/([^/]+)/versions'), handle: getVersions },
  { method: 'POST', pattern: re('/messages/([^/]+)/update'), json: true, handle: mutate('update') },
  { method: 'POST', pattern: re('/messages/([^/]+)/delete'), json: true, handle: mutate('delete') },
  { method: 'POST', pattern: re('/messages/([^/]+)/append'), json: true, handle: mutate('append') },
  { method: 'POST', pattern: /^\/apps\/[^/]+\/push\/publish$/, handle: publishPush },
  { method: 'POST', pattern: /^\/apps\/[^/]+\/push\/batch\/publish$/, handle: batchPublishPush },
  { method: 'GET', pattern: /^\/apps\/[^/]+\/push\/publish\/([^/]+)\/status$/, handle: pushStatus },
]
