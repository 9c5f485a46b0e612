export type { Codec, WireFormat } from './types'
export * from './json'
