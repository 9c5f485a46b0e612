import { DeltaManager, defaultDeltaDecoders } from '@sockudo/vue'
import type { Codec, DeltaDecoders, SockudoPluginOptions } from '@sockudo/vue'
import type { SockudoClientConfig, SockudoCodecName } from '../types'

/**
 * Loads the binary codec a client asks for. Each one is a dynamic import of its own entry, so
 * a JSON app's bundle holds neither MessagePack nor Protobuf, and an app that picks one only
 * downloads it once the client starts. `json` needs nothing.
 */
export async function loadCodec(name: SockudoCodecName | undefined): Promise<Codec | undefined> {
  if (name === 'msgpack') return (await import('@sockudo/vue/codecs/msgpack')).msgpackCodec
  if (name === 'protobuf') return (await import('@sockudo/vue/codecs/protobuf')).protobufCodec
  return undefined
}

/**
 * Delta compression: `deltaCompression: true | { algorithms }` becomes the client's delta stage
 * with the built-in decoders (all, or the listed ones).
 * TODO(vue): map to the plugin's own `deltaCompression` option (lazy decoders) once it lands.
 */
export function deltaOptions(config: SockudoClientConfig): Partial<SockudoPluginOptions> {
  const delta: unknown = config.deltaCompression
  if (delta === true) return { deltaStage: new DeltaManager() }
  if (typeof delta !== 'object' || delta === null || !Array.isArray((delta as { algorithms?: unknown }).algorithms)) return {}
  const decoders: DeltaDecoders = {}
  for (const name of (delta as { algorithms: unknown[] }).algorithms) {
    if (name === 'fossil' || name === 'xdelta3') decoders[name] = defaultDeltaDecoders[name]
  }
  return { deltaStage: new DeltaManager({ decoders }) }
}

/** Adds what loads lazily (codec) and delta compression to a V2 client's options. */
export async function withLazyParts(options: SockudoPluginOptions, config: SockudoClientConfig): Promise<SockudoPluginOptions> {
  if (options.protocolVersion !== 2) return options
  const codec = await loadCodec(config.codec)
  return { ...options, ...deltaOptions(config), ...(codec ? { codec } : {}) }
}
