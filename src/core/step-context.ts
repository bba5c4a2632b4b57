// What every part of a step shares while it works (its settings, the client, time, the events
// it tells, whether the key was refused), and how a resource's verdict is reported. Built once
// per step by executeStep (step.ts).

import type { KondadoClient } from './kondado-client.ts'
import type { ExpectedEnd } from './poll-schedule.ts'
import { asProblem, type Problem } from './problem.ts'
import type { PromotionRecords } from './promotion.ts'
import { measuredRun } from './run-history.ts'
import type { Clock, Random } from './time.ts'
import {
  startWindowMs,
  type ReadPace,
  type ResourceKind,
  type ResourceRef,
  type ResourceReport,
  type StepEvent,
  type StepSettings,
  type Verdict,
} from './vocabulary.ts'
import type { Tracked } from './waiter.ts'

export interface StepContext {
  readonly settings: StepSettings
  /** How each kind of resource is read: the settings' timings with the read share of the request budget. */
  readonly pace: (kind: ResourceKind) => ReadPace
  readonly client: KondadoClient
  readonly clock: Clock
  readonly random: Random
  readonly signal?: AbortSignal
  /** The step's deadline on `clock`: the same one the request scheduler keeps. */
  readonly deadline: number
  readonly startedAt: number
  readonly emit: (event: StepEvent) => void
  readonly refusal: KeyRefusal
  /** When the resource's run is expected to end, from the runs seen before or `expected-duration`. */
  readonly expected: (resource: ResourceRef) => ExpectedEnd | undefined
  /** Where `duplicate` with `environment` records its promotions. */
  readonly records?: PromotionRecords
}

/** How each kind of resource is read in a step: the user's bounds and its start window, with the budget's read share. */
export function readPaces(settings: StepSettings, readShareMs: number): Readonly<Record<ResourceKind, ReadPace>> {
  const { minIntervalMs, maxIntervalMs } = settings.polling
  const pace = (kind: ResourceKind): ReadPace => ({
    minIntervalMs,
    maxIntervalMs,
    readShareMs,
    startTimeoutMs: startWindowMs(kind, settings),
  })
  return { pipeline: pace('pipeline'), model: pace('model') }
}

/** A refused key or token fails every read the same way: once seen, nothing more is read. */
export class KeyRefusal {
  #problem: Problem | undefined

  get problem(): Problem | undefined {
    return this.#problem
  }

  note(problem: Problem): void {
    if (problem.code === 'credentials-refused' && problem.details.keyRefused) this.#problem = problem
  }
}

export const reportOf = (
  step: StepContext,
  resource: ResourceRef,
  verdict: Verdict,
  extra: Partial<ResourceReport> = {},
): ResourceReport => ({
  resource,
  verdict,
  elapsedMs: step.clock.now() - step.startedAt,
  ...extra,
})

/** A tracked resource's verdict, with its last state read, how its run came about and how long it was seen to take. */
export function closingReport(step: StepContext, tracked: Tracked, verdict: Verdict, problem?: Problem): ResourceReport {
  const runLength = measuredRun(tracked.state)
  return reportOf(step, tracked.resource, verdict, {
    ...(problem ? { problem } : {}),
    ...(tracked.state.last ? { snapshot: tracked.state.last } : {}),
    ...(tracked.alreadyRunning ? { alreadyRunning: true } : {}),
    ...(tracked.triggerUnconfirmed ? { triggerUnconfirmed: true } : {}),
    ...(tracked.judging === 'next' ? { nextRun: true } : {}),
    ...(runLength ? { runLength } : {}),
  })
}

/** What a failure means for a resource: the workflow's cancel and the timeout have their own verdicts. */
const verdictOf = (problem: Problem): Verdict =>
  problem.code === 'cancelled' ? 'cancelled' : problem.code === 'deadline' ? 'timed-out' : 'error'

/** A resource that failed, noting a refused key so that nothing more is read. */
export function failureReport(step: StepContext, target: ResourceRef | Tracked, error: unknown): ResourceReport {
  const problem = asProblem(error, step.signal)
  step.refusal.note(problem)
  return 'kind' in target
    ? reportOf(step, target, verdictOf(problem), { problem })
    : closingReport(step, target, verdictOf(problem), problem)
}

/** A resource never read: Kondado refused the key or token on an earlier request, and would refuse this one too. */
export const keyRefusedReport = (step: StepContext, target: ResourceRef | Tracked, refused: Problem): ResourceReport => ({
  ...failureReport(step, target, refused),
  keyRefusedBefore: true,
})

/** Tells the verdict and keeps it: the resource is settled. */
export function settle(step: StepContext, tracked: Tracked, report: ResourceReport): Tracked {
  step.emit({ type: 'settled', report })
  return { ...tracked, report }
}
