import type { HttpRequest, HttpResponse, Transport } from './http.ts'
import {
  apiUrl,
  DUPLICATE_PATH,
  duplicateBody,
  interpret,
  type Json,
  parseNewPipelineId,
  parseRunAccepted,
  parseStatus,
  runPath,
  statusPath,
} from './kondado-api.ts'
import { isTransient, Problem } from './problem.ts'
import { retrying } from './retry.ts'
import type { Redactor } from './safe-text.ts'
import type { RequestScheduler } from './scheduler.ts'
import type { Clock, Random } from './time.ts'
import type { Credentials, DuplicateRequest, ResourceRef, StatusSnapshot } from './vocabulary.ts'

interface KondadoClientOptions {
  readonly baseUrl: URL
  readonly credentials: Credentials
  readonly transport: Transport
  readonly scheduler: RequestScheduler
  readonly clock: Clock
  readonly redact: Redactor
  /** Jitter for the backoff between retries; injected so a test can replay it. */
  readonly random: Random
  readonly signal?: AbortSignal
  /** Told before each retry of a read, so the log can say what is going on and about which resource. */
  readonly onRetry?: (problem: Problem, delayMs: number, resource: ResourceRef) => void
  /** Told of every request once it is done with, for debug lines. */
  readonly onRequest?: (record: RequestRecord) => void
}

/** One request as a debug line shows it: the path only, since the query carries the key and the token. */
export interface RequestRecord {
  readonly method: HttpRequest['method']
  readonly path: string
  /** The answer's HTTP status, or, with no answer, what stopped it (a network code or a problem code). */
  readonly httpStatus?: number
  readonly failure?: string
  readonly tookMs: number
  /** How long it waited for its turn in the scheduler (the rate limit, a pause, the requests before it). */
  readonly waitedMs: number
}

/** The least time before the deadline in which a POST is still sent: enough for its answer to come back. */
const POST_ANSWER_MARGIN_MS = 3_000

/**
 * Talks to Kondado: sends each request through the scheduler, tries a failed one again when
 * that is safe (retry.ts), and bounds every exchange by the step's deadline. What the requests
 * and answers mean is kondado-api.ts's. Every failure leaves as a Problem.
 */
export class KondadoClient {
  readonly #options: KondadoClientOptions

  constructor(options: KondadoClientOptions) {
    this.#options = options
  }

  async status(resource: ResourceRef): Promise<StatusSnapshot> {
    return this.#read(resource, (json) => parseStatus(json, resource.id, this.#options.redact))
  }

  /** When `count` more requests can go one after another without the rate limit holding any of them back. */
  roomFor(count: number): number {
    return this.#options.scheduler.roomFor(this.#options.clock.now(), count)
  }

  /**
   * Asks Kondado to queue a run. Sent again only if it provably never left this machine.
   * `queuedAt`: when the step began holding it, so its debug line counts that hold as its wait.
   */
  async requestRun(pipelineId: number, queuedAt?: number): Promise<void> {
    parseRunAccepted(await this.#write(runPath(pipelineId), undefined, queuedAt))
  }

  /** Creates a pipeline from a base one and returns the new id. Never sent twice once it may have arrived. */
  async duplicate(request: DuplicateRequest): Promise<number> {
    let body: string
    try {
      body = duplicateBody(request)
    } catch (error) {
      // A body that cannot be built was never sent: nothing can have been created.
      throw new Problem('internal', { errorName: error instanceof Error ? error.name : 'UNKNOWN', notSent: true })
    }
    return parseNewPipelineId(await this.#write(DUPLICATE_PATH, body))
  }

  #read<T>(resource: ResourceRef, parse: (json: Json) => T): Promise<T> {
    const path = statusPath(resource)
    const request: HttpRequest = { method: 'GET', url: this.#url(path) }
    const { onRetry } = this.#options
    return this.#retrying(async () => parse(await this.#exchange(path, request)), {
      retryable: isTransient,
      // When the deadline cuts short the retries of a read, the fault being retried is what the user must hear about.
      outOfTime: (problem) => problem.code === 'deadline',
      ...(onRetry ? { onRetry: (problem: Problem, ms: number) => onRetry(problem, ms, resource) } : {}),
    })
  }

