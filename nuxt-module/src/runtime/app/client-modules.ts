import type { Codec, SockudoPluginOptions } from '@sockudo/vue'
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
 * Delta compression in the client's own terms, `deltaCompression: true | { algorithms }`: the
 * client loads the decoders by dynamic import on first connect.
 */
export function deltaOptions(config: SockudoClientConfig): Partial<SockudoPluginOptions> {
  const delta: unknown = config.deltaCompression
  if (delta === true) return { deltaCompression: true }
  const algorithms = typeof delta === 'object' && delta !== null ? (delta as { algorithms?: unknown }).algorithms : undefined
  if (!Array.isArray(algorithms)) return {}
  return { deltaCompression: { algorithms: algorithms.filter((name): name is 'fossil' | 'xdelta3' => name === 'fossil' || name === 'xdelta3') } }
}

/** Adds what loads lazily (codec) and delta compression to a V2 client's options. */
export async function withLazyParts(options: SockudoPluginOptions, config: SockudoClientConfig): Promise<SockudoPluginOptions> {
  if (options.protocolVersion !== 2) return options
  const codec = await loadCodec(config.codec)
  return { ...options, ...deltaOptions(config), ...(codec ? { codec } : {}) }
}
