// Maps a release tag to the npm workspace flag and checks that the tag matches the package version.
// Usage: node scripts/release-target.mjs vue-v0.1.0  → prints `workspace=` lines for GITHUB_OUTPUT.
import { readFileSync } from 'node:fs'

const tag = process.argv[2] ?? ''
const match = /^(vue|nuxt)-v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag)
if (!match) {
  // Pull requests have no tag: nothing to pick, the dry run publishes both.
  console.log('workspace=')
  process.exit(0)
}
const [, which, version] = match
const manifest = which === 'vue' ? 'package.json' : 'nuxt-module/package.json'
const pkg = JSON.parse(readFileSync(new URL(`../${manifest}`, import.meta.url), 'utf8'))
if (pkg.version !== version) {
  console.error(`tag ${tag} does not match ${pkg.name}@${pkg.version}`)
  process.exit(1)
}
console.log(`workspace=${which === 'vue' ? '' : '-w @sockudo/nuxt'}`)
