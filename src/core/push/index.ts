// Public exports of core/push: the push registration helpers (sockudo 5.2.0 src/push_http.rs).
export { SockudoPushRegistration } from './registration'
export type { SockudoPushRegistrationOptions } from './registration'
export type { PushRecipient, PushDevice, PushChannelSubscription, PushPublishTarget, PushPublishRequest, PushPublishAccepted, PushListPage, PushListParams } from './types'
