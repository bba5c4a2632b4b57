import { describe, test, expect, afterEach } from '@jest/globals'
import { MockAgent } from 'undici'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import { createUndiciTransport, type HttpRequest, type HttpResponse, type Transport } from '../../src/core/http.ts'
import { KondadoClient } from '../../src/core/kondado-client.ts'
import { mayHaveBeenApplied, Problem, type ProblemCode } from '../../src/core/problem.ts'
import { createRedactor } from '../../src/core/safe-text.ts'
import { DEFAULT_RETRY } from '../../src/core/retry.ts'
import { RequestScheduler } from '../../src/core/scheduler.ts'
import type { DuplicateRequest } from '../../src/core/vocabulary.ts'
import { rejection } from './helpers.ts'

const BASE = 'https://k2.kondado.com.br'
const KEY = 'key 1/ä'
const TOKEN = 'tök en+/%=&?'
const ENCODED_QUERY = '?key=key+1%2F%C3%A4&token=t%C3%B6k+en%2B%2F%25%3D%26%3F'
const HOUR = 3_600_000
/** A read that keeps failing is sent this many times: once, then every retry of the policy. */
const TRIES = 1 + DEFAULT_RETRY.retries
const PIPELINE = { kind: 'pipeline', id: 2040 } as const
const MODEL = { kind: 'model', id: 162 } as const

type Answer = HttpResponse | Problem | ((req: HttpRequest) => HttpResponse)

interface Setup {
  client: KondadoClient
  clock: VirtualClock
  requests: HttpRequest[]
  retries: Problem[]
  pauses: number[]
}

/** A client over a scripted transport: the n-th request gets the n-th answer, the last one repeats. */
function setup(answers: readonly Answer[], options: { deadline?: number; transport?: Transport; baseUrl?: string } = {}): Setup {
  const clock = new VirtualClock(0)
  const pauses: number[] = []
  const scheduler = new RequestScheduler({
    clock,
    random: () => 0,
    perWindow: 20,
    deadline: options.deadline ?? HOUR,
    onPause: (ms) => pauses.push(ms),
  })
  const requests: HttpRequest[] = []
  const retries: Problem[] = []
  const scripted: Transport = async (req) => {
    requests.push(req)
    const answer = answers[Math.min(requests.length, answers.length) - 1]
    if (answer === undefined) throw new Error('no answer scripted')
    if (answer instanceof Problem) throw answer
    return typeof answer === 'function' ? answer(req) : answer
  }
  const transport: Transport = options.transport
    ? async (req, signal) => {
        requests.push(req)
        return (options.transport as Transport)(req, signal)
      }
    : scripted
  const client = new KondadoClient({
    baseUrl: new URL(options.baseUrl ?? BASE),
    credentials: { key: KEY, token: TOKEN },
    transport,
    scheduler,
    clock,
    redact: createRedactor([KEY, TOKEN]),
    random: () => 0.5,
    onRetry: (problem) => retries.push(problem),
  })
  return { client, clock, requests, retries, pauses }
}

const json = (status: number, body: unknown): HttpResponse => ({ status, body: JSON.stringify(body) })
const html = (status: number, title: string): HttpResponse => ({
  status,
  body: `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title><style>body { color: red }</style><script>var leak = "x"</script></head><body><h1>${status} ${title}</h1><hr>nginx</body></html>`,
})
const pipelineStatus = (status = 'active', extra: Record<string, unknown> = {}) =>
  json(200, { 2040: { status, is_running: status === 'running', is_active: true, is_blocked: false, raw_msg: null, ...extra } })
const RATE_LIMIT = json(200, {
  success: false,
  error: 'RATE_LIMIT_EXCEEDED',
  message: 'Too many requests. Please try again in 60 seconds.',
})
const INVALID_TOKEN = { success: false, error: 'INVALID_TOKEN', message: 'Invalid key or token' }

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(Problem)
  return error as Problem
}

