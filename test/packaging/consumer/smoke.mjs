// Runs inside the throwaway app made by test/packaging/pack.test.ts, with the packed tarballs
// installed: imports every public entry by its published name and prints what it found as JSON.
const entries = [
  '@sockudo/vue',
  '@sockudo/vue/core',
  '@sockudo/vue/vue',
  '@sockudo/vue/pinia',
  '@sockudo/vue/codecs/msgpack',
  '@sockudo/vue/codecs/protobuf',
  '@sockudo/vue/server',
  '@sockudo/nuxt',
]

const report = {}
for (const entry of entries) {
  try {
    const mod = await import(entry)
    report[entry] = { exports: Object.keys(mod).sort(), resolved: import.meta.resolve(entry) }
  } catch (error) {
    report[entry] = { error: String(error?.stack ?? error) }
  }
}

const nuxtModule = report['@sockudo/nuxt']?.exports ? (await import('@sockudo/nuxt')).default : undefined
if (typeof nuxtModule?.getMeta === 'function') report.nuxtMeta = await nuxtModule.getMeta()

process.stdout.write(JSON.stringify(report))
