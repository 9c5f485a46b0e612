export { jsonCodec } from './codec'
export { parseEventData } from './event-data'
export { parseJsonLossless } from '../../util/lossless-parse'
export { stringifyJsonLossless } from '../../util/lossless-stringify'
