import { describe, test, expect, afterEach } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, Dispatcher } from 'undici'
import { ConnectProxy } from '../../__fixtures__/connect-proxy.ts'
import { createDispatcher, createUndiciTransport, DEFAULT_LIMITS, type TransportLimits } from '../../src/core/http.ts'
import { isTransient, Problem } from '../../src/core/problem.ts'
import { rejection } from './helpers.ts'

const LIMITS: TransportLimits = { connectTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxResponseBytes: 1_024 }
/**
 * What the transport's own timeouts end a request with: its request timeout (an AbortSignal.timeout,
 * ETIMEDOUT), or the connections' headers or body timeout, which createDispatcher sets to the same
 * requestTimeoutMs. Whichever fires first, the limit given ended the request, not the test's timeout.
 */
const OWN_TIMEOUTS = ['ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']
/**
 * A bound on tests whose timeouts are 300 ms that only a hang breaks: far above what a busy machine
 * adds, yet half of DEFAULT_LIMITS' 30 s request timeout and a quarter of jest's 60 s, so a request
 * that ignored the limit it was given, or never ended, still fails here and says so.
 */
const HANG_MS = 15_000

interface Running {
  server: Server
  url: (path: string) => URL
  hits: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[]
}

const servers: Server[] = []

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Running> {
  const hits: Running['hits'] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      handler(req, res)
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, hits, url: (path) => new URL(`http://127.0.0.1:${port}${path}`) }
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(Problem)
  return error as Problem
}

describe('answers', () => {
  test('status and body come back as they were sent, with the request as asked', async () => {
    const { url, hits } = await serve((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
    })
    const transport = createUndiciTransport(LIMITS)
    const target = url('/pipelines?key=k&token=t%20x')
    expect(await transport({ method: 'POST', url: target, body: '{"a":1}' })).toEqual({ status: 201, body: '{"ok":true}' })
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ method: 'POST', url: '/pipelines?key=k&token=t%20x', body: '{"a":1}' })
    expect(hits[0]?.headers['content-type']).toBe('application/json')
    expect(hits[0]?.headers.accept).toBe('application/json')
  })

  test('a GET has no body and no content-type', async () => {
    const { url, hits } = await serve((_req, res) => res.end('{}'))
    await createUndiciTransport(LIMITS)({ method: 'GET', url: url('/x') })
    expect(hits[0]?.body).toBe('')
    expect(hits[0]?.headers['content-type']).toBeUndefined()
    expect(hits[0]?.headers['user-agent']).toBe('kondado-github-action')
  })

  test('an error status is an answer, not a throw', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(503)
      res.end('<html>down</html>')
    })
    expect(await createUndiciTransport(LIMITS)({ method: 'GET', url: url('/x') })).toEqual({ status: 503, body: '<html>down</html>' })
  })

  test('the default limits', () => {
    expect(DEFAULT_LIMITS).toEqual({ connectTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxResponseBytes: 1_048_576 })
  })
})

describe('size limit', () => {
  test('an answer over maxResponseBytes with a content-length is too-large', async () => {
    const { url } = await serve((_req, res) => {
      const body = 'x'.repeat(2_048)
      res.writeHead(200, { 'content-length': String(body.length) })
      res.end(body)
    })
    expect((await problemOf(createUndiciTransport(LIMITS)({ method: 'GET', url: url('/big') }))).code).toBe('too-large')
  })

  test('a chunked answer that grows past maxResponseBytes is too-large', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      for (let i = 0; i < 20; i++) res.write('y'.repeat(200))
      res.end()
    })
    expect((await problemOf(createUndiciTransport(LIMITS)({ method: 'GET', url: url('/big') }))).code).toBe('too-large')
  })

  test('an answer exactly at the limit is read whole', async () => {
    const { url } = await serve((_req, res) => res.end('z'.repeat(1_024)))
    expect((await createUndiciTransport(LIMITS)({ method: 'GET', url: url('/edge') })).body).toHaveLength(1_024)
  })
})

