import { describe, test, expect } from '@jest/globals'
import { Problem } from '../../src/core/problem.ts'
import { KeyRefusal } from '../../src/core/step-context.ts'

describe('KeyRefusal', () => {
  test('a refusal of our key stops every read', () => {
    const refusal = new KeyRefusal()
    const problem = new Problem('credentials-refused', { httpStatus: 401, keyRefused: true })
    refusal.note(problem)
    expect(refusal.problem).toBe(problem)
  })

  test.each([
    ['a 403 about one resource', new Problem('credentials-refused', { httpStatus: 403, keyRefused: false })],
    ['a refusal without the flag', new Problem('credentials-refused', { httpStatus: 403 })],
    ['a rejection', new Problem('rejected', { keyRefused: true })],
  ])('%s does not', (_name, problem) => {
    const refusal = new KeyRefusal()
    refusal.note(problem)
    expect(refusal.problem).toBeUndefined()
  })
})
