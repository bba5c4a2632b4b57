import { table } from '../src/report/markdown.ts'
import { STRATEGIES, STRATEGY_LABELS, type Cell, type Strategy } from './cells.ts'
import { allowedDelayS, budgetLimited, caseName, formatLength, type Budget, type Goal } from './goals.ts'
import { HISTORIES, HISTORY_KINDS, type HistoryCell } from './history.ts'
import { triggerBudgetMarkdown, type BudgetRow } from './trigger-budget.ts'
import type { Figures } from './metrics.ts'

/** What the bench was run with, for the reader and for the JSON. */
export interface Method {
  readonly budget: Budget
  readonly trials: Readonly<Record<number, number>>
  readonly lengthSpread: number
  readonly maxHeadStartMs: number
  readonly oneWayMs: readonly [number, number]
  readonly idealGapMs: number
  /** Earlier runs the action waited for before each measured run of a history cell. */
  readonly historyRuns: number
}

export interface Results {
  readonly method: Method
  readonly cells: readonly Cell[]
  readonly historyCells: readonly HistoryCell[]
  readonly triggerBudget: readonly BudgetRow[]
  readonly goals: readonly Goal[]
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits))

function roundedFigures(f: Figures): Record<string, number | null> {
  return {
    trials: f.trials,
    pipelineRuns: f.pipelineRuns,
    meanRunLengthS: round(f.meanLengthS, 1),
    readsPerRun: round(f.readsPerRun, 2),
    delayMeanS: round(f.delayMeanS, 2),
    delayP95S: round(f.delayP95S, 2),
    delayShareMean: round(f.delayShareMean, 4),
    delayShareP95: round(f.delayShareP95, 4),
    maxRequestsIn60s: f.maxPerWindow,
    minGapS: f.minGapS === null ? null : round(f.minGapS, 3),
    refusedPerStep: round(f.refusedPerStep, 2),
    refusedTotal: f.refusedTotal,
    undetected: f.undetected,
  }
}

