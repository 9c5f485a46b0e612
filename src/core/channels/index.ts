export type {
  SubscriptionState, SockudoEvent, EventMetadata, EventCallback, GlobalCallback, PresenceMember,
  SubscriptionStateChange, RewindResult, ChannelEvents, DeltaSubscribeOption, RewindOption, SubscribeOptions,
} from './types'
export { Channel } from './channel'
export { PrivateChannel } from './private-channel'
export { PresenceChannel } from './presence-channel'
export { EncryptedChannel } from './encrypted-channel'
export { Members } from './members'
export type { ChannelFor } from './registry'
export { createChannel, ChannelRegistry } from './registry'
export { buildSubscribeData } from './subscribe-frame'
