/**
 * Structural equality for plain option values (filters, delta settings): primitives,
 * arrays and plain objects, compared by content with key order ignored.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const keys = Object.keys(ra).filter((k) => ra[k] !== undefined)
  const otherKeys = Object.keys(rb).filter((k) => rb[k] !== undefined)
  if (keys.length !== otherKeys.length) return false
  return keys.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameValue(ra[k], rb[k]))
}
