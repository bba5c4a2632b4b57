import type { Clock, Random } from './clock.ts'
import { isBusy, judge } from './health.ts'
import type { KondadoClient } from './kondado-client.ts'
import { mayHaveBeenApplied, Problem } from './problem.ts'
import type { ResourceRef, StatusSnapshot } from './types.ts'
import type { DuplicateRequest, ResourceReport, StepEvent, StepReport, StepSettings, Verdict } from './vocabulary.ts'
import { nextReadAt, observe, sameRestingState, startWaiting, type WaiterState } from './waiter.ts'

export interface StepDeps {
  readonly client: KondadoClient
  /** The step's deadline on `clock`: the same one the request scheduler keeps. */
  readonly deadline: number
  readonly clock: Clock
  readonly random: Random
  readonly signal?: AbortSignal
  readonly onEvent?: (event: StepEvent) => void
}

/** The last read before the deadline is taken this long before it, so its answer arrives in time. */
const FINAL_READ_LEAD_MS = 1_500

interface Tracker {
  readonly resource: ResourceRef
  state: WaiterState
  nextAt: number
  alreadyRunning: boolean
  triggerUnconfirmed: boolean
  /** `if-running: rerun`: trigger a fresh run once the current one is over. */
  rerunPending: boolean
  finalReadTaken: boolean
  report?: ResourceReport
}

/** Runs one command to its end and reports one verdict per resource. Knows nothing of GitHub. */
export async function runStep(settings: StepSettings, deps: StepDeps): Promise<StepReport> {
  const startedAt = deps.clock.now()
  const ctx = new StepContext(settings, deps, startedAt)
  const outcome = await ctx.execute()
  return { command: settings.command, ...outcome, elapsedMs: deps.clock.now() - startedAt, cancelled: deps.signal?.aborted ?? false }
}

type Outcome = Pick<StepReport, 'resources' | 'newPipelineId' | 'problem' | 'outcomeUnknown'>

class StepContext {
  readonly #settings: StepSettings
  readonly #deps: StepDeps
  readonly #startedAt: number
  readonly #deadline: number
  readonly #trackers: Tracker[] = []
  /** A refused key or token fails every read the same way: once seen, nothing more is read. */
  #refused: Problem | undefined

  constructor(settings: StepSettings, deps: StepDeps, startedAt: number) {
    this.#settings = settings
    this.#deps = deps
    this.#startedAt = startedAt
    this.#deadline = deps.deadline
  }

