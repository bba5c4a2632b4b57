import { formatDuration } from './core/duration.ts'
import type { Problem } from './core/problem.ts'
import { isPassing, type ResourceReport, type StepEvent, type StepSettings } from './core/vocabulary.ts'
import { resourceKey } from './core/types.ts'
import type { Messages } from './messages/index.ts'
import { explain, stateText, subjectOf } from './present.ts'

/** Where the words go: the runner's log in production, an array in tests. */
export interface Logger {
  info(line: string): void
  warning(line: string): void
  /** An error annotation, shown on the run's page. */
  error(line: string, title: string): void
  group(title: string, lines: readonly string[]): void
}

/**
 * Turns the core's events into log lines: one line per change of state, not per poll; then,
 * at the end, one group per resource with its whole story and an annotation for each failure.
 */
export class EventLog {
  readonly #m: Messages
  readonly #logger: Logger
  readonly #settings: StepSettings
  readonly #story = new Map<string, string[]>()
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
    switch (event.type) {
      case 'status': {
        const subject = m.resource(event.resource.kind, event.resource.id)
        this.#line(resourceKey(event.resource), m.log.status(subject, stateText(m, event.snapshot)))
        return
      }
      case 'already-running':
        this.#line(resourceKey(event.resource), m.log.alreadyRunning(m.resource(event.resource.kind, event.resource.id), event.ifRunning))
        return
      case 'triggered':
        this.#line(resourceKey(event.resource), m.log.triggered(m.resource(event.resource.kind, event.resource.id)))
        return
      case 'trigger-unconfirmed':
        this.#line(
          resourceKey(event.resource),
          m.log.triggerUnconfirmed(
            m.resource(event.resource.kind, event.resource.id),
            m.problemLabel(event.problem.code, event.problem.details),
          ),
        )
        return
      case 'run-seen':
        this.#line(resourceKey(event.resource), m.log.runSeen(m.resource(event.resource.kind, event.resource.id)))
        return
      case 'created':
        this.#line(resourceKey({ kind: 'pipeline', id: event.newId }), m.log.created(event.baseId, event.newId))
        return
      case 'settled':
        this.#settled(event.report)
        return
    }
  }

  retrying(problem: Problem, delayMs: number): void {
    this.#logger.info(this.#m.log.retrying(this.#m.problemLabel(problem.code, problem.details), formatDuration(delayMs)))
  }

  paused(pauseMs: number): void {
    this.#logger.warning(this.#m.log.paused(formatDuration(pauseMs)))
  }

  #settled(report: ResourceReport): void {
    const m = this.#m
    const subject = subjectOf(m, report)
    const key = resourceKey(report.resource)
    this.#line(key, m.log.settled(subject, m.verdict[report.verdict], stateText(m, report.snapshot), formatDuration(report.elapsedMs)))
    const why = explain(m, report, this.#settings)
    if (why) this.#story.get(key)?.push(why)
    if (why && !isPassing(report.verdict)) this.#logger.error(why, `${subject}: ${m.verdict[report.verdict]}`)
  }

  /** Writes the groups: one per resource, titled with its verdict. */
  close(reports: readonly ResourceReport[]): void {
    for (const report of reports) {
      const title = `${subjectOf(this.#m, report)}: ${this.#m.verdict[report.verdict]}`
      this.#logger.group(title, this.#story.get(resourceKey(report.resource)) ?? [])
    }
  }

  #line(key: string, text: string): void {
    const stamped = `[${formatDuration(this.#now() - this.#startedAt).padStart(7)}] ${text}`
    this.#logger.info(stamped)
    const story = this.#story.get(key) ?? []
    story.push(stamped)
    this.#story.set(key, story)
  }
}
