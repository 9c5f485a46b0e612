import type { SubscribeOptions } from '../../core'
import type { HoldSettings } from './registry'

/** Maps a holder's settings onto `client.subscribe()` options, leaving out what is unset. */
export function toSubscribeOptions(settings: HoldSettings): SubscribeOptions {
  const options: SubscribeOptions = {}
  if (settings.filter !== undefined) options.filter = settings.filter
  if (settings.delta !== undefined) options.delta = settings.delta
  if (settings.rewind !== undefined) options.rewind = settings.rewind
  return options
}