describe('network problems', () => {
  test('a server that never answers is a network problem within requestTimeoutMs', async () => {
    const { url } = await serve(() => {
      // accepts and says nothing
    })
    const transport = createUndiciTransport({ ...LIMITS, requestTimeoutMs: 300 })
    const started = performance.now()
    const problem = await problemOf(transport({ method: 'GET', url: url('/hang') }))
    const elapsed = performance.now() - started
    expect(problem.code).toBe('network')
    expect(problem.details.notSent).not.toBe(true)
    expect(elapsed).toBeGreaterThanOrEqual(250)
    // Ended by the 300 ms limit, not by a reset or the test's timeout; the time is no bound on a busy machine.
    expect(OWN_TIMEOUTS).toContain(problem.details.networkCode)
    expect(elapsed).toBeLessThan(HANG_MS)
  })

  test('a body that stops halfway is a network problem within requestTimeoutMs', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' })
      res.write('{"2040": ')
    })
    const started = performance.now()
    const problem = await problemOf(createUndiciTransport({ ...LIMITS, requestTimeoutMs: 300 })({ method: 'GET', url: url('/slow') }))
    expect(problem.code).toBe('network')
    // Ended by the 300 ms limit, not by the server or the test's timeout; the time is no bound on a busy machine.
    expect(OWN_TIMEOUTS).toContain(problem.details.networkCode)
    expect(performance.now() - started).toBeLessThan(HANG_MS)
  })

  test('a refused connection is a network problem that provably was not sent', async () => {
    const { server, url } = await serve(() => undefined)
    const target = url('/x')
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const problem = await problemOf(createUndiciTransport(LIMITS)({ method: 'POST', url: target, body: '{}' }))
    expect(problem.code).toBe('network')
    expect(problem.details.networkCode).toBe('ECONNREFUSED')
    expect(problem.details.notSent).toBe(true)
  })

  test('a connection reset after the request went out may have been applied', async () => {
    const { url } = await serve((req) => req.socket.destroy())
    const problem = await problemOf(createUndiciTransport(LIMITS)({ method: 'POST', url: url('/pipelines/1/run'), body: '{}' }))
    expect(problem.code).toBe('network')
    expect(problem.details.notSent).not.toBe(true)
  })

  test('with a caller signal that never fires, a server that never answers still ends within requestTimeoutMs', async () => {
    const { url } = await serve(() => undefined)
    // The connection's own timeouts are far longer: only the request's timeout can end this.
    const dispatcher = new Agent({ connectTimeout: 60_000, headersTimeout: 60_000, bodyTimeout: 60_000 })
    const started = performance.now()
    const problem = await problemOf(
      createUndiciTransport({ ...LIMITS, requestTimeoutMs: 300 }, dispatcher)(
        { method: 'GET', url: url('/hang') },
        new AbortController().signal,
      ),
    )
    // ETIMEDOUT is the request's own AbortSignal.timeout: the connection's 60 s timeouts would say
    // UND_ERR_*_TIMEOUT. That, not the time taken, shows the request's timeout ended it.
    expect(problem.details.networkCode).toBe('ETIMEDOUT')
    expect(performance.now() - started).toBeLessThan(HANG_MS)
    await dispatcher.close()
  })

  test("the connections' own timeouts end a stalled answer too, whatever the request's timeout", async () => {
    const { url } = await serve(() => undefined)
    const dispatcher = createDispatcher({ ...LIMITS, requestTimeoutMs: 300 })
    const transport = createUndiciTransport({ ...LIMITS, requestTimeoutMs: 60_000 }, dispatcher)
    const problem = await problemOf(transport({ method: 'GET', url: url('/hang') }))
    expect(problem.details.networkCode).toBe('UND_ERR_HEADERS_TIMEOUT')
    await dispatcher.close()
  })

  test('an abort of the caller rejects with its reason, not as a network problem', async () => {
    const { url } = await serve(() => undefined)
    const controller = new AbortController()
    const reason = new Error('cancelled')
    setTimeout(() => controller.abort(reason), 50)
    expect(await rejection(createUndiciTransport(LIMITS)({ method: 'GET', url: url('/hang') }, controller.signal))).toBe(reason)
  })
})

