/**
 * Typed builder for tag-filter trees (sockudo-filter 5.2.0 src/node.rs), same operator set as the
 * official clients. Values may be given as numbers or booleans; they are sent as their
 * string form, which is what the server compares.
 */
import type { FilterGroup, FilterNode, FilterNot, FilterPresenceLeaf, FilterSetLeaf, FilterValueLeaf, ValueComparison } from './types'

/** A value accepted by the builder; numbers and booleans are sent as strings. */
export type FilterValue = string | number | boolean

const leaf = (key: string, cmp: ValueComparison, val: FilterValue): FilterValueLeaf => ({ key, cmp, val: String(val) })
const set = (key: string, cmp: 'in' | 'nin', vals: readonly FilterValue[]): FilterSetLeaf => ({ key, cmp, vals: vals.map(String) })

/** Builders for {@link FilterNode}s. Validation happens when the filter is used (see `filterSubscribeData`). */
export const Filter = Object.freeze({
  /** Tag present and equal to `val`. */
  eq: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'eq', val),
  /** Tag absent, or present and different from `val`. */
  neq: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'neq', val),
  /** Tag present and one of `vals`. */
  in: (key: string, vals: readonly FilterValue[]): FilterSetLeaf => set(key, 'in', vals),
  /** Tag absent, or present and none of `vals`. */
  nin: (key: string, vals: readonly FilterValue[]): FilterSetLeaf => set(key, 'nin', vals),
  /** Tag present. */
  exists: (key: string): FilterPresenceLeaf => ({ key, cmp: 'ex' }),
  /** Tag absent. */
  notExists: (key: string): FilterPresenceLeaf => ({ key, cmp: 'nex' }),
  /** Tag present and starting with `val`. */
  startsWith: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'sw', val),
  /** Tag present and ending with `val`. */
  endsWith: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'ew', val),
  /** Tag present and containing `val`. */
  contains: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'ct', val),
  /** Tag and `val` both numeric and tag > val. */
  gt: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'gt', val),
  /** Tag and `val` both numeric and tag ≥ val. */
  gte: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'gte', val),
  /** Tag and `val` both numeric and tag < val. */
  lt: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'lt', val),
  /** Tag and `val` both numeric and tag ≤ val. */
  lte: (key: string, val: FilterValue): FilterValueLeaf => leaf(key, 'lte', val),
  /** All children match (at least one child). */
  and: (...nodes: FilterNode[]): FilterGroup => ({ op: 'and', nodes }),
  /** Any child matches (at least one child). */
  or: (...nodes: FilterNode[]): FilterGroup => ({ op: 'or', nodes }),
  /** The child does not match. */
  not: (node: FilterNode): FilterNot => ({ op: 'not', nodes: [node] }),
})
