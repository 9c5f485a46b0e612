/**
 * JSON.parse that keeps integer literals outside ±(2^53 − 1) exact, as decimal strings.
 * Serials and other 64-bit identifiers then never round through `Number` (sockudo-protocol 5.2.0
 * src/messages.rs). Safe integers stay numbers; literals with a fraction or an exponent
 * are left to `JSON.parse` (serials never have one).
 *
 * The fast path is one plain `JSON.parse` plus a walk over the parsed numbers: only when one
 * of them is at or beyond ±2^53 is the text re-parsed with those literals quoted.
 *
 * @throws SyntaxError when `text` is not JSON (exactly like `JSON.parse`).
 */
export function parseJsonLossless(text: string): unknown {
  const value: unknown = JSON.parse(text)
  if (!hasUnsafeNumber(value)) return value
  return JSON.parse(quoteUnsafeIntegers(text))
}

const LIMIT = 9007199254740992 // 2^53: the first integer a double cannot tell from its neighbour

function isUnsafe(value: unknown): boolean {
  return typeof value === 'number' && (value >= LIMIT || value <= -LIMIT)
}

/** Iterative (no recursion), so deeply nested input cannot overflow the stack. @internal */
export function hasUnsafeNumber(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return isUnsafe(root)
  const stack: object[] = [root]
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | unknown[]
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i]
        if (typeof v === 'object' && v !== null) stack.push(v)
        else if (isUnsafe(v)) return true
      }
    } else {
      for (const key in node) {
        const v = node[key]
        if (typeof v === 'object' && v !== null) stack.push(v)
        else if (isUnsafe(v)) return true
      }
    }
  }
  return false
}

/**
 * Rewrites every unsafe integer literal outside strings to a string literal. Number tokens
 * are consumed whole (sign, digits, fraction, exponent), so digits after a `.` or an `e`
 * are never mistaken for an integer of their own. Literals with a leading zero are left
 * alone so that invalid JSON stays invalid.
 * @internal
 */
export function quoteUnsafeIntegers(text: string): string {
  let out = ''
  let last = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34 /* " */) {
      i = skipString(text, i + 1)
      continue
    }
    if (c !== 45 /* - */ && !isDigit(c)) {
      i++
      continue
    }
    const start = i
    const digitsStart = c === 45 ? i + 1 : i
    const intEnd = skipDigits(text, digitsStart)
    i = skipFractionAndExponent(text, intEnd)
    const digits = intEnd - digitsStart
    const integer = i === intEnd
    const leadingZero = digits > 1 && text.charCodeAt(digitsStart) === 48
    if (integer && digits >= 16 && !leadingZero) {
      const literal = text.slice(start, intEnd)
      if (!Number.isSafeInteger(Number(literal))) {
        out += text.slice(last, start) + '"' + literal + '"'
        last = intEnd
      }
    }
  }
  return last === 0 ? text : out + text.slice(last)
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Returns the index after the closing quote (or the end of the text). */
function skipString(text: string, i: number): number {
  const n = text.length
  while (i < n) {
    const d = text.charCodeAt(i)
    if (d === 92 /* \ */) i += 2
    else if (d === 34) return i + 1
    else i++
  }
  return n
}

function skipDigits(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++
  return i
}

function skipFractionAndExponent(text: string, i: number): number {
  if (text.charCodeAt(i) === 46 /* . */) i = skipDigits(text, i + 1)
  const e = text.charCodeAt(i)
  if (e === 101 /* e */ || e === 69 /* E */) {
    i++
    const sign = text.charCodeAt(i)
    if (sign === 43 /* + */ || sign === 45 /* - */) i++
    i = skipDigits(text, i)
  }
  return i
}
