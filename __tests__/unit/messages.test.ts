import { describe, test, expect } from '@jest/globals'
import { en } from '../../src/messages/en.ts'
import { LANGUAGES, messagesFor } from '../../src/messages/index.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import type { ProblemCode } from '../../src/core/problem.ts'

/** Every key path of a messages object, functions included as leaves. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => shape(v, `${prefix}.${k}`))
}

const CODES: ProblemCode[] = [
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
]

describe('messages', () => {
  test('both languages have the same shape', () => {
    expect(shape(ptBR).sort()).toEqual(shape(en).sort())
    expect(LANGUAGES).toEqual(['en', 'pt-BR'])
    expect(messagesFor('en')).toBe(en)
    expect(messagesFor('pt-BR')).toBe(ptBR)
  })

  test.each(CODES)('problem %s has words in both languages, naming the subject and what Kondado said', (code) => {
    for (const m of [en, ptBR]) {
      const text = m.problem(code, { httpStatus: 500, excerpt: 'the excerpt' }, 'pipeline 7')
      expect(text).toContain('pipeline 7')
      expect(text.length).toBeGreaterThan(20)
      if (['credentials-refused', 'not-found', 'rejected', 'server-error', 'unreadable-answer'].includes(code))
        expect(text).toContain('the excerpt')
    }
    expect(en.problem(code, {}, 'x')).not.toBe(ptBR.problem(code, {}, 'x'))
  })

  test('state text', () => {
    expect(en.state('active', null, null)).toBe('active')
    expect(en.state('active', 'boom', 'rebuilding')).toBe('active, model rebuilding, "boom"')
    expect(ptBR.state('active', null, 'operational')).toBe('active, modelo operational')
  })
})

describe('retries that ran out, and retries the timeout cut short', () => {
  const outOfRetries = { httpStatus: 503, tries: 9, triedForMs: 262_000 }
  test.each<[ProblemCode, string, string]>([
    [
      'server-error',
      'and all 9 tries over 4m 22s failed (no retries left). Try again later.',
      'no retry within the timeout got a good answer',
    ],
    ['unreadable-answer', 'and all 9 tries over 4m 22s failed (no retries left).', 'no retry within the timeout got a readable one'],
    ['network', 'and all 9 tries over 4m 22s failed (no retries left). Check', 'no retry within the timeout got through'],
  ])('%s', (code, exhausted, timedOut) => {
    expect(en.problem(code, outOfRetries, 'pipeline 2040')).toContain(exhausted)
    expect(en.problem(code, outOfRetries, 'pipeline 2040')).not.toContain('within the timeout')
    expect(en.problem(code, { httpStatus: 503 }, 'pipeline 2040')).toContain(timedOut)
    expect(ptBR.problem(code, outOfRetries, 'pipeline 2040')).toContain(
      'e todas as 9 tentativas, ao longo de 4m 22s, falharam (não há mais novas tentativas)',
    )
  })
})
