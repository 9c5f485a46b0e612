/**
 * Evaluates a tag-filter tree against a message's tags with the server's semantics
 * (sockudo-filter 5.2.0 src/ops.rs), e.g. for local previews or a test server.
 */
import type { FilterNode } from './types'

/** Rust `str::parse::<f64>` grammar: decimal with optional exponent, or inf/infinity/nan. */
const RUST_F64 = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i

function parseF64(s: string): number | undefined {
  if (!RUST_F64.test(s)) return undefined
  const body = s.replace(/^[+-]/, '').toLowerCase()
  const sign = s.startsWith('-') ? -1 : 1
  if (body === 'nan') return Number.NaN
  if (body === 'inf' || body === 'infinity') return sign * Number.POSITIVE_INFINITY
  return Number(s)
}

function compareNumbers(tag: string, val: string, cmp: 'gt' | 'gte' | 'lt' | 'lte'): boolean {
  const a = parseF64(tag)
  const b = parseF64(val)
  if (a === undefined || b === undefined) return false
  if (cmp === 'gt') return a > b
  if (cmp === 'gte') return a >= b
  if (cmp === 'lt') return a < b
  return a <= b
}

/** Whether `node` accepts a message whose top-level tags are `tags` (absent tags = `{}`). */
export function matchesFilter(node: FilterNode, tags: Readonly<Record<string, string>> = {}): boolean {
  if ('op' in node) {
    if (node.op === 'and') return node.nodes.every((n) => matchesFilter(n, tags))
    if (node.op === 'or') return node.nodes.some((n) => matchesFilter(n, tags))
    return !matchesFilter(node.nodes[0], tags)
  }
  const value = Object.prototype.hasOwnProperty.call(tags, node.key) ? tags[node.key] : undefined
  switch (node.cmp) {
    case 'ex': return value !== undefined
    case 'nex': return value === undefined
    case 'in': return value !== undefined && node.vals.includes(value)
    case 'nin': return value === undefined || !node.vals.includes(value)
    case 'neq': return value === undefined || value !== node.val
    default: break
  }
  if (value === undefined) return false
  switch (node.cmp) {
    case 'eq': return value === node.val
    case 'sw': return value.startsWith(node.val)
    case 'ew': return value.endsWith(node.val)
    case 'ct': return value.includes(node.val)
    default: return compareNumbers(value, node.val, node.cmp)
  }
}