describe('redirects', () => {
  test('a 302 comes back as status 302 and its Location is never requested', async () => {
    const target = await serve((_req, res) => res.end('stolen'))
    const origin = await serve((_req, res) => {
      res.writeHead(302, { location: target.url('/steal').href })
      res.end()
    })
    const answer = await createUndiciTransport(LIMITS)({ method: 'GET', url: origin.url('/pipelines/1/status?key=k&token=secret') })
    expect(answer.status).toBe(302)
    expect(origin.hits).toHaveLength(1)
    expect(target.hits).toEqual([])
  })

  test.each([301, 307, 308])('a %d is not followed either', async (status) => {
    const target = await serve((_req, res) => res.end('stolen'))
    const origin = await serve((_req, res) => {
      res.writeHead(status, { location: target.url('/steal').href })
      res.end()
    })
    const answer = await createUndiciTransport(LIMITS)({ method: 'POST', url: origin.url('/run'), body: '{}' })
    expect(answer.status).toBe(status)
    expect(target.hits).toEqual([])
  })
})

describe('through a proxy', () => {
  const proxies: ConnectProxy[] = []
  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.stop()
  })
  async function startProxy(credentials?: { user: string; password: string }): Promise<ConnectProxy> {
    const proxy = new ConnectProxy(credentials)
    proxies.push(proxy)
    await proxy.start()
    return proxy
  }
  const viaProxy = (url: string, noProxy = '') => createUndiciTransport(LIMITS, createDispatcher(LIMITS, { url, noProxy }))

  test('the request goes through a CONNECT tunnel: the proxy sees host and port, never the URL with the token', async () => {
    const origin = await serve((_req, res) => res.end('{"ok":true}'))
    const proxy = await startProxy()
    const target = origin.url('/pipelines/1/status?key=k&token=s3cret')
    expect(await viaProxy(proxy.url)({ method: 'GET', url: target })).toEqual({ status: 200, body: '{"ok":true}' })
    expect(origin.hits.map((hit) => hit.url)).toEqual(['/pipelines/1/status?key=k&token=s3cret'])
    expect(proxy.requests.map((r) => [r.method, r.target])).toEqual([['CONNECT', target.host]])
    expect(JSON.stringify(proxy.requests)).not.toContain('s3cret')
  })

  test('a user and password in the proxy address become Basic Proxy-Authorization', async () => {
    const origin = await serve((_req, res) => res.end('ok'))
    const proxy = await startProxy({ user: 'ci', password: 'p@ss:w rd' })
    const url = proxy.url.replace('http://', `http://ci:${encodeURIComponent('p@ss:w rd')}@`)
    expect((await viaProxy(url)({ method: 'GET', url: origin.url('/x') })).body).toBe('ok')
    expect(origin.hits).toHaveLength(1)
  })

  test('a proxy that refuses the tunnel (407): PROXY_407, known not sent, and nothing reached Kondado', async () => {
    const origin = await serve((_req, res) => res.end('ok'))
    const proxy = await startProxy({ user: 'ci', password: 'right' })
    const problem = await problemOf(
      viaProxy(proxy.url.replace('http://', 'http://ci:wrong@'))({ method: 'POST', url: origin.url('/run'), body: '{}' }),
    )
    expect(problem.details).toMatchObject({ networkCode: 'PROXY_407', notSent: true })
    expect(proxy.requests).toHaveLength(1)
    expect(origin.hits).toEqual([])
  })

  test('a proxy that is down: connection refused, known not sent, so even a POST may be sent again', async () => {
    const origin = await serve((_req, res) => res.end('ok'))
    const proxy = await startProxy()
    const url = proxy.url
    await proxy.stop()
    proxies.splice(0)
    const problem = await problemOf(viaProxy(url)({ method: 'POST', url: origin.url('/run'), body: '{}' }))
    expect(problem.details).toMatchObject({ networkCode: 'ECONNREFUSED', notSent: true })
    expect(origin.hits).toEqual([])
  })

  test('a host in no_proxy is reached directly', async () => {
    const origin = await serve((_req, res) => res.end('direct'))
    const proxy = await startProxy()
    expect((await viaProxy(proxy.url, 'example.com, 127.0.0.1')({ method: 'GET', url: origin.url('/x') })).body).toBe('direct')
    expect(proxy.requests).toEqual([])
  })
})

