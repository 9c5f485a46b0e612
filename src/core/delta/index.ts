// Public exports of core/delta.
export * from './decoders'
export { DeltaManager, type DeltaManagerOptions, type DeltaResult, type DeltaManagerEvents } from './manager'
export type { DeltaStats, ChannelDeltaStats } from './stats'
export { BaseCache, type BaseCacheLimits } from './base-cache'
export { serializeDeltaSetting, enableDeltaFrame, deltaSyncErrorFrame, type DeltaSetting } from './subscribe'
export { deltaBaseText } from './base-text'
export { parseDeltaPayload, decodeDeltaBase64, isDeltaAlgorithm, type DeltaPayload } from './delta-payload'
