// Public exports of core/filter.
export type {
  FilterComparison,
  ValueComparison,
  FilterValueLeaf,
  FilterSetLeaf,
  FilterPresenceLeaf,
  FilterLeaf,
  FilterGroup,
  FilterNot,
  FilterNode,
  FilterExpression,
  SubscriptionFilterOptions,
  FilterSubscribeFields,
} from './types'
export { Filter, type FilterValue } from './builder'
export { FILTER_LIMITS } from './limits'
export { validateFilterNode } from './validate-node'
export { filterSubscribeData, validateFilterEvents, validateFilterExpression } from './subscribe-data'
export { matchesFilter } from './evaluate'
