/** Parses the per-subscription `delta` field (v2-features.md §1.2.2). */
import { isRecord } from './util'

export type DeltaAlgorithm = 'fossil' | 'xdelta3'

function algorithmOf(value: unknown): DeltaAlgorithm {
  return value === 'xdelta3' || value === 'vcdiff' ? 'xdelta3' : 'fossil'
}

/** undefined = not requested, null = explicitly disabled, else the algorithm. */
export function parseDeltaOption(raw: unknown): DeltaAlgorithm | null | undefined {
  if (raw === undefined || raw === null) return undefined
  if (raw === true) return 'fossil'
  if (raw === false) return null
  if (typeof raw === 'string') return ['disabled', 'false', 'none'].includes(raw) ? null : algorithmOf(raw)
  if (isRecord(raw)) return raw.enabled === false ? null : algorithmOf(raw.algorithm)
  return undefined
}
