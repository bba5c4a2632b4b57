import { describe, test, expect, beforeEach, afterEach } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { judge } from '../../src/core/health.ts'
import { JITTER, RELATIVE_INTERVAL, SETTLE_CONFIRM_INTERVAL_MS, START_CONFIRM_INTERVAL_MS } from '../../src/core/poll-schedule.ts'
import { MIN_GAP_MS, WINDOW_MS } from '../../src/core/scheduler.ts'
import type { StepReport, StepSettings, Verdict } from '../../src/core/step.ts'
import { renderSummary } from '../../src/summary.ts'
import { en } from '../../src/messages/en.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import { loadActionYml, parseActionYml } from '../../scripts/lib/action-yml.ts'
import { applyBlocks, BlockError, readBlock, replaceBlock } from '../../scripts/lib/blocks.ts'
import { updateReadme } from '../../scripts/lib/readme.ts'
import { renderHealthRules, renderInputs, renderOutputs, restingSnapshot } from '../../scripts/lib/tables.ts'
import {
  EXPLAIN_ENTRIES,
  INPUT_ENTRIES,
  LOG_ENTRIES,
  PROBLEM_ENTRIES,
  renderTroubleshooting,
  SECTIONS,
  STEP_ENTRIES,
  SUMMARY_ENTRIES,
} from '../../scripts/lib/troubleshooting.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const ACTION_TEXT = readFileSync(join(ROOT, 'action.yml'), 'utf8')

interface RawAction {
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, unknown>
}
const RAW = parse(ACTION_TEXT) as RawAction

/** Runs `node scripts/docs.ts` as `npm run docs` does. */
function docsCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'docs.ts'), ...args], { encoding: 'utf8', env })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('tables from action.yml', () => {
  const action = parseActionYml(ACTION_TEXT)

  test('every input has one row with its required flag and default, in action.yml order', () => {
    const rows = renderInputs(action).split('\n').slice(2)
    expect(rows.map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1])).toEqual(Object.keys(RAW.inputs))
    for (const [name, spec] of Object.entries(RAW.inputs)) {
      const row = rows.find((r) => r.startsWith(`| \`${name}\` |`)) as string
      const cells = row.split(' | ')
      expect(cells[2]).toBe(spec.required ? '**yes**' : 'no')
      const expected = spec.default === undefined ? '—' : spec.default === '' ? '*(empty)*' : `\`${spec.default}\``
      expect(cells[3]).toBe(`${expected} |`)
    }
  })

  test('every output has one row, and a pipe in a description cannot break the table', () => {
    const rows = renderOutputs(action).split('\n').slice(2)
    expect(rows.map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1])).toEqual(Object.keys(RAW.outputs))
    const piped = renderOutputs({ inputs: [], outputs: [{ name: 'x', description: 'a | b\nc' }] })
    expect(piped.split('\n')[2]).toBe('| `x` | a \\| b c |')
  })

  test('a malformed action.yml is an error, not an empty table', () => {
    expect(() => parseActionYml('name: x\n')).toThrow(/inputs/)
    expect(() => parseActionYml('inputs:\n  a:\n    required: true\noutputs: {}\n')).toThrow(/input 'a' has no description/)
  })
})

describe('generated blocks', () => {
  const text = 'intro\n<!-- t:start -->\nold\n<!-- t:end -->\noutro\n'

  test('a block is replaced whole and the prose around it is kept', () => {
    const out = replaceBlock(text, 't', 'new\nlines\n')
    expect(out).toBe('intro\n<!-- t:start -->\nnew\nlines\n<!-- t:end -->\noutro\n')
    expect(readBlock(out, 't')).toBe('new\nlines')
    expect(replaceBlock(out, 't', 'new\nlines')).toBe(out)
  })

  test('applyBlocks names only the blocks that changed', () => {
    const twoBlocks = `${text}<!-- u:start -->\nsame\n<!-- u:end -->\n`
    const update = applyBlocks(
      twoBlocks,
      new Map([
        ['t', 'fresh'],
        ['u', 'same'],
      ]),
    )
    expect(update.changed).toEqual(['t'])
    expect(
      applyBlocks(
        update.text,
        new Map([
          ['t', 'fresh'],
          ['u', 'same'],
        ]),
      ).changed,
    ).toEqual([])
  })

  test('missing, doubled or reversed markers are errors', () => {
    expect(() => readBlock('no markers', 't')).toThrow(BlockError)
    expect(() => readBlock(`${text}${text}`, 't')).toThrow(/exactly one/)
    expect(() => readBlock('<!-- t:end -->\n<!-- t:start -->', 't')).toThrow(/comes before/)
  })
})

