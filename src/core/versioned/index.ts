// Public exports of core/versioned: the versioned-message reducer and store, and the proxy-backed
// helpers for versioned messages (shared HTTP plumbing and the other proxies are in core/proxy).
export type { VersionedMessageAction, VersionedMessageEventLike, VersionedMessageInfo, VersionedMessageState, VersionedReduceOptions } from './types'
export { getVersionedMessageInfo, isVersionedMessageEvent, reduceVersionedMessageEvent, reduceVersionedMessageEvents } from './reducer'
export { VersionedMessageStore } from './store'
export type { VersionedMessageStoreEvents } from './store'
export { decodeVersionedMessage, versionedMessageToState } from './versioned-message'
export type { VersionedMessage, MessageVersion } from './versioned-message'
export { createVersionedMessages, decodeAck } from './messages'
export type { VersionedMessagesOptions, VersionedMessagesClient, CreateMessageRequest, MessageMutation, MessageAck, MessageVersionsParams, MessageVersionsPage } from './messages'
export { MutableMessageStore, getMutableMessageInfo, isMutableMessageEvent, reduceMutableMessageEvent, reduceMutableMessageEvents } from './deprecated'
export type { MutableMessageAction, MutableMessageEventLike, MutableMessageVersionInfo, MutableMessageState, MutableReduceOptions, MutableMessageStoreEvents } from './deprecated'
