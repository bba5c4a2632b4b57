import { describe, expect, test } from '@jest/globals'
import { asProblem, isTransient, mayHaveBeenApplied, Problem, type ProblemCode } from '../../src/core/problem.ts'

const ALL: ProblemCode[] = [
  'credentials-refused',
  'not-found',
  'rejected',
  'server-error',
  'unreadable-answer',
  'redirect',
  'too-large',
  'network',
  'rate-limited',
  'deadline',
  'cancelled',
  'internal',
]

describe('Problem', () => {
  test('message from code, HTTP status and error code; details kept', () => {
    const p = new Problem('server-error', { httpStatus: 502, errorCode: 'BAD_GATEWAY' })
    expect(p).toBeInstanceOf(Error)
    expect(p.name).toBe('Problem')
    expect(p.message).toBe('server-error (HTTP 502) BAD_GATEWAY')
    expect(p.details).toEqual({ httpStatus: 502, errorCode: 'BAD_GATEWAY' })
    expect(new Problem('deadline').message).toBe('deadline')
  })
})

describe('isTransient: worth another read', () => {
  test.each(ALL)('%s', (code) => {
    expect(isTransient(new Problem(code))).toBe(['server-error', 'unreadable-answer', 'network'].includes(code))
  })

  test.each([
    ['PROXY_407', false],
    ['PROXY_403', false],
    ['PROXY_502', true],
    ['ECONNRESET', true],
    // Only the proxy's own refusal (PROXY_ and its status) is configuration; a code merely containing it is not.
    ['UND_ERR_PROXY_403', true],
  ])('a network problem %s: %s', (networkCode, transient) => {
    expect(isTransient(new Problem('network', { networkCode, notSent: true }))).toBe(transient)
  })

  test('nothing listening at a base-url on this machine: not retried (the user must start it)', () => {
    const refused = { networkCode: 'ECONNREFUSED', notSent: true }
    expect(isTransient(new Problem('network', refused))).toBe(true)
    expect(isTransient(new Problem('network', { ...refused, nothingListensAt: 'http://127.0.0.1:8080' }))).toBe(false)
  })
})

describe('mayHaveBeenApplied: a POST that must not be sent again', () => {
  test.each(ALL.filter((c) => c !== 'network'))('%s', (code) => {
    expect(mayHaveBeenApplied(new Problem(code))).toBe(
      ['server-error', 'unreadable-answer', 'too-large', 'redirect', 'deadline', 'cancelled', 'internal'].includes(code),
    )
  })

  test('network: unless provably not sent', () => {
    expect(mayHaveBeenApplied(new Problem('network', { networkCode: 'ECONNRESET' }))).toBe(true)
    expect(mayHaveBeenApplied(new Problem('network', { networkCode: 'ECONNREFUSED', notSent: true }))).toBe(false)
  })
})

const aborted = (): AbortSignal => {
  const controller = new AbortController()
  controller.abort(new Error('cancelled'))
  return controller.signal
}

describe('asProblem', () => {
  test('once cancelled, a request that provably never left says so: nothing was applied', () => {
    const problem = asProblem(new Problem('network', { networkCode: 'ECONNREFUSED', notSent: true }), aborted())
    expect(problem.code).toBe('cancelled')
    expect(problem.details).toEqual({ notSent: true })
  })

  test.each([
    ['a request that may have been sent', new Problem('network', { networkCode: 'ECONNRESET' })],
    ['one marked notSent: false', new Problem('network', { notSent: false })],
    ['something not a Problem', { details: { notSent: true } }],
  ])('once cancelled, %s keeps nothing', (_name, error) => {
    const problem = asProblem(error, aborted())
    expect(problem.code).toBe('cancelled')
    expect(problem.details).toEqual({})
  })

  test('a thrown value that is no Error is an internal problem named UNKNOWN', () => {
    expect(asProblem('boom').details).toEqual({ errorName: 'UNKNOWN' })
    expect(asProblem(new RangeError('x')).details).toEqual({ errorName: 'RangeError' })
  })
})
