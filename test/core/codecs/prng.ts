/** Seeded PRNG (mulberry32) so generated inputs are the same on every run. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  const bytes = (length: number): Uint8Array => Uint8Array.from({ length }, () => int(256))
  return { next, int, pick, bytes }
}

export type Random = ReturnType<typeof createRandom>
