/**
 * Wire codecs (sockudo-protocol 5.2.0 src/wire.rs). The JSON codec is built in and is the default; it is also what
 * every codec uses for text frames. MessagePack and Protobuf are separate entries
 * (`@sockudo/vue/codecs/msgpack`, `@sockudo/vue/codecs/protobuf`) that an app passes as the
 * client's `codec` option together with `protocolVersion: 2`, so JSON-only apps bundle
 * neither:
 *
 * ```ts
 * new SockudoClient('app-key', { protocolVersion: 2, codec: msgpackCodec })
 * ```
 */
export type { Codec, WireFormat } from './types'
export type { CodecErrorCode } from './shared/errors'
export * from './json'
export type { FrameIO } from './frame-io'
export { createFrameIO } from './frame-io'
