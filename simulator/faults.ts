// Fault injection: what can go wrong between a client and Kondado, and when it fires.

export type RequestKind = 'pipeline-status' | 'model-status' | 'run' | 'duplicate' | 'other'

export type Fault =
  /** A proxy or server error page instead of Kondado's answer (request never reaches Kondado). */
  | { type: 'http'; status: number; body?: string; contentType?: string }
  /**
   * RATE_LIMIT_EXCEEDED whatever the windows say (request never reaches Kondado). Kondado asks for
   * 60 seconds; `seconds` asks for another pause, so a test need not wait a minute.
   */
  | { type: 'rate-limit'; seconds?: number }
  /** This exact JSON instead of a successful status answer (the read itself happens). */
  | { type: 'status'; value: unknown }
  /** A redirect instead of the answer (request never reaches Kondado). */
  | { type: 'redirect'; status: 301 | 302 | 307 | 308; location: string }
  /**
   * A valid JSON body of about `bytes` bytes (request never reaches Kondado); `chunked` sends it
   * without a content-length, in pieces, so only counting the bytes can stop it.
   */
  | { type: 'huge'; bytes: number; chunked?: boolean }
  /** For POSTs: the run starts or the pipeline is created, then the answer is lost. */
  | { type: 'apply-then'; then: 'reset' | 'hang' | 'http-500' | 'garbage' }
  /** Socket destroyed without an answer; nothing applied. */
  | { type: 'reset' }
  /** Never answered; nothing applied. */
  | { type: 'hang' }
  /** Request applied, then headers and half the body are sent and the socket destroyed. */
  | { type: 'truncate' }
  /** Request applied, then headers and half the body are sent and the socket stays open, silent. */
  | { type: 'stall' }
  /** Request applied, and its answer sent only after `ms`. */
  | { type: 'delay'; ms: number }

export interface FaultMatch {
  method?: string
  /** A string matches the path exactly; a RegExp is tested against the path. */
  path?: RegExp | string
  kind?: RequestKind
}

export interface InjectOptions {
  match?: FaultMatch
  /** How many matching requests it hits; default 1, Infinity allowed. */
  times?: number
}

/** Returned by inject() so a test can see whether and how often a fault fired. */
export interface InjectedFault {
  readonly fault: Fault
  readonly match: FaultMatch
  remaining: number
  fired: number
}

/**
 * Faults that replace the answer without the request reaching Kondado ('before'), and
 * faults that let Kondado handle it and then spoil a successful answer ('after'). An
 * 'after' fault waits for a request that would have succeeded, so `times: 1` always
 * spoils one real success instead of vanishing on a rate-limited request.
 */
export function faultPhase(fault: Fault): 'before' | 'after' {
  return fault.type === 'status' ||
    fault.type === 'apply-then' ||
    fault.type === 'truncate' ||
    fault.type === 'stall' ||
    fault.type === 'delay'
    ? 'after'
    : 'before'
}

/** Kinds a fault can hit at all, whatever the match says. */
function kindAllowed(fault: Fault, kind: RequestKind): boolean {
  if (fault.type === 'status') return kind === 'pipeline-status' || kind === 'model-status'
  if (fault.type === 'apply-then') return kind === 'run' || kind === 'duplicate'
  return true
}

export function faultMatches(f: InjectedFault, method: string, path: string, kind: RequestKind): boolean {
  if (f.remaining <= 0 || !kindAllowed(f.fault, kind)) return false
  const m = f.match
  if (m.method !== undefined && m.method.toUpperCase() !== method.toUpperCase()) return false
  if (m.kind !== undefined && m.kind !== kind) return false
  if (typeof m.path === 'string' && m.path !== path) return false
  if (m.path instanceof RegExp) {
    m.path.lastIndex = 0 // a /g or /y RegExp would otherwise alternate between hits and misses
    if (!m.path.test(path)) return false
  }
  return true
}

export function errorPage(status: number, title: string): string {
  return (
    `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head>` +
    `<body><center><h1>${status} ${title}</h1></center><hr><center>nginx</center></body></html>\n`
  )
}

export function hugeJson(bytes: number): string {
  const prefix = '{"success":true,"padding":"'
  const suffix = '"}'
  return prefix + 'x'.repeat(Math.max(0, bytes - prefix.length - suffix.length)) + suffix
}

export const GARBAGE_BODY = '\u0000\u001f\u008b garbage }{ not json ]]'
