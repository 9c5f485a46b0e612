export { SockudoClient } from './client'
export type { SockudoClientOptions, NetworkHints, DeltaCompressionOptions } from './options'
export type { ClientEvents, ChannelScoped, ResumeFailure } from './events'
export type { ClientStats } from './stats'
