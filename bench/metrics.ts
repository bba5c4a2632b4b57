import type { RequestLogEntry } from '../simulator/index.ts'

/** One pipeline in one trial: when its run really ended and when the strategy judged it. */
export interface Detection {
  readonly id: number
  readonly lengthMs: number
  readonly endAt: number
  /** Undefined when the strategy gave up (its deadline came first). */
  readonly detectedAt?: number
}

export interface TrialResult {
  /** Every request the model saw from the moment the wait began, as it logged them. */
  readonly requests: readonly RequestLogEntry[]
  readonly detections: readonly Detection[]
  /** Where an undetected run's delay is counted to: a lower bound, flagged as `undetected`. */
  readonly deadline: number
}

/** Kondado's minute window, over the times requests reached it. */
export const WINDOW_MS = 60_000

export interface Figures {
  readonly trials: number
  readonly pipelineRuns: number
  readonly meanLengthS: number
  readonly readsPerRun: number
  readonly delayMeanS: number
  readonly delayP95S: number
  /** Delay as a share of that run's length. */
  readonly delayShareMean: number
  readonly delayShareP95: number
  /** The most requests in any 60 s window, over all trials. */
  readonly maxPerWindow: number
  /** The smallest gap between two requests, over all trials; null with fewer than two requests. */
  readonly minGapS: number | null
  readonly refusedPerStep: number
  readonly refusedTotal: number
  readonly undetected: number
}

/** The most times falling in any window [t, t + windowMs), t being one of the times. */
export function maxInWindow(times: readonly number[], windowMs = WINDOW_MS): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  let end = 0
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] as number) - (sorted[start] as number) < windowMs) end++
    best = Math.max(best, end - start)
  }
  return best
}

export function smallestGap(times: readonly number[]): number | undefined {
  const sorted = [...times].sort((a, b) => a - b)
  let best: number | undefined
  for (let i = 1; i < sorted.length; i++) {
    const gap = (sorted[i] as number) - (sorted[i - 1] as number)
    if (best === undefined || gap < best) best = gap
  }
  return best
}

/** Nearest-rank percentile: a value that occurred, not an interpolation. */
export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) throw new Error('percentile of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil(share * sorted.length))
  return sorted[rank - 1] as number
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of nothing')
  return values.reduce((sum, v) => sum + v, 0) / values.length
}

export function delayOf(detection: Detection, deadline: number): number {
  return (detection.detectedAt ?? deadline) - detection.endAt
}

export function summarize(trials: readonly TrialResult[]): Figures {
  if (trials.length === 0) throw new Error('no trials')
  const delays: number[] = []
  const shares: number[] = []
  const lengths: number[] = []
  let undetected = 0
  for (const trial of trials) {
    for (const d of trial.detections) {
      const delay = delayOf(d, trial.deadline)
      delays.push(delay)
      shares.push(delay / d.lengthMs)
      lengths.push(d.lengthMs)
      if (d.detectedAt === undefined) undetected++
    }
  }
  const perTrial = trials.map((trial) => {
    const times = trial.requests.map((r) => r.at)
    return {
      reads: trial.requests.filter((r) => r.kind === 'pipeline-status').length / trial.detections.length,
      refused: trial.requests.filter((r) => r.outcome === 'rate_limited').length,
      maxPerWindow: maxInWindow(times),
      minGap: smallestGap(times),
    }
  })
  const gaps = perTrial.flatMap((t) => (t.minGap === undefined ? [] : [t.minGap]))
  const refusedTotal = perTrial.reduce((sum, t) => sum + t.refused, 0)
  return {
    trials: trials.length,
    pipelineRuns: delays.length,
    meanLengthS: mean(lengths) / 1000,
    readsPerRun: mean(perTrial.map((t) => t.reads)),
    delayMeanS: mean(delays) / 1000,
    delayP95S: percentile(delays, 0.95) / 1000,
    delayShareMean: mean(shares),
    delayShareP95: percentile(shares, 0.95),
    maxPerWindow: Math.max(...perTrial.map((t) => t.maxPerWindow)),
    minGapS: gaps.length === 0 ? null : Math.min(...gaps) / 1000,
    refusedPerStep: refusedTotal / trials.length,
    refusedTotal,
    undetected,
  }
}
