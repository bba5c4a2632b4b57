import { describe, expect, test } from '@jest/globals'
import { apiUrl, appUrl, interpret, isObject, parseNewPipelineId, parseRunAccepted, parseStatus } from '../../src/core/kondado-api.ts'
import type { HttpResponse } from '../../src/core/http.ts'
import { mayHaveBeenApplied, Problem, type ProblemDetails } from '../../src/core/problem.ts'
import { createRedactor } from '../../src/core/safe-text.ts'
import { thrown } from './helpers.ts'
import { judge } from '../../src/core/health.ts'

describe('apiUrl', () => {
  test('path appended to the base, key and token form-encoded in the query', () => {
    const url = apiUrl(new URL('https://k2.kondado.com.br'), '/pipelines/2040/status', { key: 'k y', token: 'a+b/c%d&e=f?ö' })
    expect(url.href).toBe('https://k2.kondado.com.br/pipelines/2040/status?key=k+y&token=a%2Bb%2Fc%25d%26e%3Df%3F%C3%B6')
    expect(url.searchParams.get('token')).toBe('a+b/c%d&e=f?ö')
  })

  test('a base with a path keeps it, whatever its trailing slashes', () => {
    for (const base of ['https://proxy.example/kondado', 'https://proxy.example/kondado/', 'https://proxy.example/kondado//']) {
      expect(apiUrl(new URL(base), '/models/1/status', { key: 'k', token: 't' }).href).toBe(
        'https://proxy.example/kondado/models/1/status?key=k&token=t',
      )
    }
  })

  test('a loopback base with a port', () => {
    expect(apiUrl(new URL('http://127.0.0.1:8080/'), '/pipelines', { key: 'k', token: 't' }).href).toBe(
      'http://127.0.0.1:8080/pipelines?key=k&token=t',
    )
  })
})

describe('appUrl', () => {
  test('pipelines and models in the Kondado app', () => {
    expect(appUrl({ kind: 'pipeline', id: 2040 })).toBe('https://app.kondado.com.br/pipelines/2040')
    expect(appUrl({ kind: 'model', id: 162 })).toBe('https://app.kondado.com.br/models/162')
  })
})

const TOKEN = 'tok-3141'
const redact = createRedactor(['key-2718', TOKEN])
const json = (status: number, body: unknown): HttpResponse => ({ status, body: JSON.stringify(body) })

/** What `interpret` threw for this answer: its code and details. */
function problemOf(response: HttpResponse): { code: string; details: ProblemDetails } {
  const error = thrown(() => interpret(response, redact))
  expect(error).toBeInstanceOf(Problem)
  const { code, details } = error as Problem
  return { code, details }
}

describe('a good answer', () => {
  test.each([200, 201])('HTTP %d with a JSON object is the object', (status) => {
    expect(interpret(json(status, { success: true, data: { new_pipeline_id: 9 } }), redact)).toEqual({
      success: true,
      data: { new_pipeline_id: 9 },
    })
  })

  test.each([202, 204, 299])('HTTP %d is not an answer this action knows: unreadable, whatever its body', (status) => {
    expect(problemOf(json(status, { success: true }))).toEqual({
      code: 'unreadable-answer',
      details: { httpStatus: status, excerpt: '{"success":true}' },
    })
  })

  test.each([
    ['an array', '[1]'],
    ['a string', '"ok"'],
    ['null', 'null'],
  ])('HTTP 200 with %s is unreadable', (_name, body) => {
    expect(problemOf({ status: 200, body }).code).toBe('unreadable-answer')
  })
})

describe('a 4xx', () => {
  test.each([
    ['an HTML page', { status: 400, body: '<html><body><h1>400 Bad Request</h1></body></html>' }, '400 Bad Request'],
    ['plain text', { status: 422, body: 'Unprocessable Entity' }, 'Unprocessable Entity'],
    ['an empty body', { status: 409, body: '' }, ''],
    ['JSON without success: false', json(400, { message: 'name is required' }), 'name is required'],
  ])('with %s and no success: false is a rejection, not an unreadable answer to retry', (_name, response, excerpt) => {
    const problem = problemOf(response)
    expect(problem).toEqual({ code: 'rejected', details: { httpStatus: response.status, excerpt } })
    // A rejected POST was refused, not maybe applied: the user is told it did not happen.
    expect(mayHaveBeenApplied(new Problem(problem.code as 'rejected', problem.details))).toBe(false)
  })

  test('naming our token is a refused key', () => {
    expect(problemOf(json(400, { success: false, error: 'INVALID_TOKEN' }))).toEqual({
      code: 'credentials-refused',
      details: { httpStatus: 400, errorCode: 'INVALID_TOKEN', excerpt: 'INVALID_TOKEN', keyRefused: true },
    })
  })

  test.each([399, 300])('HTTP %d is a redirect', (status) => {
    expect(problemOf({ status, body: '' }).code).toBe('redirect')
  })

  test.each([499, 400])('HTTP %d is rejected', (status) => {
    expect(problemOf({ status, body: '' }).code).toBe('rejected')
  })

  test.each([500, 599])('HTTP %d is a server error', (status) => {
    expect(problemOf({ status, body: 'oops' })).toEqual({ code: 'server-error', details: { httpStatus: status, excerpt: 'oops' } })
  })
})

