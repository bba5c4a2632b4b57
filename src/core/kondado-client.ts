import pRetry from 'p-retry'
import type { Clock } from './clock.ts'
import type { HttpRequest, HttpResponse, Transport } from './http.ts'
import { apiUrl } from './kondado-url.ts'
import { isTransient, Problem } from './problem.ts'
import type { Redactor } from './redact.ts'
import type { RequestScheduler } from './scheduler.ts'
import { scrub } from './text.ts'
import type { Credentials, ResourceRef, StatusSnapshot } from './types.ts'

export interface RetryPolicy {
  /** Further attempts after the first, for reads. */
  readonly retries: number
  readonly minDelayMs: number
  readonly maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 5, minDelayMs: 2_000, maxDelayMs: 20_000 }

export interface KondadoClientOptions {
  readonly baseUrl: URL
  readonly credentials: Credentials
  readonly transport: Transport
  readonly scheduler: RequestScheduler
  readonly clock: Clock
  readonly redact: Redactor
  readonly retry?: RetryPolicy
  readonly signal?: AbortSignal
  /** Told before each retry of a read, so the log can say what is going on. */
  readonly onRetry?: (problem: Problem, delayMs: number) => void
}

export interface DuplicateRequest {
  readonly pipeline_id: number
  readonly src_collection_id: number
  readonly dest_collection_id: number
  readonly client_id?: number
  readonly name?: string
  readonly full_tables: Readonly<Record<string, string>>
  readonly deltas_tables?: Readonly<Record<string, string>>
  readonly overwrite_parameters?: Readonly<Record<string, unknown>>
  readonly execute_immediately: 'Y' | 'N'
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A `success: false` that is about this action's own key or token, as opposed to a refusal that
 * merely mentions a key (a source connection's credentials, say): only the former stops the step.
 */
const OUR_CREDENTIALS_REFUSED =
  /\b(INVALID_(TOKEN|KEY|CREDENTIALS)|UNAUTHORI[SZ]ED|FORBIDDEN)\b|\b(invalid|wrong|unknown|expired|revoked|disabled|missing)\s+(api\s+)?(key|token|credentials)\b|\b(key|token)\s+(is\s+)?(invalid|expired|revoked|disabled)\b/i

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
    const json = await this.#write('/pipelines', JSON.stringify(request))
    return parseNewPipelineId(json)
  }

  #read<T>(path: string, parse: (json: Json) => T): Promise<T> {
    const { retry = DEFAULT_RETRY, clock, scheduler, signal, onRetry } = this.#options
    return pRetry(async () => parse(await this.#exchange({ method: 'GET', url: this.#url(path) })), {
      retries: retry.retries,
      minTimeout: retry.minDelayMs,
      maxTimeout: retry.maxDelayMs,
      randomize: true,
      ...(signal ? { signal } : {}),
      shouldRetry: ({ error, retryDelay }) => {
        const retryable = error instanceof Problem && isTransient(error) && clock.now() + retryDelay < scheduler.deadline
        if (retryable) onRetry?.(error, retryDelay)
        return retryable
      },
    })
  }

  #write(path: string, body: string | undefined): Promise<Json> {
    const { signal } = this.#options
    const request: HttpRequest = { method: 'POST', url: this.#url(path), ...(body === undefined ? {} : { body }) }
    const { retry = DEFAULT_RETRY, clock, scheduler } = this.#options
    return pRetry(() => this.#exchange(request), {
      retries: retry.retries,
      minTimeout: retry.minDelayMs,
      maxTimeout: retry.maxDelayMs,
      randomize: true,
      ...(signal ? { signal } : {}),
      shouldRetry: ({ error, retryDelay }) =>
        error instanceof Problem && error.details.notSent === true && clock.now() + retryDelay < scheduler.deadline,
    })
  }

  /** Server text is made safe here, once, before the rest of the action sees it. */
  #scrubbed(snapshot: StatusSnapshot): StatusSnapshot {
    const { redact } = this.#options
    const text = (value: string | null, limit?: number): string | null => (value === null ? null : scrub(value, redact, limit))
    return {
      ...snapshot,
      status: scrub(snapshot.status, redact, 80),
      kuboStatusType: text(snapshot.kuboStatusType, 80),
      rawMsg: text(snapshot.rawMsg),
    }
  }

  #url(path: string): URL {
    return apiUrl(this.#options.baseUrl, path, this.#options.credentials)
  }

  async #exchange(request: HttpRequest): Promise<Json> {
    const { scheduler, transport, signal } = this.#options
    return scheduler.run(async () => this.#interpret(await transport(request, signal)))
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
    if (status === 401 || status === 403) return throwProblem('credentials-refused', details)
    if (status === 404) return throwProblem('not-found', details)
    if (status >= 500) return throwProblem('server-error', details)
    if (status >= 400 || (isObject(json) && json.success === false)) {
      return throwProblem(OUR_CREDENTIALS_REFUSED.test(`${errorCode ?? ''} ${details.excerpt}`) ? 'credentials-refused' : 'rejected', details)
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
export function parseStatus(json: Json, id: number): StatusSnapshot {
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
export function parseNewPipelineId(json: Json): number {
  const outer = isObject(json.data) ? json.data : undefined
  const inner = outer && isObject(outer.data) ? outer.data : outer
  const id = inner?.new_pipeline_id
  const value = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new Problem('unreadable-answer', { excerpt: 'no new_pipeline_id in the answer' })
  }
  return value
}
