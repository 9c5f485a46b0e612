export { applyFossilDelta, fossilChecksum } from './fossil'
export { applyVcdiffDelta } from './vcdiff'
export { adler32 } from './adler32'
export type { DeltaAlgorithm, DeltaDecoder, DeltaDecoders, DecodeLimits } from './types'
import { applyFossilDelta } from './fossil'
import { applyVcdiffDelta } from './vcdiff'
import type { DeltaDecoders } from './types'

/** The built-in decoders: pure TypeScript, no dependencies. */
export const defaultDeltaDecoders: Readonly<Required<DeltaDecoders>> = Object.freeze({
  fossil: applyFossilDelta,
  xdelta3: applyVcdiffDelta,
})
