/**
 * Local validation of a tag-filter tree with the server's rules (FilterNode::validate and
 * the predicate compiler, sockudo-filter 5.2.0 src/node.rs, sockudo-filter 5.2.0 src/predicate.rs), so a bad filter fails with a
 * {@link FilterError} before the subscribe frame is sent.
 */
import { FilterError } from '../errors'
import { FILTER_LIMITS, utf8Length } from './limits'
import type { FilterNode } from './types'

const COMPARISONS = new Set(['eq', 'neq', 'in', 'nin', 'ex', 'nex', 'sw', 'ew', 'ct', 'gt', 'gte', 'lt', 'lte'])
const LOGICAL = new Set(['and', 'or', 'not'])

type Obj = Record<string, unknown>
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const present = (v: unknown): boolean => v !== undefined && v !== null

function invalid(path: string, message: string): FilterError {
  return new FilterError('filter/invalid', `Invalid tags filter at ${path}: ${message}`)
}

function limit(path: string, message: string): FilterError {
  return new FilterError('filter/limit', `Tag filter at ${path} ${message}`)
}

/** Values the server accepts for `val`/`vals` entries (numbers and booleans become their JSON text). */
function valueText(v: unknown, path: string): string {
  if (typeof v === 'string') return v
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v)
  throw invalid(path, 'values must be strings, finite numbers or booleans')
}

function checkStringField(node: Obj, field: 'op' | 'cmp' | 'key', path: string): void {
  if (present(node[field]) && typeof node[field] !== 'string') throw invalid(path, `'${field}' must be a string`)
}

function checkValue(node: Obj, path: string): string | undefined {
  if (!present(node.val)) return undefined
  const text = valueText(node.val, `${path}.val`)
  if (utf8Length(text) > FILTER_LIMITS.maxTagValueBytes) throw limit(path, `has a value over ${FILTER_LIMITS.maxTagValueBytes} bytes`)
  return text
}

function checkValues(node: Obj, path: string): number {
  if (!present(node.vals)) return 0
  if (!Array.isArray(node.vals)) throw invalid(path, "'vals' must be an array")
  if (node.vals.length > FILTER_LIMITS.maxTagValuesPerNode) throw limit(path, `has more than ${FILTER_LIMITS.maxTagValuesPerNode} vals`)
  node.vals.forEach((v, i) => {
    if (utf8Length(valueText(v, `${path}.vals[${i}]`)) > FILTER_LIMITS.maxTagValueBytes) {
      throw limit(path, `has a value over ${FILTER_LIMITS.maxTagValueBytes} bytes`)
    }
  })
  return node.vals.length
}

function checkBranch(node: Obj, op: string, path: string, valCount: number): unknown[] {
  if (!LOGICAL.has(op)) throw invalid(path, `unknown logical operator: ${op}`)
  if (present(node.key) || present(node.cmp) || present(node.val) || valCount > 0) {
    throw invalid(path, 'logical node contains comparison fields')
  }
  const nodes = present(node.nodes) ? node.nodes : []
  if (!Array.isArray(nodes)) throw invalid(path, "'nodes' must be an array")
  if (op !== 'not' && nodes.length === 0) throw invalid(path, `${op} operation requires at least one child node`)
  if (op === 'not' && nodes.length !== 1) throw invalid(path, `not operation requires exactly one child node, got ${nodes.length}`)
  return nodes
}

function checkLeaf(node: Obj, path: string, val: string | undefined, valCount: number): void {
  if (Array.isArray(node.nodes) && node.nodes.length > 0) throw invalid(path, 'comparison node contains child nodes')
  const key = node.key
  if (typeof key !== 'string' || key === '') throw invalid(path, 'leaf node requires a non-empty key')
  if (utf8Length(key) > FILTER_LIMITS.maxTagKeyBytes) throw limit(path, `has a key over ${FILTER_LIMITS.maxTagKeyBytes} bytes`)
  const cmp = node.cmp
  if (typeof cmp !== 'string') throw invalid(path, 'leaf node requires a comparison operator')
  if (!COMPARISONS.has(cmp)) throw invalid(path, `unknown comparison operator: ${cmp}`)
  if ((cmp === 'in' || cmp === 'nin') && valCount === 0) throw invalid(path, `${cmp} operation requires at least one value in vals`)
  if (cmp !== 'in' && cmp !== 'nin' && cmp !== 'ex' && cmp !== 'nex' && !val) {
    throw invalid(path, `${cmp} operation requires a non-empty val`)
  }
}

/** Walks the tree depth-first; `count.n` tracks the node total across the whole tree. */
function walk(node: unknown, path: string, depth: number, count: { n: number }): void {
  if (++count.n > FILTER_LIMITS.maxTagNodes) throw limit('root', `exceeds the node limit of ${FILTER_LIMITS.maxTagNodes}`)
  if (depth > FILTER_LIMITS.maxTagDepth) throw limit(path, `exceeds the depth limit of ${FILTER_LIMITS.maxTagDepth}`)
  if (!isObject(node)) throw invalid(path, 'a node must be an object')
  checkStringField(node, 'op', path)
  checkStringField(node, 'cmp', path)
  checkStringField(node, 'key', path)
  const val = checkValue(node, path)
  const valCount = checkValues(node, path)
  if (present(node.op)) {
    checkBranch(node, node.op as string, path, valCount).forEach((child, i) => walk(child, `${path}.nodes[${i}]`, depth + 1, count))
  } else {
    checkLeaf(node, path, val, valCount)
  }
}

/**
 * Checks a tag-filter tree against the server's shape rules and limits (128 nodes, depth
 * 16, 256-byte keys, 1024-byte values, 128 `vals`). Throws a {@link FilterError} with code
 * `filter/invalid` (shape) or `filter/limit` (size); returns the node typed on success.
 */
export function validateFilterNode(node: unknown): FilterNode {
  walk(node, 'root', 1, { n: 0 })
  return node as FilterNode
}
