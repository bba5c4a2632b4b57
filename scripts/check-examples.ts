/**
 * `npm run lint:examples`: every example workflow, every workflow of this repository and every
 * YAML snippet of the README is checked against action.yml (inputs given, outputs read), and
 * every whole workflow goes through actionlint. Any finding fails.
 *
 * `node scripts/check-examples.ts [--action PATH] [--root DIR] [FILE...]`: with files, checks
 * only those (each as an example that must use the action).
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ACTION_YML, loadActionYml } from './lib/action-yml.ts'
import { checkTargets, defaultTargets, targetsFromPaths } from './lib/examples.ts'

const ROOT = resolve(import.meta.dirname, '..')

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    action: { type: 'string', default: ACTION_YML },
    root: { type: 'string', default: ROOT },
  },
})

try {
  const root = resolve(values.root)
  const targets =
    positionals.length > 0
      ? targetsFromPaths(
          root,
          positionals.map((path) => resolve(path)),
        )
      : defaultTargets(root)
  if (targets.length === 0) throw new Error('no workflow files found')
  const findings = await checkTargets(targets, loadActionYml(resolve(values.action)))
  for (const finding of findings) console.error(`${finding.file}:${finding.line}: ${finding.message}`)
  const files = new Set(targets.map((target) => target.file))
  if (findings.length > 0) {
    console.error(`\n${findings.length} finding(s) in ${new Set(findings.map((f) => f.file)).size} of ${files.size} file(s).`)
    process.exitCode = 1
  } else {
    console.log(
      `${targets.length} workflow(s) and snippet(s) in ${files.size} file(s) match action.yml and pass actionlint: ${[...files].join(', ')}`,
    )
  }
} catch (error) {
  console.error(`check-examples: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
