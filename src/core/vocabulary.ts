// The words the core and the adapter share: what a step is asked to do, what it says while it
// runs, and what it reports at the end. Types, plus the rules of which verdicts and which steps
// pass. The bottom of the import graph: it imports nothing but the Problem type.

import type { Problem } from './problem.ts'

export type ResourceKind = 'pipeline' | 'model'

export interface ResourceRef {
  readonly kind: ResourceKind
  readonly id: number
}

export interface Credentials {
  readonly key: string
  readonly token: string
}

/** One status read, as Kondado reported it. Fields Kondado left out are null. */
export interface StatusSnapshot {
  readonly status: string
  readonly isRunning: boolean | null
  readonly isActive: boolean | null
  readonly isBlocked: boolean | null
  readonly kuboStatusType: string | null
  readonly rawMsg: string | null
}

/**
 * Why a pipeline at rest cannot run: Kondado ignores or refuses a run request for it until a
 * person acts (switches it back on, or fixes what broke its tables), so `run` does not send one.
 */
export type RunBlocker = 'disabled' | 'blocked' | 'tables-failed'

export type Command = 'run' | 'wait' | 'status' | 'duplicate'
export type IfRunning = 'wait' | 'rerun' | 'fail'
export type IfPromoted = 'reuse' | 'fail' | 'create'
/**
 * Which run a verdict is on. `current`: the run this step triggered or found under way, or the
 * state at rest it found. `next`: a run this step did not start and that had not begun when it
 * began looking (a model's run after its pipelines, `wait-for: next`): it must be seen busy first.
 */
export type JudgedRun = 'current' | 'next'

/** The user's bounds on the time between two reads of one resource. */
export interface IntervalBounds {
  readonly minIntervalMs: number
  readonly maxIntervalMs: number
}

/** The poll timings the user sets (`poll-interval`, `max-poll-interval`, `start-timeout`, `expected-duration`). */
interface PollSettings extends IntervalBounds {
  /** How long after a trigger the run must show as queued or running. */
  readonly startTimeoutMs: number
  /** `expected-duration`: how long the user says a run takes; unset, it is learnt from the runs seen before. */
  readonly expectedDurationMs?: number
}

/**
 * How one kind of resource is read in one step: the user's bounds, its start window, and the
 * step's request budget per read. Built once per step (see step-context.ts), read by every read.
 */
export interface ReadPace extends IntervalBounds {
  /** How long a run of this kind may take to show busy: `start-timeout`, or `model-start-timeout` for a model. */
  readonly startTimeoutMs: number
  /**
   * The step's request budget per read (the scheduler's window / the requests allowed in it).
   * The resources of one step share that budget: polling each more often than
   * `open x readShareMs` only queues reads, the scheduler then sends a whole window at once and
   * goes silent until it rolls over, and runs that end in the silence are seen a minute late.
   */
  readonly readShareMs: number
}

/** How long a run was seen to take: it ended after `minMs` and by `maxMs`, counted from the start of its wait. */
export interface RunLength {
  readonly minMs: number
  readonly maxMs: number
}

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

/** `duplicate` with `environment`: the promotion is recorded there, and made once. */
export interface PromotionSettings {
  readonly environment: string
  readonly ifPromoted: IfPromoted
}

interface CommonSettings {
  readonly pipelineIds: readonly number[]
  readonly modelIds: readonly number[]
  readonly wait: boolean
  readonly ifRunning: IfRunning
  readonly timeoutMs: number
  readonly polling: PollSettings
  /** `wait`: judge what Kondado shows now, or each resource's next run. */
  readonly waitFor: JudgedRun
  /** How long a model's next run may take to show as queued or running. */
  readonly modelStartTimeoutMs: number
}

/** What one step is asked to do. Only `duplicate` carries what to duplicate, and it always does. */
export type StepSettings =
  | (CommonSettings & { readonly command: 'run' | 'wait' | 'status' })
  | (CommonSettings & { readonly command: 'duplicate'; readonly duplicate: DuplicateRequest; readonly promotion?: PromotionSettings })

/** The step's resources, pipelines first, as every part of the action lists them. */
export const resourcesOf = (settings: Pick<StepSettings, 'pipelineIds' | 'modelIds'>): ResourceRef[] => [
  ...settings.pipelineIds.map((id): ResourceRef => ({ kind: 'pipeline', id })),
  ...settings.modelIds.map((id): ResourceRef => ({ kind: 'model', id })),
]

