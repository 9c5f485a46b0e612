/** V2 subscription filters (v2-features.md §2): event names, tag trees, a JMESPath subset. */
import { invalidFormat } from './errors'
import type { ServerFrame } from './frame'
import { evaluateExpression, parseExpression, type Expr } from './jmespath-lite'
import { isRecord } from './util'

export interface TagNode {
  op?: 'and' | 'or' | 'not'
  nodes?: TagNode[]
  key?: string
  cmp?: string
  val?: string
  vals?: string[]
}

export interface Filter {
  events?: string[]
  tags?: TagNode
  expression?: Expr
}

const CMPS = ['eq', 'neq', 'in', 'nin', 'ex', 'nex', 'sw', 'ew', 'ct', 'gt', 'gte', 'lt', 'lte']
const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))

function parseNode(raw: unknown): TagNode {
  if (!isRecord(raw)) throw invalidFormat('Invalid tags filter shape: expected an object')
  for (const k of ['op', 'cmp', 'key'] as const) {
    if (raw[k] !== undefined && typeof raw[k] !== 'string') throw invalidFormat(`Invalid tags filter shape: ${k} must be a string`)
  }
  const node: TagNode = {}
  if (raw.op !== undefined) node.op = raw.op as TagNode['op']
  if (Array.isArray(raw.nodes)) node.nodes = raw.nodes.map(parseNode)
  if (raw.key !== undefined) node.key = raw.key as string
  if (raw.cmp !== undefined) node.cmp = raw.cmp as string
  if (raw.val !== undefined) node.val = str(raw.val)
  if (Array.isArray(raw.vals)) node.vals = raw.vals.map(str)
  const problem = validateNode(node)
  if (problem) throw invalidFormat(`Invalid tags filter: ${problem}`)
  return node
}

function validateNode(node: TagNode): string | undefined {
  if (node.op !== undefined) {
    if (!['and', 'or', 'not'].includes(node.op)) return `unknown logical operator: ${node.op}`
    const n = node.nodes?.length ?? 0
    if (node.op === 'not' && n !== 1) return `not operation requires exactly one child node, got ${n}`
    if (node.op !== 'not' && n < 1) return `${node.op} operation requires at least one child node`
    for (const [i, child] of (node.nodes ?? []).entries()) {
      const p = validateNode(child)
      if (p) return `Child node ${i}: ${p}`
    }
    return undefined
  }
  if (!node.key) return 'Leaf node requires a non-empty key'
  if (!node.cmp) return 'Leaf node requires a comparison operator'
  if (!CMPS.includes(node.cmp)) return `unknown comparison operator: ${node.cmp}`
  if ((node.cmp === 'in' || node.cmp === 'nin') && !node.vals?.length) return `${node.cmp} operation requires at least one value in vals`
  if (!['in', 'nin', 'ex', 'nex'].includes(node.cmp) && !node.val) return `${node.cmp} operation requires a non-empty val`
  return undefined
}

/** Parses the `filter` / `tags_filter` subscribe field; throws 4000 errors. */
export function parseFilter(raw: unknown): Filter | undefined {
  if (raw === undefined || raw === null) return undefined
  if (!isRecord(raw)) throw invalidFormat('Invalid tags filter shape: expected an object')
  if (!('events' in raw || 'tags' in raw || 'expression' in raw)) return { tags: parseNode(raw) }
  const filter: Filter = {}
  if (raw.events !== undefined) {
    if (!Array.isArray(raw.events)) throw invalidFormat('filter.events must be an array of non-empty strings')
    if (raw.events.some((e) => typeof e !== 'string' || e === '')) throw invalidFormat('filter.events must contain only non-empty strings')
    if (raw.events.length > 50) throw invalidFormat('filter.events exceeds maximum of 50 event names')
    const long = (raw.events as string[]).find((e) => e.length > 200)
    if (long) throw invalidFormat(`Event name '${long.slice(0, 40)}...' exceeds maximum length of 200 characters`)
    if (raw.events.length > 0) filter.events = raw.events as string[]
  }
  if (raw.tags !== undefined && raw.tags !== null) filter.tags = parseNode(raw.tags)
  if (raw.expression !== undefined) filter.expression = parseExpressionField(raw.expression)
  return filter
}

function parseExpressionField(raw: unknown): Expr {
  let source: unknown = raw
  if (isRecord(raw)) {
    const language = raw.language ?? 'jmespath'
    if (language !== 'jmespath') throw invalidFormat(`Unsupported filter expression language '${str(language)}'`)
    source = raw.source
    if (typeof source !== 'string' || source === '') throw invalidFormat('filter.expression.source must be a non-empty string')
  }
  if (typeof source !== 'string' || source === '') throw invalidFormat('filter.expression must be a JMESPath string or object')
  try {
    return parseExpression(source)
  } catch (error) {
    throw invalidFormat(`Invalid subscription filter: invalid JMESPath expression: ${(error as Error).message}`)
  }
}

function matchNode(node: TagNode, tags: Record<string, string> | undefined): boolean {
  if (node.op === 'and') return (node.nodes ?? []).every((n) => matchNode(n, tags))
  if (node.op === 'or') return (node.nodes ?? []).some((n) => matchNode(n, tags))
  if (node.op === 'not') return !matchNode(node.nodes?.[0] ?? {}, tags)
  const value = tags?.[node.key ?? '']
  const val = node.val ?? ''
  const num = (a: string) => (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(a) ? Number(a) : NaN)
  switch (node.cmp) {
    case 'eq': return value === val
    case 'neq': return value !== val
    case 'in': return value !== undefined && (node.vals ?? []).includes(value)
    case 'nin': return value === undefined || !(node.vals ?? []).includes(value)
    case 'ex': return value !== undefined
    case 'nex': return value === undefined
    case 'sw': return value !== undefined && value.startsWith(val)
    case 'ew': return value !== undefined && value.endsWith(val)
    case 'ct': return value !== undefined && value.includes(val)
    default: {
      if (value === undefined) return false
      const [a, b] = [num(value), num(val)]
      if (Number.isNaN(a) || Number.isNaN(b)) return false
      return node.cmp === 'gt' ? a > b : node.cmp === 'gte' ? a >= b : node.cmp === 'lt' ? a < b : a <= b
    }
  }
}

function projection(frame: ServerFrame): Record<string, unknown> {
  const headers = Object.fromEntries(Object.entries(frame.extras?.headers ?? {}).filter(([k]) => !k.startsWith('sockudo_')))
  const action = frame.extras?.headers?.sockudo_action
  return {
    event: frame.event, channel: frame.channel, data: frame.data, name: frame.name, userId: frame.user_id,
    tags: frame.tags ?? {}, headers, messageId: frame.message_id, streamId: frame.stream_id,
    serial: frame.serial === undefined ? null : Number(frame.serial),
    action: typeof action === 'string' ? action.replace(/^message\./, '') : null,
  }
}

/** Whether a V2 subscription filter lets `frame` through. */
export function filterAllows(filter: Filter | undefined, frame: ServerFrame, tagFiltering: boolean): boolean {
  if (!filter) return true
  if (filter.events && !filter.events.includes(frame.event)) return false
  if (!tagFiltering) return true
  if (filter.tags && !matchNode(filter.tags, frame.tags)) return false
  if (filter.expression) {
    try {
      return evaluateExpression(filter.expression, projection(frame))
    } catch {
      return false
    }
  }
  return true
}
