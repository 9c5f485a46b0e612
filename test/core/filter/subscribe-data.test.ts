import { describe, expect, it } from 'vitest'
import { Filter, filterSubscribeData, type SubscriptionFilterOptions } from '../../../src/core/filter'
import { FilterError } from '../../../src/core/errors'

const region = Filter.eq('region', 'eu')

describe('filterSubscribeData', () => {
  it.each<[string, SubscriptionFilterOptions, unknown]>([
    ['no filter', {}, {}],
    ['an empty events list', { events: [] }, {}],
    ['tags only → legacy tags_filter', { tags: region }, { tags_filter: region }],
    ['events only → compound filter', { events: ['order.updated'] }, { filter: { events: ['order.updated'] } }],
    ['events and tags → compound filter', { events: ['a'], tags: region }, { filter: { events: ['a'], tags: region } }],
    ['expression string', { expression: 'data.total >= `100`' }, { filter: { expression: 'data.total >= `100`' } }],
    ['expression object', { expression: { language: 'jmespath', source: 'headers.x' }, tags: region }, { filter: { tags: region, expression: { language: 'jmespath', source: 'headers.x' } } }],
    ['empty events with tags → tags_filter', { events: [], tags: region }, { tags_filter: region }],
  ])('%s', (_name, options, expected) => {
    expect(filterSubscribeData(options)).toEqual(expected)
  })

  it.each<[string, unknown, string, RegExp]>([
    ['events not an array', { events: 'a' }, 'filter/invalid', /must be an array/],
    ['an empty event name', { events: ['a', ''] }, 'filter/invalid', /only non-empty strings/],
    ['51 event names', { events: Array.from({ length: 51 }, (_, i) => `e${i}`) }, 'filter/limit', /maximum of 50/],
    ['a 201-byte event name', { events: ['e'.repeat(201)] }, 'filter/limit', /maximum length of 200/],
    ['a 101-emoji event name (404 bytes)', { events: ['🚀'.repeat(101)] }, 'filter/limit', /maximum length/],
    ['an empty expression', { expression: '' }, 'filter/invalid', /non-empty string/],
    ['an expression object without source', { expression: { language: 'jmespath' } }, 'filter/invalid', /non-empty string/],
    ['another expression language', { expression: { language: 'jsonpath', source: '$.a' } }, 'filter/invalid', /Unsupported filter expression language 'jsonpath'/],
    ['a numeric expression', { expression: 5 }, 'filter/invalid', /JMESPath string or object/],
    ['a 4097-byte expression', { expression: 'a'.repeat(4097) }, 'filter/limit', /byte limit of 4096/],
    ['an invalid tag tree', { tags: { op: 'and', nodes: [] } }, 'filter/invalid', /at least one child/],
  ])('rejects %s before sending', (_name, options, code, message) => {
    let caught: unknown
    try {
      filterSubscribeData(options as SubscriptionFilterOptions)
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(FilterError)
    expect((caught as FilterError).code).toBe(code)
    expect((caught as FilterError).message).toMatch(message)
  })

  it('accepts exactly 50 names of 200 bytes', () => {
    const events = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(200, 'x'))
    expect(filterSubscribeData({ events }).filter?.events).toHaveLength(50)
  })
})
