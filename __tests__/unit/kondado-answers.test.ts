import { describe, test, expect } from '@jest/globals'
import type { HttpResponse } from '../../src/core/http.ts'
import { interpret, isObject } from '../../src/core/kondado-answers.ts'
import { mayHaveBeenApplied, Problem, type ProblemDetails } from '../../src/core/problem.ts'
import { createRedactor } from '../../src/core/redact.ts'
import { thrown } from './helpers.ts'

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
