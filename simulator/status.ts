// Status objects and the clock-driven lifecycle shared by pipelines and models.

export const INACTIVE_STATUSES: readonly string[] = ['not_active', 'too_many_consecutive_failed_builds__blocked']
export const BLOCKED_STATUSES: readonly string[] = ['building_tables', 'too_many_consecutive_failed_builds__blocked']

export interface PipelineStatus {
  status: string
  is_running: boolean
  is_active: boolean
  is_blocked: boolean
  raw_msg: string | null
}

export interface ModelStatus {
  status: string
  is_running: boolean
  is_active: boolean
  kubo_status_type: string
  raw_msg: string | null
}

/** One entry of a script: fields laid over the current status object for one read. */
export type StatusOverride = Record<string, unknown>

export function pipelineStatusObject(status: string, raw_msg: string | null): PipelineStatus {
  return {
    status,
    is_running: status === 'running',
    is_active: !INACTIVE_STATUSES.includes(status),
    is_blocked: BLOCKED_STATUSES.includes(status),
    raw_msg,
  }
}

export function modelStatusObject(status: string, kubo_status_type: string, raw_msg: string | null): ModelStatus {
  return {
    status,
    is_running: status === 'running',
    is_active: !INACTIVE_STATUSES.includes(status),
    kubo_status_type,
    raw_msg,
  }
}

/**
 * Lays a script entry over a status object. When the entry names a status but not the
 * flags, the flags follow the new status, so `{status: 'running'}` reads as a coherent
 * running answer while `{status: 'active', is_running: true}` stays deliberately odd.
 */
export function applyOverride<T extends PipelineStatus | ModelStatus>(
  current: T,
  override: StatusOverride,
  derive: (status: string) => Partial<T>,
): Record<string, unknown> {
  const base: Record<string, unknown> = { ...current }
  if (typeof override.status === 'string') Object.assign(base, derive(override.status))
  return Object.assign(base, override)
}

export interface Phase {
  status: string
  raw_msg: string | null
  ms: number
}

export interface RestingStatus {
  status: string
  raw_msg: string | null
  kubo_status_type?: string
}

/**
 * Work in progress started at `start`: each phase in turn, then `outcome` becomes the new
 * resting status. Only the clock moves it along, so it runs the same in real and virtual
 * time. A start delay is just a first phase that repeats the previous status.
 */
export interface Timeline {
  start: number
  phases: Phase[]
  outcome: RestingStatus
  /** false while only tables are being built, so a POST /run can still add a run. */
  includesRun: boolean
}

/** The phase in force at `now`, or undefined once the outcome is due. */
export function phaseAt(t: Timeline, now: number): Phase | undefined {
  let end = t.start
  for (const phase of t.phases) {
    end += phase.ms
    if (now < end) return phase
  }
  return undefined
}
