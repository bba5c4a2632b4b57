// node scripts/reliability-report.ts
// Turns the records the fault-injection suite (__tests__/faults) leaves in .tmp/reliability/
// into RELIABILITY.md. Run by `npm run test:faults` after the suite; exits 1 when a test file
// left no records or a record failed, so a stale or failing report is never taken for a good one.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CANCEL_REPORT_GOAL_MS, RUNNER_KILL_AFTER_MS, runnerKillsAfterMs } from '../harness/cancel-goals.ts'
import { RECORD_DIR, type CaseRecord, type PropertyRecord, type ReliabilityRecord } from '../harness/reliability-records.ts'
import { DEFAULT_LIMITS } from '../src/core/http.ts'
import { SETTLE_CONFIRM_INTERVAL_MS } from '../src/core/poll-schedule.ts'
import { KONDADO_REQUESTS_PER_MINUTE } from '../src/inputs/inputs.ts'
import { cell, table } from '../src/report/markdown.ts'
import { shortTime } from './lib/facts.ts'

const ROOT = resolve(import.meta.dirname, '..')
const SUITE = join(ROOT, '__tests__', 'faults')
const OUT = join(ROOT, 'RELIABILITY.md')
/** The transport's own request timeout: the issue's bound on an overrun. */
const REQUEST_TIMEOUT_MS = DEFAULT_LIMITS.requestTimeoutMs
const SETTLE = shortTime(SETTLE_CONFIRM_INTERVAL_MS)

const ITEMS: Record<string, string> = {
  '1': 'The old state right after a trigger',
  '2': 'A flapping status',
  '3': 'Answers of an unexpected shape',
  '4': 'Server errors, broken, silent and slow connections',
  '5': 'RATE_LIMIT_EXCEEDED',
  '6': 'A POST whose answer is lost',
  '7': 'Refused credentials',
  '8': 'Redirects',
  '9': 'Oversized answers',
  '10': 'Bad inputs',
  '11': 'Server text that speaks to the runner',
  '12': 'Cancellation',
  '13': 'Secrets, with ACTIONS_STEP_DEBUG=true',
  '14': 'Hostile text and planted records',
}

/** A case's record with the counts it kept (`counts`, written by __tests__/faults/harness.ts), by name. */
type Counted = CaseRecord & { readonly counts?: Readonly<Record<string, number>> }
/** The counts the suite keeps, by the names __tests__/faults/ gives them. */
const COUNT = {
  lines: 'lines checked by the runner model',
  obeyed: 'commands from outside obeyed by the runner model',
  planted: 'planted records and comments',
  ignored: 'planted records and comments ignored',
  believed: 'planted records and comments believed',
  verdicts: 'verdicts changed by a poisoned cache entry',
  files: 'files written outside the private folder',
  proxied: 'requests through the proxy for a loopback base-url',
  refused: 'requests sent for a refused input',
} as const
/** The sum of one count over the cases that kept it, and those cases' ids. */
function counted(cases: readonly CaseRecord[], name: string): { total: number; ids: string[] } {
  const keeping = cases.filter((c) => (c as Counted).counts?.[name] !== undefined)
  return {
    total: sum(keeping.map((c) => (c as Counted).counts?.[name] ?? 0)),
    ids: keeping.map((c) => c.id).sort(idOrder),
  }
}
type Count = ReturnType<typeof counted>
const caseList = (ids: readonly string[]): string => (ids.length === 1 ? `case ${ids[0]}` : `cases ${ids.join(', ')}`)

function readRecords(): { records: ReliabilityRecord[]; missing: string[] } {
  const testFiles = readdirSync(SUITE)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.test\.ts$/, ''))
  const missing = testFiles.filter(
    (name) => !existsSync(join(RECORD_DIR, `${name}.jsonl`)) || readFileSync(join(RECORD_DIR, `${name}.jsonl`), 'utf8').trim() === '',
  )
  const records = testFiles
    .filter((name) => !missing.includes(name))
    .flatMap((name) =>
      readFileSync(join(RECORD_DIR, `${name}.jsonl`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ReliabilityRecord),
    )
  return { records, missing }
}