  async execute(): Promise<Outcome> {
    const pipelines = this.#settings.pipelineIds.map((id): ResourceRef => ({ kind: 'pipeline', id }))
    const models = this.#settings.modelIds.map((id): ResourceRef => ({ kind: 'model', id }))
    switch (this.#settings.command) {
      case 'status':
        return { resources: await this.#statusOnce([...pipelines, ...models]) }
      case 'wait':
        for (const resource of [...pipelines, ...models]) this.#track(resource, false)
        return { resources: await this.#waitAll() }
      case 'run':
        for (const resource of pipelines) await this.#startRun(resource)
        return { resources: await this.#waitAll() }
      case 'duplicate':
        return this.#duplicate(this.#settings.duplicate)
    }
  }

  async #statusOnce(resources: readonly ResourceRef[]): Promise<ResourceReport[]> {
    const reports: ResourceReport[] = []
    for (const resource of resources) {
      if (this.#deps.signal?.aborted) {
        reports.push(this.#report(resource, 'cancelled'))
        continue
      }
      if (this.#refused) {
        reports.push(this.#failed(resource, this.#refused))
        continue
      }
      try {
        const snapshot = await this.#deps.client.status(resource)
        this.#emit({ type: 'status', resource, snapshot })
        reports.push(this.#report(resource, healthVerdict(judge(resource.kind, snapshot)), { snapshot }))
      } catch (error) {
        reports.push(this.#failed(resource, error))
      }
    }
    for (const report of reports) this.#emit({ type: 'settled', report })
    return reports
  }

  /** Reads the pipeline first, so a run already under way is waited for rather than doubled. */
  async #startRun(resource: ResourceRef): Promise<void> {
    const tracker = this.#track(resource, false)
    if (this.#refused) return this.#settle(tracker, this.#failed(resource, this.#refused, tracker))
    try {
      const snapshot = await this.#deps.client.status(resource)
      this.#emit({ type: 'status', resource, snapshot })
      tracker.state = { ...tracker.state, last: snapshot }
      if (isBusy(resource.kind, snapshot)) {
        const { ifRunning } = this.#settings
        this.#emit({ type: 'already-running', resource, ifRunning })
        tracker.alreadyRunning = ifRunning !== 'rerun'
        if (ifRunning === 'fail')
          return this.#settle(tracker, this.#report(resource, 'already-running', { snapshot, alreadyRunning: true }))
        // Not waiting: a run under way is what `wait: false` returns on.
        if (ifRunning === 'wait' && !this.#settings.wait)
          return this.#settle(tracker, this.#report(resource, 'started', { snapshot, alreadyRunning: true }))
        tracker.rerunPending = ifRunning === 'rerun'
        return this.#scheduleNext(tracker)
      }
      await this.#trigger(tracker)
      // One read right away, before the next pipeline's trigger: with many pipelines the
      // triggers alone take minutes of the rate limit, and a short run must be seen while it runs.
      await this.#poll(tracker)
    } catch (error) {
      this.#settle(tracker, this.#failed(resource, error, tracker))
    }
  }

  async #trigger(tracker: Tracker): Promise<void> {
    const { resource } = tracker
    // The start window opens once the POST is done with, not before its wait for a scheduler slot.
    const begin = (): void => {
      const now = this.#deps.clock.now()
      tracker.state = { ...startWaiting(resource.kind, now, true), ...(tracker.state.last ? { last: tracker.state.last } : {}) }
      tracker.nextAt = now
    }
    try {
      await this.#deps.client.run(resource.id)
      begin()
      this.#emit({ type: 'triggered', resource })
    } catch (error) {
      const problem = asProblem(error, this.#deps.signal)
      if (!mayHaveBeenApplied(problem)) throw problem
      // Its answer was lost: whether the run started is for the status to tell, never a second POST.
      tracker.triggerUnconfirmed = true
      this.#emit({ type: 'trigger-unconfirmed', resource, problem })
      if (problem.code === 'cancelled') throw problem
      begin()
    }
  }

  async #duplicate(request: DuplicateRequest): Promise<Outcome> {
    let newId: number
    try {
      newId = await this.#deps.client.duplicate(request)
    } catch (error) {
      const problem = asProblem(error, this.#deps.signal)
      return { resources: [], problem, outcomeUnknown: mayHaveBeenApplied(problem) }
    }
    this.#emit({ type: 'created', baseId: request.basePipelineId, newId })
    const resource: ResourceRef = { kind: 'pipeline', id: newId }
    if (!this.#settings.wait) {
      const report = this.#report(resource, 'created')
      this.#emit({ type: 'settled', report })
      return { resources: [report], newPipelineId: newId }
    }
    // Without a run there is still the table build to wait for: it is where a duplicate fails.
    this.#track(resource, request.runAtOnce)
    return { resources: await this.#waitAll(), newPipelineId: newId }
  }

  #track(resource: ResourceRef, afterTrigger: boolean): Tracker {
    const now = this.#deps.clock.now()
    const tracker: Tracker = {
      resource,
      state: startWaiting(resource.kind, now, afterTrigger),
      nextAt: now,
      alreadyRunning: false,
      triggerUnconfirmed: false,
      rerunPending: false,
      finalReadTaken: false,
    }
    this.#trackers.push(tracker)
    return tracker
  }

  /**
   * Reads whichever resource is due first, one request at a time: the scheduler spaces the
   * requests, and picking the most overdue resource keeps the reads fair between resources.
   */
  async #waitAll(): Promise<ResourceReport[]> {
    const { clock, signal } = this.#deps
    for (;;) {
      const open = this.#trackers.filter((t) => !t.report)
      if (open.length === 0) break
      const refused = this.#refused
      if (refused) {
        for (const tracker of open) this.#settle(tracker, this.#failed(tracker.resource, refused, tracker))
        break
      }
      // A due confirming read goes first: its verdict is one read away, and giving it frees its
      // share of the budget, where making it queue behind every other due read costs a round.
      const now = clock.now()
      const earliest = open.reduce((a, b) => (b.nextAt < a.nextAt ? b : a))
      const tracker = open.find((t) => t.state.phase === 'settling' && t.nextAt <= now) ?? earliest
      const lastChance = this.#deadline - FINAL_READ_LEAD_MS
      if (tracker.nextAt > lastChance) {
        if (tracker.finalReadTaken || clock.now() > lastChance) {
          this.#settle(tracker, this.#report(tracker.resource, 'timed-out', { ...snapshotOf(tracker), ...flagsOf(tracker) }))
          continue
        }
        tracker.finalReadTaken = true
      }
      const at = Math.min(tracker.nextAt, lastChance)
      try {
        await clock.sleep(Math.max(0, at - clock.now()), signal)
      } catch {
        break
      }
      await this.#poll(tracker)
    }
    for (const tracker of this.#trackers) {
      if (!tracker.report)
        this.#settle(tracker, this.#report(tracker.resource, 'cancelled', { ...snapshotOf(tracker), ...flagsOf(tracker) }))
    }
    return this.#trackers.map((t) => t.report as ResourceReport)
  }

  async #poll(tracker: Tracker): Promise<void> {
    const { client, clock } = this.#deps
    const { waiter, wait } = this.#settings
    let snapshot: StatusSnapshot
    try {
      snapshot = await client.status(tracker.resource)
    } catch (error) {
      const problem = asProblem(error, this.#deps.signal)
      if (problem.code === 'cancelled') return
      if (problem.code === 'deadline') {
        this.#settle(tracker, this.#report(tracker.resource, 'timed-out', { ...snapshotOf(tracker), ...flagsOf(tracker) }))
        return
      }
      this.#settle(tracker, this.#failed(tracker.resource, problem, tracker))
      return
    }
    const now = clock.now()
    const before = tracker.state
    if (!before.last || !sameRestingState(before.last, snapshot)) {
      this.#emit({ type: 'status', resource: tracker.resource, snapshot })
    }
    tracker.state = observe(before, snapshot, now, waiter)
    if (before.phase === 'starting' && tracker.state.phase === 'busy') {
      this.#emit({ type: 'run-seen', resource: tracker.resource })
      if (!wait) return this.#settle(tracker, this.#report(tracker.resource, 'started', { snapshot, ...flagsOf(tracker) }))
    }
    if (tracker.state.phase === 'done') {
      if (tracker.rerunPending) {
        tracker.rerunPending = false
        try {
          await this.#trigger(tracker)
        } catch (error) {
          this.#settle(tracker, this.#failed(tracker.resource, error, tracker))
        }
        return
      }
      const outcome = tracker.state.outcome ?? 'unknown'
      const verdict: Verdict = outcome === 'not-started' ? 'not-started' : healthVerdict(outcome)
      this.#settle(tracker, this.#report(tracker.resource, verdict, { snapshot, ...flagsOf(tracker) }))
      return
    }
    this.#scheduleNext(tracker)
  }

  /** Resources waited on together share the request budget: the waiter is told how many there are. */
  #scheduleNext(tracker: Tracker): void {
    const open = this.#trackers.filter((t) => !t.report).length
    tracker.nextAt = nextReadAt(tracker.state, this.#deps.clock.now(), this.#settings.waiter, this.#deps.random, open)
  }

  #settle(tracker: Tracker, report: ResourceReport): void {
    tracker.report = report
    this.#emit({ type: 'settled', report })
  }

  #failed(resource: ResourceRef, error: unknown, tracker?: Tracker): ResourceReport {
    const problem = asProblem(error, this.#deps.signal)
    if (problem.code === 'credentials-refused' && problem.details.keyRefused) this.#refused = problem
    const verdict: Verdict = problem.code === 'cancelled' ? 'cancelled' : problem.code === 'deadline' ? 'timed-out' : 'error'
    return this.#report(resource, verdict, { problem, ...(tracker ? { ...snapshotOf(tracker), ...flagsOf(tracker) } : {}) })
  }

  #report(resource: ResourceRef, verdict: Verdict, extra: Partial<ResourceReport> = {}): ResourceReport {
    return { resource, verdict, elapsedMs: this.#deps.clock.now() - this.#startedAt, ...extra }
  }

  #emit(event: StepEvent): void {
    this.#deps.onEvent?.(event)
  }
}

const healthVerdict = (health: 'healthy' | 'unhealthy' | 'unknown'): Verdict => (health === 'unknown' ? 'unknown-status' : health)

const snapshotOf = (tracker: Tracker): Partial<ResourceReport> => (tracker.state.last ? { snapshot: tracker.state.last } : {})

const flagsOf = (tracker: Tracker): Partial<ResourceReport> => ({
  ...(tracker.alreadyRunning ? { alreadyRunning: true } : {}),
  ...(tracker.triggerUnconfirmed ? { triggerUnconfirmed: true } : {}),
})

/**
 * Anything thrown becomes a Problem. Once the workflow is cancelled, whatever was thrown is a
 * cancellation, which keeps only whether the request it stopped had provably not been sent.
 */
function asProblem(error: unknown, signal?: AbortSignal): Problem {
  const notSent = error instanceof Problem && error.details.notSent === true
  if (signal?.aborted) return new Problem('cancelled', notSent ? { notSent } : {})
  if (error instanceof Problem) return error
  return new Problem('network', { networkCode: error instanceof Error ? error.name : 'UNKNOWN' })
}
