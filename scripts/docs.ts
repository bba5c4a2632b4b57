/**
 * `npm run docs`: rewrites the generated parts of README.md, SECURITY.md and docs/*.md (input
 * and output tables from action.yml, verdicts, health rules, the troubleshooting catalogues,
 * benchmark figures, quoted example workflows, and every `<!-- fact:NAME -->` span).
 * `npm run check:docs` (`--check`): changes nothing, exits 1 and names the stale files and blocks.
 *
 * Options: --root DIR (the repository: its Markdown files, examples and BENCHMARKS.json), --action PATH.
 */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadActionYml } from './lib/action-yml.ts'
import { readDocs, updateDocs } from './lib/generated.ts'

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
    action: { type: 'string' },
  },
})

const root = resolve(values.root)

try {
  const texts = readDocs(root)
  const updates = updateDocs(texts, loadActionYml(resolve(values.action ?? join(root, 'action.yml'))), root)
  const stale = updates.filter((update) => update.changed.length > 0)
  if (values.check) {
    for (const update of stale) console.error(`${update.file} is out of date in: ${update.changed.join(', ')}.`)
    if (stale.length > 0) {
      console.error('Run `npm run docs` and commit the result.')
      process.exitCode = 1
    } else {
      console.log(`${[...texts.keys()].join(', ')} match action.yml, the messages, the benchmarks and the examples.`)
    }
  } else {
    for (const update of stale) {
      writeFileSync(join(root, update.file), update.text)
      console.log(`Updated ${update.file}: ${update.changed.join(', ')}.`)
    }
    if (stale.length === 0) console.log('The docs were already up to date.')
  }
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
