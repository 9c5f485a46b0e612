import { parseJsonLossless } from '../../util/lossless-parse'

/**
 * The server's `data` decoding rule (sockudo-protocol 5.2.0 src/messages.rs): when `data` is a string, try to parse it as JSON
 * (keeping unsafe integers exact, as decimal strings) and return the result; when it is not
 * JSON, return the string unchanged. Any other value is returned as is. Never throws.
 *
 * Most server frames carry JSON "double encoded" in a string (`connection_established`,
 * `subscription_succeeded`, every HTTP publish…), so apply this once before handing `data`
 * to application code.
 *
 * @example
 * parseEventData('{"serial":9007199254740993}') // → { serial: '9007199254740993' }
 * parseEventData('hello')                        // → 'hello'
 */
export function parseEventData(data: unknown): unknown {
  if (typeof data !== 'string' || !mayBeJson(data)) return data
  try {
    return parseJsonLossless(data)
  } catch {
    return data
  }
}

/** Cheap filter on the first character, so ordinary text never pays for a throw. */
function mayBeJson(text: string): boolean {
  let i = 0
  let c = text.charCodeAt(0)
  while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++i)
  return (
    c === 123 /* { */ || c === 91 /* [ */ || c === 34 /* " */ || c === 45 /* - */ ||
    (c >= 48 && c <= 57) || c === 116 /* t */ || c === 102 /* f */ || c === 110 /* n */
  )
}
