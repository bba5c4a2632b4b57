import { pollInterval, SETTLE_CONFIRM_INTERVAL_MS } from '../src/core/poll-schedule.ts'
import type { IntervalBounds } from '../src/core/vocabulary.ts'
import { STRATEGY_LABELS, type Cell, type Strategy } from './cells.ts'
import { HISTORIES, HISTORY_RUNS, type HistoryCell, type HistoryKind } from './history.ts'
import type { Figures } from './metrics.ts'

export type Op = '<=' | '<' | '>='

/** One comparison behind a goal: `value op limit` must hold. */
export interface Check {
  readonly case: string
  readonly what: string
  readonly value: number
  readonly op: Op
  readonly limit: number
  readonly pass: boolean
}

export interface Goal {
  readonly id: string
  readonly text: string
  readonly checks: readonly Check[]
  readonly pass: boolean
}

export interface Budget {
  readonly requestsPerMinute: number
  readonly poll: IntervalBounds
}

const MINUTE_MS = 60_000

export function caseName(runLengthMs: number, pipelines: number): string {
  return `${formatLength(runLengthMs)} x ${pipelines}`
}

export function formatLength(ms: number): string {
  if (ms < MINUTE_MS) return `${ms / 1000} s`
  if (ms < 3_600_000) return `${ms / MINUTE_MS} min`
  return `${ms / 3_600_000} h`
}

/**
 * Whether the budget, not the schedule, limits a cell: the reads the poll schedule asks for at
 * the run's end (its interval without jitter) exceed the requests allowed per minute.
 */
export function budgetLimited(runLengthMs: number, pipelines: number, budget: Budget): boolean {
  const interval = pollInterval(runLengthMs, budget.poll, () => 0.5)
  return (pipelines * MINUTE_MS) / interval > budget.requestsPerMinute
}

export function check(c: Omit<Check, 'pass'>): Check {
  const pass = c.op === '<=' ? c.value <= c.limit : c.op === '<' ? c.value < c.limit : c.value >= c.limit
  return { ...c, pass }
}

/** The cell where `key` is worst, so one line stands for every cell. */
function worst(cells: readonly Cell[], key: (cell: Cell) => number, higherIsWorse: boolean): Cell {
  return cells.reduce((a, b) => ((higherIsWorse ? key(b) > key(a) : key(b) < key(a)) ? b : a))
}

export function goal(id: string, text: string, checks: Check[]): Goal {
  if (checks.length === 0) throw new Error(`goal ${id} has nothing to check`)
  return { id, text, checks, pass: checks.every((c) => c.pass) }
}

const figuresOf = (cell: Cell, strategy: Strategy) => cell.figures[strategy]

/** The delay the one-pipeline goal allows without history: 5 % of the run plus 3 s. */
export const allowedDelayS = (f: Figures): number => 0.05 * f.meanLengthS + 3

const FIXED_PEERS: readonly Strategy[] = ['fixed-5s', 'fixed-30s', 'fixed-60s']
/** With a history, the delay allowed: 5 s, plus the confirming read the two-read rule takes. */
export const HISTORY_DELAY_S = 5 + SETTLE_CONFIRM_INTERVAL_MS / 1000

