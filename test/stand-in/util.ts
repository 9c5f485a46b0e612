/** Small helpers shared by the test server: ids, HMAC, JSON with u64 serials. */
import { createHash, createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'

/** Lowercase hex HMAC-SHA256 of `message` keyed with the app secret. */
export function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex')
}

/** Lowercase hex MD5 of raw bytes. */
export function md5Hex(body: Buffer | string): string {
  return createHash('md5').update(body).digest('hex')
}

/** Constant-time string compare (false on length mismatch). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** `a.b` with each part uniform in 0..=10^10, like the real server. */
export function createSocketId(): string {
  const part = () => String(randomInt(0, 2 ** 47) % 10_000_000_001)
  return `${part()}.${part()}`
}

/** UUID v4. */
export const uuid = (): string => randomUUID()

const BIG_MARK = '__sockudo_u64__'

/** JSON.stringify that writes bigint values as bare integer literals (u64 serials). */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${BIG_MARK}${v.toString()}` : v))
  return text.replace(new RegExp(`"${BIG_MARK}(\\d+)"`, 'g'), '$1')
}

/**
 * JSON.parse that keeps integers outside the safe range as bigint (for inbound serials).
 * Only literals under keys containing "serial" are rewritten.
 */
export function parseJsonBig(text: string): unknown {
  const marked = text.replace(/("[^"]*serial[^"]*"\s*:\s*)(\d{16,})/gi, (_m, key: string, num: string) => `${key}"${BIG_MARK}${num}"`)
  return JSON.parse(marked, (_key, v: unknown) =>
    typeof v === 'string' && v.startsWith(BIG_MARK) ? BigInt(v.slice(BIG_MARK.length)) : v,
  )
}

/** Converts a number | string | bigint serial to bigint, or undefined when not an integer. */
export function toSerial(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value)
  return undefined
}

/** Plain-object guard. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

