import pRetry from 'p-retry'
import type { Clock, Random } from './clock.ts'
import type { HttpRequest, HttpResponse, Transport } from './http.ts'
import { apiUrl } from './kondado-url.ts'
import { isTransient, Problem } from './problem.ts'
import type { Redactor } from './redact.ts'
import type { RequestScheduler } from './scheduler.ts'
import { scrub } from './text.ts'
import type { Credentials, ResourceRef, StatusSnapshot } from './types.ts'
import type { DuplicateRequest } from './vocabulary.ts'

export interface RetryPolicy {
  /** Further attempts after the first. */
  readonly retries: number
  readonly minDelayMs: number
  readonly maxDelayMs: number
}

/**
 * Reads ride out a Kondado outage of about four minutes (2 s, 4 s, ... up to 60 s between tries,
 * each +-50 % jitter), always within the step's deadline; a longer one fails the read with what
 * Kondado last answered.
 */
export const DEFAULT_RETRY: RetryPolicy = { retries: 8, minDelayMs: 2_000, maxDelayMs: 60_000 }

/** The pause before retry number `attempt` (from 1), before jitter: doubling from the least to the most. */
export const retryPauseMs = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1))

export interface KondadoClientOptions {
  readonly baseUrl: URL
  readonly credentials: Credentials
  readonly transport: Transport
  readonly scheduler: RequestScheduler
  readonly clock: Clock
  readonly redact: Redactor
  readonly retry?: RetryPolicy
  /** Jitter for the backoff between retries; injected so a test can replay it. */
  readonly random?: Random
  readonly signal?: AbortSignal
  /** Told before each retry of a read, so the log can say what is going on. */
  readonly onRetry?: (problem: Problem, delayMs: number) => void
}

