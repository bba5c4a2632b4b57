import { seededRandom } from '../harness/virtual-clock.ts'
import { emptyHistory, type RunHistory } from '../src/core/run-history.ts'
import { actionTrial } from './action.ts'
import { trialSeed, trialsFor } from './cells.ts'
import { summarize, type Figures, type TrialResult } from './metrics.ts'
import { MAX_HEAD_START_MS, planRuns } from './world.ts'

// The action with a memory of each pipeline's earlier runs, as the Actions cache would hand it
// on: before the measured run, the action itself waits for HISTORY_RUNS earlier runs of the same
// pipelines, and each of those steps starts from the memory the one before it left.

/** How the earlier runs compare with the measured one: their share of its nominal length, and their spread either way. */
export const HISTORIES = {
  similar: { label: 'history +-10 %', lengthShare: 1, spread: 0.1 },
  loose: { label: 'history +-30 %', lengthShare: 1, spread: 0.3 },
  doubled: { label: 'run 2x its history', lengthShare: 0.5, spread: 0.1 },
} as const
export type HistoryKind = keyof typeof HISTORIES
export const HISTORY_KINDS = Object.keys(HISTORIES) as HistoryKind[]
/** The fewest earlier runs the goals speak of. */
export const HISTORY_RUNS = 3
export const HISTORY_PIPELINE_COUNTS = [1] as const

/** The action's figures in one cell with a history; the measured runs are the no-history cell's own, trial by trial. */
export interface HistoryCell {
  readonly runLengthMs: number
  readonly pipelines: number
  readonly history: HistoryKind
  readonly figures: Figures
}

const kindSalt = (kind: HistoryKind): number => HISTORY_KINDS.indexOf(kind) + 1

export async function historyTrial(kind: HistoryKind, runLengthMs: number, pipelines: number, trial: number): Promise<TrialResult> {
  const { lengthShare, spread } = HISTORIES[kind]
  const seed = trialSeed(runLengthMs, pipelines, trial)
  const measured = planRuns(pipelines, runLengthMs, seededRandom(seed))
  let history: RunHistory = emptyHistory
  for (let earlier = 0; earlier < HISTORY_RUNS; earlier++) {
    const earlierSeed = (seed ^ Math.imul(kindSalt(kind) * 16 + earlier + 1, 0x9e3779b1)) >>> 0
    const random = seededRandom(earlierSeed)
    const plans = measured.map((plan) => ({
      id: plan.id,
      lengthMs: Math.round(plan.lengthMs * lengthShare * (1 + spread * (2 * random() - 1))),
      startedBeforeMs: Math.round(MAX_HEAD_START_MS * random()),
    }))
    history = (await actionTrial(plans, earlierSeed, undefined, history)).history ?? history
  }
  return actionTrial(measured, seed, undefined, history)
}

export async function runHistoryCell(
  kind: HistoryKind,
  runLengthMs: number,
  pipelines: number,
  trials = trialsFor(pipelines),
): Promise<HistoryCell> {
  const results: TrialResult[] = []
  for (let trial = 0; trial < trials; trial++) results.push(await historyTrial(kind, runLengthMs, pipelines, trial))
  return { runLengthMs, pipelines, history: kind, figures: summarize(results) }
}
