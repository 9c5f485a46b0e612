/**
 * `JSON.stringify` that also accepts `bigint`, written as a bare integer literal, so exact
 * 64-bit serials can be sent to the server as numbers (sockudo-protocol 5.2.0 src/messages.rs).
 * Everything else follows `JSON.stringify` (toJSON, undefined/function/symbol members
 * dropped, non-finite numbers → null). Values without a bigint take the native path.
 *
 * @throws TypeError on cyclic values, RangeError on absurdly deep ones.
 */
export function stringifyJsonLossless(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch (error) {
    // A bigint (or a cycle) is the only way the native call throws on plain data.
    if (!(error instanceof TypeError)) throw error
  }
  return write(value, '', new Set())
}

function write(value: unknown, key: string, ancestors: Set<object>): string | undefined {
  const v = toJsonValue(value, key)
  if (typeof v === 'bigint') return v.toString()
  if (typeof v !== 'object' || v === null) return JSON.stringify(v)
  if (ancestors.has(v)) throw new TypeError('Converting circular structure to JSON')
  ancestors.add(v)
  const out = Array.isArray(v) ? writeArray(v, ancestors) : writeObject(v as Record<string, unknown>, ancestors)
  ancestors.delete(v)
  return out
}

function toJsonValue(value: unknown, key: string): unknown {
  if (typeof value === 'object' && value !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') return (toJSON as (key: string) => unknown).call(value, key)
    if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf()
  }
  return value
}

function writeArray(items: unknown[], ancestors: Set<object>): string {
  const parts: string[] = []
  for (let i = 0; i < items.length; i++) parts.push(write(items[i], String(i), ancestors) ?? 'null')
  return '[' + parts.join(',') + ']'
}

function writeObject(record: Record<string, unknown>, ancestors: Set<object>): string {
  const parts: string[] = []
  for (const key of Object.keys(record)) {
    const text = write(record[key], key, ancestors)
    if (text !== undefined) parts.push(JSON.stringify(key) + ':' + text)
  }
  return '{' + parts.join(',') + '}'
}
