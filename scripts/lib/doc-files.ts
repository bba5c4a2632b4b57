import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The Markdown files a reader of the repository opens, relative to `root`: README.md, SECURITY.md and docs/*.md. */
export function docFiles(root: string): string[] {
  const docs = join(root, 'docs')
  const inDocs = existsSync(docs)
    ? readdirSync(docs)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`)
    : []
  return ['README.md', 'SECURITY.md', ...inDocs].filter((file) => existsSync(join(root, file)))
}
