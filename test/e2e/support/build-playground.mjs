// Child process of test/e2e/support/playground.ts: production build of the playground into
// the e2e build directories (argv: buildDir, outputDir), so it never touches a running `nuxi dev`.
import { buildNuxt, loadNuxt } from '@nuxt/kit'

const [rootDir, buildDir, outputDir] = process.argv.slice(2)
const nuxt = await loadNuxt({ cwd: rootDir, dev: false, overrides: { buildDir, nitro: { output: { dir: outputDir } } } })
await buildNuxt(nuxt)
await nuxt.close()
