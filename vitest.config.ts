import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

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

const notSpecial = ['test/vue/**', 'test/pinia/**', 'test/nuxt/**', 'test/e2e/**', 'node_modules/**']

/**
 * Test projects (run one with `npx vitest run --project <name>`):
 * - unit: pure and fake-socket tests (`*.test.ts`), plus type tests (`test/types/*.test-d.ts`)
 * - live: real sockets against the local Sockudo-compatible server (`*.live.test.ts`)
 * - vue:  components and composables in happy-dom against the local server (`test/vue`, `test/pinia`)
 * - nuxt: the Nuxt module built and served through @nuxt/test-utils (`test/nuxt`)
 * - e2e:  the playground in Debian's Chromium through playwright-core (`test/e2e`)
 */
export default defineConfig({
  resolve: { alias },
  define: { __DEV__: 'true' },
  test: {
    projects: [
      {
        resolve: { alias },
        define: { __DEV__: 'true' },
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...notSpecial, 'test/**/*.live.test.ts'],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        resolve: { alias },
        define: { __DEV__: 'true' },
        test: {
          name: 'live',
          include: ['test/**/*.live.test.ts'],
          exclude: notSpecial,
          globalSetup: ['test/setup/live-server.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        define: { __DEV__: 'true' },
        test: {
          name: 'vue',
          include: ['test/vue/**/*.test.ts', 'test/pinia/**/*.test.ts'],
          environment: 'happy-dom',
          globalSetup: ['test/setup/live-server.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'nuxt',
          include: ['test/nuxt/**/*.test.ts'],
          exclude: ['test/nuxt/fixtures/**'],
          globalSetup: ['test/setup/live-server.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
