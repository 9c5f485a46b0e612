import { describe, expect, it } from 'vitest'
import { measureBundle } from './size'

/** The budget of issue 10: a minimal Vue app with SockudoPlugin + useChannel + usePresence. */
const BUDGET_GZIP = 20 * 1024

describe('bundle size', () => {
  it('keeps the minimal Vue app under 20 KB gzipped (vue and pinia excluded), optional parts lazy', async () => {
    const report = await measureBundle()
    expect(report.initialGzip, `initial chunks: ${report.initialGzip} B`).toBeLessThanOrEqual(BUDGET_GZIP)
    const heavy = report.initialModules.filter((id) => /libsodium|@msgpack|codecs\/(msgpack|protobuf)|devtools-api/.test(id))
    expect(heavy).toEqual([])
  }, 120_000)
})
