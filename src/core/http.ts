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

function networkProblem(error: unknown): Problem {
  const code = errorCode(error)
  // A proxy that refuses the tunnel has passed nothing on to Kondado.
  return new Problem('network', { networkCode: code, notSent: NOT_SENT_CODES.has(code) || code.startsWith('PROXY_') })
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
  // A tunnel (CONNECT) even to an http:// base URL: the proxy learns the host and port, never
  // the request's URL, which carries the token.
  return new EnvHttpProxyAgent({ ...timeouts, httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: proxy.noProxy, proxyTunnel: true })
}

/**
 * The real transport: undici with a timeout on every phase, no redirects (undici follows
 * none unless told to, and the token would travel with one), and a cap on the answer's size.
 */
export function createUndiciTransport(
  limits: TransportLimits = DEFAULT_LIMITS,
  dispatcher: Dispatcher = createDispatcher(limits),
): Transport {
  return async (req, signal) => {
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
      const body = await readLimited(response.body, limits.maxResponseBytes)
      return { status: response.statusCode, body }
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      throw error instanceof Problem ? error : networkProblem(error)
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
