// The composable's name before "mutable" and "versioned" became one concept ("versioned
// messages", the server's word). Kept for one minor version: removed in 0.2.0.
import { useVersionedMessages } from './use-versioned-messages'
import type { UseVersionedMessagesOptions, UseVersionedMessagesReturn } from './use-versioned-messages'

/** @deprecated Renamed {@link useVersionedMessages}; removed in 0.2.0. */
export const useMutableMessages = useVersionedMessages
/** @deprecated Renamed {@link UseVersionedMessagesOptions}; removed in 0.2.0. */
export type UseMutableMessagesOptions = UseVersionedMessagesOptions
/** @deprecated Renamed {@link UseVersionedMessagesReturn}; removed in 0.2.0. */
export type UseMutableMessagesReturn<T = unknown> = UseVersionedMessagesReturn<T>
