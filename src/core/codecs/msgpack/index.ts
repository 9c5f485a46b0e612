/**
 * `@sockudo/vue/codecs/msgpack`: the MessagePack wire codec (Protocol V2, sockudo-protocol 5.2.0 src/wire.rs).
 *
 * Requires the optional peer dependency `@msgpack/msgpack` (`npm i @msgpack/msgpack`); apps
 * that stay on JSON never import this entry and never bundle it.
 *
 * Select it when creating the client; the client then connects with `format=msgpack`
 * (V2 only, V1 is always JSON):
 *
 * ```ts
 * import { SockudoClient } from '@sockudo/vue/core'
 * import { msgpackCodec } from '@sockudo/vue/codecs/msgpack'
 *
 * const client = new SockudoClient('app-key', { protocolVersion: 2, codec: msgpackCodec })
 * ```
 *
 * Text frames are still decoded as JSON (the server sends client events, presence events and
 * `"delta": false` publishes as JSON text on every format, sockudo-adapter 5.2.0 src/local_adapter/broadcast.rs); binary frames use
 * MessagePack. Outbound frames are binary. Binary application data arrives as `Uint8Array`,
 * and a `Uint8Array` passed as event data is sent as bytes.
 *
 * @packageDocumentation
 */
export { createMsgpackCodec, msgpackCodec } from './codec'
export type { MsgpackCodecOptions } from './codec'
