// The words the core and the adapter share: what a step is asked to do, what it says while it
// runs, and what it reports at the end. Types only, plus the one rule of which verdicts pass.

import type { RunLength } from './expected-end.ts'
import type { Problem } from './problem.ts'
import type { IfPromoted, PromotionRecord } from './promotion.ts'
import type { ResourceRef, StatusSnapshot } from './types.ts'
import type { WaitTimings } from './waiter.ts'

export type Command = 'run' | 'wait' | 'status' | 'duplicate'
export type IfRunning = 'wait' | 'rerun' | 'fail'
/**
 * Which run a verdict is on. `current`: the run this step triggered or found under way, or the
 * state at rest it found. `next`: a run this step did not start and that had not begun when it
 * began looking (a model's run after its pipelines, `wait-for: next`): it must be seen busy first.
 */
export type JudgedRun = 'current' | 'next'

/** A pipeline to create from a base one, in this project's words; the client alone knows Kondado's. */
export interface DuplicateRequest {
  readonly basePipelineId: number
  readonly sourceCollectionId: number
  readonly destinationCollectionId: number
  readonly clientId?: number
  readonly name?: string
  /** Table path -> new table name; the main table's path is "". */
  readonly fullTables: Readonly<Record<string, string>>
  readonly deltasTables?: Readonly<Record<string, string>>
  readonly overwriteParameters?: Readonly<Record<string, unknown>>
  /** Run the new pipeline as soon as its tables are built. */
  readonly runAtOnce: boolean
}

interface CommonSettings {
  readonly pipelineIds: readonly number[]
  readonly modelIds: readonly number[]
  readonly wait: boolean
  readonly ifRunning: IfRunning
  readonly timeoutMs: number
  readonly waiter: WaitTimings
  /** `wait`: judge what Kondado shows now, or each resource's next run. */
  readonly waitFor: JudgedRun
  /** How long a model's next run may take to show as queued or running. */
  readonly modelStartTimeoutMs: number
}

/** What one step is asked to do. Only `duplicate` carries what to duplicate, and it always does. */
export type StepSettings =
  | (CommonSettings & { readonly command: 'run' | 'wait' | 'status' })
  | (CommonSettings & { readonly command: 'duplicate'; readonly duplicate: DuplicateRequest; readonly promotion?: PromotionSettings })

/**
 * How one resource ended. `healthy` and `unhealthy` are verdicts on a resting state; the others
 * say why there is no such verdict (`not-waited`: a model whose pipelines did not all end
 * healthy). Only `healthy`, `started` and `created` pass a gate.
 */
export type Verdict =
  | 'healthy'
  | 'unhealthy'
  | 'unknown-status'
  | 'already-running'
  | 'not-started'
  | 'started'
  | 'created'
  | 'timed-out'
  | 'error'
  | 'cancelled'
  | 'not-waited'

const PASSING: ReadonlySet<Verdict> = new Set(['healthy', 'started', 'created'])
export const isPassing = (verdict: Verdict): boolean => PASSING.has(verdict)

export interface ResourceReport {
  readonly resource: ResourceRef
  readonly verdict: Verdict
  readonly snapshot?: StatusSnapshot
  readonly elapsedMs: number
  /** The pipeline was already running or queued, so this step did not trigger it. */
  readonly alreadyRunning?: boolean
  /** The trigger's answer was lost: it may or may not have reached Kondado. */
  readonly triggerUnconfirmed?: boolean
  readonly problem?: Problem
  /** The verdict is on the resource's next run (see JudgedRun); absent, on its current one. */
  readonly nextRun?: boolean
  /** How long its run was seen to take, for the run history: set when the wait saw it busy and then at rest. */
  readonly runLength?: RunLength
}

export interface StepReport {
  readonly command: Command
  readonly resources: readonly ResourceReport[]
  readonly newPipelineId?: number
  /** A failure of the step itself rather than of one resource (e.g. a duplicate that failed). */
  readonly problem?: Problem
  /** The duplicate POST may have created a pipeline although its answer was lost. */
  readonly outcomeUnknown?: boolean
  readonly elapsedMs: number
  readonly cancelled: boolean
  /** With `environment`: what the promotion records said and what became of them. */
  readonly promotion?: PromotionReport
}

export type StepEvent =
  | { readonly type: 'status'; readonly resource: ResourceRef; readonly snapshot: StatusSnapshot }
  | { readonly type: 'already-running'; readonly resource: ResourceRef; readonly ifRunning: IfRunning }
  | { readonly type: 'triggered'; readonly resource: ResourceRef }
  | { readonly type: 'trigger-unconfirmed'; readonly resource: ResourceRef; readonly problem: Problem }
  | { readonly type: 'run-seen'; readonly resource: ResourceRef }
  | { readonly type: 'created'; readonly baseId: number; readonly newId: number }
  | { readonly type: 'settled'; readonly report: ResourceReport }
  | { readonly type: 'awaiting-next'; readonly resource: ResourceRef; readonly afterPipelines: boolean }
  | { readonly type: 'promotion-reused'; readonly pipelineId: number; readonly runUrl: string }
  | { readonly type: 'promotion-recorded'; readonly environment: string }

/** `duplicate` with `environment`: the promotion is recorded there, and made once. */
export interface PromotionSettings {
  readonly environment: string
  readonly ifPromoted: IfPromoted
}

type PromotionReport =
  /** This run sent the request; `endRecorded` false: its end could not be written to the record. */
  | { readonly outcome: 'created' | 'attempted'; readonly endRecorded: boolean }
  | { readonly outcome: 'reused'; readonly pipelineId: number; readonly runUrl: string }
  /** An earlier record stopped the step before anything was sent. */
  | { readonly outcome: 'stopped'; readonly found: Exclude<PromotionRecord, { state: 'refused' }> }
  /** The records could not be read or written: nothing was sent. */
  | { readonly outcome: 'unavailable'; readonly reason: 'permission' | 'unreachable'; readonly httpStatus?: number }