function idOrder(a: string, b: string): number {
  const [ai = '', ar = ''] = a.split('.')
  const [bi = '', br = ''] = b.split('.')
  return Number(ai) - Number(bi) || (Number.parseInt(ar, 10) || 0) - (Number.parseInt(br, 10) || 0) || ar.localeCompare(br)
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

function figures(cases: readonly CaseRecord[], properties: readonly PropertyRecord[]): string[] {
  const passed = cases.filter((c) => c.pass).length
  const propRuns = sum(properties.map((p) => p.runs))
  const propFig = (id: string, name: string): number => properties.find((p) => p.id === id)?.figures[name] ?? Number.NaN
  const extraPipelines = sum(cases.map((c) => c.extraPipelines))
  const extraRuns = sum(cases.map((c) => c.extraRuns))
  const duplicateCases = cases.filter((c) => c.fault.includes('`duplicate`')).length
  const REPEATED = 'POSTs repeated after they may have been applied'
  const SECRETS = 'secret occurrences in rendered log, summary and outputs'
  const runsChecking = (figure: string): number => sum(properties.filter((p) => figure in p.figures).map((p) => p.runs))
  const repeated = sum(properties.map((p) => p.figures[REPEATED] ?? 0))
  const secretHits = sum(cases.map((c) => c.secretHits)) + sum(properties.map((p) => p.figures[SECRETS] ?? 0))
  const actionRuns = sum(cases.map((c) => c.actionRuns))
  const bytes = sum(cases.map((c) => c.bytesScanned))
  const [lines, obeyed, planted, ignored, believed, verdicts, files, proxied, refused] = [
    COUNT.lines,
    COUNT.obeyed,
    COUNT.planted,
    COUNT.ignored,
    COUNT.believed,
    COUNT.verdicts,
    COUNT.files,
    COUNT.proxied,
    COUNT.refused,
  ].map((name) => counted(cases, name)) as [Count, Count, Count, Count, Count, Count, Count, Count, Count]
  const hostileCases = cases
    .filter((c) => c.id.startsWith('11.') || c.id === '14.1')
    .map((c) => c.id)
    .sort(idOrder)
  const overruns = cases.filter((c) => c.worstOverrunMs !== undefined)
  const worst = overruns.reduce<CaseRecord | undefined>(
    (a, c) => (a === undefined || (c.worstOverrunMs ?? 0) > (a.worstOverrunMs ?? 0) ? c : a),
    undefined,
  )
  const reports = cases.filter((c) => c.signalToReportMs !== undefined)
  const slowestReport = reports.reduce<CaseRecord | undefined>(
    (a, c) => (a === undefined || (c.signalToReportMs ?? 0) > (a.signalToReportMs ?? 0) ? c : a),
    undefined,
  )
  const signals = cases.filter((c) => c.signalToExitMs !== undefined)
  const slowest = signals.reduce<CaseRecord | undefined>(
    (a, c) => (a === undefined || (c.signalToExitMs ?? 0) > (a.signalToExitMs ?? 0) ? c : a),
    undefined,
  )
  // The tests assert only the exit before the runner's SIGKILL; how soon the report came and the
  // step exited are measured figures, shown here against their goals, which a busy machine can miss.
  const perCase = (list: readonly CaseRecord[], ms: (c: CaseRecord) => number | undefined): string =>
    list
      .map((c) => `${c.id} ${ms(c)} ms`)
      .sort(idOrder)
      .join(', ')
  const killAfter = (c: CaseRecord): number => c.runnerKillsAfterMs ?? RUNNER_KILL_AFTER_MS
  const figure = (name: string, goal: string, measured: string, met: boolean): string[] => [
    cell(name),
    cell(goal),
    cell(measured),
    met ? 'yes' : '**no**',
  ]
  return table(
    ['Figure', 'Goal', 'Measured', 'Met'],
    [
      figure('Fault cases passed', 'all', `${passed} of ${cases.length}`, passed === cases.length),
      figure(
        'Property-test runs (fast-check, fixed seeds)',
        'at least 200 per property',
        `${propRuns} runs: ${properties.map((p) => `${p.id} ${p.runs} (seed ${p.seed})`).join(', ')}; ${properties.filter((p) => p.pass).length} of ${properties.length} properties held`,
        properties.length > 0 && properties.every((p) => p.pass && p.runs >= 200),
      ),
      figure(
        'Duplicate pipelines created under injected faults',
        '0',
        `${extraPipelines} extra pipelines over ${duplicateCases} duplicate cases; ${extraRuns} extra runs; ${repeated} POSTs repeated after they may have been applied in ${runsChecking(REPEATED)} property runs (most applied in one run: ${propFig('P1', 'most POSTs applied in one run')})`,
        extraPipelines === 0 && extraRuns === 0 && repeated === 0,
      ),
      figure(
        'Secret occurrences in all captured output',
        '0',
        `${secretHits} in ${actionRuns} action runs (${(bytes / 1024).toFixed(0)} KiB of stdout without the mask commands, stderr, outputs and summaries; raw, URL-, form-, base64-, JSON- and escape()-encoded) and in the rendered output of ${runsChecking(SECRETS)} property runs`,
        secretHits === 0,
      ),
      figure(
        'Commands from outside obeyed by the runner model',
        '0',
        `${obeyed.total} over ${lines.total} lines of log, annotations and outputs in ${actionRuns} action runs (the runner's two parsers: \`::\` at a line's start after blanks, CR or LF, \`##[\` anywhere); ${hostileCases.length} cases feed it text built to steer the runner (${caseList(hostileCases)})`,
        obeyed.total === 0 && lines.ids.length === cases.length,
      ),
      figure(
        'Planted promotion records and comments believed',
        '0 (only `github-token-login` is believed)',
        `${believed.total} of ${planted.total} planted (${ignored.total} ignored, said once) over ${caseList(planted.ids)}`,
        believed.total === 0 && ignored.total === planted.total && planted.total > 0,
      ),
      figure(
        'What a poisoned run-history entry did',
        '0 verdicts changed, 0 files written outside the private folder',
        `${verdicts.total} verdicts changed, ${files.total} files written outside the private folder (${caseList(files.ids)})`,
        verdicts.total === 0 && files.total === 0 && files.ids.length > 0,
      ),
      figure(
        'Requests through a proxy for a loopback base-url; requests sent for a refused input',
        '0; 0',
        `${proxied.total} (${caseList(proxied.ids)}); ${refused.total} (${caseList(refused.ids)}: a base-url with a bare \`?\` or \`#\`, JSON nested deeper than 32 levels)`,
        proxied.total === 0 && refused.total === 0 && proxied.ids.length > 0 && refused.ids.length > 0,
      ),
      figure(
        'Worst overrun past `timeout`',
        `under one request timeout (${shortTime(REQUEST_TIMEOUT_MS)})`,
        worst
          ? `${seconds(worst.worstOverrunMs ?? 0)} (case ${worst.id}, wall clock, from process start to exit, Node start-up and the summary included) over the ${overruns.length} cases given a short \`timeout\`; ${propFig('P1', 'worst overrun past timeout (ms, virtual)')} ms in virtual time over the property runs`
          : 'no case measured it',
        worst !== undefined && (worst.worstOverrunMs ?? 0) < REQUEST_TIMEOUT_MS,
      ),
      figure(
        "Time from SIGTERM or SIGINT to the step's cancelled report",
        `under ${shortTime(CANCEL_REPORT_GOAL_MS)}`,
        slowestReport
          ? `worst ${slowestReport.signalToReportMs} ms (case ${slowestReport.id}, wall clock, measured, not asserted) over ${reports.length} cases: ${perCase(reports, (c) => c.signalToReportMs)}; ${propFig('P3', 'worst time from cancellation to the end of the step (ms, virtual)')} ms in virtual time over ${propFig('P3', 'runs cancelled before their end')} cancelled property runs`
          : 'no case measured it',
        slowestReport !== undefined && (slowestReport.signalToReportMs ?? 0) < CANCEL_REPORT_GOAL_MS,
      ),
      figure(
        'Time from SIGTERM or SIGINT to exit',
        `before the runner's SIGKILL: ${shortTime(runnerKillsAfterMs('SIGTERM'))} after its SIGTERM, ${shortTime(runnerKillsAfterMs('SIGINT'))} after its SIGINT`,
        slowest
          ? `worst ${slowest.signalToExitMs} ms (case ${slowest.id}, wall clock, the summary and Node's exit included) over ${signals.length} cases: ${perCase(signals, (c) => c.signalToExitMs)}`
          : 'no case measured it',
        signals.length > 0 && signals.every((c) => (c.signalToExitMs ?? 0) < killAfter(c)),
      ),
    ],
  ).split('\n')
}

function caseTables(cases: readonly CaseRecord[]): string[] {
  const byItem = new Map<string, CaseRecord[]>()
  for (const c of [...cases].sort((a, b) => idOrder(a.id, b.id))) {
    const item = c.id.split('.')[0] ?? ''
    byItem.set(item, [...(byItem.get(item) ?? []), c])
  }
  const out: string[] = []
  for (const [item, list] of [...byItem].sort(([a], [b]) => Number(a) - Number(b))) {
    const rows = list.map((c) => [
      `${cell(c.id)} ${cell(c.name)}`,
      cell(c.fault),
      cell(c.expected),
      cell(c.observed),
      c.pass ? 'yes' : '**no**',
    ])
    out.push(`### ${item}. ${ITEMS[item] ?? 'Other'}`, '', table(['Case', 'Fault', 'Expected', 'Observed', 'Pass'], rows), '')
  }
  return out
}

function propertyTable(properties: readonly PropertyRecord[]): string[] {
  const rows = properties.map((p) => [
    cell(`${p.id} ${p.name}`),
    String(p.runs),
    String(p.seed),
    p.pass ? 'yes' : `**no**: ${cell(p.error ?? '')}`,
    cell(
      Object.entries(p.figures)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; '),
    ),
  ])
  return [table(['Property', 'Runs', 'Seed', 'Held', 'Figures'], rows)]
}

const { records, missing } = readRecords()
const cases = records.filter((r): r is CaseRecord => r.kind === 'case')
const properties = records.filter((r): r is PropertyRecord => r.kind === 'property').sort((a, b) => a.id.localeCompare(b.id))

const doc = [
  '# Reliability',
  '',
  'Generated by `npm run test:faults` (the suite in `__tests__/faults/`, then `node scripts/reliability-report.ts`); do not edit by hand.',
  '',
  "Every case below runs the committed bundle, `dist/index.js`, in a child process exactly as the runner does (inputs as `INPUT_*`, the runner's output and summary files) against the Kondado simulator on 127.0.0.1 with a fault switched on. Each case uses a key and token with spaces, `+`, `%`, `/`, `=` and non-ASCII characters, and checks everything the run printed or wrote for them. The property tests drive the real `executeStep`, `KondadoClient` and `RequestScheduler` over a scripted transport in virtual time, and render the real log, summary and outputs.",
  '',
  '## Figures',
  '',
  ...figures(cases, properties),
  '',
  '## When a status counts as final',
  '',
  `A wait ends only when **two reads in a row, about ${SETTLE} apart, show the same resting state** (same status, \`raw_msg\` and, for a model, \`kubo_status_type\`); a busy status in between starts the count again. Two is the fewest reads that can tell a flap from a rest: a flap is a change and a change back, so it cannot show the same resting state on two reads in a row unless it lasts longer than the ${SETTLE} between them (\`SETTLE_CONFIRM_INTERVAL_MS\` in \`src/core/poll-schedule.ts\`). A third read would cost one more request per run, against a limit of ${KONDADO_REQUESTS_PER_MINUTE} a minute shared by every job on the key, for a flap that would have to stay put for ${shortTime(2 * SETTLE_CONFIRM_INTERVAL_MS)} instead of ${SETTLE_CONFIRM_INTERVAL_MS / 1000}. After a trigger nothing counts until the run has been seen queued, running or building tables: the old \`active\` Kondado may still show is never a verdict, and a run never seen within \`start-timeout\` fails as not started. Cases 1.1 to 2.3 and properties P1 and P2 check this.`,
  '',
  '## Cases',
  '',
  ...caseTables(cases),
  '## Properties',
  '',
  ...propertyTable(properties),
  '',
  'P1 checks, on every run: a `healthy` verdict only on a healthy last stable state (for a wait, the last two readable answers equal, `active` with no error, and after a trigger a busy state seen); the step ends by its deadline (the issue allows one request timeout more; every request is also cut at the deadline); no POST sent again after one that may have been applied; no secret in the rendered log, summary or outputs (before the final redaction in `src/main.ts`, so the core does not rely on it). P3 cancels at a random moment and checks the step stops at that moment and sends nothing after it.',
  '',
]

if (missing.length > 0) doc.push(`> **Missing records** from ${missing.join(', ')}: run the whole suite.`, '')
writeFileSync(OUT, doc.join('\n'))
const failed = records.filter((r) => !r.pass)
console.log(
  `RELIABILITY.md: ${cases.length} cases, ${properties.length} properties, ${failed.length} failed${missing.length ? `, missing ${missing.join(', ')}` : ''}`,
)
if (failed.length > 0 || missing.length > 0) process.exit(1)
