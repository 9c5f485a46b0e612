import { hasInjectionContext, inject, ssrContextKey } from 'vue'

/** True in a browser-like global scope (a real browser or happy-dom), false on a server. */
export function isBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined'
}

/**
 * True when composables must stay inert: on a server, or while the Vue server renderer
 * renders (it provides the SSR context, even when a DOM shim defines `window`).
 */
export function isServerRendering(): boolean {
  if (!isBrowser()) return true
  return hasInjectionContext() && inject(ssrContextKey, null) !== null
}
