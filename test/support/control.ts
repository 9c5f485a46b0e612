/**
 * Test-server control hooks (`POST /_control/<action>`, local test server only; a real Sockudo
 * has none, so tests using them skip with `skipUnless(ctx, ['controlRoutes'])` from real-server.ts).
 */
import { httpUrl, liveTarget, type LiveTarget } from './live'

export async function control(action: 'seed-serial' | 'expire-recovery' | 'reset-stream' | 'expire-token' | 'state', body: Record<string, unknown> = {}, t: LiveTarget = liveTarget()): Promise<Record<string, unknown>> {
  const res = await fetch(`${httpUrl(t)}/_control/${action}`, { method: 'POST', body: JSON.stringify({ appId: t.appId, ...body }), headers: { 'Content-Type': 'application/json' } })
  if (!res.ok) throw new Error(`control ${action} failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as Record<string, unknown>
}
