import { streamAnswer } from '../utils/assistant'

/**
 * Keeps the V2 pages alive through the signed HTTP API (`useSockudoRest`):
 * - `market-feed`: trades tagged `{ market, symbol }`, for server-side filters;
 * - `delta-feed`: an order book that changes a little each second, for delta compression;
 * - `journal`: numbered entries, for recovery (no gap, no duplicate), rewind and history;
 * - `assistant`: now and then a streamed answer, for the versioned-messages page.
 */
const MARKETS: Record<string, Record<string, number>> = {
  crypto: { BTC: 97000, ETH: 3600, SOL: 240 },
  stocks: { AAPL: 230, NVDA: 140, MSFT: 420 },
  fx: { EURUSD: 1.05, USDJPY: 155 },
}

function move(price: number, spread = 0.004): number {
  return Number((price * (1 + (Math.random() - 0.5) * spread)).toPrecision(6))
}

const DEPTH = 12
const sizes = { bids: Array.from({ length: DEPTH }, (_, i) => 40 + i * 7), asks: Array.from({ length: DEPTH }, (_, i) => 45 + i * 5) }

/** A 12-level book where only a level or two changes per tick: a good case for deltas. */
function orderBook(mid: number, seq: number) {
  const side = seq % 2 === 0 ? sizes.bids : sizes.asks
  side[seq % DEPTH] = Math.max(1, side[seq % DEPTH]! + Math.round((Math.random() - 0.5) * 20))
  const levels = (list: number[], sign: number) => list.map((size, i) => ({ price: Number((mid + sign * (i + 1) * 0.5).toFixed(2)), size }))
  return { item_id: 'SOCK-USD', seq, mid, bids: levels(sizes.bids, -1), asks: levels(sizes.asks, 1), venue: 'Sockudo playground exchange', currency: 'USD' }
}

export default defineNitroPlugin((nitroApp) => {
  const prices = structuredClone(MARKETS)
  publishEvery(nitroApp, 'market feed', 600, async () => {
    const market = Object.keys(prices)[Math.floor(Math.random() * 3)]!
    const symbols = prices[market]!
    const symbol = Object.keys(symbols)[Math.floor(Math.random() * Object.keys(symbols).length)]!
    symbols[symbol] = move(symbols[symbol]!)
    const trade = { market, symbol, price: symbols[symbol], size: Math.ceil(Math.random() * 100), at: Date.now() }
    await useSockudoRest().trigger('market-feed', 'trade', trade, { tags: { market, symbol } })
  })

  let bookSeq = 0
  let mid = 100
  publishEvery(nitroApp, 'delta feed', 1000, async () => {
    // The mid moves every fifth tick, so most messages differ only in one size.
    if (bookSeq % 5 === 0) mid = move(mid, 0.002)
    await useSockudoRest().trigger('delta-feed', 'book', orderBook(mid, ++bookSeq))
  })

  const questions = ['What is a serial?', 'Why delta compression?', 'How does recovery work?', 'What do filters save?']
  let asked = 0
  publishEvery(nitroApp, 'assistant', 45_000, () => streamAnswer(useSockudoRest(), questions[asked++ % questions.length]!))

  let entry = 0
  publishEvery(nitroApp, 'journal', 1000, async () => {
    entry++
    await useSockudoRest().trigger('journal', 'entry', { n: entry, at: Date.now() })
  })
})