const DUPLICATE: DuplicateRequest = {
  basePipelineId: 2040,
  sourceCollectionId: 877291,
  destinationCollectionId: 678910,
  fullTables: { '': 'orders_prod', statuses: 'statuses_prod' },
  runAtOnce: false,
}

/** DUPLICATE in Kondado's wire format. */
const DUPLICATE_BODY = {
  pipeline_id: 2040,
  src_collection_id: 877291,
  dest_collection_id: 678910,
  full_tables: { '': 'orders_prod', statuses: 'statuses_prod' },
  execute_immediately: 'N',
}

describe('URLs', () => {
  test('a pipeline status read: GET, path by id, key and token encoded in the query', async () => {
    const { client, requests } = setup([pipelineStatus()])
    await client.status(PIPELINE)
    expect(requests).toHaveLength(1)
    const [req] = requests as [HttpRequest]
    expect(req.method).toBe('GET')
    expect(req.body).toBeUndefined()
    expect(req.url.href).toBe(`${BASE}/pipelines/2040/status${ENCODED_QUERY}`)
    expect(req.url.searchParams.get('key')).toBe(KEY)
    expect(req.url.searchParams.get('token')).toBe(TOKEN)
  })

  test('a model status read', async () => {
    const { client, requests } = setup([json(200, { success: true, data: { 162: { status: 'active', kubo_status_type: 'operational' } } })])
    await client.status(MODEL)
    expect(requests[0]?.url.href).toBe(`${BASE}/models/162/status${ENCODED_QUERY}`)
  })

  test('a run: POST without a body', async () => {
    const { client, requests } = setup([json(200, { success: true })])
    await client.requestRun(2040)
    expect(requests).toHaveLength(1)
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.body).toBeUndefined()
    expect(requests[0]?.url.href).toBe(`${BASE}/pipelines/2040/run${ENCODED_QUERY}`)
  })

  test('a duplicate: POST /pipelines with the request as JSON', async () => {
    const { client, requests } = setup([json(200, { success: true, data: { success: true, data: { new_pipeline_id: 9 } } })])
    await client.duplicate(DUPLICATE)
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.url.href).toBe(`${BASE}/pipelines${ENCODED_QUERY}`)
    expect(JSON.parse(requests[0]?.body ?? '')).toStrictEqual(DUPLICATE_BODY)
  })

  test("every field of a duplicate in Kondado's wire format, in the documented order", async () => {
    const { client, requests } = setup([json(200, { success: true, data: { success: true, data: { new_pipeline_id: 9 } } })])
    await client.duplicate({
      ...DUPLICATE,
      clientId: 42,
      name: 'Orders (prod)',
      deltasTables: { '': 'orders_delta' },
      overwriteParameters: { start_date: '2024-01-01' },
      runAtOnce: true,
    })
    expect(requests[0]?.body).toBe(
      JSON.stringify({
        pipeline_id: 2040,
        src_collection_id: 877291,
        dest_collection_id: 678910,
        client_id: 42,
        name: 'Orders (prod)',
        full_tables: { '': 'orders_prod', statuses: 'statuses_prod' },
        deltas_tables: { '': 'orders_delta' },
        overwrite_parameters: { start_date: '2024-01-01' },
        execute_immediately: 'Y',
      }),
    )
  })

  test('a base URL with a path and a trailing slash keeps the path', async () => {
    const { client, requests } = setup([pipelineStatus()], { baseUrl: 'https://proxy.example.com/kondado/' })
    await client.status(PIPELINE)
    expect(requests[0]?.url.href).toBe(`https://proxy.example.com/kondado/pipelines/2040/status${ENCODED_QUERY}`)
  })
})

