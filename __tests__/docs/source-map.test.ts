import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [relative(join(ROOT, 'src'), path)] : []
  })
}

/** The "Map of src/" section: every `.ts` file it names, as a path below src/. */
function mappedFiles(): Set<string> {
  const doc = readFileSync(join(ROOT, 'docs', 'development.md'), 'utf8')
  const section = doc.slice(doc.indexOf('## Map of src/'), doc.indexOf('\n## ', doc.indexOf('## Map of src/') + 1))
  return new Set(
    [...section.matchAll(/`(?:src\/)?((?:core\/|inputs\/|report\/|messages\/|github\/|memory\/)?[A-Za-z-]+\.ts)`/g)].map(
      (m) => m[1] as string,
    ),
  )
}

describe('the map of src/ in docs/development.md', () => {
  test('names every source file, and only files that exist', () => {
    const files = sourceFiles(join(ROOT, 'src')).sort()
    const mapped = [...mappedFiles()].sort()
    expect(mapped.filter((name) => !files.includes(name))).toEqual([])
    expect(files.filter((name) => !mapped.includes(name))).toEqual([])
  })
})
