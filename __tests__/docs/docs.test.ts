import { describe, test, expect, beforeEach, afterEach } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { judge } from '../../src/core/health.ts'
import { JITTER, RELATIVE_INTERVAL, SETTLE_CONFIRM_INTERVAL_MS, START_CONFIRM_INTERVAL_MS } from '../../src/core/poll-schedule.ts'
import { MIN_GAP_MS, WINDOW_MS } from '../../src/core/scheduler.ts'
import type { StepReport, StepSettings, Verdict } from '../../src/core/vocabulary.ts'
import { renderSummary } from '../../src/report/summary.ts'
import { anchorOf } from '../../src/report/explain.ts'
import { en } from '../../src/messages/en.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import { DURATION_RANGE_MS, REQUESTS_PER_MINUTE_RANGE } from '../../src/inputs/inputs.ts'
import { LOOPBACK_HOST_NAMES } from '../../src/core/http.ts'
import { inputDefaults, loadActionYml, parseActionYml } from '../../scripts/lib/action-yml.ts'
import {
  anyOf,
  FACTS,
  longTime,
  longTimePtBR,
  mebibytesPtBR,
  percent,
  percentPtBR,
  RETRY,
  shortTime,
  shortTimePtBR,
  inputsByCommand,
} from '../../scripts/lib/facts.ts'
import { applyBlocks, applyFacts, BlockError, readBlock, replaceBlock } from '../../scripts/lib/blocks.ts'
import { docFiles } from '../../scripts/lib/doc-files.ts'
import { excerpt } from '../../scripts/lib/excerpt.ts'
import { readDocs, updateDocs } from '../../scripts/lib/generated.ts'
import { INPUT_DETAILS, renderHealthRules, renderInputs, renderOutputs, restingSnapshot } from '../../scripts/lib/tables.ts'
import {
  EXPLAIN_ENTRIES,
  INPUT_ENTRIES,
  LOG_ENTRIES,
  present,
  PROBLEM_ENTRIES,
  renderTroubleshooting,
  SECTIONS,
  STEP_ENTRIES,
  SUMMARY_ENTRIES,
  GITHUB_ENTRIES,
} from '../../scripts/lib/troubleshooting.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')
const DOCS = readDocs(ROOT)
const doc = (file: string): string => DOCS.get(file) ?? ''
const README = doc('README.md')
const ALL_DOCS = [...DOCS.values()].join('\n')
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

/** GitHub's anchors for the headings of a Markdown text: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  const outsideCode = markdown.replace(/```[\s\S]*?```/g, '')
  // An entry of the troubleshooting catalogues is an anchor of its own, which the job summary links to.
  for (const [, id] of outsideCode.matchAll(/<a id="([\w-]+)"><\/a>/g)) anchors.add(id as string)
  for (const [, title] of outsideCode.matchAll(/^(?:> )?#{1,6} (.+)$/gm)) {
    const slug = (title as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return anchors
}

/** How many times `phrase` occurs in the docs' own prose: the troubleshooting catalogues also quote the action's messages. */
const PROSE = [...DOCS]
  .filter(([file]) => !file.startsWith('docs/troubleshooting'))
  .map(([, text]) => text)
  .join('\n')
const occurrences = (phrase: string): number => PROSE.split(phrase).length - 1

