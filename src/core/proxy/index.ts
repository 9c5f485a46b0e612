// Public exports of core/proxy: plumbing for calls to app-owned proxy endpoints.
export { callProxy } from './request'
export type { ProxyHeaders, ProxyEndpointOptions, ProxyCall, ProxyResult } from './request'
export type { HistoryDirection, HistoryBounds, HistoryContinuity, HistoryStreamState, ProxyPage } from './page'
export type { SerialInput } from './params'
export { fetchChannelHistory, toChannelHistoryParams, decodeHistoryItem } from './channel-history'
export type { ChannelHistoryOptions } from './channel-history'
export { fetchPresenceHistory, fetchPresenceSnapshot, toPresenceHistoryParams, toPresenceSnapshotParams } from './presence-history'
export type { PresenceHistoryParams, PresenceSnapshotParams, PresenceHistoryItem, PresenceHistoryPage, PresenceSnapshotMember, PresenceSnapshot, PresenceHistoryOptions } from './presence-history'
