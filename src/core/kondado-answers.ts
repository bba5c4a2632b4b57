// What an HTTP answer from Kondado means: JSON worth parsing, or the Problem it is. Pure, and
// every piece of server text that leaves here is scrubbed.

import type { HttpResponse } from './http.ts'
import { Problem, type ProblemCode, type ProblemDetails } from './problem.ts'
import type { Redactor } from './redact.ts'
import { scrub } from './text.ts'

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