describe('whether our own key was refused', () => {
  test.each<[string, HttpResponse, boolean]>([
    ['a 401, whatever it says', { status: 401, body: 'Unauthorized' }, true],
    ['a 401 with an empty body', { status: 401, body: '' }, true],
    ['a 403 that names no key', json(403, { success: false, error: 'Pipeline 2040 belongs to another client' }), false],
    ['a 403 naming the token', json(403, { success: false, error: 'token expired' }), true],
    ['a 403 with the code only', json(403, { success: false, error: 'INVALID_KEY' }), true],
    ['a 200 success: false with the code', json(200, { success: false, error: 'INVALID_CREDENTIALS' }), true],
    ['a 200 success: false: unknown api key', json(200, { success: false, message: 'Unknown API key' }), true],
    ['a 200 success: false: key is revoked', json(200, { success: false, message: 'key is revoked' }), true],
    ...[
      'UNAUTHORISED',
      'invalid key',
      'Invalid  key',
      'invalid api key',
      'wrong api  key',
      'token expired',
      'token  expired',
      'key revoked',
      'key is  disabled',
    ].map((message): [string, HttpResponse, boolean] => [`a 200 success: false: ${message}`, json(200, { success: false, message }), true]),
  ])('%s', (_name, response, keyRefused) => {
    const problem = problemOf(response)
    expect(problem.code).toBe('credentials-refused')
    expect(problem.details.keyRefused).toBe(keyRefused)
  })

  test.each([
    ['a key mentioned in passing', 'the key of your Bling account is missing a scope'],
    ['a word that contains token', 'Parameter page_token must be filled'],
    ['a word that contains unauthorized', 'UNAUTHORIZED_SCOPE_x'],
  ])('%s is a rejection of the request only', (_name, error) => {
    expect(problemOf(json(200, { success: false, error })).code).toBe('rejected')
  })
})

describe('a rate limit', () => {
  test.each([
    ['the pause Kondado names', 'Please try again in 5 seconds.', 5_000],
    ['no pause named: a minute', 'Slow down.', 60_000],
    ['a pause of 0 s: at least one second', 'Please try again in 0 seconds.', 1_000],
    ['an hour: at most five minutes', 'Please try again in 3600 seconds.', 300_000],
    ['written as sec', 'retry in 12 sec', 12_000],
    ['with no space before sec', 'retry in 12sec', 12_000],
  ])('%s', (_name, message, retryAfterMs) => {
    const problem = problemOf(json(200, { success: false, error: 'RATE_LIMIT_EXCEEDED', message }))
    expect(problem).toEqual({
      code: 'rate-limited',
      details: { httpStatus: 200, errorCode: 'RATE_LIMIT_EXCEEDED', excerpt: `RATE_LIMIT_EXCEEDED: ${message}`, retryAfterMs },
    })
  })

  test('HTTP 429 with a text body', () => {
    expect(problemOf({ status: 429, body: 'Too Many Requests' })).toEqual({
      code: 'rate-limited',
      details: { httpStatus: 429, excerpt: 'Too Many Requests', retryAfterMs: 60_000 },
    })
  })
})

describe('the excerpt', () => {
  test('error and message joined; other fields ignored', () => {
    expect(problemOf(json(404, { error: 'NOT_FOUND', message: 'no such pipeline', data: 'x' })).details.excerpt).toBe(
      'NOT_FOUND: no such pipeline',
    )
  })

  test('the message alone, or the error alone', () => {
    expect(problemOf(json(404, { message: 'no such pipeline' })).details.excerpt).toBe('no such pipeline')
    expect(problemOf(json(404, { error: 'NOT_FOUND' })).details).toEqual({ httpStatus: 404, errorCode: 'NOT_FOUND', excerpt: 'NOT_FOUND' })
  })

  test('an error that is not text is not an error code, and the body is shown instead', () => {
    expect(problemOf(json(500, { error: 7 })).details).toEqual({ httpStatus: 500, excerpt: '{"error":7}' })
  })

  test('an HTML page: its text without scripts, styles or tags, on one line', () => {
    const page =
      '<html><head><STYLE>h1 { x }</STYLE><script>var a = "<b>"</script>\n<Script src="x"></Script></head><body><h1>Bad</h1>Gateway</body></html>'
    expect(problemOf({ status: 502, body: page }).details.excerpt).toBe('Bad Gateway')
  })

  test('a script or style between two words still parts them', () => {
    expect(problemOf({ status: 502, body: 'Bad<script>x()</script>Gateway<style>p{}</style>again' }).details.excerpt).toBe(
      'Bad Gateway again',
    )
  })

  test('the page text is cut at 120 characters; the token is hidden', () => {
    const excerpt = problemOf({ status: 502, body: `${TOKEN} ${'x'.repeat(300)}` }).details.excerpt ?? ''
    expect(excerpt).toBe(`*** ${'x'.repeat(115)}…`)
  })
})

