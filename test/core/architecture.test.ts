/**
 * The folder layers of `src/core` (docs/architecture.md): every import between two top-level
 * folders of `src/core` must run one way, so the folder graph has no cycle. Reads every static
 * `import … from`, `export … from` and dynamic `import('…')` of `src/core/**\/*.ts`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const coreDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/core')
const specifiers = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/**
 * The top-level folder of `src/core` a path lies in (an import of a folder itself, `'../errors'`,
 * counts too); `undefined` outside `src/core` and for the entry files at its root.
 */
function folderOf(path: string): string | undefined {
  const parts = relative(coreDir, path).split(/[\\/]/)
  if (parts[0] === '..' || parts[0] === '') return undefined
  return parts.length > 1 || isDirectory(path) ? parts[0] : undefined
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory()
}

/** folder → folders it imports (with one file:line per edge, for the failure message). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>()
  for (const file of sourceFiles(coreDir)) {
    const from = folderOf(file)
    if (!from) continue
    const edges = graph.get(from) ?? new Map<string, string>()
    graph.set(from, edges)
    for (const match of readFileSync(file, 'utf8').matchAll(specifiers)) {
      const to = folderOf(resolve(dirname(file), match[1]!))
      if (to && to !== from && !edges.has(to)) edges.set(to, `${relative(coreDir, file)} → ${match[1]}`)
    }
  }
  return graph
}

/** The first cycle found by a depth-first walk, as a list of folders that ends where it starts. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node]
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(node, 'done')
    return undefined
  }
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return undefined
}

describe('src/core folder layers', () => {
  it('reads the imports of every folder', () => {
    const graph = folderGraph()
    expect(graph.get('client')?.has('connection')).toBe(true)
    // Folder imports (`'../errors'`) and dynamic imports (`import('../delta/create')`) count.
    expect(graph.get('client')?.has('errors')).toBe(true)
    expect(graph.get('client')?.has('delta')).toBe(true)
    expect(graph.size).toBeGreaterThan(10)
  })

  it('finds a cycle in a graph that has one, and reads static, re-export and dynamic imports', () => {
    const edge = (...to: string[]) => new Map(to.map((t) => [t, '']))
    expect(findCycle(new Map([['a', edge('b')], ['b', edge('c')], ['c', edge('a')]]))).toEqual(['a', 'b', 'c', 'a'])
    expect(findCycle(new Map([['a', edge('b')], ['b', edge()]]))).toBeUndefined()
    const text = "import { x } from '../a/x'\nexport * from './b'\nconst m = () => import('../c/m')\nimport '../d/side'"
    expect([...text.matchAll(specifiers)].map((m) => m[1])).toEqual(['../a/x', './b', '../c/m', '../d/side'])
  })

  it('has no folder cycle', () => {
    const graph = folderGraph()
    const cycle = findCycle(graph)
    const described = cycle?.slice(1).map((to, i) => `${cycle[i]} → ${to} (${graph.get(cycle[i]!)!.get(to)})`)
    expect(described, `folder cycle in src/core:\n${described?.join('\n')}`).toBeUndefined()
  })
})
