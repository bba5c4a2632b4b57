import { seededRandom } from '../harness/virtual-clock.ts'
import { actionTrial } from './action.ts'
import { fixedTrial, idealTrial } from './baselines.ts'
import { summarize, type Figures, type TrialResult } from './metrics.ts'
import { planRuns } from './world.ts'

export const RUN_LENGTHS_MS = [30_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const
export const PIPELINE_COUNTS = [1, 5, 20] as const

/** Trials per cell: enough pipeline runs for a p95 in every cell, few enough to stay fast. */
export function trialsFor(pipelines: number): number {
  return pipelines === 1 ? 100 : pipelines === 5 ? 40 : 20
}

export const STRATEGIES = ['action', 'fixed-5s', 'fixed-30s', 'fixed-60s', 'ideal', 'ideal-confirm'] as const
export type Strategy = (typeof STRATEGIES)[number]

export const STRATEGY_LABELS: Record<Strategy, string> = {
  action: 'this action',
  'fixed-5s': 'fixed 5 s',
  'fixed-30s': 'fixed 30 s',
  'fixed-60s': 'fixed 60 s',
  ideal: 'ideal round-robin',
  'ideal-confirm': 'ideal, confirming',
}

export interface Cell {
  readonly runLengthMs: number
  readonly pipelines: number
  readonly figures: Record<Strategy, Figures>
}

/** Each trial's runs and jitter come from its own seed, the same for every strategy, so they are compared on the same runs. */
export function trialSeed(runLengthMs: number, pipelines: number, trial: number): number {
  return (Math.imul(runLengthMs / 1000, 2654435761) ^ Math.imul(pipelines, 40503) ^ Math.imul(trial + 1, 2246822519)) >>> 0
}

export async function runCell(runLengthMs: number, pipelines: number, trials = trialsFor(pipelines)): Promise<Cell> {
  const results: Record<Strategy, TrialResult[]> = {
    action: [],
    'fixed-5s': [],
    'fixed-30s': [],
    'fixed-60s': [],
    ideal: [],
    'ideal-confirm': [],
  }
  for (let trial = 0; trial < trials; trial++) {
    const seed = trialSeed(runLengthMs, pipelines, trial)
    const plans = planRuns(pipelines, runLengthMs, seededRandom(seed))
    results.action.push(await actionTrial(plans, seed))
    results['fixed-5s'].push(fixedTrial(5_000, plans, seed))
    results['fixed-30s'].push(fixedTrial(30_000, plans, seed))
    results['fixed-60s'].push(fixedTrial(60_000, plans, seed))
    results.ideal.push(idealTrial(plans))
    results['ideal-confirm'].push(idealTrial(plans, true))
  }
  const figures = Object.fromEntries(STRATEGIES.map((s) => [s, summarize(results[s])])) as Record<Strategy, Figures>
  return { runLengthMs, pipelines, figures }
}
