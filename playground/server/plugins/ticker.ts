/**
 * Keeps the ticker page alive: publishes a price move every second to the public
 * `market-ticker` channel through the signed HTTP API (`useSockudoRest`). While Sockudo is
 * unreachable it keeps trying quietly and says so once (server/utils/publish-loop.ts).
 */
const SYMBOLS: Record<string, number> = { SOCK: 42, VUE: 310, NUXT: 128, PINIA: 64 }

export default defineNitroPlugin((nitroApp) => {
  const prices = { ...SYMBOLS }
  publishEvery(nitroApp, 'ticker', 1000, async () => {
    const symbols = Object.keys(prices)
    const symbol = symbols[Math.floor(Math.random() * symbols.length)]!
    const before = prices[symbol]!
    const after = Math.max(1, before * (1 + (Math.random() - 0.5) * 0.02))
    prices[symbol] = after
    await useSockudoRest().trigger('market-ticker', 'price', { symbol, price: after, change: ((after - before) / before) * 100 })
  })
})