/** A connection that fails every request with `error`, as undici reports a failure it met. */
class FailingDispatcher extends Dispatcher {
  readonly #error: Error
  constructor(error: Error) {
    super()
    this.#error = error
  }
  override dispatch(_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    queueMicrotask(() => handler.onResponseError?.(null as never, this.#error))
    return true
  }
}

const withCode = (code: unknown, cause?: unknown): Error => Object.assign(new Error('request failed', { cause }), { code })
const problemFor = (error: Error): Promise<Problem> =>
  problemOf(
    createUndiciTransport(
      LIMITS,
      new FailingDispatcher(error),
    )({ method: 'POST', url: new URL('https://k2.kondado.com.br/x'), body: '{}' }),
  )

describe('what a network failure is reported as', () => {
  test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH'])(
    '%s: the request never left, so even a POST may be sent again',
    async (code) => {
      expect((await problemFor(withCode(code))).details).toEqual({ networkCode: code, notSent: true })
    },
  )

  test.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])('%s: the request may have arrived', async (code) => {
    expect((await problemFor(withCode(code))).details).toEqual({ networkCode: code, notSent: false })
  })

  test("undici's generic UND_ERR is looked through to the cause's code", async () => {
    expect((await problemFor(withCode('UND_ERR', withCode('ECONNREFUSED')))).details).toEqual({
      networkCode: 'ECONNREFUSED',
      notSent: true,
    })
  })

  test('a code is looked for down a chain of causes, eight deep at most', async () => {
    const chain = (depth: number): Error => {
      let error = withCode('ENOTFOUND')
      for (let i = 0; i < depth; i++) error = new Error(`wrapper ${i}`, { cause: error })
      return error
    }
    expect((await problemFor(chain(7))).details.networkCode).toBe('ENOTFOUND')
    expect((await problemFor(chain(8))).details.networkCode).toBe('UNKNOWN')
  })

  test('an error without a code, with a cause that is null, or that is its own cause: UNKNOWN', async () => {
    const loop = new Error('loop')
    Object.assign(loop, { cause: loop })
    for (const error of [new Error('no code'), new Error('null cause', { cause: null }), withCode(42), loop]) {
      expect((await problemFor(error)).details).toEqual({ networkCode: 'UNKNOWN', notSent: false })
    }
  })

  test('a timeout signal (TimeoutError, numeric code) is ETIMEDOUT', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError')
    expect((await problemFor(timeout)).details.networkCode).toBe('ETIMEDOUT')
    expect((await problemFor(new Error('request failed', { cause: timeout }))).details.networkCode).toBe('ETIMEDOUT')
  })

  test('only a code of the usual shape reaches the messages: never text that comes with it', async () => {
    for (const code of ['ECONNRESET: token=s3cret', 'my-token-ECONNRESET', 'econnreset', `E${'X'.repeat(40)}`]) {
      expect((await problemFor(withCode(code))).details.networkCode).toBe('UNKNOWN')
    }
    expect((await problemFor(withCode(`E${'X'.repeat(39)}`))).details.networkCode).toBe(`E${'X'.repeat(39)}`)
  })

  test("only undici's own words for a refused tunnel make a PROXY_ code", async () => {
    const relayed = Object.assign(new Error('upstream said: Proxy response (407)'), { code: 'ECONNRESET' })
    expect((await problemFor(relayed)).details).toEqual({ networkCode: 'ECONNRESET', notSent: false })
    expect((await problemFor(new Error('Proxy response (403) !== 200 when HTTP Tunneling'))).details).toEqual({
      networkCode: 'PROXY_403',
      notSent: true,
    })
  })
})