  #write(path: string, body: string | undefined, queuedAt?: number): Promise<Json> {
    const request: HttpRequest = { method: 'POST', url: this.#url(path), body }
    const { clock, scheduler } = this.#options
    // A POST cut off by the deadline has an unknown outcome: better not to send it at all.
    const beforeSend = (): void => {
      if (scheduler.deadline - clock.now() < POST_ANSWER_MARGIN_MS) throw new Problem('deadline', { notSent: true })
    }
    // Only a request that provably never left this machine is sent again: any other may have been
    // applied. It keeps the deadline as its failure: that tells whether it may have been applied.
    let heldSince = queuedAt
    const attempt = (): Promise<Json> => {
      const since = heldSince
      heldSince = undefined
      return this.#exchange(path, request, beforeSend, since)
    }
    return this.#retrying(attempt, {
      retryable: (problem) => problem.details.notSent === true && isTransient(problem),
    })
  }

  /** The one retry loop (retry.ts) over Problems; the user hears that the retries ran out, not that the timeout came first. */
  #retrying<T>(
    attempt: () => Promise<T>,
    rule: {
      readonly retryable: (problem: Problem) => boolean
      readonly outOfTime?: (problem: Problem) => boolean
      readonly onRetry?: (problem: Problem, delayMs: number) => void
    },
  ): Promise<T> {
    const { clock, scheduler, signal, random } = this.#options
    const asKondado = (test: (problem: Problem) => boolean) => (error: Error) => error instanceof Problem && test(error)
    return retrying(attempt, {
      clock,
      random,
      deadline: scheduler.deadline,
      ...(signal ? { signal } : {}),
      retryable: asKondado(rule.retryable),
      ...(rule.outOfTime ? { outOfTime: asKondado(rule.outOfTime) } : {}),
      ...(rule.onRetry ? { onRetry: (error: Error, ms: number) => rule.onRetry?.(error as Problem, ms) } : {}),
      exhausted: (error, tries, triedForMs) => new Problem((error as Problem).code, { ...(error as Problem).details, tries, triedForMs }),
    })
  }

  #url(path: string): URL {
    return apiUrl(this.#options.baseUrl, path, this.#options.credentials)
  }

  /** One request in its scheduler turn; `beforeSend` may still call it off once the turn has come. */
  async #exchange(path: string, request: HttpRequest, beforeSend?: () => void, since?: number): Promise<Json> {
    const { clock, onRequest, redact } = this.#options
    let queuedAt = since ?? clock.now()
    return this.#options.scheduler.inTurn(async () => {
      beforeSend?.()
      const sentAt = clock.now()
      const told = { method: request.method, path, waitedMs: sentAt - queuedAt }
      // A rate-limited answer is sent again in a later turn: that turn's wait counts from here.
      queuedAt = sentAt
      let answer: HttpResponse
      try {
        answer = await sendWithin(this.#options, request)
      } catch (error) {
        const failure = error instanceof Problem ? (error.details.networkCode ?? error.code) : 'internal'
        onRequest?.({ ...told, failure, tookMs: clock.now() - sentAt })
        throw error
      }
      onRequest?.({ ...told, httpStatus: answer.status, tookMs: clock.now() - sentAt })
      return interpret(answer, redact)
    })
  }
}

/**
 * One request, bounded by the step's deadline as well as by the transport's own timeouts: a
 * server that stops answering near the end cannot hold the step past its `timeout`. The race
 * holds even for a transport that ignores its signal; the signal lets a cooperative one stop.
 */
async function sendWithin(options: KondadoClientOptions, request: HttpRequest): Promise<HttpResponse> {
  const { transport, clock, scheduler, signal } = options
  const outOfTime = new AbortController()
  const finished = new AbortController()
  clock.sleep(Math.max(0, scheduler.deadline - clock.now()), finished.signal).then(
    () => outOfTime.abort(new Problem('deadline')),
    () => undefined,
  )
  const bound = signal ? AbortSignal.any([signal, outOfTime.signal]) : outOfTime.signal
  // Listening before the transport does: when the step is cancelled or out of time, that reason
  // wins over whatever the transport makes of its aborted request. A later cancel rejects
  // `stopped` harmlessly: Promise.race has already handled it.
  const stopped = new Promise<never>((_resolve, reject) => bound.addEventListener('abort', () => reject(bound.reason)))
  try {
    return await Promise.race([transport(request, bound), stopped])
  } finally {
    finished.abort()
  }
}
