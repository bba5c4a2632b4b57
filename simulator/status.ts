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

/**
 * How long a phase lasts: wall-clock milliseconds (the demo, the benchmarks, virtual time), or a
 * number of status reads of the resource (tests of a real process, whose speed the machine
 * decides: a run busy for two reads is seen busy twice, however late the first read comes).
 * `reads: Infinity` stays in the phase for good.
 */
export type Span = { readonly ms: number } | { readonly reads: number }

export type Phase = { status: string; raw_msg: string | null } & Span

export interface RestingStatus {
  status: string
  raw_msg: string | null
  kubo_status_type?: string
}

/**
 * Work in progress: each phase in turn, then `outcome` becomes the new resting status. Only the
 * clock and the reads move it along, so a wall-clock timeline runs the same in real and virtual
 * time. A start delay is just a first phase that repeats the previous status.
 */
export interface Timeline {
  /** When the first phase of `phases` began. */
  start: number
  /** The phases still to come, the one in force first. */
  phases: Phase[]
  /** Status reads answered so far in the phase in force. */
  reads: number
  outcome: RestingStatus
  /** false while only tables are being built, so a POST /run can still add a run. */
  includesRun: boolean
}

/** Drops the phases over at `now` and returns the one in force, or undefined once the outcome is due. */
export function phaseAt(t: Timeline, now: number): Phase | undefined {
  for (let phase = t.phases[0]; phase !== undefined; phase = t.phases[0]) {
    if ('ms' in phase ? now < t.start + phase.ms : t.reads < phase.reads) return phase
    // A phase counted in reads ends at its last read, so the next one's clock starts there.
    t.start = 'ms' in phase ? t.start + phase.ms : now
    t.reads = 0
    t.phases.shift()
  }
  return undefined
}

/** Counts a status read answered at `now` from the phase in force. */
export function countRead(t: Timeline, now: number): void {
  const phase = phaseAt(t, now)
  if (phase === undefined || !('reads' in phase)) return
  t.reads++
  phaseAt(t, now)
}
