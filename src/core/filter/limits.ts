/**
 * Server limits on filters (sockudo-filter 5.2.0 src/predicate.rs; `PredicateLimits` and
 * `event_name_filtering` defaults). Byte limits count UTF-8 bytes, as the server does.
 */
export const FILTER_LIMITS = Object.freeze({
  /** Event names per filter (`event_name_filtering.max_events_per_filter`). */
  maxEvents: 50,
  /** UTF-8 bytes per event name (`max_event_name_length`, checked with Rust `len()`). */
  maxEventBytes: 200,
  /** Nodes in the tag tree. */
  maxTagNodes: 128,
  /** Depth of the tag tree, root = 1. */
  maxTagDepth: 16,
  /** UTF-8 bytes per tag key. */
  maxTagKeyBytes: 256,
  /** UTF-8 bytes per `val` and per `vals` entry. */
  maxTagValueBytes: 1024,
  /** Entries in one `vals` list. */
  maxTagValuesPerNode: 128,
  /** UTF-8 bytes of a JMESPath source. */
  maxExpressionBytes: 4096,
})

const encoder = /* @__PURE__ */ new TextEncoder()

/** @internal UTF-8 length of a string. */
export function utf8Length(s: string): number {
  return encoder.encode(s).length
}
