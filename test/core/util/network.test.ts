import { describe, expect, it } from 'vitest'
import { onlineOfflineHints } from '@sockudo/vue/core'

describe('online/offline hints from an event target', () => {
  it('forwards online and offline events until unsubscribed', () => {
    const target = new EventTarget()
    const seen: boolean[] = []
    const off = onlineOfflineHints(target).subscribe((online) => seen.push(online))
    target.dispatchEvent(new Event('offline'))
    target.dispatchEvent(new Event('online'))
    off()
    target.dispatchEvent(new Event('online'))
    expect(seen).toEqual([false, true])
  })
})
