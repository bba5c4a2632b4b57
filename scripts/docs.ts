/**
 * `npm run docs`: rewrites the README's generated blocks (input and output tables from
 * action.yml, verdicts, health rules, troubleshooting, embedded example workflows).
 * `npm run check:docs` (`--check`): changes nothing, exits 1 and names the stale blocks when
 * the README differs from what would be generated.
 *
 * Options: --readme PATH, --action PATH, --root DIR (where embedded files are read from).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ACTION_YML, loadActionYml } from './lib/action-yml.ts'
import { updateReadme } from './lib/readme.ts'

const ROOT = resolve(import.meta.dirname, '..')

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    readme: { type: 'string', default: resolve(ROOT, 'README.md') },
    action: { type: 'string', default: ACTION_YML },
    root: { type: 'string' },
  },
})

const readmePath = resolve(values.readme)
const root = values.root ? resolve(values.root) : dirname(readmePath)

try {
  const readme = readFileSync(readmePath, 'utf8')
  const update = updateReadme(readme, loadActionYml(resolve(values.action)), root)
  if (values.check) {
    if (update.changed.length > 0) {
      console.error(`${readmePath} is out of date in: ${update.changed.join(', ')}.`)
      console.error('Run `npm run docs` and commit the README.')
      process.exitCode = 1
    } else {
      console.log(`${readmePath} matches action.yml, the messages and the examples.`)
    }
  } else if (update.text !== readme) {
    writeFileSync(readmePath, update.text)
    console.log(`Updated ${readmePath}: ${update.changed.join(', ')}.`)
  } else {
    console.log(`${readmePath} was already up to date.`)
  }
} catch (error) {
  console.error(`docs: ${readmePath}: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