describe('nothing listening at a base-url on this machine', () => {
  /** A loopback address where a server listened a moment ago, and nothing does now. */
  async function closedPort(): Promise<{ url: (path: string) => URL; port: number }> {
    const { server, url } = await serve(() => undefined)
    const { port } = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    return { url, port }
  }
  const read = (transport: ReturnType<typeof createUndiciTransport>, url: URL) => problemOf(transport({ method: 'GET', url }))

  test('a read refused a second time in a row names the address, scheme://host:port only, and is not worth another try', async () => {
    const { url, port } = await closedPort()
    const transport = createUndiciTransport(LIMITS)
    const target = url('/pipelines/2040/status?key=k&token=s3cret')
    // The first refusal is retried as any other: a server still starting gets one more try.
    const first = await read(transport, target)
    expect(first.details).toEqual({ networkCode: 'ECONNREFUSED', notSent: true })
    expect(isTransient(first)).toBe(true)
    const second = await read(transport, target)
    expect(second.details).toEqual({ networkCode: 'ECONNREFUSED', notSent: true, nothingListensAt: `http://127.0.0.1:${port}` })
    expect(isTransient(second)).toBe(false)
  })

  test('a POST keeps its retries however often it is refused; a read after it is the one named', async () => {
    const { url, port } = await closedPort()
    const transport = createUndiciTransport(LIMITS)
    for (let i = 0; i < 3; i++) {
      const problem = await problemOf(transport({ method: 'POST', url: url('/pipelines/2040/run'), body: '{}' }))
      expect(problem.details).toEqual({ networkCode: 'ECONNREFUSED', notSent: true })
    }
    expect((await read(transport, url('/x'))).details.nothingListensAt).toBe(`http://127.0.0.1:${port}`)
  })

  test('an answer from the address starts the count afresh', async () => {
    const { server, url } = await serve((_req, res) => res.end('{}'))
    const { port } = server.address() as AddressInfo
    const transport = createUndiciTransport(LIMITS)
    await new Promise<void>((resolve) => server.close(() => resolve()))
    expect((await read(transport, url('/x'))).details.nothingListensAt).toBeUndefined()
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    expect((await transport({ method: 'GET', url: url('/x') })).status).toBe(200)
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    expect((await read(transport, url('/x'))).details.nothingListensAt).toBeUndefined()
  })

  test('a proxy on this machine that is down is not the base-url: nothing is named', async () => {
    const { url } = await closedPort()
    const proxy = new ConnectProxy()
    await proxy.start()
    const proxyUrl = proxy.url
    await proxy.stop()
    const transport = createUndiciTransport(LIMITS, createDispatcher(LIMITS, { url: proxyUrl, noProxy: '' }))
    for (let i = 0; i < 2; i++) expect((await read(transport, url('/x'))).details).toEqual({ networkCode: 'ECONNREFUSED', notSent: true })
  })

  const refused = (address: string, port: number): Error =>
    Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', address, port })
  const twice = async (error: Error, url: string): Promise<Problem> => {
    const transport = createUndiciTransport(LIMITS, new FailingDispatcher(error))
    await read(transport, new URL(url))
    return read(transport, new URL(url))
  }

  test.each([
    ['http://localhost/x?token=s3cret', refused('127.0.0.1', 80), 'http://localhost:80'],
    ['https://127.0.0.2:8443/x', refused('127.0.0.2', 8443), 'https://127.0.0.2:8443'],
    ['http://[::1]:8080/x', refused('::1', 8080), 'http://[::1]:8080'],
    // localhost tried on both families: Node's AggregateError holds each attempt.
    [
      'http://localhost:8080/x',
      Object.assign(new AggregateError([refused('::1', 8080), refused('127.0.0.1', 8080)]), { code: 'ECONNREFUSED' }),
      'http://localhost:8080',
    ],
    ['http://127.0.0.1:8080/x', withCode('UND_ERR', refused('127.0.0.1', 8080)), 'http://127.0.0.1:8080'],
  ])('%s: named %s', async (url, error, address) => {
    expect((await twice(error, url)).details.nothingListensAt).toBe(address)
  })

  test.each([
    ['not on this machine', 'http://example.com:8080/x', refused('127.0.0.1', 8080)],
    ['refused at another port (a proxy)', 'http://127.0.0.1:8080/x', refused('127.0.0.1', 3128)],
    ['refused by another machine', 'http://127.0.0.1:8080/x', refused('10.0.0.5', 8080)],
    [
      'not a refusal',
      'http://127.0.0.1:8080/x',
      Object.assign(new Error('reset'), { code: 'ECONNRESET', address: '127.0.0.1', port: 8080 }),
    ],
  ])('%s: nothing named', async (_case, url, error) => {
    expect((await twice(error, url)).details.nothingListensAt).toBeUndefined()
  })
})
