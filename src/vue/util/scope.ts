import { getCurrentScope, onScopeDispose } from 'vue'

/** Runs `fn` when the current effect scope (component, `effectScope`) is disposed; false outside one. */
export function tryOnScopeDispose(fn: () => void): boolean {
  if (!getCurrentScope()) return false
  onScopeDispose(fn)
  return true
}
