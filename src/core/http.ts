import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici'
import { Problem } from './problem.ts'

export interface HttpRequest {
  readonly method: 'GET' | 'POST'
  readonly url: URL
  readonly body?: string
}

export interface HttpResponse {
  readonly status: number
  readonly body: string
}

/** Sends one request, once. Injected, so the client runs against a model in virtual time. */
export type Transport = (request: HttpRequest, signal?: AbortSignal) => Promise<HttpResponse>

export interface TransportLimits {
  readonly connectTimeoutMs: number
  /** Time for the whole exchange, headers and body: a server that accepts and never answers ends here. */
  readonly requestTimeoutMs: number
  readonly maxResponseBytes: number
}

export const DEFAULT_LIMITS: TransportLimits = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // A status answer is a few hundred bytes; anything near this is not Kondado talking.
  maxResponseBytes: 1024 * 1024,
}

/**
 * Errors after which the request provably never left this machine, so even a POST that must
 * not be applied twice may be sent again.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH'])

function networkProblem(error: unknown, nothingListensAt?: string): Problem {
  const code = errorCode(error)
  // A proxy that refuses the tunnel has passed nothing on to Kondado.
  return new Problem('network', {
    networkCode: code,
    notSent: NOT_SENT_CODES.has(code) || code.startsWith('PROXY_'),
    ...(nothingListensAt ? { nothingListensAt } : {}),
  })
}

/**
 * The hosts that are this machine, as messages and docs name them, each with the pattern of host
 * names it stands for: the only ones plain http may go to (a simulator in tests), and never
 * through a proxy.
 */
const LOOPBACK_HOSTS: Readonly<Record<string, string>> = {
  localhost: 'localhost',
  '127.x.x.x': '127(\\.\\d{1,3}){3}',
  '[::1]': '\\[::1\\]',
}
const LOOPBACK_HOST = new RegExp(`^(${Object.values(LOOPBACK_HOSTS).join('|')})$`)
export const LOOPBACK_HOST_NAMES: readonly string[] = Object.keys(LOOPBACK_HOSTS)
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOST.test(hostname)

/** The addresses a loopback host name resolves to. */
const LOOPBACK_ADDRESS = /^(127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/

/**
 * For a URL on this machine, its port and its scheme://host:port: never more of it, since its
 * query carries the key and token.
 */
function onThisMachine(url: URL): { address: string; port: number } | undefined {
  if (!isLoopbackHost(url.hostname)) return undefined
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  return { address: `${url.protocol}//${url.hostname}:${port}`, port }
}

/**
 * Whether the connection refused was the request's own, to that port on this machine, and not a
 * proxy's on the way. Node names the address and port it tried on the error, or on each of an
 * AggregateError's (localhost: ::1, then 127.0.0.1).
 */
function refusedAt(error: unknown, port: number): boolean {
  const tried = (e: unknown, depth: number): boolean => {
    if (typeof e !== 'object' || e === null || depth >= 8) return false
    const { code, address, port: triedPort, errors, cause } = e as Record<string, unknown>
    if (code === 'ECONNREFUSED' && typeof address === 'string' && LOOPBACK_ADDRESS.test(address) && triedPort === port) return true
    return (Array.isArray(errors) && errors.some((inner) => tried(inner, depth + 1))) || tried(cause, depth + 1)
  }
  return tried(error, 0)
}

function errorCode(error: unknown): string {
  // undici says only this, with a generic code, when the proxy answers CONNECT with other than 200.
  const proxyStatus = /^Proxy response \((\d{3})\)/.exec(error instanceof Error ? error.message : '')
  if (proxyStatus) return `PROXY_${proxyStatus[1]}`
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name } = e as { code?: unknown; name?: unknown }
    // Only a code's usual shape is passed on: it ends up in messages the user reads.
    if (typeof code === 'string' && code !== 'UND_ERR') return /^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : 'UNKNOWN'
    if (name === 'TimeoutError') return 'ETIMEDOUT'
  }
  return 'UNKNOWN'
}

/** A proxy for Kondado's address, and the hosts that go around it (in NO_PROXY's format). */
export interface ProxySettings {
  readonly url: string
  readonly noProxy: string
}

/** Connections with a timeout on every phase, direct or through the runner's proxy. */
export function createDispatcher(limits: TransportLimits, proxy?: ProxySettings): Dispatcher {
  const timeouts = {
    connectTimeout: limits.connectTimeoutMs,
    headersTimeout: limits.requestTimeoutMs,
    bodyTimeout: limits.requestTimeoutMs,
  }
  if (!proxy) return new Agent(timeouts)
  // A tunnel (CONNECT) carrying TLS: the proxy learns the host and port, never the request's
  // URL, which carries the token. Only an https base URL gets here: a loopback one is never proxied.
  return new EnvHttpProxyAgent({ ...timeouts, httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: proxy.noProxy, proxyTunnel: true })
}

/**
 * The real transport: undici with a timeout on every phase, no redirects (undici follows
 * none unless told to, and the token would travel with one), and a cap on the answer's size.
 *
 * A base-url on this machine (a simulator) that refuses a read, having refused the request before
 * it too, has nothing listening: that read's problem names the address (`nothingListensAt`), and
 * it is not retried. The first refusal is retried as any other, so a server still starting gets
 * one more try; a POST keeps its retries (it is provably not sent, and `run` reads first anyway).
 */
export function createUndiciTransport(
  limits: TransportLimits = DEFAULT_LIMITS,
  dispatcher: Dispatcher = createDispatcher(limits),
): Transport {
  /** Connections refused in a row, by loopback address: an answer from it starts the count afresh. */
  const refusals = new Map<string, number>()
  return async (req, signal) => {
    const local = onThisMachine(req.url)
    const timeout = AbortSignal.timeout(limits.requestTimeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
    try {
      const response = await request(req.url, {
        method: req.method,
        dispatcher,
        signal: combined,
        headers: {
          accept: 'application/json',
          'user-agent': 'kondado-github-action',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(req.body === undefined ? {} : { body: req.body }),
      })
      if (local) refusals.delete(local.address)
      const body = await readLimited(response.body, limits.maxResponseBytes)
      return { status: response.statusCode, body }
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (error instanceof Problem) throw error
      if (!local || !refusedAt(error, local.port)) throw networkProblem(error)
      const inARow = (refusals.get(local.address) ?? 0) + 1
      refusals.set(local.address, inARow)
      throw networkProblem(error, req.method === 'GET' && inARow >= 2 ? local.address : undefined)
    }
  }
}

async function readLimited(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      body.destroy()
      throw new Problem('too-large')
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
