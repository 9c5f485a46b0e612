import { isReactive, reactive, toRaw } from 'vue'

/**
 * Prototype-free records for store maps keyed by server-chosen strings (user ids, channel
 * names): a key such as `__proto__`, `constructor` or `toString` is then an ordinary own key
 * instead of reaching `Object.prototype`. Plain data still (JSON, devtools, SSR payloads
 * accept null-prototype objects).
 * @internal
 */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>
  if (entries) for (const [key, value] of entries) out[key] = value
  return out
}

/**
 * Reads `record[key]` as an own key, reactively. Vue's proxies answer some keys themselves
 * (`hasOwnProperty` with an instrumented function, `__proto__` untracked), so the lookup goes
 * through `in` (tracked for every key) and the raw object, and hands back the reactive proxy
 * of an object value.
 * @internal
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  if (!(key in record)) return undefined
  const value = (toRaw(record) as Record<string, T>)[key]
  return isReactive(record) && typeof value === 'object' && value !== null ? (reactive(value) as T) : value
}