export function evaluateGoals(cells: readonly Cell[], budget: Budget, historyCells: readonly HistoryCell[] = []): Goal[] {
  const single = cells.filter((c) => c.pipelines === 1)
  const at = (lengthMs: number) => single.filter((c) => c.runLengthMs >= lengthMs)
  return [
    goal(
      'budget',
      `Zero refused requests and never more than the budget (${budget.requestsPerMinute}) in any 60 s window, for up to 20 pipelines in one step; smallest gap never under 1 s.`,
      (() => {
        const action = (cell: Cell) => figuresOf(cell, 'action')
        const refused = worst(cells, (c) => action(c).refusedTotal, true)
        const busiest = worst(cells, (c) => action(c).maxPerWindow, true)
        const tightest = worst(cells, (c) => action(c).minGapS ?? Number.POSITIVE_INFINITY, false)
        return [
          check({
            case: `all ${cells.length} cells; worst ${caseName(refused.runLengthMs, refused.pipelines)}`,
            what: 'refused requests',
            value: action(refused).refusedTotal,
            op: '<=',
            limit: 0,
          }),
          check({
            case: `all ${cells.length} cells; worst ${caseName(busiest.runLengthMs, busiest.pipelines)}`,
            what: 'most requests in 60 s',
            value: action(busiest).maxPerWindow,
            op: '<=',
            limit: budget.requestsPerMinute,
          }),
          check({
            case: `all ${cells.length} cells; worst ${caseName(tightest.runLengthMs, tightest.pipelines)}`,
            what: 'smallest gap, s',
            value: action(tightest).minGapS ?? Number.POSITIVE_INFINITY,
            op: '>=',
            limit: 1,
          }),
        ]
      })(),
    ),
    goal(
      'short-delay',
      'With one pipeline, mean detection delay at most 5 % of the run length plus 3 s, for every run length.',
      single.map((cell) => {
        const f = figuresOf(cell, 'action')
        return check({
          case: caseName(cell.runLengthMs, 1),
          what: 'mean delay, s',
          value: f.delayMeanS,
          op: '<=',
          limit: allowedDelayS(f),
        })
      }),
    ),
    goal(
      'few-reads',
      'With one pipeline, for runs of 30 minutes and longer, at most one fifth of the status reads of fixed 5 s polling; for 2 h runs, fewer reads than fixed 30 s polling.',
      [
        ...at(30 * MINUTE_MS).map((cell) =>
          check({
            case: caseName(cell.runLengthMs, 1),
            what: 'reads per run vs fixed 5 s / 5',
            value: figuresOf(cell, 'action').readsPerRun,
            op: '<=',
            limit: figuresOf(cell, 'fixed-5s').readsPerRun / 5,
          }),
        ),
        ...at(2 * 60 * MINUTE_MS).map((cell) =>
          check({
            case: caseName(cell.runLengthMs, 1),
            what: 'reads per run vs fixed 30 s',
            value: figuresOf(cell, 'action').readsPerRun,
            op: '<',
            limit: figuresOf(cell, 'fixed-30s').readsPerRun,
          }),
        ),
      ],
    ),
    goal(
      'near-ideal',
      // The ideal is a scheduler, so it is held to the same verdict rule as the action (a run is over
      // when two reads in a row show the same resting state). The plain one-read ideal is shown
      // beside it in BENCHMARKS.md: no waiter that guards against a flapping status can approach it
      // when 20 runs end together, since 40 reads are then needed at the budget's 3 s each.
      `With 20 pipelines, where the budget rather than the schedule is the limit, mean delay within 1.5x of an ideal scheduler that spends the whole budget round-robin (the ${STRATEGY_LABELS['ideal-confirm']} row: the same two-read rule for a verdict).`,
      cells
        .filter((cell) => cell.pipelines === 20 && budgetLimited(cell.runLengthMs, cell.pipelines, budget))
        .map((cell) =>
          check({
            case: caseName(cell.runLengthMs, 20),
            what: 'mean delay, s, vs 1.5 x ideal',
            value: figuresOf(cell, 'action').delayMeanS,
            op: '<=',
            limit: 1.5 * figuresOf(cell, 'ideal-confirm').delayMeanS,
          }),
        ),
    ),
    ...historyGoals(single, historyCells),
  ]
}

/** The no-history cell of the same runs: its fixed peers polled the very runs the history cell measured. */
function peersOf(single: readonly Cell[], cell: HistoryCell): Cell {
  const found = single.find((c) => c.runLengthMs === cell.runLengthMs)
  if (!found) throw new Error(`bench: no cell without history for ${formatLength(cell.runLengthMs)}`)
  return found
}

function historyGoals(single: readonly Cell[], historyCells: readonly HistoryCell[]): Goal[] {
  if (historyCells.length === 0) return []
  const of = (kind: HistoryKind) => historyCells.filter((c) => c.history === kind && c.pipelines === 1)
  const label = (cell: HistoryCell) => `${caseName(cell.runLengthMs, 1)}, ${HISTORIES[cell.history].label}`
  return [
    goal(
      'history-peers',
      `With a history of ${HISTORY_RUNS} runs of similar length (+-10 %), one pipeline: at every run length, fewer reads than every fixed peer that notices the end sooner, and a lower mean delay than every fixed peer that reads less: no fixed peer is better on both.`,
      of('similar').flatMap((cell) =>
        FIXED_PEERS.map((peer) => {
          const them = figuresOf(peersOf(single, cell), peer)
          const sooner = them.delayMeanS < cell.figures.delayMeanS
          return check({
            case: label(cell),
            what: sooner ? `reads per run vs ${STRATEGY_LABELS[peer]} (sooner)` : `mean delay, s, vs ${STRATEGY_LABELS[peer]}`,
            value: sooner ? cell.figures.readsPerRun : cell.figures.delayMeanS,
            op: '<=',
            limit: sooner ? them.readsPerRun : them.delayMeanS,
          })
        }),
      ),
    ),
    goal(
      'history-delay',
      `With such a history, mean delay at most 5 s plus the confirming read (${HISTORY_DELAY_S} s) at every run length, and for 2 h runs at most as many reads as fixed 60 s polling.`,
      [
        ...of('similar').map((cell) =>
          check({ case: label(cell), what: 'mean delay, s', value: cell.figures.delayMeanS, op: '<=', limit: HISTORY_DELAY_S }),
        ),
        ...of('similar')
          .filter((cell) => cell.runLengthMs >= 2 * 60 * MINUTE_MS)
          .map((cell) =>
            check({
              case: label(cell),
              what: 'reads per run vs fixed 60 s',
              value: cell.figures.readsPerRun,
              op: '<=',
              limit: figuresOf(peersOf(single, cell), 'fixed-60s').readsPerRun,
            }),
          ),
      ],
    ),
    goal(
      'history-longer',
      'A run twice as long as its history: detected within the no-history delay bound (5 % of the run length plus 3 s), and never missed.',
      of('doubled').flatMap((cell) => [
        check({ case: label(cell), what: 'mean delay, s', value: cell.figures.delayMeanS, op: '<=', limit: allowedDelayS(cell.figures) }),
        check({ case: label(cell), what: 'missed runs', value: cell.figures.undetected, op: '<=', limit: 0 }),
      ]),
    ),
  ]
}