describe('the docs in the repository', () => {
  test('are what `npm run docs` generates from action.yml, the messages, the benchmarks and the examples', () => {
    expect(docFiles(ROOT)).toEqual([
      'README.md',
      'SECURITY.md',
      'docs/development.md',
      'docs/github.md',
      'docs/how-it-decides.md',
      'docs/mutation.md',
      'docs/outputs.md',
      'docs/polling.md',
      'docs/portuguese.md',
      'docs/proxy.md',
      'docs/rate-limits.md',
      'docs/troubleshooting.md',
      'docs/troubleshooting.pt-BR.md',
      'docs/try-it-locally.md',
    ])
    const updates = updateDocs(DOCS, loadActionYml(join(ROOT, 'action.yml')), ROOT)
    expect(updates.filter((update) => update.changed.length > 0)).toEqual([])
  })

  test('the README is a short page with the quick start and "Try it locally" near the top', () => {
    const lines = README.split('\n')
    expect(lines.length).toBeLessThan(250)
    const headings = lines.filter((line) => line.startsWith('## '))
    expect(headings).toEqual([
      '## Quick start',
      '## Try it locally',
      '## What it does',
      '## Workflows',
      '## Inputs',
      '## Outputs',
      '## More',
      '## Development',
      '## License',
    ])
    for (const text of [
      'npm ci && npm run demo',
      'EBADENGINE',
      'uses: kondado/kondado-action@v1',
      'permissions: {}',
      'KONDADO_KEY',
      'KONDADO_TOKEN',
      '![The job summary of a run of two pipelines, one of which failed](docs/pictures/run-failure.en.png)',
    ]) {
      expect(README).toContain(text)
    }
  })

  test('the deep dives have what a user and a maintainer look for', () => {
    expect(doc('docs/development.md')).toContain('npm ci && npm test')
    expect(doc('docs/development.md')).toContain('EBADENGINE')
    expect(doc('docs/development.md')).toContain('## Map of src/')
    expect(doc('docs/development.md')).toContain('npm run docs:pictures')
    expect(doc('docs/how-it-decides.md')).toContain('outcome unknown: check the app before re-running')
    expect(doc('docs/try-it-locally.md')).toContain('npm run local-action')
    expect(doc('SECURITY.md')).toContain('uses: kondado/kondado-action@<40-hex-sha> # v1.0.0')
  })

  test('each piece of advice is written once, and linked from elsewhere', () => {
    expect(occurrences('take turns')).toBe(1)
    expect(occurrences('give each parallel job a share')).toBe(1)
    expect(occurrences('duplicating is not idempotent')).toBe(1)
    expect(occurrences('re-running the workflow (also with **Re-run failed jobs**) would create a second one')).toBe(1)
    expect(occurrences('GitHub keeps at most one *pending* job per concurrency group')).toBe(1)
  })

  test('every link between the docs points at a file that exists, and at a heading in it', () => {
    const broken: string[] = []
    let checked = 0
    for (const [file, text] of DOCS) {
      const outsideCode = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
      for (const [, target] of outsideCode.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target as string)) continue
        checked++
        const [path = '', anchor] = (target as string).split('#')
        const resolved = path === '' ? file : join(dirname(file), path)
        if (!existsSync(join(ROOT, resolved))) broken.push(`${file}: ${target} (no file ${resolved})`)
        else if (anchor !== undefined && !anchorsOf(readFileSync(join(ROOT, resolved), 'utf8')).has(anchor))
          broken.push(`${file}: ${target} (no heading #${anchor})`)
      }
    }
    expect(checked).toBeGreaterThan(40)
    expect(broken).toEqual([])
  })

  test('every input the README table links to its details is an input of action.yml', () => {
    const names = ACTION.inputs.map((input) => input.name)
    expect(Object.keys(INPUT_DETAILS).filter((name) => !names.includes(name))).toEqual([])
    expect(README).toContain('| `requests-per-minute` | ')
    expect(README).toMatch(/\| `requests-per-minute` \| [^|]+ \[More\]\(docs\/rate-limits\.md\) \|/)
  })

  test("action.yml's short descriptions state the ranges the parser enforces", () => {
    const description = (name: string): string => ACTION.inputs.find((input) => input.name === name)?.description ?? ''
    expect(description('timeout')).toContain(`from ${longTime(DURATION_RANGE_MS.min)} to ${longTime(DURATION_RANGE_MS.max)}`)
    expect(description('requests-per-minute')).toBe(
      `The most requests this step sends to Kondado in any rolling ${WINDOW_MS / 1000} seconds, from ${REQUESTS_PER_MINUTE_RANGE.min} to ${REQUESTS_PER_MINUTE_RANGE.max} (Kondado allows ${FACTS['kondado-per-minute']} a minute per key).`,
    )
    for (const input of ACTION.inputs)
      expect({ name: input.name, long: input.description.length > 240 }).toEqual({ name: input.name, long: false })
  })

  test('the pasted job summary is what src/summary.ts renders for the pasted `result`', () => {
    const json = /`result` for the run shown above:\n\n```json\n([\s\S]*?)\n```/.exec(doc('docs/outputs.md'))?.[1] ?? ''
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
    const pasted = /The job summary:\n\n((?:>.*\n)+)/.exec(doc('docs/outputs.md'))?.[1]?.replace(/^> ?/gm, '') ?? ''
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
      polling: { minIntervalMs: 3000, maxIntervalMs: 120_000, startTimeoutMs: 120_000 },
      waitFor: 'current',
      modelStartTimeoutMs: 600_000,
    }
    expect(rows).toHaveLength(2)
    expect(pasted).toBe(renderSummary(en, report, settings))
  })

  test('states the numbers the code uses, through its fact spans', () => {
    const spans = [...ALL_DOCS.matchAll(/<!-- fact:([a-z0-9-]+) -->(.*?)<!-- \/fact -->/g)]
    expect(new Set(spans.map((m) => m[1]))).toEqual(new Set(Object.keys(FACTS)))
    for (const [, name, text] of spans) expect(text).toBe(FACTS[name as string])
    const polling = doc('docs/polling.md')
    expect(polling).toContain(`after <!-- fact:relative-interval -->${RELATIVE_INTERVAL * 100} %<!-- /fact --> of *t*`)
    expect(polling).toContain(`shortened by up to <!-- fact:poll-jitter -->${JITTER * 100} %<!-- /fact --> jitter`)
    expect(polling).toContain(`\`poll-interval\` (<!-- fact:poll-interval-default -->${DEFAULTS['poll-interval']} s<!-- /fact -->)`)
    expect(polling).toContain(
      `\`max-poll-interval\` (<!-- fact:max-poll-interval-default -->${DEFAULTS['max-poll-interval']} s<!-- /fact -->)`,
    )
    const limits = doc('docs/rate-limits.md')
    expect(limits).toContain(`<!-- fact:min-gap -->${MIN_GAP_MS / 1000} seconds<!-- /fact --> after`)
    expect(limits).toContain(`in any <!-- fact:window -->${WINDOW_MS / 1000} seconds<!-- /fact -->`)
    const decides = doc('docs/how-it-decides.md')
    expect(decides).toContain(
      `read every <!-- fact:start-confirm-interval -->${START_CONFIRM_INTERVAL_MS / 1000} seconds<!-- /fact --> at first`,
    )
    expect(decides).toContain(
      `two reads in a row, <!-- fact:settle-interval -->${SETTLE_CONFIRM_INTERVAL_MS / 1000} seconds<!-- /fact --> apart`,
    )
  })

  test('states the retry pauses a user sees, jitter included, and their total', () => {
    expect(FACTS['retry-pauses']).toBe('1 s to 1 min 30 s')
    expect(FACTS['retry-window']).toBe('2 min 1 s to 6 min 3 s')
    expect(ALL_DOCS).not.toMatch(/doubling to 60 s|about four minutes/)
  })

  test('names the hosts plain http may go to as the parser accepts them', () => {
    expect(LOOPBACK_HOST_NAMES).toEqual(['localhost', '127.x.x.x', '[::1]'])
    const description = ACTION.inputs.find((input) => input.name === 'base-url')?.description ?? ''
    expect(description).toContain(`plain http is accepted only for ${anyOf([...LOOPBACK_HOST_NAMES])} (`)
    expect(ALL_DOCS).not.toMatch(/127\.0\.0\.1 or localhost|`localhost`\/`127\.0\.0\.1`/)
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

  test('says them in Portuguese with a decimal comma, units joined by "e" and the singular below 2', () => {
    expect([1000, 1100, 61_000, 90_000, 72 * 3_600_000].map(shortTimePtBR)).toEqual(['1 s', '1,1 s', '1 min 1 s', '1 min 30 s', '72 h'])
    expect([1000, 1500, 2000, 90_000, 3_600_000, 72 * 3_600_000].map(longTimePtBR)).toEqual([
      '1 segundo',
      '1,5 segundo',
      '2 segundos',
      '1 minuto e 30 segundos',
      '1 hora',
      '72 horas',
    ])
    expect([0.085, 0.2].map(percentPtBR)).toEqual(['8,5%', '20%'])
    expect([1024 ** 2, 1.5 * 1024 ** 2].map(mebibytesPtBR)).toEqual(['1 MiB', '1,5 MiB'])
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

  test('has an entry for every cause the job summary links to, in both catalogues', () => {
    const causes = [
      ...Object.keys(en.explain).map((key) => anchorOf({ group: 'explain', key: key as keyof typeof en.explain })),
      ...Object.keys(PROBLEM_ENTRIES).map((key) => anchorOf({ group: 'problem', key: key as keyof typeof PROBLEM_ENTRIES })),
    ]
    for (const file of ['docs/troubleshooting.md', 'docs/troubleshooting.pt-BR.md']) {
      const text = readFileSync(join(ROOT, file), 'utf8')
      expect({ file, missing: causes.filter((id) => !text.includes(`<a id="${id}"></a>`)) }).toEqual({ file, missing: [] })
    }
  })

  test('shows each message exactly as the action prints it, in English and in Portuguese', () => {
    const english = renderTroubleshooting('en')
    const portuguese = renderTroubleshooting('pt-BR')
    const entries = SECTIONS.flatMap((s) => s.entries)
    // Every entry that is not a deliberate null, once.
    const records = [PROBLEM_ENTRIES, INPUT_ENTRIES, EXPLAIN_ENTRIES, STEP_ENTRIES, LOG_ENTRIES, SUMMARY_ENTRIES, GITHUB_ENTRIES]
    expect(entries).toHaveLength(records.flatMap((r) => Object.values(r).filter((e) => e !== null)).length)
    for (const entry of entries) {
      expect(english).toContain(
        `- <a id="${entry.id}"></a>**\`${entry.sample(en)}\`**  \n  *What it means:* ${entry.means}  \n  *What to do:* ${entry.fix}`,
      )
      expect(english).not.toContain(entry.sample(ptBR))
      expect(portuguese).toContain(
        `- <a id="${entry.id}"></a>**\`${entry.sample(ptBR)}\`**  \n  Em inglês: \`${entry.sample(en)}\`  \n  *O que significa:* ${entry.ptBR.means}  \n  *O que fazer:* ${entry.ptBR.fix}`,
      )
      // Whole sentences, as the reader sees them.
      expect(entry.means).toMatch(/^[A-Z`'"(].*[.)]$/s)
      expect(entry.fix).toMatch(/^[A-Z`'"(].*[.)]$/s)
      expect(entry.ptBR.means).toMatch(/^[\p{Lu}`'"(].*[.)]$/su)
      expect(entry.ptBR.fix).toMatch(/^[\p{Lu}`'"(].*[.)]$/su)
      // Written in Portuguese, not left in English.
      expect(entry.ptBR.means).not.toBe(entry.means)
      expect(entry.ptBR.fix).not.toBe(entry.fix)
    }
    expect(portuguese).not.toMatch(/What it means|What to do|In English/)
    // Distinct samples: no entry silently renders another's message.
    expect(new Set(entries.map((e) => e.sample(en))).size).toBe(entries.length)
  })

  test('the Portuguese catalogue states the figures as a Brazilian writes them, from the same constants', () => {
    const portuguese = renderTroubleshooting('pt-BR')
    const time = shortTimePtBR
    expect(portuguese).toContain(`vão de ${longTimePtBR(DURATION_RANGE_MS.min)} a ${longTimePtBR(DURATION_RANGE_MS.max)}, o job mais longo`)
    expect(portuguese).toContain(
      `com pausas de ${time(RETRY.shortestMs)} a ${time(RETRY.longestMs)} cada: de ${time(RETRY.leastTotalMs)} a ${time(RETRY.mostTotalMs)} no total`,
    )
    expect(portuguese).toContain(`a action consulta o status a cada ${longTimePtBR(START_CONFIRM_INTERVAL_MS)} no começo`)
    expect(portuguese).toContain(
      '`requests-per-minute` é um número inteiro entre 1 e 20, porque a Kondado aceita 20 requisições por minuto',
    )
    expect(portuguese).toContain('pelo tempo que a Kondado indicou, mais até 20%.')
    expect(portuguese).toContain('se ele consegue se conectar a `k2.kondado.com.br` na porta 443')
    expect(portuguese).toContain(inputsByCommand('nenhum input próprio'))
  })

  test('an entry explained in one language must be explained in the other, and a routine line in neither', () => {
    const entry = { sample: () => 'x', means: 'M.', fix: 'F.' }
    const explanation = { means: 'Significa.', fix: 'Faça.' }
    expect(present('group', { a: entry, b: null }, { a: explanation, b: null })).toEqual([{ ...entry, ptBR: explanation, id: 'group-a' }])
    expect(() => present('group', { a: entry }, { a: null })).toThrow("'a' is explained in English but not in Portuguese")
    expect(() => present('group', { a: null }, { a: explanation })).toThrow("'a' is null in English but not in Portuguese")
  })
})

describe('npm run check:docs on a temporary copy', () => {
  let dir: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kondado-docs-'))
    for (const file of ['README.md', 'SECURITY.md', 'action.yml', 'BENCHMARKS.json']) cpSync(join(ROOT, file), join(dir, file))
    cpSync(join(ROOT, 'docs'), join(dir, 'docs'), { recursive: true })
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true })
  })

  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const check = (): ReturnType<typeof docsCli> => docsCli('--check', '--root', dir)

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
    expect(failed.stderr).toBe('README.md is out of date in: inputs.\nRun `npm run docs` and commit the result.\n')
    expect(failed.stderr).toContain('npm run docs')
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(README)

    const fixed = docsCli('--root', dir)
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
    expect(result.stderr).toContain('README.md is out of date in: outputs, file:examples/quick-start.yml.')
  })

  test('fails when a marker is missing', () => {
    const readme = join(dir, 'README.md')
    writeFileSync(readme, README.replace('<!-- outputs:end -->', ''))
    const result = check()
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("docs: README.md: expected exactly one '<!-- outputs:start -->' and one '<!-- outputs:end -->'")
  })

  test('fails when a generated block is in no file, or in two, and names the files', () => {
    const verdicts = join(dir, 'docs', 'outputs.md')
    const text = readFileSync(verdicts, 'utf8')
    writeFileSync(verdicts, text.replace(/<!-- verdicts:start -->[\s\S]*<!-- verdicts:end -->\n/, ''))
    expect(check().stderr).toContain("'<!-- verdicts:start -->' must be in exactly one of README.md, SECURITY.md, docs/")
    expect(check().stderr).toContain('(none has it)')
    writeFileSync(verdicts, text)
    writeFileSync(join(dir, 'docs', 'extra.md'), '<!-- verdicts:start -->\n<!-- verdicts:end -->\n')
    expect(check().stderr).toContain('(found in docs/extra.md, docs/outputs.md)')
  })

  test('checks the blocks and facts of docs/ too', () => {
    const polling = join(dir, 'docs', 'polling.md')
    writeFileSync(polling, readFileSync(polling, 'utf8').replace('<!-- fact:poll-jitter -->15 %', '<!-- fact:poll-jitter -->10 %'))
    const limits = join(dir, 'docs', 'troubleshooting.pt-BR.md')
    writeFileSync(limits, readFileSync(limits, 'utf8').replace('Erros nos inputs', 'Erros'))
    const result = check()
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'docs/polling.md is out of date in: fact:poll-jitter.\ndocs/troubleshooting.pt-BR.md is out of date in: troubleshooting-pt-BR.\nRun `npm run docs` and commit the result.\n',
    )
  })
})