describe('status answers', () => {
  test('the bare pipeline shape', async () => {
    const { client } = setup([
      json(200, { 2040: { status: 'running', is_running: true, is_active: true, is_blocked: false, raw_msg: null } }),
    ])
    expect(await client.status(PIPELINE)).toEqual({
      status: 'running',
      isRunning: true,
      isActive: true,
      isBlocked: false,
      kuboStatusType: null,
      rawMsg: null,
    })
  })

  test('the wrapped model shape', async () => {
    const { client } = setup([
      json(200, {
        success: true,
        data: { 162: { status: 'active', is_running: false, is_active: true, kubo_status_type: 'rebuilding', raw_msg: 'x' } },
      }),
    ])
    expect(await client.status(MODEL)).toEqual({
      status: 'active',
      isRunning: false,
      isActive: true,
      isBlocked: null,
      kuboStatusType: 'rebuilding',
      rawMsg: 'x',
    })
  })

  test('either shape is accepted for either kind', async () => {
    const wrapped = setup([json(200, { success: true, data: { 2040: { status: 'scheduled' } } })])
    expect((await wrapped.client.status(PIPELINE)).status).toBe('scheduled')
    const bare = setup([json(200, { 162: { status: 'running', kubo_status_type: 'operational' } })])
    expect(await bare.client.status(MODEL)).toMatchObject({ status: 'running', kuboStatusType: 'operational' })
  })

  test('fields left out or of the wrong type are null; a non-text raw_msg is kept as JSON', async () => {
    const { client } = setup([json(200, { 2040: { status: 'active', is_running: 'false', is_active: 1, raw_msg: { code: 7 } } })])
    expect(await client.status(PIPELINE)).toEqual({
      status: 'active',
      isRunning: null,
      isActive: null,
      isBlocked: null,
      kuboStatusType: null,
      rawMsg: '{"code":7}',
    })
  })

  test.each([
    ['{}', '{}'],
    ['another id only', JSON.stringify({ 2041: { status: 'active' } })],
    ['no status', JSON.stringify({ 2040: { is_running: false } })],
    ['an empty status', JSON.stringify({ 2040: { status: '' } })],
    ['a numeric status', JSON.stringify({ 2040: { status: 3 } })],
    ['the entry not an object', JSON.stringify({ 2040: 'active' })],
    ['wrapped but empty', JSON.stringify({ success: true, data: {} })],
    ['an array', '[]'],
    ['null', 'null'],
    ['not JSON', 'ok'],
    ['an empty body', ''],
    ['cut short', '{"2040": {"status": "act'],
  ])('%s is an unreadable answer, retried then failing', async (_name, body) => {
    const { client, requests, retries } = setup([{ status: 200, body }])
    const problem = await problemOf(client.status(PIPELINE))
    expect(problem.code).toBe('unreadable-answer')
    expect(requests).toHaveLength(TRIES)
    expect(retries.map((p) => p.code)).toEqual(Array<string>(DEFAULT_RETRY.retries).fill('unreadable-answer'))
  })

  test('an unreadable answer followed by a good one is a good read', async () => {
    const { client, requests } = setup([json(200, {}), pipelineStatus('running')])
    expect((await client.status(PIPELINE)).status).toBe('running')
    expect(requests).toHaveLength(2)
  })
})

