/** Frame counters of one client since it was created (`client.stats()`). */
export interface ClientStats {
  /** Frames received and decoded after the handshake. */
  received: number
  /** Events handed to the app (channel and global events). */
  delivered: number
  /** Frames dropped because their `message_id` (+ serial) was seen before. */
  duplicates: number
  /** Frames that could not be decoded (reported as `error` events). */
  undecodable: number
  /** Frames the delta stage could not rebuild (dropped after a resync request). */
  deltaFailures: number
}

/** @internal */
export function createStats(): ClientStats {
  return { received: 0, delivered: 0, duplicates: 0, undecodable: 0, deltaFailures: 0 }
}
