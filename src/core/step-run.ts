// What every part of a step shares while it runs: its settings, the client, time, the events
// it tells, and whether the key was refused. Built once per step by runStep.

import type { Clock, Random } from './clock.ts'
import type { ExpectedEnd } from './expected-end.ts'
import type { KondadoClient } from './kondado-client.ts'
import type { Problem } from './problem.ts'
import type { ResourceRef } from './types.ts'
import type { PromotionRecords } from './promotion.ts'
import type { StepEvent, StepSettings } from './vocabulary.ts'
import type { WaiterSettings } from './waiter.ts'

export interface StepRun {
  readonly settings: StepSettings
  /** The settings' timings with the read share of the request budget. */
  readonly waiter: WaiterSettings
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
