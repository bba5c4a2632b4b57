import { describe, test, expect, beforeEach, afterEach, afterAll } from '@jest/globals'
import { releaseGoTimers } from '../../__fixtures__/go-timers.ts'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { loadActionYml, parseActionYml } from '../../scripts/lib/action-yml.ts'
import { actionlint } from '../../scripts/lib/actionlint.ts'
import { checkContract } from '../../scripts/lib/contract.ts'
import { checkTargets, defaultTargets, yamlBlocks } from '../../scripts/lib/examples.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')
const ACTION_TEXT = readFileSync(join(ROOT, 'action.yml'), 'utf8')
const ACTION = parseActionYml(ACTION_TEXT)

const workflow = (steps: string, extraJobs = ''): string => `name: t
on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
${steps}
${extraJobs}`

const OUR_STEP = `      - id: k
        uses: kondado/kondado-action@v1
        with:
          key: \${{ secrets.KONDADO_KEY }}
          token: \${{ secrets.KONDADO_TOKEN }}
          pipeline-id: 2040
`

afterAll(releaseGoTimers)

const messages = (text: string): string[] => checkContract('w.yml', text, ACTION).findings.map((f) => `${f.line}: ${f.message}`)

describe('the action.yml contract', () => {
  test('a correct step that reads real outputs, in every expression form, has no findings', () => {
    const text = workflow(`${OUR_STEP}      - if: steps.k.outputs.healthy != 'true'
        env:
          A: \${{ steps.k.outputs.raw-msg }}
          B: \${{ steps.k.outputs['new-pipeline-id'] }}
          C: \${{ steps['k'].outputs.result }}
        run: echo "$A $B $C"
`)
    const result = checkContract('w.yml', text, ACTION)
    expect(result.findings).toEqual([])
    expect(result.steps).toBe(1)
  })

  test('an unknown input is named, with its line and the likely intended name', () => {
    const text = workflow(OUR_STEP.replace('pipeline-id: 2040', 'pipeline-id: 2040\n          if-runing: rerun'))
    expect(messages(text)).toEqual(["14: with: 'if-runing' is not an input of action.yml (did you mean 'if-running'?)"])
  })

  test('a required input without a default must be given', () => {
    const text = workflow(OUR_STEP.replace(/^ +token: .*\n/m, ''))
    expect(messages(text)).toEqual(["8: required input 'token' is not given"])
  })

  test('an unknown output is found in ${{ }}, in a bare if:, in bracket form and inside a block script', () => {
    const text = workflow(`${OUR_STEP}      - if: steps.k.outputs.healty == 'true'
        run: |
          echo one
          echo "\${{ steps.k.outputs['raw_msg'] }}"
      - env:
          X: \${{ steps['k'].outputs.newPipelineId }}
        run: echo "$X"
`)
    expect(messages(text)).toEqual([
      "14: 'steps.k.outputs.healty': 'healty' is not an output of action.yml (did you mean 'healthy'?)",
      "17: 'steps.k.outputs.raw_msg': 'raw_msg' is not an output of action.yml (did you mean 'raw-msg'?)",
      "19: 'steps.k.outputs.newPipelineId': 'newPipelineId' is not an output of action.yml (did you mean 'new-pipeline-id'?)",
    ])
  })

  test("outputs of other steps, and of a step with the same id in another job, are not this action's", () => {
    const text = workflow(
      `${OUR_STEP}      - id: other
        run: echo "x=1" >> "$GITHUB_OUTPUT"
      - run: echo "\${{ steps.other.outputs.x }}"
`,
      `  b:
    runs-on: ubuntu-latest
    steps:
      - id: k
        run: echo "anything=1" >> "$GITHUB_OUTPUT"
      - run: echo "\${{ steps.k.outputs.anything }}"
`,
    )
    expect(messages(text)).toEqual([])
  })

  test('`uses: ./` is this action too', () => {
    const text = workflow(`      - id: local
        uses: ./
        with:
          key: k
          token: t
          base-url: http://127.0.0.1:8080
          colour: blue
      - run: echo "\${{ steps.local.outputs.colour }}"
`)
    expect(messages(text)).toEqual([
      "14: with: 'colour' is not an input of action.yml",
      "15: 'steps.local.outputs.colour': 'colour' is not an output of action.yml",
    ])
  })

  test('a misspelled repository is reported instead of silently skipped', () => {
    const result = checkContract('w.yml', workflow(OUR_STEP.replace('kondado-action@v1', 'kondado-actions@v1')), ACTION)
    expect(result.steps).toBe(0)
    expect(result.findings.map((f) => f.message)).toEqual([
      "'kondado/kondado-actions@v1' is not this action: write 'kondado/kondado-action@<ref>'",
    ])
  })

  test('a fragment (a list of steps) is checked like a job', () => {
    const fragment = `- uses: kondado/kondado-action@0123456789abcdef0123456789abcdef01234567 # v1.0.0
  with:
    key: k
    tokn: t
`
    expect(messages(fragment)).toEqual([
      "1: required input 'token' is not given",
      "4: with: 'tokn' is not an input of action.yml (did you mean 'token'?)",
    ])
  })

  test('invalid YAML is a finding, not a pass', () => {
    const result = checkContract('w.yml', 'jobs:\n  a: [unclosed\n', ACTION)
    expect(result.steps).toBeUndefined()
    expect(result.findings[0]?.message).toMatch(/^not valid YAML/)
  })

  test('renaming an input or an output in action.yml breaks the real examples that use it', () => {
    const example = readFileSync(join(ROOT, 'examples', 'after-dbt-deploy.yml'), 'utf8')
    expect(checkContract('x', example, ACTION).findings).toEqual([])
    const renamedInput = parseActionYml(ACTION_TEXT.replace(/^ {2}if-running:$/m, '  when-running:'))
    expect(checkContract('x', example, renamedInput).findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining("'if-running' is not an input"),
    )
    const renamedOutput = parseActionYml(ACTION_TEXT.replace(/^ {2}elapsed:$/m, '  duration:'))
    expect(checkContract('x', example, renamedOutput).findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining("'elapsed' is not an output"),
    )
  })
})