/** The least time before the deadline in which a POST is still sent: enough for its answer to come back. */
const POST_ANSWER_MARGIN_MS = 3_000

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A `success: false` that is about this action's own key or token, as opposed to a refusal that
 * merely mentions a key (a source connection's credentials, say): only the former stops the step.
 */
const OUR_CREDENTIALS_REFUSED =
  /\b(INVALID_(TOKEN|KEY|CREDENTIALS)|UNAUTHORI[SZ]ED)\b|\b(invalid|wrong|unknown|expired|revoked|disabled|missing)\s+(api\s+)?(key|token|credentials)\b|\b(key|token)\s+(is\s+)?(invalid|expired|revoked|disabled)\b/i

/**
 * Talks to Kondado: builds each request, sends it through the scheduler, and believes an answer
 * only once it has the expected shape. Every failure leaves as a Problem.
 */
export class KondadoClient {
  readonly #options: KondadoClientOptions

  constructor(options: KondadoClientOptions) {
    this.#options = options
  }

  async status(resource: ResourceRef): Promise<StatusSnapshot> {
    const path = `/${resource.kind === 'pipeline' ? 'pipelines' : 'models'}/${resource.id}/status`
    return this.#read(path, (json) => this.#scrubbed(parseStatus(json, resource.id)))
  }

  /** Asks Kondado to queue a run. Sent again only if it provably never left this machine. */
  async run(pipelineId: number): Promise<void> {
    const json = await this.#write(`/pipelines/${pipelineId}/run`, undefined)
    // Anything but the documented `{"success": true}` leaves it open whether the run was queued.
    if (json.success !== true) throw new Problem('unreadable-answer', { excerpt: 'no "success": true in the answer' })
  }

  /** Creates a pipeline from a base one and returns the new id. Never sent twice once it may have arrived. */
  async duplicate(request: DuplicateRequest): Promise<number> {
    const json = await this.#write('/pipelines', JSON.stringify(duplicateBody(request)))
    return parseNewPipelineId(json)
  }

  #read<T>(path: string, parse: (json: Json) => T): Promise<T> {
    const request: HttpRequest = { method: 'GET', url: this.#url(path) }
    return this.#retrying(async () => parse(await this.#exchange(request)), {
      retryable: isTransient,
      onRetry: this.#options.onRetry,
      read: true,
    })
  }

  #write(path: string, body: string | undefined): Promise<Json> {
    const request: HttpRequest = { method: 'POST', url: this.#url(path), ...(body === undefined ? {} : { body }) }
    const { clock, scheduler } = this.#options
    // Only a request that provably never left this machine is sent again: any other may have been applied.
    return this.#retrying(
      () =>
        this.#exchange(request, () => {
          // A POST cut off by the deadline has an unknown outcome: better not to send it at all.
          if (scheduler.deadline - clock.now() < POST_ANSWER_MARGIN_MS) throw new Problem('deadline', { notSent: true })
        }),
      { retryable: (problem) => problem.details.notSent === true && isTransient(problem), read: false },
    )
  }

  /**
   * Tries `attempt` until it succeeds, fails in a way `retryable` refuses, runs out of retries, or
   * the next try would start past the deadline, or the workflow is cancelled. p-retry runs the
   * attempts; the backoff (doubling from `minDelayMs` up to `maxDelayMs`, then +-50 % jitter so
   * parallel jobs drift apart) is slept here, on the injected clock, so tests replay it exactly.
   * When the deadline cuts short the retries of a read, the fault being retried is what the user
   * must hear about, not the deadline. A POST keeps the deadline: it tells whether it may have
   * been applied.
   */
  #retrying<T>(
    attempt: () => Promise<T>,
    {
      retryable,
      onRetry,
      read,
    }: { retryable: (problem: Problem) => boolean; onRetry?: (problem: Problem, delayMs: number) => void; read: boolean },
  ): Promise<T> {
    const { retry = DEFAULT_RETRY, clock, scheduler, signal, random = Math.random } = this.#options
    let retried: Problem | undefined
    return pRetry(attempt, {
      retries: retry.retries,
      minTimeout: 0,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (read && retried && error instanceof Problem && error.code === 'deadline') throw retried
        if (signal?.aborted || !(error instanceof Problem) || !retryable(error) || retriesLeft === 0) throw error
        const delayMs = Math.round(retryPauseMs(retry, attemptNumber) * (0.5 + random()))
        if (clock.now() + delayMs >= scheduler.deadline) throw error
        onRetry?.(error, delayMs)
        retried = error
        // Cancelled during the pause: the last attempt's problem stands, the next was never sent.
        await clock.sleep(delayMs, signal).catch(() => {
          throw error
        })
      },
    })
  }

  /** Server text is made safe here, once, before the rest of the action sees it. */
  #scrubbed(snapshot: StatusSnapshot): StatusSnapshot {
    const { redact } = this.#options
    // Error text made only of control characters would scrub to nothing and read as "no error".
    const text = (value: string | null): string | null =>
      value === null ? null : scrub(value, redact) || (value.trim() === '' ? '' : scrub(JSON.stringify(value), redact))
    return {
      ...snapshot,
      status: scrubWord(snapshot.status, redact),
      kuboStatusType: snapshot.kuboStatusType === null ? null : scrubWord(snapshot.kuboStatusType, redact),
      rawMsg: text(snapshot.rawMsg),
    }
  }

  #url(path: string): URL {
    return apiUrl(this.#options.baseUrl, path, this.#options.credentials)
  }

  /** One request in its scheduler turn; `beforeSend` may still call it off once the turn has come. */
  async #exchange(request: HttpRequest, beforeSend?: () => void): Promise<Json> {
    return this.#options.scheduler.run(async () => {
      beforeSend?.()
      return this.#interpret(await this.#send(request))
    })
  }

  /**
   * One request, bounded by the step's deadline as well as by the transport's own timeouts: a
   * server that stops answering near the end cannot hold the step past its `timeout`. The race
   * holds even for a transport that ignores its signal; the signal lets a cooperative one stop.
   */
  async #send(request: HttpRequest): Promise<HttpResponse> {
    const { transport, clock, scheduler, signal } = this.#options
    const bound = new AbortController()
    const cancel = (): void => bound.abort(signal?.reason)
    if (signal?.aborted) cancel()
    signal?.addEventListener('abort', cancel, { once: true })
    const finished = new AbortController()
    clock.sleep(Math.max(0, scheduler.deadline - clock.now()), finished.signal).then(
      () => bound.abort(new Problem('deadline')),
      () => undefined,
    )
    const stopped = new Promise<never>((_resolve, reject) => {
      if (bound.signal.aborted) reject(bound.signal.reason)
      bound.signal.addEventListener('abort', () => reject(bound.signal.reason), { once: true })
    })
    stopped.catch(() => undefined)
    try {
      return await Promise.race([transport(request, bound.signal), stopped])
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (bound.signal.aborted) throw new Problem('deadline')
      throw error
    } finally {
      finished.abort()
      signal?.removeEventListener('abort', cancel)
    }
  }

  /** Turns any answer into JSON worth parsing, or into the Problem it is. */
  #interpret(response: HttpResponse): Json {
    const { status } = response
    const json = parseJson(response.body)
    const errorCode = isObject(json) && typeof json.error === 'string' ? scrub(json.error, this.#options.redact, 80) : undefined
    const details = { httpStatus: status, ...(errorCode ? { errorCode } : {}), excerpt: this.#excerpt(response.body, json) }

    if (errorCode === 'RATE_LIMIT_EXCEEDED' || status === 429) {
      return throwProblem('rate-limited', { ...details, retryAfterMs: retryAfterMs(details.excerpt) })
    }
    if (status >= 300 && status < 400) return throwProblem('redirect', details)
    const namesOurKey = OUR_CREDENTIALS_REFUSED.test(`${errorCode ?? ''} ${details.excerpt}`)
    if (status === 401 || status === 403)
      return throwProblem('credentials-refused', { ...details, keyRefused: status === 401 || namesOurKey })
    if (status === 404) return throwProblem('not-found', details)
    if (status >= 500) return throwProblem('server-error', details)
    if (status >= 400 || (isObject(json) && json.success === false)) {
      return namesOurKey ? throwProblem('credentials-refused', { ...details, keyRefused: true }) : throwProblem('rejected', details)
    }
    if (status !== 200 && status !== 201) return throwProblem('unreadable-answer', details)
    if (!isObject(json)) return throwProblem('unreadable-answer', details)
    return json
  }

  #excerpt(body: string, json: unknown): string {
    if (isObject(json)) {
      const said = [json.error, json.message].filter((part) => typeof part === 'string').join(': ')
      if (said) return scrub(said, this.#options.redact)
    }
    // An HTML error page from a proxy: its text, not its markup.
    return scrub(body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '), this.#options.redact, 120)
  }
}

/**
 * A status word that scrubbing had to change ("active\n", " active") is shown quoted, as
 * received: scrubbed, it could read as a known status and be judged healthy.
 */
function scrubWord(value: string, redact: Redactor): string {
  const scrubbed = scrub(value, redact, 80)
  return scrubbed !== value && /^[a-z_]+$/i.test(scrubbed) ? scrub(JSON.stringify(value), redact, 80) : scrubbed
}

function throwProblem(code: ConstructorParameters<typeof Problem>[0], details: ConstructorParameters<typeof Problem>[1]): never {
  throw new Problem(code, details)
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

/** Kondado says "Please try again in 60 seconds": believe the number, within reason. */
function retryAfterMs(message: string): number {
  const seconds = Number(/(\d+)\s*sec/i.exec(message)?.[1] ?? 60)
  return Math.min(Math.max(seconds, 1), 300) * 1000
}

/**
 * A status answer is `{"<id>": {...}}` for pipelines and `{"success": true, "data": {"<id>": {...}}}`
 * for models; either shape is accepted for both, since Kondado does not promise which.
 */
function parseStatus(json: Json, id: number): StatusSnapshot {
  const body = json.success === true && isObject(json.data) ? json.data : json
  const entry = body[String(id)]
  if (!isObject(entry) || typeof entry.status !== 'string' || entry.status === '') {
    throw new Problem('unreadable-answer', { excerpt: isObject(entry) ? 'no status in the answer' : `no entry for id ${id} in the answer` })
  }
  const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)
  const text = (value: unknown): string | null =>
    value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value)
  return {
    status: entry.status,
    isRunning: flag(entry.is_running),
    isActive: flag(entry.is_active),
    isBlocked: flag(entry.is_blocked),
    kuboStatusType: text(entry.kubo_status_type),
    rawMsg: text(entry.raw_msg),
  }
}

/** The new id comes nested twice (`data.data.new_pipeline_id`); once is accepted too. */
function parseNewPipelineId(json: Json): number {
  const outer = isObject(json.data) ? json.data : undefined
  const inner = outer && isObject(outer.data) ? outer.data : outer
  const id = inner?.new_pipeline_id
  const value = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new Problem('unreadable-answer', { excerpt: 'no new_pipeline_id in the answer' })
  }
  return value
}

/** Kondado's wire format for a duplicate, field for field, in the order its API document lists them. */
function duplicateBody(request: DuplicateRequest): Record<string, unknown> {
  return {
    pipeline_id: request.basePipelineId,
    src_collection_id: request.sourceCollectionId,
    dest_collection_id: request.destinationCollectionId,
    ...(request.clientId === undefined ? {} : { client_id: request.clientId }),
    ...(request.name === undefined ? {} : { name: request.name }),
    full_tables: request.fullTables,
    ...(request.deltasTables === undefined ? {} : { deltas_tables: request.deltasTables }),
    ...(request.overwriteParameters === undefined ? {} : { overwrite_parameters: request.overwriteParameters }),
    execute_immediately: request.runAtOnce ? 'Y' : 'N',
  }
}