describe('the README in the repository', () => {
  test('is what `npm run docs` generates from action.yml, the messages and the examples', () => {
    expect(updateReadme(README, loadActionYml(join(ROOT, 'action.yml')), ROOT).changed).toEqual([])
  })

  test('has what a new user and a maintainer look for', () => {
    for (const text of [
      'npm ci && npm test',
      'npm ci && npm run demo',
      'npm run bench',
      'npm run bundle',
      'uses: kondado/kondado-action@v1',
      'uses: kondado/kondado-action@<40-hex-sha> # v1.0.0',
      'permissions: {}',
      'KONDADO_KEY',
      'KONDADO_TOKEN',
      '## Polling strategy and figures',
      '## Reliability',
      '## Troubleshooting',
      'outcome unknown: check the app before re-running',
    ]) {
      expect(README).toContain(text)
    }
  })

  test('every in-page link points at a heading', () => {
    // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered.
    const seen = new Map<string, number>()
    const anchors = new Set<string>()
    const outsideCode = README.replace(/```[\s\S]*?```/g, '')
    for (const [, title] of outsideCode.matchAll(/^(?:> )?#{1,6} (.+)$/gm)) {
      const slug = (title as string)
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-')
      const count = seen.get(slug) ?? 0
      seen.set(slug, count + 1)
      anchors.add(count === 0 ? slug : `${slug}-${count}`)
    }
    const links = [...README.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] as string)
    expect(links.length).toBeGreaterThan(10)
    expect(links.filter((link) => !anchors.has(link))).toEqual([])
  })

  test('the pasted job summary is what src/summary.ts renders for the pasted `result`', () => {
    const json = /`result` for the run shown above:\n\n```json\n([\s\S]*?)\n```/.exec(README)?.[1] ?? ''
    const rows = JSON.parse(json) as {
      kind: 'pipeline' | 'model'
      id: number
      status: string
      is_running: boolean | null
      is_active: boolean | null
      is_blocked: boolean | null
      kubo_status_type: string | null
      raw_msg: string | null
      verdict: Verdict
      elapsed: number
    }[]
    const pasted = /The job summary:\n\n((?:>.*\n)+)/.exec(README)?.[1]?.replace(/^> ?/gm, '') ?? ''
    const total = Number(/Finished in (\d+)s\./.exec(pasted)?.[1])
    const report: StepReport = {
      command: 'run',
      resources: rows.map((r) => ({
        resource: { kind: r.kind, id: r.id },
        verdict: r.verdict,
        snapshot: {
          status: r.status,
          isRunning: r.is_running,
          isActive: r.is_active,
          isBlocked: r.is_blocked,
          kuboStatusType: r.kubo_status_type,
          rawMsg: r.raw_msg,
        },
        elapsedMs: r.elapsed * 1000,
      })),
      elapsedMs: total * 1000,
      cancelled: false,
    }
    const settings: StepSettings = {
      command: 'run',
      pipelineIds: rows.map((r) => r.id),
      modelIds: [],
      wait: true,
      ifRunning: 'wait',
      timeoutMs: 3_600_000,
      waiter: { minIntervalMs: 3000, maxIntervalMs: 120_000, startTimeoutMs: 120_000, readShareMs: 3_050 },
    }
    expect(rows).toHaveLength(2)
    expect(pasted).toBe(renderSummary(en, report, settings))
  })

  test('states the numbers the code uses', () => {
    expect(README).toContain(`after ${RELATIVE_INTERVAL * 100} % of *t*`)
    expect(README).toContain(`shortened by up to ${JITTER * 100} % jitter`)
    expect(README).toContain(`${MIN_GAP_MS / 1000} seconds apart`)
    expect(README).toContain(`in any ${WINDOW_MS / 1000} seconds`)
    expect(START_CONFIRM_INTERVAL_MS).toBe(2000)
    expect(README).toContain('read every 2 seconds at first, then less often')
    expect(SETTLE_CONFIRM_INTERVAL_MS).toBe(2000)
    expect(README).toContain('two reads in a row, 2 seconds apart')
    expect(README).toContain(`\`poll-interval\` (${RAW.inputs['poll-interval']?.default} s)`)
    expect(README).toContain(`\`max-poll-interval\` (${RAW.inputs['max-poll-interval']?.default} s)`)
  })

  test('states health rules that hold in src/core/health.ts', () => {
    // "any error text from Kondado (raw_msg) makes a resource unhealthy"
    expect(judge('pipeline', restingSnapshot('active', { rawMsg: 'Could not connect' }))).toBe('unhealthy')
    expect(judge('model', restingSnapshot('active', { rawMsg: 'failed' }))).toBe('unhealthy')
    // "a model is healthy only when its kubo_status_type is operational"
    expect(judge('model', restingSnapshot('active', { kuboStatusType: 'rebuilding' }))).toBe('unhealthy')
    expect(judge('model', restingSnapshot('active'))).toBe('healthy')
    // "a status that is not in the table ... never healthy"
    expect(judge('pipeline', restingSnapshot('paused'))).toBe('unknown')
    expect(renderHealthRules()).toContain('| `active` | ✅ healthy | ✅ healthy |')
  })
})

