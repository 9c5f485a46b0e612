// Child process of test/e2e/support/playground.ts: production build of the playground into
// the e2e build directories (argv: buildDir, outputDir), so it never touches a running `nuxi dev`.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { buildNuxt, loadNuxt } from '@nuxt/kit'

const [rootDir, buildDir, outputDir] = process.argv.slice(2)
// Vite's Vue plugin reads playground/tsconfig.json, which references the default .nuxt: on a
// fresh clone that folder does not exist yet, so prepare it first.
if (!existsSync(join(rootDir, '.nuxt', 'tsconfig.app.json'))) {
  execFileSync('npx', ['nuxi', 'prepare', rootDir], { stdio: 'inherit', env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' } })
}
const nuxt = await loadNuxt({ cwd: rootDir, dev: false, overrides: { buildDir, nitro: { output: { dir: outputDir } } } })
await buildNuxt(nuxt)
await nuxt.close()
