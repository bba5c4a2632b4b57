import { describe, test, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** The commands `.ci/run` passes to its `check` function, in order, without jest's reporting flags. */
function ciRunChecks(): string[] {
  const script = readFileSync(join(ROOT, '.ci', 'run'), 'utf8')
  return [...script.matchAll(/^check "[^"]+" (.+)$/gm)].map((m) => (m[1] as string).replace(/ -- --json .*$/, ''))
}

/** Every `run:` of every job in the CI workflow. */
function workflowRuns(): string[] {
  const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8')) as {
    jobs: Record<string, { steps: { run?: string }[] }>
  }
  return Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run.trim()])))
}

describe('.ci/run and the CI workflow', () => {
  test('run the same checks', () => {
    expect(ciRunChecks()).toEqual([
      'scripts/check-dist.sh',
      'npm run -s lint',
      'npm run -s format:check',
      'npm run -s lint:exports',
      'npm run -s check:docs',
      'npm run -s lint:examples',
      'npm run -s bench:check',
      'npm test',
    ])
    const runs = workflowRuns()
    for (const check of ciRunChecks()) expect(runs).toContain(check)
  })
})
