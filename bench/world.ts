import type { KondadoModel, SimClock } from '../simulator/index.ts'

export const KEY = 'bench-key'
export const TOKEN = 'bench-token'
const FIRST_ID = 1001

/** One pipeline's run, as the model will play it. Times are relative to the moment the wait begins. */
export interface RunPlan {
  readonly id: number
  readonly lengthMs: number
  /** The run was already under way this long when the wait began. */
  readonly startedBeforeMs: number
}

/** Run lengths vary by this share either way, between pipelines and between trials. */
export const LENGTH_SPREAD = 0.1
/** How far into its run a pipeline may already be when the wait begins (as just after a trigger). */
export const MAX_HEAD_START_MS = 2_000

export function planRuns(pipelines: number, lengthMs: number, random: () => number, spread = LENGTH_SPREAD): RunPlan[] {
  return Array.from({ length: pipelines }, (_, i) => ({
    id: FIRST_ID + i,
    lengthMs: Math.round(lengthMs * (1 + spread * (2 * random() - 1))),
    startedBeforeMs: Math.round(MAX_HEAD_START_MS * random()),
  }))
}

/**
 * The model's clock, which can be held at a chosen time while the runs are set up: the runs are
 * started by real POST /run requests long enough before the wait that they have left Kondado's
 * rate-limit windows, so the strategy under test starts with the whole budget.
 *
 * Not a clock of its own: it wraps the time the trial runs on (a VirtualClock, a baseline's own
 * counter, or the real time in bench/realtime.ts) and only holds it still while stageRuns sets up
 * the runs. Bench only.
 */
export class StagingClock implements SimClock {
  readonly #inner: SimClock
  #held: number | undefined

  constructor(inner: SimClock) {
    this.#inner = inner
  }

  now(): number {
    return this.#held ?? this.#inner.now()
  }

  at<T>(time: number, action: () => T): T {
    this.#held = time
    try {
      return action()
    } finally {
      this.#held = undefined
    }
  }
}

/** Far enough back that every setup request is out of the 60 s window when the wait begins. */
const SETUP_LEAD_MS = 200_000
/** Setup POSTs are spaced so the model's own limiter accepts every one of them. */
const SETUP_GAP_MS = 3_100

/**
 * Adds the pipelines to the model and starts their runs so that, at `waitStart`, each has been
 * running for its head start. Returns when each run ends, by the model's timeline.
 */
export function stageRuns(model: KondadoModel, clock: StagingClock, plans: readonly RunPlan[], waitStart: number): Map<number, number> {
  const ends = new Map<number, number>()
  plans.forEach((plan, i) => {
    const postAt = waitStart - SETUP_LEAD_MS + SETUP_GAP_MS * i
    const runStart = waitStart - plan.startedBeforeMs
    if (postAt >= runStart || postAt + 61_000 > waitStart) throw new Error('bench: too many pipelines to stage before the wait')
    model.addPipeline({ id: plan.id, run: { startDelayMs: runStart - postAt, buildingTablesMs: 0, queuedMs: 0, runningMs: plan.lengthMs } })
    const answer = clock.at(postAt, () =>
      model.handle({ method: 'POST', path: `/pipelines/${plan.id}/run`, query: new URLSearchParams({ key: KEY, token: TOKEN }), body: '' }),
    )
    if (answer.body !== '{"success":true}') throw new Error(`bench: could not start pipeline ${plan.id}: ${answer.body}`)
    ends.set(plan.id, runStart + plan.lengthMs)
  })
  return ends
}

/** What a simple poller makes of a status answer: `undefined` when Kondado refused or said nothing usable. */
export function readRunning(body: string, id: number): boolean | undefined {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return undefined
  }
  const entry = (json as Record<string, { status?: unknown } | undefined>)[String(id)]
  if (typeof entry?.status !== 'string') return undefined
  return BUSY.has(entry.status)
}

const BUSY = new Set(['running', 'scheduled', 'building_tables'])

/**
 * One-way network time between a runner and Kondado, drawn per trip. The spread (80 ms) stays
 * under the scheduler's 100 ms margin over Kondado's 1 s rule, as real jitter should be tested.
 */
export const ONE_WAY_MIN_MS = 60
export const ONE_WAY_MAX_MS = 140

export function latencySource(random: () => number): () => number {
  return () => Math.round(ONE_WAY_MIN_MS + (ONE_WAY_MAX_MS - ONE_WAY_MIN_MS) * random())
}

/** The wait lasts at most this long: far past any run's end, so a strategy that times out is a finding. */
export function timeoutFor(plans: readonly RunPlan[]): number {
  return 2 * Math.max(...plans.map((p) => p.lengthMs)) + 10 * 60_000
}