describe('benchmark figures', () => {
  test('docs/polling.md quotes BENCHMARKS.json, so a changed schedule changes the docs', () => {
    const json = JSON.parse(readFileSync(join(ROOT, 'BENCHMARKS.json'), 'utf8')) as {
      cells: { runLengthS: number; pipelines: number; strategies: { action: { delayMeanS: number } } }[]
    }
    const oneShort = json.cells.find((c) => c.pipelines === 1 && c.runLengthS === 30)
    if (oneShort === undefined) throw new Error('BENCHMARKS.json has no cell for one pipeline and 30 s runs')
    expect(doc('docs/polling.md')).toContain(`| this action | ${oneShort.strategies.action.delayMeanS.toFixed(1)} s (`)
  })
})

describe('quoting part of an example workflow', () => {
  const workflow = [
    'on: push',
    'jobs:',
    '  kondado:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo before',
    '      - name: Check',
    '        id: health',
    '        uses: kondado/kondado-action@v1',
    '        with:',
    '          # A comment inside the step stays.',
    '          command: status',
    '',
    '      # About the next step: not part of this one.',
    '      - run: echo after',
    '  other:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo other',
    '',
  ].join('\n')

  test('a step by its id, dedented, with its own comments and without what follows', () => {
    expect(excerpt(workflow, 'health')).toBe(
      '- name: Check\n  id: health\n  uses: kondado/kondado-action@v1\n  with:\n    # A comment inside the step stays.\n    command: status',
    )
  })

  test('a job by its name, when no step has that id', () => {
    expect(excerpt(workflow, 'other')).toBe('other:\n  runs-on: ubuntu-latest\n  steps:\n    - run: echo other')
  })

  test('an unknown name is an error', () => {
    expect(() => excerpt(workflow, 'nope')).toThrow("no job or step id 'nope'")
  })
})
