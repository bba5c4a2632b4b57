// Everything that can go wrong, as data: a code the messages module turns into words in the
// user's language, and details that were scrubbed before they got here. No stack trace and no
// URL ever reaches the user (at most a base-url's scheme://host:port on this machine); only these.

export type ProblemCode =
  | 'credentials-refused' // 401/403 or an error that names the key or token
  | 'not-found' // 404: wrong id, or not visible to this token
  | 'rejected' // Kondado answered success: false, or another 4xx
  | 'server-error' // 5xx
  | 'unreadable-answer' // not JSON, cut short, or not the expected shape
  | 'redirect' // a 3xx: never followed, the token would go with it
  | 'too-large' // the answer passed the size limit
  | 'network' // no answer: refused, reset, timed out
  | 'rate-limited' // RATE_LIMIT_EXCEEDED; paused on and repeated, surfaces only at the deadline
  | 'deadline' // the step's timeout came first
  | 'cancelled' // the workflow was cancelled
  | 'internal' // a bug in this action, not an answer from Kondado

export interface ProblemDetails {
  /** HTTP status, when there was an answer. */
  readonly httpStatus?: number
  /** Kondado's error code, e.g. RATE_LIMIT_EXCEEDED. */
  readonly errorCode?: string
  /** A short scrubbed excerpt of what Kondado said. */
  readonly excerpt?: string
  /** A network error code such as ECONNREFUSED. */
  readonly networkCode?: string
  /**
   * For a read refused by a base-url on this machine (localhost, 127.x, [::1]) that refused the
   * request before it too: its scheme://host:port (never its path or query), where nothing listens.
   */
  readonly nothingListensAt?: string
  /** For an internal error: the error's name (e.g. TypeError), never its message, which may quote a URL. */
  readonly errorName?: string
  /** Pause Kondado asked for, for rate-limited answers. */
  readonly retryAfterMs?: number
  /** `true` when a request was provably never sent, so even a POST may be sent again. */
  readonly notSent?: boolean
  /**
   * `true` when the refusal is about the key or token themselves (a 401, or Kondado naming
   * them), so every other read would be refused too; a bare 403 may concern one resource only.
   */
  readonly keyRefused?: boolean
  /** Set when the retries ran out before the timeout did: how many tries were made, over how long. */
  readonly tries?: number
  readonly triedForMs?: number
}

export class Problem extends Error {
  readonly code: ProblemCode
  readonly details: ProblemDetails

  constructor(code: ProblemCode, details: ProblemDetails = {}) {
    super(`${code}${details.httpStatus ? ` (HTTP ${details.httpStatus})` : ''}${details.errorCode ? ` ${details.errorCode}` : ''}`)
    this.name = 'Problem'
    this.code = code
    this.details = details
  }
}

/**
 * Worth another try for a read: the fault may be gone a few seconds later. A proxy's 4xx to the
 * tunnel (407: it wants credentials; 403: the host is not allowed) is its configuration, not a fault;
 * nothing listening at a base-url on this machine (a simulator not started) is the user's to fix,
 * and retrying it for minutes would only hide that.
 */
export function isTransient(problem: Problem): boolean {
  if (problem.code === 'network') return !/^PROXY_4/.test(problem.details.networkCode ?? '') && !problem.details.nothingListensAt
  return problem.code === 'server-error' || problem.code === 'unreadable-answer'
}

/**
 * After a POST failed this way, Kondado may have applied it: sending it again could start a
 * second run or create a second pipeline.
 */
export function mayHaveBeenApplied(problem: Problem): boolean {
  if (problem.details.notSent === true) return false
  switch (problem.code) {
    case 'network':
    case 'server-error':
    case 'unreadable-answer':
    case 'too-large':
    case 'redirect': // a server may apply a POST and then answer "303 See Other": a redirect proves nothing
    case 'deadline':
    case 'cancelled':
    case 'internal': // a bug may strike after the request left: its outcome is not known
      return true
    default:
      return false
  }
}

/**
 * Anything thrown becomes a Problem; what is not one already is a bug, never "network". Once the
 * workflow is cancelled, whatever was thrown is a cancellation, which keeps only whether the
 * request it stopped had provably not been sent.
 */
export function asProblem(error: unknown, signal?: AbortSignal): Problem {
  const notSent = error instanceof Problem && error.details.notSent === true
  if (signal?.aborted) return new Problem('cancelled', notSent ? { notSent } : {})
  if (error instanceof Problem) return error
  // Not a Kondado problem but a bug: its name only, since its message may quote a URL, which carries the token.
  return new Problem('internal', { errorName: error instanceof Error ? error.name : 'UNKNOWN' })
}
