import { describe, expect, it } from 'vitest'
import { Filter, matchesFilter, type FilterNode } from '../../../src/core/filter'

const tags = { region: 'eu-west', tier: 'gold', price: '101.5', name: 'BTC' }

describe('matchesFilter follows the server semantics', () => {
  it.each<[string, FilterNode, boolean]>([
    ['eq present and equal', Filter.eq('tier', 'gold'), true],
    ['eq is case-sensitive', Filter.eq('tier', 'Gold'), false],
    ['eq on an absent tag', Filter.eq('missing', 'x'), false],
    ['neq on an absent tag', Filter.neq('missing', 'x'), true],
    ['neq on an equal tag', Filter.neq('tier', 'gold'), false],
    ['in', Filter.in('tier', ['vip', 'gold']), true],
    ['in on an absent tag', Filter.in('missing', ['x']), false],
    ['nin on an absent tag', Filter.nin('missing', ['x']), true],
    ['nin on a listed value', Filter.nin('tier', ['gold']), false],
    ['ex', Filter.exists('region'), true],
    ['nex', Filter.notExists('region'), false],
    ['sw', Filter.startsWith('region', 'eu-'), true],
    ['ew', Filter.endsWith('region', 'west'), true],
    ['ct', Filter.contains('region', '-w'), true],
    ['gt numeric, not lexical', Filter.gt('price', '99'), true],
    ['lte numeric', Filter.lte('price', '101.5'), true],
    ['gt with a non-numeric tag', Filter.gt('name', '1'), false],
    ['lt with a non-numeric val', Filter.lt('price', 'abc'), false],
    ['gt rejects hex that JS Number() would accept', Filter.gt('price', '0x10'), false],
    ['and', Filter.and(Filter.eq('tier', 'gold'), Filter.exists('region')), true],
    ['or', Filter.or(Filter.eq('tier', 'vip'), Filter.eq('name', 'BTC')), true],
    ['not', Filter.not(Filter.eq('tier', 'gold')), false],
  ])('%s', (_name, node, expected) => {
    expect(matchesFilter(node, tags)).toBe(expected)
  })

  it('treats an untagged message as having no tags', () => {
    expect(matchesFilter(Filter.eq('region', 'eu'))).toBe(false)
    expect(matchesFilter(Filter.neq('region', 'eu'))).toBe(true)
  })
})
