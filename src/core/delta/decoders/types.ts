/**
 * Shared types of the delta decoders. A decoder is a pure function: base bytes and delta
 * bytes in, reconstructed bytes out. It never returns wrong bytes silently: every decoder
 * checks the declared output length and, where the format carries one, the checksum.
 */

/** Name of a delta algorithm as it appears in `sockudo:delta` frames. */
export type DeltaAlgorithm = 'fossil' | 'xdelta3'

/** Limits applied while decoding, so hostile input cannot exhaust memory. */
export interface DecodeLimits {
  /**
   * Largest output a delta may declare, in bytes. A larger declared size fails with
   * `delta/too-large` before anything is allocated.
   * @default 67108864 (64 MiB)
   */
  maxOutputBytes?: number
}

/**
 * Applies `delta` to `base` and returns the reconstructed bytes. Throws a `DeltaError`
 * (never anything else) on corrupt, truncated, unsupported or mismatching input.
 */
export type DeltaDecoder = (base: Uint8Array, delta: Uint8Array, limits?: DecodeLimits) => Uint8Array

/** Decoders by algorithm name, as injected into the delta manager. */
export type DeltaDecoders = Partial<Record<DeltaAlgorithm, DeltaDecoder>>

/** @internal Default for {@link DecodeLimits.maxOutputBytes}. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024
