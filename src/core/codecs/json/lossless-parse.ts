/**
 * JSON.parse that keeps integer literals outside ±(2^53 − 1) exact, as decimal strings.
 * Serials and other 64-bit identifiers then never round through `Number` (core.md §9.2).
 * The fast path (no run of 16+ digits) is a plain `JSON.parse`.
 */
export function parseJsonLossless(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text)
  return JSON.parse(quoteUnsafeIntegers(text))
}

const LONG_DIGITS = /\d{16}/

/** Rewrites unsafe integer literals outside strings to string literals. */
function quoteUnsafeIntegers(text: string): string {
  let out = ''
  let last = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34 /* " */) {
      i++
      while (i < n) {
        const d = text.charCodeAt(i)
        if (d === 92 /* \ */) i += 2
        else if (d === 34) break
        else i++
      }
      i++
      continue
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i
      i++
      while (i < n) {
        const d = text.charCodeAt(i)
        if (d >= 48 && d <= 57) i++
        else break
      }
      const next = text.charCodeAt(i)
      const isInteger = next !== 46 /* . */ && next !== 101 /* e */ && next !== 69 /* E */
      if (isInteger && i - start >= 16) {
        const literal = text.slice(start, i)
        if (!Number.isSafeInteger(Number(literal))) {
          out += text.slice(last, start) + '"' + literal + '"'
          last = i
        }
      }
      continue
    }
    i++
  }
  return last === 0 ? text : out + text.slice(last)
}
