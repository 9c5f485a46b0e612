import { describe, expect, it } from 'vitest'
import { Filter, validateFilterNode, type FilterNode } from '../../../src/core/filter'
import { FilterError } from '../../../src/core/errors'

const chain = (depth: number): FilterNode => (depth <= 1 ? Filter.eq('k', 'v') : Filter.not(chain(depth - 1)))
const codeOf = (node: unknown): string => {
  try {
    validateFilterNode(node)
    return 'valid'
  } catch (e) {
    return e instanceof FilterError ? e.code : `other: ${String(e)}`
  }
}

describe('validateFilterNode rejects what the server rejects', () => {
  it.each<[string, unknown, string]>([
    ['a leaf', Filter.eq('region', 'eu'), 'valid'],
    ['a nested tree', Filter.and(Filter.or(Filter.eq('a', '1'), Filter.in('b', ['x'])), Filter.not(Filter.exists('c'))), 'valid'],
    ['numeric and boolean raw values', { key: 'n', cmp: 'eq', val: 501 }, 'valid'],
    ['ex without a value', { key: 'k', cmp: 'ex' }, 'valid'],
    ['a leaf with empty nodes', { key: 'k', cmp: 'eq', val: 'v', nodes: [] }, 'valid'],
    ['depth 16', chain(16), 'valid'],
    ['128 nodes', Filter.and(...Array.from({ length: 127 }, (_, i) => Filter.eq(`k${i}`, 'v'))), 'valid'],
    ['a non-object', 'region=eu', 'filter/invalid'],
    ['null', null, 'filter/invalid'],
    ['an unknown operator', { op: 'xor', nodes: [Filter.eq('a', '1')] }, 'filter/invalid'],
    ['an unknown comparison', { key: 'a', cmp: 'like', val: 'x' }, 'filter/invalid'],
    ['an upper-case operator', { op: 'AND', nodes: [Filter.eq('a', '1')] }, 'filter/invalid'],
    ['an empty and', { op: 'and', nodes: [] }, 'filter/invalid'],
    ['an or without nodes', { op: 'or' }, 'filter/invalid'],
    ['not with two children', { op: 'not', nodes: [Filter.eq('a', '1'), Filter.eq('b', '2')] }, 'filter/invalid'],
    ['a branch with comparison fields', { op: 'and', nodes: [Filter.eq('a', '1')], key: 'x' }, 'filter/invalid'],
    ['a leaf with children', { key: 'a', cmp: 'eq', val: '1', nodes: [Filter.eq('b', '2')] }, 'filter/invalid'],
    ['a missing key', { cmp: 'eq', val: '1' }, 'filter/invalid'],
    ['an empty key', { key: '', cmp: 'eq', val: '1' }, 'filter/invalid'],
    ['a missing cmp', { key: 'a', val: '1' }, 'filter/invalid'],
    ['a non-string cmp', { key: 'a', cmp: 1, val: '1' }, 'filter/invalid'],
    ['a non-string op', { op: true, nodes: [] }, 'filter/invalid'],
    ['eq without val', { key: 'a', cmp: 'eq' }, 'filter/invalid'],
    ['eq with an empty val', { key: 'a', cmp: 'eq', val: '' }, 'filter/invalid'],
    ['in without vals', { key: 'a', cmp: 'in' }, 'filter/invalid'],
    ['nin with empty vals', { key: 'a', cmp: 'nin', vals: [] }, 'filter/invalid'],
    ['an object value', { key: 'a', cmp: 'eq', val: { x: 1 } }, 'filter/invalid'],
    ['an invalid grandchild', Filter.and(Filter.or({ key: 'a', cmp: 'eq' } as unknown as FilterNode)), 'filter/invalid'],
    ['depth 17', chain(17), 'filter/limit'],
    ['129 nodes', Filter.and(...Array.from({ length: 128 }, (_, i) => Filter.eq(`k${i}`, 'v'))), 'filter/limit'],
    ['a 257-byte key', Filter.eq('k'.repeat(257), 'v'), 'filter/limit'],
    ['a key of 129 two-byte characters', Filter.eq('é'.repeat(129), 'v'), 'filter/limit'],
    ['a 1025-byte value', Filter.eq('k', 'v'.repeat(1025)), 'filter/limit'],
    ['129 vals', Filter.in('k', Array.from({ length: 129 }, (_, i) => `v${i}`)), 'filter/limit'],
  ])('%s → %s', (_name, node, expected) => {
    expect(codeOf(node)).toBe(expected)
  })

  it('names the failing node in the message', () => {
    expect(() => validateFilterNode(Filter.and(Filter.eq('a', '1'), { key: 'b', cmp: 'eq' } as unknown as FilterNode))).toThrow(/root\.nodes\[1\].*requires a non-empty val/)
  })
})