describe('troubleshooting', () => {
  // An entry (or a deliberate null) for every message key and every problem code is for the type
  // checker: the entry records are typed over `Messages` and `ProblemCode`.

  test('shows each message exactly as the action prints it, in English and in Portuguese', () => {
    const section = renderTroubleshooting()
    const entries = SECTIONS.flatMap((s) => s.entries)
    // Every entry that is not a deliberate null, once.
    const records = [PROBLEM_ENTRIES, INPUT_ENTRIES, EXPLAIN_ENTRIES, STEP_ENTRIES, LOG_ENTRIES, SUMMARY_ENTRIES]
    expect(entries).toHaveLength(records.flatMap((r) => Object.values(r).filter((e) => e !== null)).length)
    for (const entry of entries) {
      expect(section).toContain(entry.sample(en))
      expect(section).toContain(entry.sample(ptBR))
      // Whole sentences, as the reader sees them.
      expect(entry.means).toMatch(/^[A-Z`'"(].*[.)]$/s)
      expect(entry.fix).toMatch(/^[A-Z`'"(].*[.)]$/s)
    }
    // Distinct samples: no entry silently renders another's message.
    expect(new Set(entries.map((e) => e.sample(en))).size).toBe(entries.length)
  })
})

describe('npm run check:docs on a temporary copy', () => {
  let dir: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kondado-docs-'))
    cpSync(join(ROOT, 'README.md'), join(dir, 'README.md'))
    cpSync(join(ROOT, 'action.yml'), join(dir, 'action.yml'))
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true })
    cpSync(join(ROOT, 'BENCHMARKS.json'), join(dir, 'BENCHMARKS.json'))
  })

  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const check = (): ReturnType<typeof docsCli> =>
    docsCli('--check', '--readme', join(dir, 'README.md'), '--action', join(dir, 'action.yml'))

  test('passes on an up-to-date copy', () => {
    const result = check()
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
  })

  test('fails with a clear message when an input is renamed in action.yml, and `docs` repairs it', () => {
    const action = join(dir, 'action.yml')
    writeFileSync(action, readFileSync(action, 'utf8').replace(/^ {2}if-running:$/m, '  when-running:'))
    const failed = check()
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('out of date in: inputs')
    expect(failed.stderr).toContain('npm run docs')
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(README)

    const fixed = docsCli('--readme', join(dir, 'README.md'), '--action', action)
    expect(fixed.code).toBe(0)
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('| `when-running` |')
    expect(check().code).toBe(0)
  })

  test('fails when an output is renamed or an embedded example changes', () => {
    const action = join(dir, 'action.yml')
    writeFileSync(action, readFileSync(action, 'utf8').replace(/^ {2}elapsed:$/m, '  duration:'))
    const example = join(dir, 'examples', 'quick-start.yml')
    writeFileSync(example, readFileSync(example, 'utf8').replace('pipeline-id: 2040', 'pipeline-id: 2041'))
    const result = check()
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('outputs')
    expect(result.stderr).toContain('file:examples/quick-start.yml')
  })

  test('fails when a marker is missing', () => {
    const readme = join(dir, 'README.md')
    writeFileSync(readme, README.replace('<!-- outputs:end -->', ''))
    const result = check()
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('<!-- outputs:end -->')
  })
})

describe('benchmark figures', () => {
  test('the README quotes BENCHMARKS.json, so a changed schedule changes the README', () => {
    const json = JSON.parse(readFileSync(join(ROOT, 'BENCHMARKS.json'), 'utf8')) as {
      cells: { runLengthS: number; pipelines: number; strategies: { action: { delayMeanS: number } } }[]
    }
    const oneShort = json.cells.find((c) => c.pipelines === 1 && c.runLengthS === 30)
    if (oneShort === undefined) throw new Error('BENCHMARKS.json has no cell for one pipeline and 30 s runs')
    expect(README).toContain(`| this action | ${oneShort.strategies.action.delayMeanS.toFixed(1)} s (`)
  })
})
