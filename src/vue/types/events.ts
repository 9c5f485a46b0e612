/**
 * Payload types of channel events, by event name. Augment it once in the app and every
 * `on()`, `useChannelEvent()` and `useEventLog()` handler is typed without casts:
 *
 * ```ts
 * declare module '@sockudo/vue' {
 *   interface SockudoEvents {
 *     'order.updated': { id: string; total: number }
 *   }
 * }
 * ```
 *
 * An explicit generic (`useChannel<{ 'chat.message': Chat }>('chat')`) replaces it for one call.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SockudoEvents {}

/** Any event name of `E`, plus any other string (whose payload is `unknown`). */
export type EventName<E> = Extract<keyof E, string> | (string & {})

/** Payload type of event `K` in map `E`; `unknown` for names the map does not list. */
export type EventPayload<E, K extends string> = K extends keyof E ? E[K] : unknown

declare const _unset: unique symbol
/** Marker for "no explicit payload type given" (public: composable signatures name it as a default). */
export type Unset = typeof _unset

/**
 * Payload of a handler: the explicit `T` when given (`useChannelEvent<Order>(…)`), else the
 * type `E` maps `K` to.
 */
export type HandlerPayload<T, E, K extends string> = [T] extends [Unset] ? EventPayload<E, K> : T
