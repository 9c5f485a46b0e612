/**
 * The RFC 3284 §5.6 default instruction code table, built once. Each of the 256 opcodes
 * expands to up to two instructions; a size of 0 means "the size follows as an integer in
 * the instructions section".
 */

/** @internal Instruction types. */
export const NOOP = 0
/** @internal */
export const ADD = 1
/** @internal */
export const RUN = 2
/** @internal */
export const COPY = 3

/** @internal Six parallel columns: type, size and mode of the first and second instruction. */
export interface CodeTable {
  type1: Uint8Array
  size1: Uint8Array
  mode1: Uint8Array
  type2: Uint8Array
  size2: Uint8Array
  mode2: Uint8Array
}

function emptyTable(): CodeTable {
  const col = (): Uint8Array => new Uint8Array(256)
  return { type1: col(), size1: col(), mode1: col(), type2: col(), size2: col(), mode2: col() }
}

/** Single-instruction entries 0–162: RUN, ADD 0–17, COPY (size 0, 4–18) × 9 modes. */
function fillSingles(t: CodeTable): number {
  t.type1[0] = RUN
  let i = 1
  for (let size = 0; size <= 17; size++, i++) {
    t.type1[i] = ADD
    t.size1[i] = size
  }
  for (let mode = 0; mode <= 8; mode++) {
    for (let size = 0; size <= 18; size++) {
      if (size >= 1 && size <= 3) continue
      t.type1[i] = COPY
      t.size1[i] = size
      t.mode1[i++] = mode
    }
  }
  return i
}

/** Double-instruction entries 163–255: ADD+COPY pairs, then COPY+ADD pairs. */
function fillDoubles(t: CodeTable, start: number): void {
  let i = start
  const pair = (t1: number, s1: number, m1: number, t2: number, s2: number, m2: number): void => {
    t.type1[i] = t1
    t.size1[i] = s1
    t.mode1[i] = m1
    t.type2[i] = t2
    t.size2[i] = s2
    t.mode2[i++] = m2
  }
  for (let mode = 0; mode <= 5; mode++) {
    for (let add = 1; add <= 4; add++) for (let copy = 4; copy <= 6; copy++) pair(ADD, add, 0, COPY, copy, mode)
  }
  for (let mode = 6; mode <= 8; mode++) for (let add = 1; add <= 4; add++) pair(ADD, add, 0, COPY, 4, mode)
  for (let mode = 0; mode <= 8; mode++) pair(COPY, 4, mode, ADD, 1, 0)
}

/** @internal The default code table. */
export const DEFAULT_CODE_TABLE: CodeTable = /* @__PURE__ */ (() => {
  const t = emptyTable()
  fillDoubles(t, fillSingles(t))
  return t
})()
