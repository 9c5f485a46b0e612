/**
 * Types of filtered subscriptions (sockudo-filter 5.2.0 src/node.rs): the FilterNode tag-filter tree, the
 * compound `filter` object and the options a channel subscription takes.
 */

/** Leaf comparison operators. `gt`…`lte` compare numerically (both sides must parse as numbers). */
export type FilterComparison = 'eq' | 'neq' | 'in' | 'nin' | 'ex' | 'nex' | 'sw' | 'ew' | 'ct' | 'gt' | 'gte' | 'lt' | 'lte'

/** Comparisons that take a single `val`. */
export type ValueComparison = Exclude<FilterComparison, 'in' | 'nin' | 'ex' | 'nex'>

/** Leaf testing a tag against one value. */
export interface FilterValueLeaf {
  /** Tag name, looked up exactly in the message's top-level `tags`. */
  key: string
  cmp: ValueComparison
  /** Value compared with the tag (byte-exact for string operators). */
  val: string
}

/** Leaf testing a tag against a set (`in`: present and in the set, `nin`: absent or not in it). */
export interface FilterSetLeaf {
  /** Tag name. */
  key: string
  cmp: 'in' | 'nin'
  /** Non-empty value set (at most 128 entries). */
  vals: string[]
}

/** Leaf testing presence (`ex`) or absence (`nex`) of a tag. */
export interface FilterPresenceLeaf {
  /** Tag name. */
  key: string
  cmp: 'ex' | 'nex'
}

/** A leaf of the tag-filter tree. */
export type FilterLeaf = FilterValueLeaf | FilterSetLeaf | FilterPresenceLeaf

/** `and` / `or` over one or more children. */
export interface FilterGroup {
  op: 'and' | 'or'
  /** At least one child. */
  nodes: FilterNode[]
}

/** Negation of exactly one child. */
export interface FilterNot {
  op: 'not'
  /** Exactly one child. */
  nodes: [FilterNode]
}

/** A tag-filter tree node (sockudo-filter 5.2.0 src/node.rs). */
export type FilterNode = FilterLeaf | FilterGroup | FilterNot

/** A JMESPath predicate over the projected message (sockudo-filter 5.2.0 src/predicate.rs). */
export type FilterExpression = string | { language?: 'jmespath'; source: string }

/** Filter options of one channel subscription. Components are combined with AND. */
export interface SubscriptionFilterOptions {
  /**
   * Deliver only these event names (exact match, including prefixed system names such as
   * `sockudo:message.update`). Empty or absent means all events.
   * @default undefined
   */
  events?: readonly string[]
  /**
   * Tag filter over the message's top-level `tags`. Only applied on live fanout when the
   * server has `tag_filtering.enabled` (off by default).
   * @default undefined
   */
  tags?: FilterNode
  /**
   * JMESPath expression over the projected message (needs `tag_filtering.enabled` too).
   * HTTP-published `data` is a JSON string, so content predicates see a string.
   * @default undefined
   */
  expression?: FilterExpression
}

/** Subscribe payload fields produced by {@link filterSubscribeData}. */
export interface FilterSubscribeFields {
  /** Compound filter, sent when events or an expression are set. */
  filter?: { events?: string[]; tags?: FilterNode; expression?: FilterExpression }
  /** Legacy tag-only filter, sent when only a tag filter is set. */
  tags_filter?: FilterNode
}
