import { describe, expect, it } from 'vitest'
import { Filter, type FilterNode } from '../../../src/core/filter'

describe('Filter builder', () => {
  it.each<[string, FilterNode, unknown]>([
    ['eq', Filter.eq('market', 'spot'), { key: 'market', cmp: 'eq', val: 'spot' }],
    ['neq', Filter.neq('market', 'spot'), { key: 'market', cmp: 'neq', val: 'spot' }],
    ['in', Filter.in('tier', ['gold', 'vip']), { key: 'tier', cmp: 'in', vals: ['gold', 'vip'] }],
    ['nin', Filter.nin('tier', ['free']), { key: 'tier', cmp: 'nin', vals: ['free'] }],
    ['exists', Filter.exists('region'), { key: 'region', cmp: 'ex' }],
    ['notExists', Filter.notExists('region'), { key: 'region', cmp: 'nex' }],
    ['startsWith', Filter.startsWith('sym', 'BT'), { key: 'sym', cmp: 'sw', val: 'BT' }],
    ['endsWith', Filter.endsWith('sym', 'C'), { key: 'sym', cmp: 'ew', val: 'C' }],
    ['contains', Filter.contains('sym', 'T'), { key: 'sym', cmp: 'ct', val: 'T' }],
    ['gt with a number', Filter.gt('price', 100), { key: 'price', cmp: 'gt', val: '100' }],
    ['gte with a float', Filter.gte('temp', 98.6), { key: 'temp', cmp: 'gte', val: '98.6' }],
    ['lt', Filter.lt('size', '5'), { key: 'size', cmp: 'lt', val: '5' }],
    ['lte with a boolean', Filter.lte('flag', true), { key: 'flag', cmp: 'lte', val: 'true' }],
    ['and', Filter.and(Filter.eq('a', '1'), Filter.exists('b')), { op: 'and', nodes: [{ key: 'a', cmp: 'eq', val: '1' }, { key: 'b', cmp: 'ex' }] }],
    ['or', Filter.or(Filter.eq('a', '1')), { op: 'or', nodes: [{ key: 'a', cmp: 'eq', val: '1' }] }],
    ['not', Filter.not(Filter.eq('a', '1')), { op: 'not', nodes: [{ key: 'a', cmp: 'eq', val: '1' }] }],
  ])('builds the wire shape of %s', (_name, node, wire) => {
    expect(JSON.parse(JSON.stringify(node))).toEqual(wire)
  })
})