describe('actionlint (wasm)', () => {
  test('passes a correct workflow', async () => {
    expect(await actionlint('w.yml', workflow(OUR_STEP))).toEqual([])
  })

  test('reports a broken expression and an unknown context property', async () => {
    const findings = await actionlint(
      'w.yml',
      workflow(`${OUR_STEP}      - run: echo "\${{ github.evnt_name }}"\n      - run: echo "\${{ steps.nope.outputs.x }}"\n`),
    )
    expect(findings.map((f) => f.line)).toEqual([14, 15])
    expect(findings[0]?.message).toMatch(/evnt_name.*\[actionlint expression/)
  })

  test('reports a workflow GitHub would reject', async () => {
    const findings = await actionlint('w.yml', 'on: push\njobs:\n  a:\n    steps:\n      - run: echo\n')
    expect(findings.some((f) => /runs-on/.test(f.message))).toBe(true)
  })
})

describe('the files in the repository', () => {
  test('every example, workflow and README snippet passes both checks', async () => {
    const targets = defaultTargets(ROOT)
    const files = new Set(targets.map((t) => t.file))
    for (const name of ['quick-start', 'after-dbt-deploy', 'health-gate', 'promote-to-production', 'matrix']) {
      expect(files.has(`examples/${name}.yml`)).toBe(true)
    }
    expect(files.has('.github/workflows/ci.yml')).toBe(true)
    expect(files.has('README.md')).toBe(true)
    expect(await checkTargets(targets, loadActionYml(join(ROOT, 'action.yml')))).toEqual([])
  })

  test('every example grants the least: none at all where only this action runs, but what its GitHub features need', () => {
    type Step = { uses?: string; with?: Record<string, unknown> }
    // The two features that call GitHub's API, each with the one permission it needs.
    const needed = (steps: readonly Step[]): Record<string, string> => ({
      ...(steps.some((step) => String(step.with?.['pr-comment']) === 'true') ? { 'pull-requests': 'write' } : {}),
      ...(steps.some((step) => step.with?.environment !== undefined) ? { deployments: 'write' } : {}),
    })
    for (const name of readdirSync(join(ROOT, 'examples'))) {
      const doc = parse(readFileSync(join(ROOT, 'examples', name), 'utf8')) as {
        permissions?: unknown
        jobs: Record<string, { permissions?: unknown; steps: Step[] }>
      }
      expect({ name, declared: doc.permissions !== undefined }).toEqual({ name, declared: true })
      const otherWrites = JSON.stringify(doc).replace(/"(pull-requests|deployments)":"write"/g, '')
      expect({ name, text: otherWrites.includes('write') }).toEqual({ name, text: false })
      for (const [job, spec] of Object.entries(doc.jobs)) {
        const onlyOurs = spec.steps.every((step) => step.uses === undefined || step.uses.startsWith('kondado/kondado-action@'))
        const granted = spec.permissions ?? doc.permissions
        if (onlyOurs) expect({ name, job, granted }).toEqual({ name, job, granted: needed(spec.steps) })
      }
    }
  })

  test("README snippets keep the README's line numbers", () => {
    const blocks = yamlBlocks('# t\n\n```yaml\na: 1\nb: 2\n```\ntext\n```yml\nc: 3\n```\n')
    expect(blocks).toEqual([
      { line: 4, text: 'a: 1\nb: 2' },
      { line: 9, text: 'c: 3' },
    ])
  })

  test('the repository workflow runs the action from ./ against the simulator with pipeline 2040', () => {
    const ci = readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8')
    expect(ci).toContain('node_modules/.bin/node simulator/cli.ts')
    expect(ci).toContain('KONDADO_SIMULATOR_URL=')
    expect(ci).toMatch(/uses: \.\/\n\s+with:[\s\S]*?pipeline-id: 2040\n\s+base-url: \$\{\{ steps\.simulator\.outputs\.url \}\}/)
  })
})

describe('npm run lint:examples', () => {
  let dir: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kondado-examples-'))
  })

  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    const env = { ...process.env }
    delete env.NODE_OPTIONS
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-examples.ts'), ...args], { encoding: 'utf8', env })
    return { code: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  test('passes good files and fails broken ones, naming file, line and cause', () => {
    const good = join(dir, 'good.yml')
    writeFileSync(good, workflow(OUR_STEP))
    expect(cli(good).code).toBe(0)

    const broken = join(dir, 'broken.yml')
    writeFileSync(broken, workflow(`${OUR_STEP.replace('pipeline-id', 'pipeline-ids')}      - run: echo "\${{ steps.k.outputs.nope }}"\n`))
    const result = cli(good, broken)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${broken}:13: with: 'pipeline-ids' is not an input of action.yml (did you mean 'pipeline-id'?)`)
    expect(result.stderr).toContain(`${broken}:14: 'steps.k.outputs.nope': 'nope' is not an output of action.yml`)
    expect(result.stderr).not.toContain('good.yml')
  })

  test('fails an example that does not use the action', () => {
    const other = join(dir, 'other.yml')
    writeFileSync(other, workflow('      - run: echo hi\n'))
    const result = cli(other)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no step uses this action')
  })

  test('checks against the action.yml it is given', () => {
    const action = join(dir, 'action.yml')
    writeFileSync(action, ACTION_TEXT.replace(/^ {2}pipeline-id:$/m, '  pipelines:'))
    const good = join(dir, 'good.yml')
    writeFileSync(good, workflow(OUR_STEP))
    const result = cli('--action', action, good)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("'pipeline-id' is not an input of action.yml (did you mean 'pipelines'?)")
  })
})
