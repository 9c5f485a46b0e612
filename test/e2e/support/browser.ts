/**
 * Debian's Chromium through playwright-core (never a downloaded browser), headless, plus a
 * collector that fails a test on console errors, page errors and Vue warnings (hydration
 * mismatches included). `chromium.launch` gives every run a fresh temporary profile
 * (--user-data-dir), and each `newContext()` is a separate, cookie-isolated visitor.
 */
import { chromium, type Browser, type Page } from 'playwright-core'

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS })
}

/** Problems a page reported: console errors, uncaught errors and Vue warnings. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    const text = message.text()
    if (message.type() === 'error') problems.push(`console.error: ${text}`)
    else if (message.type() === 'warning' && /\[Vue warn\]|hydration/i.test(text)) problems.push(`console.warn: ${text}`)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return problems
}
