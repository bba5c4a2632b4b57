import { describe, test, expect, beforeEach, afterEach } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { judge } from '../../src/core/health.ts'
import { JITTER, RELATIVE_INTERVAL, SETTLE_CONFIRM_INTERVAL_MS, START_CONFIRM_INTERVAL_MS } from '../../src/core/poll-schedule.ts'
import { MIN_GAP_MS, WINDOW_MS } from '../../src/core/scheduler.ts'
import type { StepReport, StepSettings, Verdict } from '../../src/core/vocabulary.ts'
import { renderSummary } from '../../src/summary.ts'
import { en } from '../../src/messages/en.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import { inputDefaults, loadActionYml, parseActionYml } from '../../scripts/lib/action-yml.ts'
import { anyOf, FACTS, longTime, percent, shortTime } from '../../scripts/lib/facts.ts'
import { LOOPBACK_HOST_NAMES } from '../../src/inputs.ts'
import { applyBlocks, applyFacts, BlockError, readBlock, replaceBlock } from '../../scripts/lib/blocks.ts'
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

const ACTION = parseActionYml(ACTION_TEXT)
const DEFAULTS = inputDefaults(ACTION)

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
    expect(rows.map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1])).toEqual(ACTION.inputs.map((input) => input.name))
    for (const { name, ...spec } of ACTION.inputs) {
      const row = rows.find((r) => r.startsWith(`| \`${name}\` |`)) as string
      const cells = row.split(' | ')
      expect(cells[2]).toBe(spec.required ? '**yes**' : 'no')
      const expected = spec.default === undefined ? '—' : spec.default === '' ? '*(empty)*' : `\`${spec.default}\``
      expect(cells[3]).toBe(`${expected} |`)
    }
  })

  test('every output has one row, and a pipe in a description cannot break the table', () => {
    const rows = renderOutputs(action).split('\n').slice(2)
    expect(rows.map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1])).toEqual(ACTION.outputs.map((output) => output.name))
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
      waiter: { minIntervalMs: 3000, maxIntervalMs: 120_000, startTimeoutMs: 120_000 },
    }
    expect(rows).toHaveLength(2)
    expect(pasted).toBe(renderSummary(en, report, settings))
  })

  test('states the numbers the code uses, through its fact spans', () => {
    const spans = [...README.matchAll(/<!-- fact:([a-z0-9-]+) -->(.*?)<!-- \/fact -->/g)]
    expect(new Set(spans.map((m) => m[1]))).toEqual(new Set(Object.keys(FACTS)))
    for (const [, name, text] of spans) expect(text).toBe(FACTS[name as string])
    expect(README).toContain(`after <!-- fact:relative-interval -->${RELATIVE_INTERVAL * 100} %<!-- /fact --> of *t*`)
    expect(README).toContain(`shortened by up to <!-- fact:poll-jitter -->${JITTER * 100} %<!-- /fact --> jitter`)
    expect(README).toContain(`<!-- fact:min-gap -->${MIN_GAP_MS / 1000} seconds<!-- /fact --> apart`)
    expect(README).toContain(`in any <!-- fact:window -->${WINDOW_MS / 1000} seconds<!-- /fact -->`)
    expect(README).toContain(
      `read every <!-- fact:start-confirm-interval -->${START_CONFIRM_INTERVAL_MS / 1000} seconds<!-- /fact --> at first`,
    )
    expect(README).toContain(
      `two reads in a row, <!-- fact:settle-interval -->${SETTLE_CONFIRM_INTERVAL_MS / 1000} seconds<!-- /fact --> apart`,
    )
    expect(README).toContain(`\`poll-interval\` (<!-- fact:poll-interval-default -->${DEFAULTS['poll-interval']} s<!-- /fact -->)`)
    expect(README).toContain(
      `\`max-poll-interval\` (<!-- fact:max-poll-interval-default -->${DEFAULTS['max-poll-interval']} s<!-- /fact -->)`,
    )
  })

  test('states the retry pauses a user sees, jitter included, and their total', () => {
    expect(FACTS['retry-pauses']).toBe('1 s to 1 min 30 s')
    expect(FACTS['retry-window']).toBe('2 min 1 s to 6 min 3 s')
    expect(README).not.toMatch(/doubling to 60 s|about four minutes/)
  })

  test('names the hosts plain http may go to as the parser accepts them', () => {
    expect(LOOPBACK_HOST_NAMES).toEqual(['localhost', '127.x.x.x', '[::1]'])
    const description = ACTION.inputs.find((input) => input.name === 'base-url')?.description ?? ''
    expect(description).toContain(`plain http is accepted only for ${anyOf([...LOOPBACK_HOST_NAMES])} (`)
    expect(README).not.toMatch(/127\.0\.0\.1 or localhost|`localhost`\/`127\.0\.0\.1`/)
    expect(en.input.baseUrlHttps('http://x', LOOPBACK_HOST_NAMES)).toContain('only for localhost, 127.x.x.x or [::1].')
    expect(ptBR.input.baseUrlHttps('http://x', LOOPBACK_HOST_NAMES)).toContain('só é aceito para localhost, 127.x.x.x ou [::1].')
  })

  test('a fact span with an unknown name is an error, and a stale one is rewritten', () => {
    expect(() => applyFacts('a <!-- fact:nope -->1<!-- /fact --> b', FACTS)).toThrow("unknown fact 'nope'")
    expect(applyFacts('every <!-- fact:min-gap -->1 second<!-- /fact -->.', FACTS)).toEqual({
      text: 'every <!-- fact:min-gap -->1.1 seconds<!-- /fact -->.',
      changed: ['fact:min-gap'],
    })
  })

  test('says times, shares and sizes as the docs write them', () => {
    expect([1000, 1100, 61_000, 90_000, 121_000, 3_600_000, 72 * 3_600_000].map(shortTime)).toEqual([
      '1 s',
      '1.1 s',
      '1 min 1 s',
      '1 min 30 s',
      '2 min 1 s',
      '1 h',
      '72 h',
    ])
    expect([1000, 2000, 120_000, 3_600_000].map(longTime)).toEqual(['1 second', '2 seconds', '2 minutes', '1 hour'])
    expect([0.085, 0.15, 0.2].map(percent)).toEqual(['8.5 %', '15 %', '20 %'])
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
  const keys = (record: object): string[] => Object.keys(record).sort()

  test('has an entry, or a deliberate null, for every message key', () => {
    expect(keys(INPUT_ENTRIES)).toEqual(keys(en.input))
    expect(keys(EXPLAIN_ENTRIES)).toEqual(keys(en.explain))
    expect(keys(STEP_ENTRIES)).toEqual(keys(en.step))
    expect(keys(LOG_ENTRIES)).toEqual(keys(en.log))
    expect(keys(SUMMARY_ENTRIES)).toEqual(keys(en.summary))
  })

  test('has an entry for every problem code declared in src/core/problem.ts', () => {
    const source = readFileSync(join(ROOT, 'src', 'core', 'problem.ts'), 'utf8')
    const union = /export type ProblemCode =([\s\S]*?)\n\n/.exec(source)?.[1] ?? ''
    const codes = [...union.matchAll(/\|\s*'([a-z-]+)'/g)].map((m) => m[1] as string)
    expect(codes.length).toBeGreaterThan(5)
    expect(keys(PROBLEM_ENTRIES)).toEqual([...codes].sort())
  })

  test('shows each message exactly as the action prints it, in English and in Portuguese', () => {
    const section = renderTroubleshooting()
    const entries = SECTIONS.flatMap((s) => s.entries)
    expect(entries.length).toBeGreaterThan(40)
    for (const entry of entries) {
      expect(section).toContain(entry.sample(en))
      expect(section).toContain(entry.sample(ptBR))
      expect(entry.means.length).toBeGreaterThan(20)
      expect(entry.fix.length).toBeGreaterThan(5)
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
    expect(oneShort).toBeDefined()
    expect(README).toContain(`| this action | ${oneShort?.strategies.action.delayMeanS.toFixed(1)} s (`)
  })
})
