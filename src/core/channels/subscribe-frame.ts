import { serializeDeltaSetting } from '../delta/subscribe'
import type { SubscribeOptions } from './types'

/**
 * Builds the `data` of a subscribe frame (sockudo-adapter 5.2.0 src/handler/types.rs):
 * `{channel, auth, channel_data?, filter?|tags_filter?, delta?, rewind?, modes?}`.
 * `auth` is always present (`""` for public channels); `channel_data` stays the exact
 * signed string. `delta` is sent only when the client has delta compression on (`deltaOn`).
 */
export function buildSubscribeData(
  channel: string,
  auth: { auth: string; channelData?: string },
  options: SubscribeOptions,
  includeRewind: boolean,
  deltaOn = true,
): Record<string, unknown> {
  const data: Record<string, unknown> = { auth: auth.auth }
  if (auth.channelData !== undefined) data.channel_data = auth.channelData
  data.channel = channel
  if (options.filter) data.filter = options.filter
  else if (options.tagsFilter) data.tags_filter = options.tagsFilter
  // Without delta compression nothing is sent: the server reads even `delta: false` as a
  // request that turns deltas on for the socket's other channels (sockudo-delta 5.2.0 src/manager.rs).
  if (deltaOn && options.delta !== undefined) data.delta = serializeDeltaSetting(options.delta)
  if (includeRewind && options.rewind !== undefined) data.rewind = options.rewind
  if (options.modes) data.modes = options.modes
  return data
}
