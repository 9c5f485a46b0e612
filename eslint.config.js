// @ts-check
import tseslint from 'typescript-eslint'

/** Layer rule of STYLE.md: nuxt-module → pinia → vue → core. Each folder may only import inward. */
const framework = ['vue', 'vue/*', 'pinia', 'pinia/*', 'nuxt', 'nuxt/*', '#app', '#imports', '@nuxt/*', '@vue/*', '@pinia/*']
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

/**
 * Folder layers inside src/core (docs/architecture.md): a folder imports only folders of lower
 * rows, so no two folders import each other. test/core/architecture.test.ts also follows dynamic
 * imports; this rule shows the static ones in the editor.
 */
const coreLayers = [
  ['errors', 'events', 'util', 'transport', 'filter'],
  ['protocol'],
  ['codecs', 'message', 'auth', 'crypto', 'recovery'],
  ['connection', 'delta', 'history'],
  ['channels', 'proxy'],
  ['user', 'versioned', 'push'],
  ['client'],
]
const coreFramework = [...framework, '**/vue/**', '**/pinia/**', '**/server/**']
/** Relative specifiers that reach `folder` of src/core from one of its (nested) folders. */
const reaching = (folder) => ['../', '../../', '../../../'].flatMap((up) => [`${up}${folder}`, `${up}${folder}/**`])
const coreLayerRules = coreLayers.flatMap((row, rank) => row.map((folder) => ({
  files: [`src/core/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [
      { group: coreFramework, message: 'src/core is framework-free: it may import only src/core (STYLE.md §2).' },
      ...(rank < coreLayers.length - 1
        ? [{ group: coreLayers.slice(rank + 1).flat().flatMap(reaching), message: `src/core/${folder} sits in layer ${rank} of docs/architecture.md: it may import only folders of lower layers.` }]
        : []),
    ] }],
  },
})))

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**', '**/dist/**', '**/.nuxt/**', '**/.output/**', 'coverage/**',
      'test/vectors/**', 'test/e2e/.artifacts/**', '**/*.d.ts', 'src/core/codecs/protobuf/generated/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...restrict([...framework, '**/vue/**', '**/pinia/**', '**/server/**'], 'src/core is framework-free: it may import only src/core (STYLE.md §2).'),
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/core reaches platform features only through injected options.' },
        { name: 'document', message: 'src/core reaches platform features only through injected options.' },
        { name: 'localStorage', message: 'src/core reaches platform features only through injected options.' },
      ],
    },
  },
  ...coreLayerRules,
  {
    files: ['src/vue/**/*.ts'],
    rules: restrict(['pinia', 'pinia/*', 'nuxt', 'nuxt/*', '#app', '#imports', '@nuxt/*', '**/pinia/**', '**/server/**'], 'src/vue imports only core and vue (STYLE.md §2).'),
  },
  {
    files: ['src/pinia/**/*.ts'],
    rules: restrict(['nuxt', 'nuxt/*', '#app', '#imports', '@nuxt/*', '**/server/**'], 'src/pinia imports only core, vue and pinia (STYLE.md §2).'),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict([...framework, '**/vue/**', '**/pinia/**'], 'src/server is framework-neutral: node/web-standard APIs and src/core only.'),
  },
)