/** The same figures as the Markdown, rounded alike, so the two files can be compared by eye. */
export function toJson(results: Results): string {
  const { method } = results
  const doc = {
    method: {
      command: 'wait',
      pollIntervalS: method.budget.poll.minIntervalMs / 1000,
      maxPollIntervalS: method.budget.poll.maxIntervalMs / 1000,
      requestsPerMinute: method.budget.requestsPerMinute,
      trialsByPipelines: method.trials,
      runLengthSpread: method.lengthSpread,
      maxHeadStartS: method.maxHeadStartMs / 1000,
      oneWayLatencyMs: method.oneWayMs,
      idealGapS: method.idealGapMs / 1000,
      historyRuns: method.historyRuns,
    },
    cells: results.cells.map((cell) => ({
      runLengthS: cell.runLengthMs / 1000,
      pipelines: cell.pipelines,
      budgetLimited: budgetLimited(cell.runLengthMs, cell.pipelines, method.budget),
      strategies: Object.fromEntries(STRATEGIES.map((s) => [s, roundedFigures(cell.figures[s])])),
    })),
    historyCells: results.historyCells.map((cell) => ({
      runLengthS: cell.runLengthMs / 1000,
      pipelines: cell.pipelines,
      history: cell.history,
      action: roundedFigures(cell.figures),
    })),
    triggerBudget: results.triggerBudget.map((row) => ({
      ...row,
      lastTriggerS: round(row.lastTriggerS, 2),
      delayMeanS: round(row.delayMeanS, 2),
    })),
    goals: results.goals.map((g) => ({
      id: g.id,
      text: g.text,
      pass: g.pass,
      checks: g.checks.map((c) => ({ ...c, value: round(c.value, 3), limit: round(c.limit, 3) })),
    })),
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}

const HEADERS = [
  'run',
  'pipelines',
  'strategy',
  'reads/run',
  'delay mean s',
  'delay p95 s',
  'mean % of run',
  'p95 % of run',
  'max in 60 s',
  'min gap s',
  'refused/step',
  'missed',
]

function row(cell: Cell, strategy: Strategy): string[] {
  return figuresRow(cell.runLengthMs, cell.pipelines, STRATEGY_LABELS[strategy], cell.figures[strategy])
}

function figuresRow(runLengthMs: number, pipelines: number, label: string, f: Figures): string[] {
  return [
    formatLength(runLengthMs),
    String(pipelines),
    label,
    f.readsPerRun.toFixed(1),
    f.delayMeanS.toFixed(1),
    f.delayP95S.toFixed(1),
    (100 * f.delayShareMean).toFixed(1),
    (100 * f.delayShareP95).toFixed(1),
    String(f.maxPerWindow),
    f.minGapS === null ? '-' : f.minGapS.toFixed(2),
    f.refusedPerStep.toFixed(1),
    String(f.undetected),
  ]
}

const rows = (cells: readonly Cell[]): string[][] => cells.flatMap((cell) => STRATEGIES.map((s) => row(cell, s)))
const historyLabel = (cell: HistoryCell): string => `${STRATEGY_LABELS.action}, ${HISTORIES[cell.history].label}`
const historyRows = (cells: readonly HistoryCell[]): string[][] =>
  cells.map((cell) => figuresRow(cell.runLengthMs, cell.pipelines, historyLabel(cell), cell.figures))
const readsAndDelay = (f: Figures): string => `${f.readsPerRun.toFixed(1)} reads, ${f.delayMeanS.toFixed(1)} s`

/** Aligned columns for a terminal. */
export function toText(results: Results): string {
  const all = [HEADERS, ...rows(results.cells), ...historyRows(results.historyCells)]
  const widths = HEADERS.map((_, i) => Math.max(...all.map((r) => (r[i] as string).length)))
  const line = (r: string[]): string =>
    r.map((v, i) => (i < 3 ? v.padEnd(widths[i] as number) : v.padStart(widths[i] as number))).join('  ')
  const goals = results.goals.map((g) => `${g.pass ? 'PASS' : 'FAIL'}  ${g.text}`)
  return [...all.map(line), '', ...goals, ''].join('\n')
}

const POLLERS: readonly Strategy[] = ['action', 'fixed-5s', 'fixed-30s', 'fixed-60s']

function formatCheck(value: number, what: string): string {
  return what.startsWith('refused') || what.startsWith('most') || what.startsWith('missed') ? String(value) : value.toFixed(2)
}

function goalSection(goal: Goal): string[] {
  const lines = [
    `### ${goal.pass ? 'PASS' : 'FAIL'}: ${goal.text}`,
    '',
    table(
      ['case', 'figure', 'this action', 'needed', 'result'],
      goal.checks.map((c) => [
        c.case,
        c.what,
        formatCheck(c.value, c.what),
        `${c.op} ${formatCheck(c.limit, c.what)}`,
        c.pass ? 'pass' : '**FAIL**',
      ]),
      ['---', '---', '---:', '---:', '---'],
    ),
  ]
  return [...lines, '']
}

export function toMarkdown(results: Results): string {
  const { method, cells, goals, historyCells } = results
  const { budget } = method
  const limited = cells.filter((c) => budgetLimited(c.runLengthMs, c.pipelines, budget)).map((c) => caseName(c.runLengthMs, c.pipelines))
  const single = cells.filter((c) => c.pipelines === 1)
  return [
    '# Benchmarks: waiting for Kondado runs',
    '',
    'Generated by `npm run bench` (bench/run.ts); `npm run bench:check` regenerates it and fails if this file or BENCHMARKS.json differ, or if a goal below fails. Do not edit by hand.',
    '',
    '## Method',
    '',
    `- **This action** is the real code: \`executeStep\` (src/core/step.ts) with command \`wait\`, a real \`KondadoClient\` and \`RequestScheduler\`, settings parsed by the action's own input parser from the defaults in action.yml (poll-interval ${budget.poll.minIntervalMs / 1000} s, max-poll-interval ${budget.poll.maxIntervalMs / 1000} s, requests-per-minute ${budget.requestsPerMinute}). Its transport hands each request to the simulator's \`KondadoModel\`; the model and the action share one virtual clock, so hours of waiting take milliseconds and nothing sleeps.`,
    '- The runs are already under way when the wait begins (`wait`, not `run`): that isolates the waiting strategy from triggering, which every strategy would do the same way. Each run had started 0 to ' +
      `${method.maxHeadStartMs / 1000} s before the wait (as just after a trigger); its length is the nominal length +-${100 * method.lengthSpread} % (uniform), differing between pipelines and trials, so where a run ends against the poll ticks differs too. The runs are started by real POST /run requests well before the wait, so every strategy starts with the whole rate-limit budget.`,
    `- Every request travels ${method.oneWayMs[0]} to ${method.oneWayMs[1]} ms each way (uniform per trip), so Kondado sees the jitter a real network adds. Times below are as Kondado saw them (arrival at the model).`,
    `- **Fixed N s** is what the peers do: read every unfinished pipeline in turn (each read leaves when the last answer is back), then sleep N s; the first answer at rest ends the wait for that pipeline. It sends as fast as it likes: what Kondado refuses (the model's limiter, 1 a second and 20 a minute, answers RATE_LIMIT_EXCEEDED) tells it nothing.`,
    `- **Ideal round-robin** spends exactly the budget: one read every ${method.idealGapMs / 1000} s (20 a minute, over the 1 s rule), round robin over the unfinished pipelines, detection on the first answer at rest (no confirming read), with a constant 100 ms each way. It is the yardstick where the budget is the limit, not a strategy to ship: it spends the whole key's budget on one step whatever the run's length.`,
    "- **Ideal, confirming** is the same round robin with this action's rule that a run is over only when a second read shows the same resting state; that read takes the very next slot. The gap between the two ideals is the cost of the rule; the gap between this action and the confirming ideal is the cost of its schedule.",
    '- **Detection delay** is the time the step judged a pipeline (for this action: its `settled` event, after the confirming read) minus the time the model ended the run. Reads per run count every status read sent, refused ones included, divided by the pipelines. Max in 60 s is the most requests in any sliding 60 s window and min gap the smallest gap between two requests, over all trials of the cell; refused/step is the mean over trials. **Missed** counts runs not detected before the timeout (2 x the longest run + 10 min); their delay is counted up to the timeout, a lower bound.',
    `- Trials per cell: ${Object.entries(method.trials)
      .map(([p, t]) => `${t} for ${p} pipeline${p === '1' ? '' : 's'}`)
      .join(', ')}; fixed seeds, so this file is the same on every machine. Each trial gives every strategy the same runs.`,
    `- **With a history**, the action keeps a memory of each pipeline's run lengths (src/core/run-history.ts), as it does through the Actions cache between workflow runs. Before each measured run it waits, in the same way and on its own virtual clock, for ${method.historyRuns} earlier runs of the same pipeline, each step starting from the memory the one before left: ${HISTORY_KINDS.map((k) => `**${HISTORIES[k].label}** (each earlier run ${HISTORIES[k].lengthShare === 1 ? 'as long as' : `${HISTORIES[k].lengthShare}x`} the measured one, +-${100 * HISTORIES[k].spread} % uniform)`).join(', ')}. The measured runs are those of the no-history cell, trial by trial, so the fixed peers' figures there apply to them.`,
    `- The budget, rather than the schedule, is the limit where the poll schedule's wish at the run's end (pipelines x 60 s / its interval) exceeds ${budget.requestsPerMinute} reads a minute: ${limited.join(', ')}.`,
    '',
    '## Goals',
    '',
    ...goals.flatMap(goalSection),
    'For reference, the polling strategies against the one-pipeline delay goal (mean delay, s / allowed):',
    '',
    table(
      ['run', ...POLLERS.map((s) => STRATEGY_LABELS[s])],
      single.map((cell) => [
        formatLength(cell.runLengthMs),
        ...POLLERS.map((s) => {
          const f = cell.figures[s]
          const allowed = allowedDelayS(f)
          return `${f.delayMeanS.toFixed(1)} / ${allowed.toFixed(1)}${f.delayMeanS <= allowed ? '' : ' (miss)'}`
        }),
      ]),
      ['---', ...POLLERS.map(() => '---:')],
    ),
    '',
    "Where the budget is the limit, this action against both yardsticks (mean delay, s, and the ratio): the plain ideal that judges on a single read, and the ideal the goal above uses, the same round robin keeping this action's rule that a run is over only when a second read shows the same resting state. Against the plain ideal this action is about 2.2x to 2.5x; the confirming ideal itself is 2x, because once 20 runs end together 40 reads are needed at the budget's 3 s each.",
    '',
    table(
      ['case', STRATEGY_LABELS.action, STRATEGY_LABELS.ideal, 'ratio', STRATEGY_LABELS['ideal-confirm'], 'ratio'],
      cells
        .filter((c) => budgetLimited(c.runLengthMs, c.pipelines, budget))
        .map((c) => {
          const [action, ideal, confirming] = [c.figures.action, c.figures.ideal, c.figures['ideal-confirm']].map((f) => f.delayMeanS) as [
            number,
            number,
            number,
          ]
          return [
            caseName(c.runLengthMs, c.pipelines),
            action.toFixed(1),
            ideal.toFixed(1),
            `${(action / ideal).toFixed(2)}x`,
            confirming.toFixed(1),
            `${(action / confirming).toFixed(2)}x`,
          ]
        }),
      ['---', '---:', '---:', '---:', '---:', '---:'],
    ),
    '',
    '## With a history of earlier runs',
    '',
    `With one pipeline, status reads per run and mean time to notice the end: this action without a memory, with a memory of ${method.historyRuns} earlier runs of each kind, and the fixed peers (which keep no memory) on the very same runs.`,
    '',
    table(
      ['run', 'no history', ...HISTORY_KINDS.map((k) => HISTORIES[k].label), ...POLLERS.slice(1).map((s) => STRATEGY_LABELS[s])],
      single.map((cell) => [
        formatLength(cell.runLengthMs),
        readsAndDelay(cell.figures.action),
        ...HISTORY_KINDS.map((kind) => {
          const found = historyCells.find((h) => h.runLengthMs === cell.runLengthMs && h.pipelines === 1 && h.history === kind)
          return found ? readsAndDelay(found.figures) : '-'
        }),
        ...POLLERS.slice(1).map((s) => readsAndDelay(cell.figures[s])),
      ]),
      ['---', ...Array.from({ length: 1 + HISTORY_KINDS.length + POLLERS.length - 1 }, () => '---:')],
    ),
    '',
    ...triggerBudgetMarkdown(results.triggerBudget),
    '## Figures',
    '',
    table(
      HEADERS,
      [...rows(cells), ...historyRows(historyCells)],
      HEADERS.map((_, i) => (i < 3 ? '---' : '---:')),
    ),
    '',
    'A real-time check (`node bench/realtime.ts`, run by `__tests__/bench/realtime.test.ts`) drives the same code with the real clock and the real HTTP transport against the simulator over loopback for one short case and compares its figures with the virtual ones; its output is not kept here because real time is not reproducible to the millisecond.',
    '',
  ].join('\n')
}
