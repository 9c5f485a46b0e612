import { createHash } from 'node:crypto'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

const skipped = new Set(['.nuxt', '.output', 'node_modules', 'dist'])

/**
 * A fingerprint of the files under `dirs` (relative to `root`): path, size and mtime of each,
 * build output and dependencies skipped. Equal fingerprints mean a cached build is still valid.
 */
export async function sourceFingerprint(root: string, dirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256')
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (skipped.has(entry.name)) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else {
        const info = await stat(path)
        hash.update(`${path}\0${info.size}\0${info.mtimeMs}\n`)
      }
    }
  }
  for (const dir of dirs) await walk(join(root, dir))
  return hash.digest('hex')
}
