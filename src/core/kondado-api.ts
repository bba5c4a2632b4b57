// Kondado's API as this action speaks it, in one place: the paths and URLs, the one mapping from
// the project's words to Kondado's wire format, what an HTTP answer means (JSON worth parsing, or
// the Problem it is), and reading a good answer's JSON. Pure: no request is sent from here, and
// every piece of server text that leaves here is scrubbed.

import type { HttpResponse } from './http.ts'
import { Problem, type ProblemCode, type ProblemDetails } from './problem.ts'
import { type Redactor, scrub } from './safe-text.ts'
import type { Credentials, DuplicateRequest, ResourceRef, StatusSnapshot } from './vocabulary.ts'

// ---- Paths and URLs

export const statusPath = (resource: ResourceRef): string =>
  `/${resource.kind === 'pipeline' ? 'pipelines' : 'models'}/${resource.id}/status`

export const runPath = (pipelineId: number): string => `/pipelines/${pipelineId}/run`

export const DUPLICATE_PATH = '/pipelines'

/** Kondado's wire format for a duplicate, field for field, in the order its API document lists them. */
export function duplicateBody(request: DuplicateRequest): string {
  // An optional field left undefined is left out by JSON.stringify, as Kondado expects of a field not given.
  return JSON.stringify({
    pipeline_id: request.basePipelineId,
    src_collection_id: request.sourceCollectionId,
    dest_collection_id: request.destinationCollectionId,
    client_id: request.clientId,
    name: request.name,
    full_tables: request.fullTables,
    deltas_tables: request.deltasTables,
    overwrite_parameters: request.overwriteParameters,
    execute_immediately: request.runAtOnce ? 'Y' : 'N',
  })
}

/**
 * The one place that builds API URLs. The credentials go into the query string, as Kondado
 * requires, so a URL from here is a secret: it is handed to the transport and nowhere else.
 */
export function apiUrl(baseUrl: URL, path: string, credentials: Credentials): URL {
  const url = new URL(baseUrl.href.replace(/\/+$/, '') + path)
  url.searchParams.set('key', credentials.key)
  url.searchParams.set('token', credentials.token)
  return url
}

const APP_URL = 'https://app.kondado.com.br'

/** The app's list of pipelines, to look for one whose id is not known. */
export const APP_PIPELINES_URL = `${APP_URL}/pipelines`

/** Where a person sees the resource in the Kondado app. */
export function appUrl(resource: ResourceRef): string {
  return `${APP_URL}/${resource.kind === 'pipeline' ? 'pipelines' : 'models'}/${resource.id}`
}

// ---- What an answer means

export type Json = Record<string, unknown>
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A `success: false` that is about this action's own key or token, as opposed to a refusal that
 * merely mentions a key (a source connection's credentials, say): only the former stops the step.
 * Tested on the excerpt, which starts with the error code and has its whitespace runs collapsed.
 */
const OUR_CREDENTIALS_REFUSED =
  /\b(INVALID_(TOKEN|KEY|CREDENTIALS)|UNAUTHORI[SZ]ED)\b|\b(invalid|wrong|unknown|expired|revoked|disabled|missing)\s(api\s)?(key|token|credentials)\b|\b(key|token)\s(is\s)?(invalid|expired|revoked|disabled)\b/i

/** Turns any answer into JSON worth parsing, or throws the Problem it is. */
export function interpret(response: HttpResponse, redact: Redactor): Json {
  const { status } = response
  const json = parseJson(response.body)
  const errorCode = isObject(json) && typeof json.error === 'string' ? scrub(json.error, redact, 80) : undefined
  const details = { httpStatus: status, ...(errorCode ? { errorCode } : {}), excerpt: excerpt(response.body, json, redact) }
  const fail = (code: ProblemCode, extra: ProblemDetails = {}): never => {
    throw new Problem(code, { ...details, ...extra })
  }

  if (errorCode === 'RATE_LIMIT_EXCEEDED' || status === 429) return fail('rate-limited', { retryAfterMs: retryAfterMs(details.excerpt) })
  if (status >= 300 && status < 400) return fail('redirect')
  const namesOurKey = OUR_CREDENTIALS_REFUSED.test(details.excerpt)
  if (status === 401 || status === 403) return fail('credentials-refused', { keyRefused: status === 401 || namesOurKey })
  if (status === 404) return fail('not-found')
  if (status >= 500) return fail('server-error')
  if (status >= 400 || (isObject(json) && json.success === false)) {
    return namesOurKey ? fail('credentials-refused', { keyRefused: true }) : fail('rejected')
  }
  if ((status !== 200 && status !== 201) || !isObject(json)) return fail('unreadable-answer')
  return json
}

function excerpt(body: string, json: unknown, redact: Redactor): string {
  if (isObject(json)) {
    const said = [json.error, json.message].filter((part) => typeof part === 'string').join(': ')
    if (said) return scrub(said, redact)
  }
  // An HTML error page from a proxy: its text, not its markup.
  return scrub(body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '), redact, 120)
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

// ---- Reading a good answer

/**
 * A status answer is `{"<id>": {...}}` for pipelines and `{"success": true, "data": {"<id>": {...}}}`
 * for models; either shape is accepted for both, since Kondado does not promise which.
 */
export function parseStatus(json: Json, id: number, redact: Redactor): StatusSnapshot {
  const body = json.success === true && isObject(json.data) ? json.data : json
  const entry = body[String(id)]
  if (!isObject(entry) || typeof entry.status !== 'string' || entry.status === '') {
    throw new Problem('unreadable-answer', { excerpt: isObject(entry) ? 'no status in the answer' : `no entry for id ${id} in the answer` })
  }
  const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)
  const text = (value: unknown): string | null =>
    value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value)
  return scrubbed(
    {
      status: entry.status,
      isRunning: flag(entry.is_running),
      isActive: flag(entry.is_active),
      isBlocked: flag(entry.is_blocked),
      kuboStatusType: text(entry.kubo_status_type),
      rawMsg: text(entry.raw_msg),
    },
    redact,
  )
}

/** Anything but the documented `{"success": true}` leaves it open whether the run was queued. */
export function parseRunAccepted(json: Json): void {
  if (json.success !== true) throw new Problem('unreadable-answer', { excerpt: 'no "success": true in the answer' })
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

/** Server text is made safe here, once, before the rest of the action sees it. */
function scrubbed(snapshot: StatusSnapshot, redact: Redactor): StatusSnapshot {
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

/**
 * A status word that scrubbing had to change ("active\n", " active") is shown quoted, as
 * received: scrubbed, it could read as a known status and be judged healthy.
 */
function scrubWord(value: string, redact: Redactor): string {
  const scrubbed = scrub(value, redact, 80)
  return scrubbed !== value && /^[a-z_]+$/i.test(scrubbed) ? scrub(JSON.stringify(value), redact, 80) : scrubbed
}