describe('isObject', () => {
  test.each([
    [{}, true],
    [[], false],
    [null, false],
    ['x', false],
  ])('%j: %s', (value, expected) => {
    expect(isObject(value)).toBe(expected)
  })
})

const status = (entry: Record<string, unknown>) => parseStatus({ 2040: entry }, 2040, redact)

describe('a status word that scrubbing changed', () => {
  test.each([
    ['active\n', '"active\\n"'],
    [' active', '" active"'],
    ['\u001b[32mactive\u001b[0m', '"\\u001b[32mactive\\u001b[0m"'],
  ])('%j is shown quoted, as received, and is not judged healthy', (word, shown) => {
    const snapshot = status({ status: word, is_running: false })
    expect(snapshot.status).toBe(shown)
    expect(judge('pipeline', snapshot)).toBe('unknown')
  })

  test('a clean word is kept as it is', () => {
    expect(status({ status: 'active', is_running: false }).status).toBe('active')
    expect(judge('pipeline', status({ status: 'active', is_running: false }))).toBe('healthy')
  })

  test('a scrubbed text that is no status word is shown scrubbed, not quoted', () => {
    expect(status({ status: 'two words\n' }).status).toBe('two words')
    expect(status({ status: `failed: ${TOKEN}\n` }).status).toBe('failed: ***')
  })

  test('kubo_status_type the same way', () => {
    const model = (kubo: string) => parseStatus({ success: true, data: { 162: { status: 'active', kubo_status_type: kubo } } }, 162, redact)
    expect(model('operational\n').kuboStatusType).toBe('"operational\\n"')
    expect(model('operational').kuboStatusType).toBe('operational')
  })
})

describe('raw_msg', () => {
  test.each(['', '   ', ' \n\t '])('%j, blank, is no error: the run is healthy', (raw) => {
    const snapshot = status({ status: 'active', is_running: false, raw_msg: raw })
    expect(snapshot.rawMsg).toBe('')
    expect(judge('pipeline', snapshot)).toBe('healthy')
  })

  test('control characters only: shown escaped, so it still counts as an error', () => {
    const snapshot = status({ status: 'active', is_running: false, raw_msg: '\u0007\u001b' })
    expect(snapshot.rawMsg).toBe('"\\u0007\\u001b"')
    expect(judge('pipeline', snapshot)).toBe('unhealthy')
  })

  test('text is scrubbed once: the token hidden, one line', () => {
    expect(status({ status: 'active', raw_msg: `bad\ntoken ${TOKEN}` }).rawMsg).toBe('bad token ***')
  })
})

describe('the status entry', () => {
  test('the wrapped shape is used only with success: true', () => {
    expect(parseStatus({ success: true, data: { 7: { status: 'active' } } }, 7, redact).status).toBe('active')
    const error = thrown(() => parseStatus({ success: 'yes', data: { 7: { status: 'active' } } }, 7, redact))
    expect(error).toMatchObject({ code: 'unreadable-answer', details: { excerpt: 'no entry for id 7 in the answer' } })
  })

  test('an entry without a status says so', () => {
    expect(thrown(() => status({ is_running: true }))).toMatchObject({
      code: 'unreadable-answer',
      details: { excerpt: 'no status in the answer' },
    })
  })

  test('flags and texts as Kondado sent them', () => {
    expect(status({ status: 'running', is_running: true, is_active: false, is_blocked: true, kubo_status_type: 5, raw_msg: null })).toEqual(
      {
        status: 'running',
        isRunning: true,
        isActive: false,
        isBlocked: true,
        kuboStatusType: '5',
        rawMsg: null,
      },
    )
  })
})

describe('a run accepted', () => {
  test('only success: true', () => {
    expect(parseRunAccepted({ success: true })).toBeUndefined()
    const error = thrown(() => parseRunAccepted({ success: 'true' }))
    expect(error).toBeInstanceOf(Problem)
    expect(error).toMatchObject({ code: 'unreadable-answer', details: { excerpt: 'no "success": true in the answer' } })
  })
})

describe('a new pipeline id', () => {
  test.each([
    [{ data: { data: { new_pipeline_id: 12 } } }, 12],
    [{ data: { new_pipeline_id: '34' } }, 34],
    [{ data: { new_pipeline_id: 1 } }, 1],
  ])('%j: %d', (json, id) => {
    expect(parseNewPipelineId(json)).toBe(id)
  })

  test.each([
    [{ data: { new_pipeline_id: '12a' } }],
    [{ data: { new_pipeline_id: 'a12' } }],
    [{ data: { new_pipeline_id: '' } }],
    [{ data: { new_pipeline_id: '12e3' } }],
    [{ data: { new_pipeline_id: '1e3' } }],
    [{ data: { new_pipeline_id: ' 12' } }],
    [{ data: { new_pipeline_id: 2 ** 53 } }],
    [{ data: 'x' }],
    [{ new_pipeline_id: 5 }],
  ])('%j is unreadable', (json) => {
    expect(thrown(() => parseNewPipelineId(json))).toMatchObject({
      code: 'unreadable-answer',
      details: { excerpt: 'no new_pipeline_id in the answer' },
    })
  })
})