describe('RATE_LIMIT_EXCEEDED', () => {
  test('with HTTP 200 it is waited out and the same read repeated: not a failure, not a status', async () => {
    const { client, clock, requests, retries, pauses } = setup([RATE_LIMIT, pipelineStatus('running')])
    expect((await client.status(PIPELINE)).status).toBe('running')
    expect(requests).toHaveLength(2)
    expect(requests[1]?.url.href).toBe(requests[0]?.url.href)
    expect(pauses).toEqual([60_000])
    expect(clock.now()).toBe(60_000)
    expect(retries).toEqual([])
  })

  test('the pause Kondado names is used', async () => {
    const { client, clock } = setup([
      json(200, { success: false, error: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please try again in 5 seconds.' }),
      pipelineStatus(),
    ])
    await client.status(PIPELINE)
    expect(clock.now()).toBe(5_000)
  })

  test('HTTP 429 is a rate limit too', async () => {
    const { client, requests, pauses } = setup([{ status: 429, body: 'Too Many Requests' }, pipelineStatus()])
    await client.status(PIPELINE)
    expect(requests).toHaveLength(2)
    expect(pauses).toHaveLength(1)
  })

  test('many rate limits in a row are still not counted as retries', async () => {
    const { client, requests, retries } = setup([RATE_LIMIT, RATE_LIMIT, RATE_LIMIT, RATE_LIMIT, pipelineStatus()])
    await client.status(PIPELINE)
    expect(requests).toHaveLength(5)
    expect(retries).toEqual([])
  })

  test('a rate-limited POST is sent again: it was not applied', async () => {
    const { client, requests } = setup([RATE_LIMIT, json(200, { success: true })])
    await client.requestRun(2040)
    expect(requests.map((r) => r.method)).toEqual(['POST', 'POST'])
  })

  test('a rate limit that outlasts the deadline fails as rate-limited', async () => {
    const { client, requests } = setup([RATE_LIMIT], { deadline: 30_000 })
    expect((await problemOf(client.status(PIPELINE))).code).toBe('rate-limited')
    expect(requests).toHaveLength(1)
  })
})

describe('refusals', () => {
  test.each([
    ['401 JSON', json(401, INVALID_TOKEN)],
    ['403 HTML', html(403, 'Forbidden')],
    ['200 success:false naming the token', json(200, INVALID_TOKEN)],
    ['200 success:false, token in the message only', json(200, { success: false, error: 'UNAUTHORIZED', message: 'token expired' })],
  ])('%s is credentials-refused, without a retry', async (_name, answer) => {
    const read = setup([answer])
    expect((await problemOf(read.client.status(PIPELINE))).code).toBe('credentials-refused')
    expect(read.requests).toHaveLength(1)
    const write = setup([answer])
    expect((await problemOf(write.client.requestRun(2040))).code).toBe('credentials-refused')
    expect(write.requests).toHaveLength(1)
  })

  test.each([
    [
      'a source connection refusing its own credentials',
      json(200, { success: false, error: 'Source authentication failed: check the API key of your Bling account' }),
    ],
    ['a parameter named token', json(200, { success: false, error: 'Parameter page_token must be filled in the base pipeline' })],
  ])('%s is a rejection, not our key being refused', async (_name, answer) => {
    const { client } = setup([answer])
    expect((await problemOf(client.requestRun(2040))).code).toBe('rejected')
  })

  test('the refusal keeps what Kondado said, as data', async () => {
    const { client } = setup([json(401, INVALID_TOKEN)])
    const problem = await problemOf(client.status(PIPELINE))
    expect(problem.details).toMatchObject({ httpStatus: 401, errorCode: 'INVALID_TOKEN', excerpt: 'INVALID_TOKEN: Invalid key or token' })
  })

  test.each<[string, HttpResponse, ProblemCode]>([
    ['404', json(404, { success: false, error: 'NOT_FOUND', message: 'Pipeline 2040 not found' }), 'not-found'],
    ['404 HTML', html(404, 'Not Found'), 'not-found'],
    ['400', json(400, { success: false, error: 'BAD_REQUEST' }), 'rejected'],
    ['200 success:false', json(200, { success: false, error: 'Pipeline 2040 is not active' }), 'rejected'],
    ['301', { status: 301, body: '' }, 'redirect'],
    ['302', { status: 302, body: '<a href="https://evil">moved</a>' }, 'redirect'],
    ['307', { status: 307, body: '' }, 'redirect'],
    ['308', { status: 308, body: '' }, 'redirect'],
  ])('%s fails as %s at once, without a retry', async (_name, answer, code) => {
    const { client, requests } = setup([answer, pipelineStatus()])
    expect((await problemOf(client.status(PIPELINE))).code).toBe(code)
    expect(requests).toHaveLength(1)
  })
})

describe('server faults on reads', () => {
  test.each([500, 502, 503, 504])('HTML %d is retried, then fails as server-error with the page text, not its markup', async (status) => {
    const { client, requests, retries } = setup([html(status, 'Gateway Error')])
    const problem = await problemOf(client.status(PIPELINE))
    expect(problem.code).toBe('server-error')
    expect(problem.details.httpStatus).toBe(status)
    expect(requests).toHaveLength(TRIES)
    expect(retries).toHaveLength(DEFAULT_RETRY.retries)
    expect(problem.details.excerpt).toContain(`${status} Gateway Error`)
    expect(problem.details.excerpt).not.toMatch(/[<>]|color: red|var leak/)
  })

  test('an HTML page with HTTP 200 is retried, then fails as unreadable-answer', async () => {
    const { client, requests } = setup([html(200, 'Maintenance')])
    expect((await problemOf(client.status(PIPELINE))).code).toBe('unreadable-answer')
    expect(requests).toHaveLength(TRIES)
  })

  test('a fault then a good answer is a good read', async () => {
    const { client, requests } = setup([
      html(502, 'Bad Gateway'),
      new Problem('network', { networkCode: 'ECONNRESET' }),
      pipelineStatus('scheduled'),
    ])
    expect((await client.status(PIPELINE)).status).toBe('scheduled')
    expect(requests).toHaveLength(3)
  })

  test('a network failure on a read is retried even when the request may have been sent', async () => {
    const { client, requests } = setup([new Problem('network', { networkCode: 'ETIMEDOUT' })])
    expect((await problemOf(client.status(PIPELINE))).code).toBe('network')
    expect(requests).toHaveLength(TRIES)
  })

  test('too-large is not retried', async () => {
    const { client, requests } = setup([new Problem('too-large')])
    expect((await problemOf(client.status(PIPELINE))).code).toBe('too-large')
    expect(requests).toHaveLength(1)
  })

  test('no retry is started that the deadline would cut off', async () => {
    const { client, requests } = setup([html(502, 'Bad Gateway'), pipelineStatus()], { deadline: 1_000 })
    await expect(client.status(PIPELINE)).rejects.toBeInstanceOf(Problem)
    expect(requests).toHaveLength(1)
  })
})

describe('the deadline during retries', () => {
  /** The first request gets `first`; every later one is never answered. */
  function thenHang(first: HttpResponse | Problem): Transport {
    let sent = 0
    return async () => {
      sent++
      if (sent > 1) return new Promise<never>(() => undefined)
      if (first instanceof Problem) throw first
      return first
    }
  }

  test('a read whose retry the deadline cuts off reports the fault it was retrying, not the deadline', async () => {
    const { client, requests, clock } = setup([], { transport: thenHang(html(502, 'Bad Gateway')), deadline: 60_000 })
    expect(await problemOf(client.status(PIPELINE))).toMatchObject({ code: 'server-error', details: { httpStatus: 502 } })
    expect(requests).toHaveLength(2)
    expect(clock.now()).toBe(60_000)
  })

  test('a read the deadline cuts off on its first try is timed out', async () => {
    const { client } = setup([], { transport: async () => new Promise<never>(() => undefined), deadline: 60_000 })
    expect((await problemOf(client.status(PIPELINE))).code).toBe('deadline')
  })

  test('a POST cut off in flight keeps the deadline, which says it may have been applied, even after a try that was never sent', async () => {
    const refused = new Problem('network', { networkCode: 'ECONNREFUSED', notSent: true })
    const { client, requests } = setup([], { transport: thenHang(refused), deadline: 60_000 })
    const problem = await problemOf(client.requestRun(2040))
    expect(problem.code).toBe('deadline')
    expect(mayHaveBeenApplied(problem)).toBe(true)
    expect(requests).toHaveLength(2)
  })
})

describe('duplicate answers', () => {
  test('the new id nested twice, as documented', async () => {
    const { client } = setup([json(200, { success: true, data: { success: true, data: { new_pipeline_id: 123456789 } } })])
    expect(await client.duplicate(DUPLICATE)).toBe(123456789)
  })

  test('the new id nested once', async () => {
    const { client } = setup([json(200, { success: true, data: { new_pipeline_id: 77 } })])
    expect(await client.duplicate(DUPLICATE)).toBe(77)
  })

  test('the new id as a string of digits', async () => {
    const { client } = setup([json(200, { success: true, data: { success: true, data: { new_pipeline_id: '78' } } })])
    expect(await client.duplicate(DUPLICATE)).toBe(78)
  })

  test.each([
    ['no id', { success: true, data: { success: true, data: {} } }],
    ['no data', { success: true }],
    ['id 0', { success: true, data: { success: true, data: { new_pipeline_id: 0 } } }],
    ['a negative id', { success: true, data: { new_pipeline_id: -5 } }],
    ['a fractional id', { success: true, data: { new_pipeline_id: 1.5 } }],
    ['a word', { success: true, data: { new_pipeline_id: 'abc' } }],
  ])('%s is unreadable-answer, and the POST is not sent again', async (_name, body) => {
    const { client, requests } = setup([json(200, body), json(200, { success: true, data: { new_pipeline_id: 5 } })])
    expect((await problemOf(client.duplicate(DUPLICATE))).code).toBe('unreadable-answer')
    expect(requests).toHaveLength(1)
  })

  test('a refused duplicate is rejected with what Kondado said', async () => {
    const { client, requests } = setup([
      json(200, { success: false, error: 'INVALID_PAYLOAD', message: 'full_tables: missing table path "statuses"' }),
    ])
    const problem = await problemOf(client.duplicate(DUPLICATE))
    expect(problem.code).toBe('rejected')
    expect(problem.details.excerpt).toBe('INVALID_PAYLOAD: full_tables: missing table path "statuses"')
    expect(requests).toHaveLength(1)
  })
})

describe('POSTs are never sent twice once they may have arrived', () => {
  test.each<[string, Answer, ProblemCode]>([
    ['a 500', html(500, 'Internal Server Error'), 'server-error'],
    ['a reset after sending', new Problem('network', { networkCode: 'ECONNRESET' }), 'network'],
    ['a timeout', new Problem('network', { networkCode: 'ETIMEDOUT' }), 'network'],
    ['an unreadable answer', { status: 200, body: '\u0000 garbage }{' }, 'unreadable-answer'],
    ['an answer cut short', { status: 200, body: '{"succ' }, 'unreadable-answer'],
  ])('run after %s: one POST, failing as %s', async (_name, answer, code) => {
    const { client, requests } = setup([answer, json(200, { success: true })])
    expect((await problemOf(client.requestRun(2040))).code).toBe(code)
    expect(requests).toHaveLength(1)
  })

  test('duplicate after a 500: one POST', async () => {
    const { client, requests } = setup([html(500, 'Internal Server Error'), json(200, { success: true, data: { new_pipeline_id: 5 } })])
    expect((await problemOf(client.duplicate(DUPLICATE))).code).toBe('server-error')
    expect(requests).toHaveLength(1)
  })

  test('a run answered without success: true is not taken as queued', async () => {
    const { client, requests } = setup([json(200, {})])
    expect((await problemOf(client.requestRun(2040))).code).toBe('unreadable-answer')
    expect(requests).toHaveLength(1)
  })

  test('a POST that provably never left is sent again', async () => {
    const refused = new Problem('network', { networkCode: 'ECONNREFUSED', notSent: true })
    const run = setup([refused, json(200, { success: true })])
    await run.client.requestRun(2040)
    expect(run.requests.map((r) => r.method)).toEqual(['POST', 'POST'])
    const duplicate = setup([refused, json(200, { success: true, data: { success: true, data: { new_pipeline_id: 5 } } })])
    expect(await duplicate.client.duplicate(DUPLICATE)).toBe(5)
    expect(duplicate.requests).toHaveLength(2)
  })

  test('a proxy that refuses the tunnel (407) is not tried again, for a read or a POST: it is configuration, not a passing fault', async () => {
    const refused = new Problem('network', { networkCode: 'PROXY_407', notSent: true })
    const read = setup([refused, pipelineStatus('active')])
    expect((await problemOf(read.client.status(PIPELINE))).details.networkCode).toBe('PROXY_407')
    expect(read.requests).toHaveLength(1)
    const run = setup([refused, json(200, { success: true })])
    expect((await problemOf(run.client.requestRun(2040))).details.networkCode).toBe('PROXY_407')
    expect(run.requests).toHaveLength(1)
  })
})

describe('scrubbing what Kondado says', () => {
  test('raw_msg becomes one line without control characters, escapes or secrets', async () => {
    const raw = `line one\r\nline two\n::error::pwned \u001b[31mred\u001b[0m key=${KEY} token=${TOKEN} url=${encodeURIComponent(TOKEN)}`
    const { client } = setup([pipelineStatus('active', { raw_msg: raw })])
    const { rawMsg } = await client.status(PIPELINE)
    expect(rawMsg).not.toBeNull()
    expect(rawMsg).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/)
    expect(rawMsg).not.toContain(TOKEN)
    expect(rawMsg).not.toContain(KEY)
    expect(rawMsg).not.toContain(encodeURIComponent(TOKEN))
    expect(rawMsg).toContain('line one line two ::error::pwned')
    expect(rawMsg).toContain('key=*** token=*** url=***')
  })

  test('a long raw_msg is bounded; status and kubo_status_type are bounded tighter', async () => {
    const { client } = setup([
      json(200, {
        success: true,
        data: { 162: { status: `s${'x'.repeat(500)}`, kubo_status_type: `k${'y'.repeat(500)}`, raw_msg: 'z'.repeat(5_000) } },
      }),
    ])
    const snapshot = await client.status(MODEL)
    expect(snapshot.rawMsg?.length).toBe(300)
    expect(snapshot.status.length).toBe(80)
    expect(snapshot.kuboStatusType?.length).toBe(80)
  })

  test('an error text of control characters only stays visible, so it still counts as an error', async () => {
    const { client } = setup([json(200, { '2040': { status: 'active', raw_msg: '\u0007\u001b' } })])
    const snapshot = await client.status(PIPELINE)
    expect(snapshot.rawMsg).not.toBe('')
    expect(snapshot.rawMsg).not.toMatch(/[\u0000-\u001f]/)
  })

  test('a status text with a line break or the token is scrubbed too', async () => {
    const { client } = setup([pipelineStatus(`weird\n::warning::${TOKEN}`)])
    const { status } = await client.status(PIPELINE)
    expect(status).toBe('weird ::warning::***')
  })

  test('an excerpt never holds the token', async () => {
    const { client } = setup([json(401, { success: false, error: 'INVALID_TOKEN', message: `token ${TOKEN} for key ${KEY} is invalid` })])
    const problem = await problemOf(client.status(PIPELINE))
    expect(problem.details.excerpt).toBe('INVALID_TOKEN: token *** for key *** is invalid')
  })

  test('the error code Kondado sends is scrubbed before it reaches the problem and its message', async () => {
    const { client } = setup([json(500, { success: false, error: `boom\n::error::pwned ${TOKEN}` })])
    const problem = await problemOf(client.status(PIPELINE))
    for (const text of [problem.message, problem.details.errorCode ?? '']) {
      expect(text).not.toMatch(/[\r\n\u0000-\u001f]/)
      expect(text).not.toContain(TOKEN)
    }
  })
})

describe('over the undici transport with a MockAgent', () => {
  let agent: MockAgent
  afterEach(async () => {
    await agent.close()
  })

  function mocked(): { agent: MockAgent; transport: Transport } {
    agent = new MockAgent()
    agent.disableNetConnect()
    const transport = createUndiciTransport({ connectTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxResponseBytes: 64 * 1024 }, agent)
    return { agent, transport }
  }

  test('the exact path and query reach the server, with JSON accepted', async () => {
    const { agent, transport } = mocked()
    const seen: { path: string; method: string; headers: unknown }[] = []
    agent
      .get(BASE)
      .intercept({ path: () => true, method: 'GET' })
      .reply((opts) => {
        seen.push({ path: opts.path, method: opts.method, headers: opts.headers })
        return { statusCode: 200, data: JSON.stringify({ 2040: { status: 'active', raw_msg: null } }) }
      })
    const { client } = setup([], { transport })
    expect((await client.status(PIPELINE)).status).toBe('active')
    expect(seen).toHaveLength(1)
    expect(seen[0]?.path).toBe(`/pipelines/2040/status${ENCODED_QUERY}`)
    expect(seen[0]?.method).toBe('GET')
    expect(JSON.stringify(seen[0]?.headers)).toContain('application/json')
  })

  test('a POST body goes out as JSON', async () => {
    const { agent, transport } = mocked()
    const bodies: unknown[] = []
    agent
      .get(BASE)
      .intercept({ path: `/pipelines${ENCODED_QUERY}`, method: 'POST' })
      .reply((opts) => {
        bodies.push(JSON.parse(opts.body as string))
        return { statusCode: 200, data: JSON.stringify({ success: true, data: { success: true, data: { new_pipeline_id: 321 } } }) }
      })
    const { client } = setup([], { transport })
    expect(await client.duplicate(DUPLICATE)).toBe(321)
    expect(bodies).toEqual([DUPLICATE_BODY])
  })

  test('a 302 is a redirect problem, and its Location is not followed', async () => {
    const { agent, transport } = mocked()
    const elsewhere: string[] = []
    agent
      .get(BASE)
      .intercept({ path: () => true, method: 'GET' })
      .reply(302, '', { headers: { location: 'https://evil.example.com/steal' } })
    agent
      .get('https://evil.example.com')
      .intercept({ path: () => true, method: 'GET' })
      .reply((opts) => {
        elsewhere.push(opts.path)
        return { statusCode: 200, data: '{}' }
      })
    const { client, requests } = setup([], { transport })
    const problem = await problemOf(client.status(PIPELINE))
    expect(problem.code).toBe('redirect')
    expect(problem.details.httpStatus).toBe(302)
    expect(requests).toHaveLength(1)
    expect(elsewhere).toEqual([])
  })

  test('a proxy HTML error page is retried and then a server-error', async () => {
    const { agent, transport } = mocked()
    agent
      .get(BASE)
      .intercept({ path: () => true, method: 'GET' })
      .reply(502, html(502, 'Bad Gateway').body)
      .times(TRIES)
    const { client, requests } = setup([], { transport })
    const problem = await problemOf(client.status(PIPELINE))
    expect(problem.code).toBe('server-error')
    expect(requests).toHaveLength(TRIES)
  })
})

describe('retries that run out before the timeout', () => {
  test('the problem says how many tries were made and over how long', async () => {
    const { client, clock, requests } = setup([html(503, 'Service Unavailable')])
    // Counted from the first try, not from the clock's zero: the step may have waited before it.
    await clock.sleep(90_000)
    const problem = await problemOf(client.status(PIPELINE))
    expect(requests).toHaveLength(TRIES)
    // The pauses at the middle of their jitter: 2 + 4 + 8 + 16 + 32 + 60 + 60 + 60 seconds.
    expect(problem).toMatchObject({ code: 'server-error', details: { httpStatus: 503, tries: TRIES, triedForMs: 242_000 } })
  })

  test('a read the timeout cuts short carries no count: the timeout came first', async () => {
    const { client } = setup([html(503, 'Service Unavailable')], { deadline: 20_000 })
    const problem = await problemOf(client.status(PIPELINE))
    expect(problem.code).toBe('server-error')
    expect(Object.keys(problem.details).filter((k) => k.startsWith('tr'))).toEqual([])
  })
})
