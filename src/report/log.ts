import {
  formatDuration,
  isPassing,
  type Problem,
  type RequestRecord,
  type ResourceRef,
  type ResourceReport,
  startWindowMs,
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
  /** An error annotation, shown on the run's page. */
  error(line: string, title: string): void
}

/**
 * Turns the core's events into log lines, each stamped with the time since the step began and
 * naming what it is about: one line per change of state, not per poll, and an annotation for each
 * failure. Nothing is repeated at the end: the verdict line of each resource is its last line.
 */
export class EventLog {
  readonly #m: Messages
  readonly #logger: Logger
  readonly #settings: StepSettings
  readonly #startedAt: number
  readonly #now: () => number

  constructor(m: Messages, logger: Logger, settings: StepSettings, now: () => number) {
    this.#m = m
    this.#logger = logger
    this.#settings = settings
    this.#now = now
    this.#startedAt = now()
  }

  readonly onEvent = (event: StepEvent): void => {
    const m = this.#m
    const subject = (r: ResourceRef): string => m.resource(r.kind, r.id)
    switch (event.type) {
      case 'status':
        return this.#line(m.log.status(subject(event.resource), stateText(m, event.snapshot)))
      case 'already-running':
        return this.#line(m.log.alreadyRunning(subject(event.resource), event.ifRunning))
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
    this.#line(this.#m.log.paused(formatDuration(pauseMs)))
  }

  /** One exchange with Kondado, for whoever debugs a run: never the query, which carries the key and the token. */
  request(record: RequestRecord): void {
    const outcome = record.httpStatus === undefined ? (record.failure ?? '') : `HTTP ${record.httpStatus}`
    this.#logger.debug(this.#stamp(this.#m.log.request(record.method, record.path, outcome, record.tookMs, record.waitedMs)))
  }

  #settled(report: ResourceReport): void {
    const m = this.#m
    const subject = subjectOf(m, report)
    this.#line(m.log.settled(subject, m.verdict[report.verdict], stateText(m, report.snapshot), formatDuration(report.elapsedMs)))
    // A cancelled step fails with one message of its own: one annotation per resource would only repeat it.
    if (isPassing(report.verdict) || report.verdict === 'cancelled') return
    const why = explain(m, report, this.#settings)
    if (why) this.#logger.error(why, `${subject}: ${m.verdict[report.verdict]}`)
  }

  #stamp(text: string): string {
    return `[${formatDuration(this.#now() - this.#startedAt).padStart(7)}] ${text}`
  }

  #line(text: string): void {
    this.#logger.info(this.#stamp(text))
  }
}
