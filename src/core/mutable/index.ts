// Public exports of core/mutable: the mutable-message reducer and store, and the proxy-backed
// helpers for versioned messages (shared HTTP plumbing and the other proxies are in core/proxy).
export type { MutableMessageAction, MutableMessageEventLike, MutableMessageVersionInfo, MutableMessageState, MutableReduceOptions } from './types'
export { getMutableMessageInfo, isMutableMessageEvent, reduceMutableMessageEvent, reduceMutableMessageEvents } from './reducer'
export { MutableMessageStore } from './store'
export type { MutableMessageStoreEvents } from './store'
export { decodeVersionedMessage, versionedMessageToState } from './versioned-message'
export type { VersionedMessage, MessageVersion } from './versioned-message'
export { createVersionedMessages, decodeAck } from './messages'
export type { VersionedMessagesOptions, VersionedMessagesClient, CreateMessageRequest, MessageMutation, MessageAck, MessageVersionsParams, MessageVersionsPage } from './messages'
