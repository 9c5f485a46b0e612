/**
 * The delta manager the client builds for `deltaCompression`. Loaded with a dynamic import on
 * the first connect, so the decoders never enter the bundle of an app without delta.
 */
import type { BaseCacheLimits } from './base-cache'
import { defaultDeltaDecoders } from './decoders'
import type { DeltaAlgorithm, DeltaDecoders } from './decoders/types'
import { DeltaManager } from './manager'

/** @internal What the client passes: the resolved option plus its channel registry. */
export interface ClientDeltaSettings {
  algorithms?: readonly DeltaAlgorithm[]
  cache?: BaseCacheLimits
  isTracked: (channel: string) => boolean
}

/** @internal A {@link DeltaManager} with only the asked-for decoders, tracking the client's channels. */
export function createClientDeltaManager(settings: ClientDeltaSettings): DeltaManager {
  const decoders: DeltaDecoders = {}
  for (const algorithm of settings.algorithms ?? (['fossil', 'xdelta3'] as const)) decoders[algorithm] = defaultDeltaDecoders[algorithm]
  const options: ConstructorParameters<typeof DeltaManager>[0] = { decoders, isTracked: settings.isTracked }
  if (settings.cache) options.cache = settings.cache
  return new DeltaManager(options)
}
