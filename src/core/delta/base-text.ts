/**
 * The delta base of a full message (sockudo-adapter 5.2.0 src/local_adapter/connection_manager.rs): the server computes deltas over
 * the envelope's JSON bytes *without* the `__delta_seq` / `__conflation_key` members, which
 * it serializes last. So the base is the raw frame text with those trailing members cut
 * off, byte for byte; the frame is never re-serialized.
 */

const SEQ_TAIL = /,"__delta_seq":-?\d+$/

/** Index of the opening quote of the JSON string that ends at `end` (the closing quote), or -1. */
function openingQuote(s: string, end: number): number {
  for (let j = end - 1; j >= 0; j--) {
    if (s.charCodeAt(j) !== 0x22) continue
    let slashes = 0
    while (j - 1 - slashes >= 0 && s.charCodeAt(j - 1 - slashes) === 0x5c) slashes++
    if (slashes % 2 === 0) return j
  }
  return -1
}

/** Cuts one trailing marker member off `body` (the object text without its final `}`). */
function cutTrailingMarker(body: string): string | null {
  const seq = SEQ_TAIL.exec(body)
  if (seq) return body.slice(0, seq.index)
  if (!body.endsWith('"')) return null
  const open = openingQuote(body, body.length - 1)
  const prefix = ',"__conflation_key":'
  if (open < prefix.length || !body.startsWith(prefix, open - prefix.length)) return null
  return body.slice(0, open - prefix.length)
}

/** The official clients' regexes, used only when the markers are not the trailing members. */
function stripAnywhere(raw: string): string {
  return raw
    .replace(/,"__delta_seq":\d+/, '')
    .replace(/"__delta_seq":\d+,/, '')
    .replace(/,"__conflation_key":"(?:[^"\\]|\\.)*"/, '')
    .replace(/"__conflation_key":"(?:[^"\\]|\\.)*",/, '')
}

/**
 * Returns the delta base text of a raw full-message frame: `raw` without its trailing
 * `__delta_seq` and `__conflation_key` members (in either order). Falls back to removing
 * the first occurrence anywhere when they are not trailing.
 */
export function deltaBaseText(raw: string): string {
  const trimmed = raw.trimEnd()
  if (!trimmed.endsWith('}')) return stripAnywhere(raw)
  let body = trimmed.slice(0, -1)
  let cut = 0
  for (let next = cutTrailingMarker(body); next !== null && cut < 2; next = cutTrailingMarker(body)) {
    body = next
    cut++
  }
  return cut > 0 ? `${body}}` : stripAnywhere(raw)
}

/** UTF-8 byte length of a string, without encoding it. */
export function utf8ByteLength(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4
      i++
    } else n += 3
  }
  return n
}
