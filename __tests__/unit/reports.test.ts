import { describe, test, expect } from '@jest/globals'
import { Problem } from '../../src/core/problem.ts'
import { asProblem } from '../../src/core/reports.ts'

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
