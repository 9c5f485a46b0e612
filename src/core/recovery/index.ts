export { MessageDeduplicator, DEFAULT_DEDUP_CAPACITY } from './dedup'
export type { RecoveryPosition } from './positions'
export { RecoveryPositions, buildResumeData } from './positions'