/** How long a resource may take to show busy: `model-start-timeout` for a model, `start-timeout` for a pipeline. */
export const startWindowMs = (kind: ResourceKind, settings: Pick<StepSettings, 'polling' | 'modelStartTimeoutMs'>): number =>
  kind === 'model' ? settings.modelStartTimeoutMs : settings.polling.startTimeoutMs

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
  /** `run` sent no run request: the pipeline's state showed it cannot run, for this reason. */
  readonly notTriggered?: RunBlocker
  /** Kondado refused the run request (its answer and the state read before it are kept). */
  readonly runRefused?: boolean
  /** Not read at all: Kondado had refused the key or token on an earlier request of this step. */
  readonly keyRefusedBefore?: boolean
  readonly problem?: Problem
  /** The verdict is on the resource's next run (see JudgedRun); absent, on its current one. */
  readonly nextRun?: boolean
  /** How long its run was seen to take, for the run history: set when the wait saw it busy and then at rest. */
  readonly runLength?: RunLength
}

/** What an earlier promotion recorded, as this step reads it back; `runUrl` links to the workflow run that made it. */
export type PromotionRecord =
  | { readonly state: 'promoted'; readonly pipelineId: number; readonly runUrl: string }
  /** Kondado refused it: nothing was created. */
  | { readonly state: 'refused'; readonly runUrl: string }
  /** The request may have been applied: a pipeline may exist. */
  | { readonly state: 'unknown'; readonly runUrl: string }
  /** Started and never ended: that workflow run may still be at it, or it died after sending. */
  | { readonly state: 'in-progress'; readonly runUrl: string }

type PromotionReport =
  /** This step sent the request; `endRecorded` false: its end could not be written to the record. */
  | { readonly outcome: 'created' | 'attempted'; readonly endRecorded: boolean }
  | { readonly outcome: 'reused'; readonly pipelineId: number; readonly runUrl: string }
  /** An earlier record stopped the step before anything was sent. */
  | { readonly outcome: 'stopped'; readonly found: Exclude<PromotionRecord, { state: 'refused' }> }
  /** The records could not be read or written: nothing was sent. */
  | { readonly outcome: 'unavailable'; readonly reason: 'permission' | 'unreachable'; readonly httpStatus?: number }
  /** The token wrote the record as `wroteAs`, not as `expected`: later runs would not believe it, so nothing was sent. */
  | { readonly outcome: 'unavailable'; readonly reason: 'login'; readonly wroteAs: string | undefined; readonly expected: string }

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

/** The step passes when something was checked, nothing failed, and the step itself had no problem. */
export function stepPassed(report: StepReport): boolean {
  return !report.problem && !report.cancelled && report.resources.length > 0 && report.resources.every((r) => isPassing(r.verdict))
}

/** The resource the single-value outputs describe: the first that did not pass, else the first. */
export function primaryOf(report: StepReport): ResourceReport | undefined {
  return report.resources.find((r) => !isPassing(r.verdict)) ?? report.resources[0]
}

/**
 * Why a step sends nothing for a while: the next read is not due yet (`next-read`, with the
 * resource read then, how many are open, and whether its run is awaited to start or to end), a trigger waits until the request budget can also
 * pay for the reads that confirm its start (`trigger-held`), or the budget has no room before then
 * (`budget`).
 */
export type QuietReason =
  | { readonly kind: 'next-read'; readonly resource: ResourceRef; readonly open: number; readonly phase: 'start' | 'end' }
  | { readonly kind: 'trigger-held'; readonly resource: ResourceRef }
  | { readonly kind: 'budget' }

/** A step quiet for this long or longer first says what it waits for and until when. */
export const QUIET_NOTICE_MS = 10_000

export type StepEvent =
  | { readonly type: 'status'; readonly resource: ResourceRef; readonly snapshot: StatusSnapshot }
  | { readonly type: 'already-running'; readonly resource: ResourceRef; readonly ifRunning: IfRunning }
  | { readonly type: 'building-tables'; readonly resource: ResourceRef }
  /** Nothing is sent until `until` (on the step's clock), for `reason`: told when that is a while, so a quiet step is not taken for a hung one. */
  | { readonly type: 'quiet'; readonly until: number; readonly reason: QuietReason }
  | { readonly type: 'triggered'; readonly resource: ResourceRef }
  | { readonly type: 'trigger-unconfirmed'; readonly resource: ResourceRef; readonly problem: Problem }
  | { readonly type: 'run-seen'; readonly resource: ResourceRef }
  | { readonly type: 'created'; readonly baseId: number; readonly newId: number }
  | { readonly type: 'settled'; readonly report: ResourceReport }
  | { readonly type: 'awaiting-next'; readonly resource: ResourceRef; readonly afterPipelines: boolean }
  | { readonly type: 'promotion-reused'; readonly pipelineId: number; readonly runUrl: string }
  | { readonly type: 'promotion-recorded'; readonly environment: string }
