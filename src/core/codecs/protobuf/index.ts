/**
 * `@sockudo/vue/codecs/protobuf`: the Protobuf wire codec (Protocol V2, sockudo-protocol 5.2.0 src/wire.rs).
 *
 * Self-contained: a small reader/writer for exactly the server's schema, so no protobuf
 * runtime is bundled. Field numbers are the server's (the Flutter client's 10–15 differ).
 *
 * Select it when creating the client; the client then connects with `format=protobuf`
 * (V2 only, V1 is always JSON):
 *
 * ```ts
 * import { SockudoClient } from '@sockudo/vue/core'
 * import { protobufCodec } from '@sockudo/vue/codecs/protobuf'
 *
 * const client = new SockudoClient('app-key', { protocolVersion: 2, codec: protobufCodec })
 * ```
 *
 * Text frames are still decoded as JSON (the server sends client events, presence events and
 * `"delta": false` publishes as JSON text on every format, sockudo-adapter 5.2.0 src/local_adapter/broadcast.rs); binary frames use
 * Protobuf. Outbound frames are binary. Binary application data arrives as `Uint8Array`.
 *
 * @packageDocumentation
 */
export { createProtobufCodec, protobufCodec } from './codec'
export type { ProtobufCodecOptions } from './codec'
