// Public exports of core/push: the push registration helpers (v2-features.md §7).
export { SockudoPushRegistration } from './registration'
export type { SockudoPushRegistrationOptions } from './registration'
export type { PushRecipient, PushDevice, PushChannelSubscription, PushPublishTarget, PushPublishRequest, PushPublishAccepted, PushListPage, PushListParams } from './types'
