/**
 * Vitest globalSetup of the `*-real` projects: starts ONE pinned real Sockudo on a free loopback
 * port with test/real-server/config.toml and provides it as `inject('sockudo')`, with the
 * features that config switches on, so tests needing anything else skip with the reason.
 */
import type { TestProject } from 'vitest/node'
import { REAL_APP, startRealServer } from '../real-server/server'
import { REAL_FEATURES } from '../real-server/features'
import type { LiveTarget } from '../support/live-target'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startRealServer()
  process.stdout.write(`[${project.name}] real Sockudo ${server.version} on ${server.host}:${server.port}\n`)
  const target: LiveTarget = {
    host: server.host, port: server.port, appId: REAL_APP.id, key: REAL_APP.key, secret: REAL_APP.secret, real: true, features: REAL_FEATURES,
  }
  project.provide('sockudo', target)
  return () => server.stop()
}
