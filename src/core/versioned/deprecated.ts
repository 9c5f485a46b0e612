// The names of this folder before "mutable" and "versioned" became one concept ("versioned
// messages", the server's and the official clients' word). Kept for one minor version: they are
// removed in 0.2.0. Each is the same value or type as its new name.
import { getVersionedMessageInfo, isVersionedMessageEvent, reduceVersionedMessageEvent, reduceVersionedMessageEvents } from './reducer'
import { VersionedMessageStore } from './store'
import type { VersionedMessageStoreEvents } from './store'
import type { VersionedMessageAction, VersionedMessageEventLike, VersionedMessageInfo, VersionedMessageState, VersionedReduceOptions } from './types'

/** @deprecated Renamed {@link VersionedMessageAction}; removed in 0.2.0. */
export type MutableMessageAction = VersionedMessageAction
/** @deprecated Renamed {@link VersionedMessageEventLike}; removed in 0.2.0. */
export type MutableMessageEventLike = VersionedMessageEventLike
/** @deprecated Renamed {@link VersionedMessageInfo}; removed in 0.2.0. */
export type MutableMessageVersionInfo = VersionedMessageInfo
/** @deprecated Renamed {@link VersionedMessageState}; removed in 0.2.0. */
export type MutableMessageState<T = unknown> = VersionedMessageState<T>
/** @deprecated Renamed {@link VersionedReduceOptions}; removed in 0.2.0. */
export type MutableReduceOptions = VersionedReduceOptions
/** @deprecated Renamed {@link VersionedMessageStoreEvents}; removed in 0.2.0. */
export type MutableMessageStoreEvents<T> = VersionedMessageStoreEvents<T>
/** @deprecated Renamed {@link VersionedMessageStore}; removed in 0.2.0. */
export const MutableMessageStore = VersionedMessageStore
/** @deprecated Renamed {@link VersionedMessageStore}; removed in 0.2.0. */
export type MutableMessageStore<T = unknown> = VersionedMessageStore<T>
/** @deprecated Renamed {@link getVersionedMessageInfo}; removed in 0.2.0. */
export const getMutableMessageInfo = getVersionedMessageInfo
/** @deprecated Renamed {@link isVersionedMessageEvent}; removed in 0.2.0. */
export const isMutableMessageEvent = isVersionedMessageEvent
/** @deprecated Renamed {@link reduceVersionedMessageEvent}; removed in 0.2.0. */
export const reduceMutableMessageEvent = reduceVersionedMessageEvent
/** @deprecated Renamed {@link reduceVersionedMessageEvents}; removed in 0.2.0. */
export const reduceMutableMessageEvents = reduceVersionedMessageEvents
