import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { findRealBinary, installHint } from './test/real-server/binary'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Aliases mirror tsconfig `paths`, so tests import the packages by their public names. */
const alias = {
  '@sockudo/vue/core': r('./src/core/index.ts'),
  '@sockudo/vue/vue': r('./src/vue/index.ts'),
  '@sockudo/vue/pinia': r('./src/pinia/index.ts'),
  '@sockudo/vue/codecs/msgpack': r('./src/core/codecs/msgpack/index.ts'),
  '@sockudo/vue/codecs/protobuf': r('./src/core/codecs/protobuf/index.ts'),
  '@sockudo/vue/server': r('./src/server/index.ts'),
  '@sockudo/vue': r('./src/index.ts'),
}

const notSpecial = ['test/vue/**', 'test/pinia/**', 'test/nuxt/**', 'test/e2e/**', 'test/real-server/**', 'node_modules/**']

/**
 * The pinned real Sockudo (test/real-server/pin.env) judges the protocol: when its binary is
 * installed, the live, vue and nuxt suites, the browser suite and the differential check run
 * against it too (projects `*-real`; the Nuxt fixture and the playground are built once for both).
 * Without it the run says so in one line; in CI a missing server is an error.
 */
const real = findRealBinary()
if (!real.ok) {
  const line = `[real-server] real-Sockudo suites SKIPPED: ${real.reason}. Install it: ${installHint()}`
  if (process.env.CI) throw new Error(`${line} (CI must have it: .ci/run installs it)`)
  process.stdout.write(`${line}\n`)
}

/** Live files that test only the stand-in or start their own stand-ins (chaos has a real twin). */
const standInOnly = ['test/reliability/client-fuzz-*.live.test.ts', 'test/reliability/chaos.live.test.ts', 'test/reliability/reconnect-storm.live.test.ts']

/**
 * Settings every project shares: the package aliases and the dev-build flag. A getter: Vite
 * takes ownership of a config's `define` object, so each project needs its own.
 */
const settings = () => ({ resolve: { alias: { ...alias } }, define: { __DEV__: 'true' } })

/** The stand-in projects (factories: each project needs its own config objects); each `*-real` project below is the same suite against the real Sockudo. */
const unit = () => ({ ...settings(), test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...notSpecial, 'test/**/*.live.test.ts'], typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' } } })
const live = () => ({ ...settings(), test: { name: 'live', include: ['test/**/*.live.test.ts'], exclude: notSpecial, globalSetup: ['test/setup/live-server.ts'], testTimeout: 30_000, hookTimeout: 30_000 } })
const vueProject = () => ({ ...settings(), plugins: [vue()], test: { name: 'vue', include: ['test/vue/**/*.test.ts', 'test/pinia/**/*.test.ts'], environment: 'happy-dom' as const, globalSetup: ['test/setup/live-server.ts'], testTimeout: 30_000 } })
const nuxt = () => ({ ...settings(), test: { name: 'nuxt', include: ['test/nuxt/**/*.test.ts'], exclude: ['test/nuxt/fixtures/**'], globalSetup: ['test/setup/live-server.ts'], testTimeout: 300_000, hookTimeout: 600_000, fileParallelism: false } })
const e2e = () => ({ ...settings(), test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 600_000, fileParallelism: false } })

/**
 * Runs after the stand-in projects of group 0 (`sequence.groupOrder`); the stand-in nuxt and e2e
 * projects (one file at a time, default group) run last and reuse the builds. One real server per project.
 */
const afterStandIn = { sequence: { groupOrder: 1 } }
const againstReal = { ...afterStandIn, globalSetup: ['test/setup/real-server.ts'] }

/** A fresh copy of `make()`'s project, named `<name>-real`, with `changes` (the real server instead of the stand-in). */
function twin<P extends { test: { name: string } }>(make: () => P, changes: Record<string, unknown>): P {
  const project = make()
  return { ...project, test: { ...project.test, name: `${project.test.name}-real`, ...changes } }
}

function realProjects() {
  return [
    twin(live, { ...againstReal, exclude: [...notSpecial, ...standInOnly] }),
    twin(vueProject, againstReal),
    // One file at a time in a group of their own: a fresh clone builds the Nuxt fixture and the
    // playground here, and two files building one of them at once would race.
    twin(nuxt, { ...againstReal, sequence: { groupOrder: 2 } }),
    // The browser suite starts its own servers; this env picks the real one (test/e2e/support/playground.ts).
    twin(e2e, { sequence: { groupOrder: 2 }, env: { SOCKUDO_E2E_SERVER: 'real' } }),
    { ...settings(), test: { name: 'real', include: ['test/real-server/**/*.test.ts'], ...afterStandIn, testTimeout: 120_000, hookTimeout: 60_000 } },
  ]
}

/**
 * Test projects (run one with `npx vitest run --project <name>`):
 * - unit: pure and fake-socket tests (`*.test.ts`), plus type tests (`test/types/*.test-d.ts`)
 * - live: real sockets against the local Sockudo-compatible server (`*.live.test.ts`)
 * - vue:  components and composables in happy-dom against the local server (`test/vue`, `test/pinia`)
 * - nuxt: the Nuxt module built and served through @nuxt/test-utils (`test/nuxt`)
 * - e2e:  the playground in Debian's Chromium through playwright-core (`test/e2e`)
 * - live-real, vue-real, nuxt-real, e2e-real: the same suites against the real Sockudo
 * - real: what only a real server can show (differential check, chaos through a TCP proxy, two-node cluster)
 */
export default defineConfig({
  ...settings(),
  test: {
    projects: [unit(), live(), vueProject(), nuxt(), e2e(), ...(real.ok ? realProjects() : [])],
  },
})
