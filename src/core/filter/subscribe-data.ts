/**
 * Turns {@link SubscriptionFilterOptions} into subscribe payload fields, validating
 * every component the way the server does (sockudo-adapter 5.2.0 src/handler/types.rs,
 * sockudo-filter 5.2.0 src/predicate.rs).
 */
import { FilterError } from '../errors'
import { FILTER_LIMITS, utf8Length } from './limits'
import type { FilterExpression, FilterSubscribeFields, SubscriptionFilterOptions } from './types'
import { validateFilterNode } from './validate-node'

/** Checks an event-name list: ≤ 50 non-empty names of ≤ 200 UTF-8 bytes each. */
export function validateFilterEvents(events: unknown): string[] {
  if (!Array.isArray(events)) throw new FilterError('filter/invalid', 'filter.events must be an array of non-empty strings')
  if (events.length > FILTER_LIMITS.maxEvents) {
    throw new FilterError('filter/limit', `filter.events exceeds maximum of ${FILTER_LIMITS.maxEvents} event names`)
  }
  for (const name of events) {
    if (typeof name !== 'string' || name === '') throw new FilterError('filter/invalid', 'filter.events must contain only non-empty strings')
    if (utf8Length(name) > FILTER_LIMITS.maxEventBytes) {
      throw new FilterError('filter/limit', `Event name '${name.slice(0, 40)}...' exceeds maximum length of ${FILTER_LIMITS.maxEventBytes} bytes`)
    }
  }
  return events as string[]
}

/** Checks a JMESPath expression: a non-empty source of ≤ 4096 bytes, language `jmespath`. */
export function validateFilterExpression(expression: unknown): FilterExpression {
  let source: unknown = expression
  if (typeof expression === 'object' && expression !== null && !Array.isArray(expression)) {
    const { language, source: s } = expression as { language?: unknown; source?: unknown }
    if (language !== undefined && language !== 'jmespath') {
      throw new FilterError('filter/invalid', `Unsupported filter expression language '${String(language)}'`)
    }
    source = s
  } else if (typeof expression !== 'string') {
    throw new FilterError('filter/invalid', 'filter.expression must be a JMESPath string or object')
  }
  if (typeof source !== 'string' || source.trim() === '') {
    throw new FilterError('filter/invalid', 'filter.expression.source must be a non-empty string')
  }
  if (utf8Length(source) > FILTER_LIMITS.maxExpressionBytes) {
    throw new FilterError('filter/limit', `JMESPath expression exceeds the byte limit of ${FILTER_LIMITS.maxExpressionBytes}`)
  }
  return expression as FilterExpression
}

/**
 * Subscribe payload fields for `options`, validated: the compound `filter` object when an
 * event list or an expression is set (like the official clients), `tags_filter` when only
 * a tag filter is set, nothing when no filter is set. Throws a {@link FilterError} for
 * anything the server would reject.
 */
export function filterSubscribeData(options: SubscriptionFilterOptions = {}): FilterSubscribeFields {
  const events = options.events === undefined ? undefined : validateFilterEvents(options.events)
  const tags = options.tags === undefined ? undefined : validateFilterNode(options.tags)
  const expression = options.expression === undefined ? undefined : validateFilterExpression(options.expression)
  const hasEvents = events !== undefined && events.length > 0
  if (hasEvents || expression !== undefined) {
    return {
      filter: {
        ...(hasEvents ? { events: [...events] } : {}),
        ...(tags ? { tags } : {}),
        ...(expression !== undefined ? { expression } : {}),
      },
    }
  }
  return tags ? { tags_filter: tags } : {}
}
