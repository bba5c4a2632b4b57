import {
  formatDuration,
  isPassing,
  type Problem,
  type QuietReason,
  type RequestRecord,
  type ResourceRef,
  type ResourceReport,
  startWindowMs,
  type StatusSnapshot,
  type StepEvent,
  type StepSettings,
} from '../core/index.ts'
import type { Messages } from '../messages/en.ts'
import { explain, stateText, subjectOf } from './explain.ts'

/** Where the words go: the runner's log in production, an array in tests. */
export interface Logger {
  info(line: string): void
  /** Shown only when the run is debugged (ACTIONS_STEP_DEBUG or RUNNER_DEBUG). */
  debug(line: string): void
  /** An error annotation, shown on the run's page (and in the log, in its place). */
  error(line: string, title: string): void
}

/** The time of day a quiet step names for its next request, to the second, in UTC. */
const timeOfDay = (at: number): string => new Date(at).toISOString().slice(11, 19)

/**
 * Turns the core's events into log lines, each stamped with the time since the step began and
 * naming what it is about: one line per change of state, not per read, and one line before any
 * quiet of QUIET_NOTICE_MS or more saying what the step waits for and until when. Each resource's
 * verdict is said once: a line when it passed, an annotation when it did not (a resource never
 * read because the key was refused gets a line; the refusal itself has the annotation).
 */
export class EventLog {
  readonly #m: Messages
  readonly #logger: Logger
  readonly #settings: StepSettings
  readonly #requestsPerMinute: number
  readonly #startedAt: number
  readonly #now: () => number
  /** The last state read of each resource, for the line that says what a quiet step waits for. */
  readonly #lastRead = new Map<string, StatusSnapshot>()

  constructor(m: Messages, logger: Logger, settings: StepSettings, now: () => number, requestsPerMinute: number) {
    this.#m = m
    this.#logger = logger
    this.#settings = settings
    this.#requestsPerMinute = requestsPerMinute
    this.#now = now
    this.#startedAt = now()
  }

  readonly onEvent = (event: StepEvent): void => {
    const m = this.#m
    const subject = (r: ResourceRef): string => m.resource(r.kind, r.id)
    switch (event.type) {
      case 'status':
        this.#lastRead.set(subject(event.resource), event.snapshot)
        return this.#line(m.log.status(subject(event.resource), stateText(m, event.snapshot)))
      case 'already-running':
        return this.#line(m.log.alreadyRunning(subject(event.resource), event.ifRunning))
      case 'building-tables':
        return this.#line(m.log.buildingTables(subject(event.resource)))
      case 'triggered':
        return this.#line(m.log.triggered(subject(event.resource)))
      case 'trigger-unconfirmed':
        return this.#line(m.log.triggerUnconfirmed(subject(event.resource), m.problemLabel(event.problem.code, event.problem.details)))
      case 'run-seen':
        return this.#line(m.log.runSeen(subject(event.resource)))
      case 'created':
        return this.#line(m.log.created(event.baseId, event.newId))
      case 'settled':
        return this.#settled(event.report)
      case 'awaiting-next': {
        const window = formatDuration(startWindowMs(event.resource.kind, this.#settings))
        return this.#line(m.log.awaitingNext(subject(event.resource), window, event.afterPipelines))
      }
      case 'quiet':
        return this.#quiet(event.until, event.reason)
      case 'promotion-recorded':
        return this.#line(m.github.recorded(event.environment))
      case 'promotion-reused':
        return this.#line(m.github.reused(event.pipelineId, event.runUrl))
    }
  }

  retrying(problem: Problem, delayMs: number, resource: ResourceRef): void {
    const m = this.#m
    this.#line(
      m.log.retrying(m.resource(resource.kind, resource.id), m.problemLabel(problem.code, problem.details), formatDuration(delayMs)),
    )
  }

  /** Information, not a warning: the step waits the pause out by itself; if it cannot, the failure says so. */
  paused(pauseMs: number): void {
    this.#line(this.#m.log.paused(formatDuration(pauseMs), this.#m.log.clock(timeOfDay(this.#now() + pauseMs))))
  }

  /** A request waits for room in the request budget until `until`. */
  held(until: number): void {
    this.#quiet(until, { kind: 'budget' })
  }

  /** One exchange with Kondado, for whoever debugs a run: never the query, which carries the key and the token. */
  request(record: RequestRecord): void {
    const outcome = record.httpStatus === undefined ? (record.failure ?? '') : `HTTP ${record.httpStatus}`
    this.#logger.debug(this.#stamp(this.#m.log.request(record.method, record.path, outcome, record.tookMs, record.waitedMs)))
  }

  #quiet(until: number, reason: QuietReason): void {
    const m = this.#m
    const at = m.log.clock(timeOfDay(until))
    const inText = formatDuration(until - this.#now())
    switch (reason.kind) {
      case 'next-read': {
        const subject = m.resource(reason.resource.kind, reason.resource.id)
        const state = stateText(m, this.#lastRead.get(subject))
        return this.#line(m.log.nextRead(subject, reason.phase === 'start', state, at, inText))
      }
      case 'trigger-held':
        return this.#line(m.log.triggerHeld(m.resource(reason.resource.kind, reason.resource.id), at, inText))
      case 'budget':
        return this.#line(m.log.budgetHeld(this.#requestsPerMinute, at, inText))
    }
  }

  #settled(report: ResourceReport): void {
    const m = this.#m
    const subject = subjectOf(m, report)
    const elapsed = formatDuration(report.elapsedMs)
    // A cancelled step fails with one message of its own: one annotation per resource would only repeat it.
    if (isPassing(report.verdict) || report.verdict === 'cancelled')
      return this.#line(m.log.settled(subject, m.verdict[report.verdict], stateText(m, report.snapshot), elapsed))
    const why = explain(m, report, this.#settings) ?? ''
    // The refusal of the key has its annotation, on the resource it was refused for: the others only say they were not read.
    if (report.keyRefusedBefore) return this.#line(why)
    // The title is the verdict and when; the body says why and what to do.
    this.#logger.error(why, `${subject}: ${m.verdict[report.verdict]} (${elapsed})`)
  }

  #stamp(text: string): string {
    return `[${formatDuration(this.#now() - this.#startedAt).padStart(7)}] ${text}`
  }

  #line(text: string): void {
    this.#logger.info(this.#stamp(text))
  }
}
