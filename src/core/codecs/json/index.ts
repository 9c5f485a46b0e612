export { jsonCodec } from './codec'
export { parseEventData } from './event-data'
export { parseJsonLossless } from './lossless-parse'
export { stringifyJsonLossless } from './lossless-stringify'
