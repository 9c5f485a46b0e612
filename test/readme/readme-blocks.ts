/** Extracts the fenced code blocks of README.md, each with the heading it sits under. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** One fenced block of the README. */
export interface ReadmeBlock {
  /** Fence language (`ts`, `vue`, `sh`…). */
  lang: string
  /** The nearest heading above the block. */
  heading: string
  /** 1-based line of the opening fence. */
  line: number
  /** Block text without the fences. */
  code: string
  /** True when the first line is `// readme: no-check` (or `<!-- readme: no-check -->`). */
  noCheck: boolean
}

/** The README this repository ships. */
export const README_PATH = fileURLToPath(new URL('../../README.md', import.meta.url))

/** Every fenced block of `markdown`, in order. */
export function readmeBlocks(markdown: string = readFileSync(README_PATH, 'utf8')): ReadmeBlock[] {
  const lines = markdown.split('\n')
  const blocks: ReadmeBlock[] = []
  let heading = '(top)'
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const h = /^#{1,6}\s+(.*)$/.exec(line)
    if (h) heading = h[1]!.trim()
    const fence = /^```(\w*)\s*$/.exec(line)
    if (!fence) continue
    const start = i
    const body: string[] = []
    while (++i < lines.length && !/^```\s*$/.test(lines[i] ?? '')) body.push(lines[i] ?? '')
    const code = body.join('\n')
    const first = (body[0] ?? '').trim()
    blocks.push({ lang: fence[1] ?? '', heading, line: start + 1, code, noCheck: /^(\/\/|<!--)\s*readme: no-check/.test(first) })
  }
  return blocks
}

/** Blocks that the README test typechecks (`ts` and `vue`). */
export function checkedBlocks(blocks: ReadmeBlock[] = readmeBlocks()): ReadmeBlock[] {
  return blocks.filter((b) => b.lang === 'ts' || b.lang === 'vue')
}

/** A unique, readable test name per block: the heading, plus a counter when a heading has several blocks. */
export function blockNames(blocks: ReadmeBlock[]): string[] {
  const seen = new Map<string, number>()
  return blocks.map((b) => {
    const n = (seen.get(b.heading) ?? 0) + 1
    seen.set(b.heading, n)
    const total = blocks.filter((x) => x.heading === b.heading).length
    return `${b.heading}${total > 1 ? ` (${n}/${total})` : ''} [${b.lang}, line ${b.line}]`
  })
}
