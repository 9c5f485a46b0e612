/** The V2 inbound stages the session loads before its first socket opens, in one chunk. */
export { MessageDeduplicator } from './dedup'
export { ResumeGate } from './gate'
