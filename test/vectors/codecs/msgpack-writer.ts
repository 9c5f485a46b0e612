/**
 * A tiny MessagePack writer that picks widths the way rmp_serde does (smallest integer
 * width, f64 for floats, str/bin/array/map with the shortest header). Used only to build
 * vectors, independently of both the codec under test and @msgpack/msgpack.
 */
export type MpValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | { $f64: number }
  | MpValue[]
  | Map<string, MpValue>

export function writeMsgpack(value: MpValue): Uint8Array {
  const out: number[] = []
  write(value, out)
  return Uint8Array.from(out)
}

function be(value: bigint, bytes: number, out: number[]): void {
  for (let i = bytes - 1; i >= 0; i--) out.push(Number((value >> BigInt(i * 8)) & 0xffn))
}

function header(n: number, fix: number | undefined, fixMax: number, codes: [number, number, number], out: number[]): void {
  if (fix !== undefined && n <= fixMax) out.push(fix | n)
  else if (n < 0x100 && codes[0] !== 0) { out.push(codes[0]); be(BigInt(n), 1, out) }
  else if (n < 0x10000) { out.push(codes[1]); be(BigInt(n), 2, out) }
  else { out.push(codes[2]); be(BigInt(n), 4, out) }
}

function writeUint(v: bigint, out: number[]): void {
  if (v < 0x80n) out.push(Number(v))
  else if (v < 0x100n) { out.push(0xcc); be(v, 1, out) }
  else if (v < 0x10000n) { out.push(0xcd); be(v, 2, out) }
  else if (v < 0x100000000n) { out.push(0xce); be(v, 4, out) }
  else { out.push(0xcf); be(v, 8, out) }
}

function writeInt(v: bigint, out: number[]): void {
  if (v >= 0n) return writeUint(v, out)
  if (v >= -32n) out.push(Number(v & 0xffn))
  else if (v >= -128n) { out.push(0xd0); be(v & 0xffn, 1, out) }
  else if (v >= -32768n) { out.push(0xd1); be(v & 0xffffn, 2, out) }
  else if (v >= -2147483648n) { out.push(0xd2); be(v & 0xffffffffn, 4, out) }
  else { out.push(0xd3); be(v & 0xffffffffffffffffn, 8, out) }
}

function write(value: MpValue, out: number[]): void {
  if (value === null) out.push(0xc0)
  else if (typeof value === 'boolean') out.push(value ? 0xc3 : 0xc2)
  else if (typeof value === 'bigint') writeInt(value, out)
  else if (typeof value === 'number') {
    if (Number.isInteger(value)) writeInt(BigInt(value), out)
    else writeF64(value, out)
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value)
    header(bytes.length, 0xa0, 31, [0xd9, 0xda, 0xdb], out)
    out.push(...bytes)
  } else if (value instanceof Uint8Array) {
    header(value.length, undefined, -1, [0xc4, 0xc5, 0xc6], out)
    out.push(...value)
  } else if (Array.isArray(value)) {
    header(value.length, 0x90, 15, [0, 0xdc, 0xdd], out)
    for (const item of value) write(item, out)
  } else if (value instanceof Map) {
    header(value.size, 0x80, 15, [0, 0xde, 0xdf], out)
    for (const [k, v] of value) {
      write(k, out)
      write(v, out)
    }
  } else {
    writeF64(value.$f64, out)
  }
}

function writeF64(v: number, out: number[]): void {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, v)
  out.push(0xcb)
  for (let i = 0; i < 8; i++) out.push(view.getUint8(i))
}
