import { asArray, asRecord, bool, compact, num, serial, str } from './decode'

/** Paging direction of history reads. */
export type HistoryDirection = 'newest_first' | 'oldest_first'

/** Bounds a history page was read with (serials exact strings). */
export interface HistoryBounds {
  /** Inclusive lower serial bound. */
  startSerial: string | null
  /** Inclusive upper serial bound. */
  endSerial: string | null
  /** Inclusive lower time bound, epoch ms. */
  startTimeMs: number | null
  /** Inclusive upper time bound, epoch ms. */
  endTimeMs: number | null
  /** Socket history only: whether the read was capped at the attach serial. */
  untilAttach?: boolean
  /** Socket history only: the attach serial of this connection. */
  attachSerial?: string | null
}

/** What part of the stream is still retained. */
export interface HistoryContinuity {
  /** Stream id (changes on reset). */
  streamId?: string
  /** Oldest retained serial. */
  oldestAvailableSerial: string | null
  /** Newest retained serial. */
  newestAvailableSerial: string | null
  /** Publish time of the oldest retained entry, epoch ms. */
  oldestAvailablePublishedAtMs: number | null
  /** Publish time of the newest retained entry, epoch ms. */
  newestAvailablePublishedAtMs: number | null
  /** Retained entries (`retained_messages`, or `retained_events` for presence). */
  retained?: number
  /** Retained bytes. */
  retainedBytes?: number
  /** Presence history only: the stream is degraded. */
  degraded?: boolean
  /** True when nothing more exists in this direction and nothing was cut by retention. */
  complete: boolean
  /** True when retention dropped entries inside the requested range. */
  truncatedByRetention: boolean
}

/** Durable state of the history stream. */
export interface HistoryStreamState {
  /** Stream id. */
  streamId?: string
  /** `healthy`, `degraded` or `reset_required`. */
  durableState?: string
  /** Channel history: whether recovery is allowed. */
  recoveryAllowed?: boolean
  /** Presence history: whether continuity is proven. */
  continuityProven?: boolean
  /** Whether the stream must be reset. */
  resetRequired?: boolean
  /** Reason of the current state. */
  reason?: string | null
}

/** Common fields of every paged proxy read. */
export interface ProxyPage<Item> {
  /** Entries of this page. */
  items: Item[]
  /** Direction the page was read in. */
  direction: HistoryDirection
  /** Page size the server applied. */
  limit: number
  /** More entries exist after this page. */
  hasMore: boolean
  /** Opaque cursor of the next page, `null` when none. */
  nextCursor: string | null
  /** True when {@link ProxyPage.next} can be called. */
  hasNext(): boolean
  /** Reads the next page with the same parameters; resolves `null` after the last page. */
  next(): Promise<this | null>
}

/** Bounds of a raw page. */
export function decodeBounds(value: unknown): HistoryBounds {
  const b = asRecord(value)
  const bounds: HistoryBounds = {
    startSerial: serial(b.start_serial) ?? null,
    endSerial: serial(b.end_serial) ?? null,
    startTimeMs: num(b.start_time_ms) ?? null,
    endTimeMs: num(b.end_time_ms) ?? null,
  }
  if (typeof b.until_attach === 'boolean') bounds.untilAttach = b.until_attach
  if ('attach_serial' in b) bounds.attachSerial = serial(b.attach_serial) ?? null
  return bounds
}

/** Continuity of a raw page or snapshot. */
export function decodeContinuity(value: unknown): HistoryContinuity {
  const c = asRecord(value)
  return compact({
    streamId: str(c.stream_id),
    oldestAvailableSerial: serial(c.oldest_available_serial) ?? null,
    newestAvailableSerial: serial(c.newest_available_serial) ?? null,
    oldestAvailablePublishedAtMs: num(c.oldest_available_published_at_ms) ?? null,
    newestAvailablePublishedAtMs: num(c.newest_available_published_at_ms) ?? null,
    retained: num(c.retained_messages ?? c.retained_events),
    retainedBytes: num(c.retained_bytes),
    degraded: typeof c.degraded === 'boolean' ? c.degraded : undefined,
    complete: bool(c.complete),
    truncatedByRetention: bool(c.truncated_by_retention),
  })
}

/** Stream state of a raw page. */
export function decodeStreamState(value: unknown): HistoryStreamState {
  const s = asRecord(value)
  return compact({
    streamId: str(s.stream_id),
    durableState: str(s.durable_state),
    recoveryAllowed: typeof s.recovery_allowed === 'boolean' ? s.recovery_allowed : undefined,
    continuityProven: typeof s.continuity_proven === 'boolean' ? s.continuity_proven : undefined,
    resetRequired: typeof s.reset_required === 'boolean' ? s.reset_required : undefined,
    reason: s.reason === null ? null : str(s.reason),
  })
}

/**
 * Decodes the paging fields shared by every list answer and wires `hasNext()`/`next()`;
 * `fetchPage(cursor)` re-sends the original request with the cursor.
 */
export function decodePage<Item, Page extends ProxyPage<Item>>(
  raw: Record<string, unknown>,
  decodeItem: (value: unknown) => Item,
  extra: Omit<Page, keyof ProxyPage<Item>>,
  fetchPage: (cursor: string) => Promise<Page>,
): Page {
  const nextCursor = str(raw.next_cursor) ?? null
  const hasMore = bool(raw.has_more)
  const page = {
    ...extra,
    items: asArray(raw.items).map(decodeItem),
    direction: raw.direction === 'newest_first' ? 'newest_first' : 'oldest_first',
    limit: num(raw.limit) ?? 0,
    hasMore,
    nextCursor,
    hasNext: () => hasMore && nextCursor !== null,
    next: () => (hasMore && nextCursor !== null ? fetchPage(nextCursor) : Promise.resolve(null)),
  }
  return page as unknown as Page
}
