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
    expect(ptBR.state('active', null, 'operational')).toBe('active, modelo operacional (operational)')
  })

  test('pt-BR sentences carry the article the resource takes, and contract it', () => {
    const pipeline = ptBR.resource('pipeline', 2040)
    const model = ptBR.resource('model', 163)
    expect(ptBR.problem('not-found', { httpStatus: 404 }, pipeline)).toBe(
      'A Kondado não encontrou o pipeline 2040, ou este token não tem acesso a ele (HTTP 404). Confira o id na URL do app.',
    )
    expect(ptBR.problem('credentials-refused', { httpStatus: 401 }, model)).toBe(
      'A Kondado recusou a key ou o token ao ler o modelo 163 (HTTP 401). Confira os secrets da key e do token, se o token continua ativo na Kondado (Configurações -> Tokens) e se ele pertence a um usuário com acesso ao modelo 163.',
    )
    expect(ptBR.problem('cancelled', {}, pipeline)).toBe('O workflow foi cancelado enquanto a action esperava o pipeline 2040.')
    expect(ptBR.explain.unhealthy(model, ptBR.state('active', null, 'rebuilding'))).toBe(
      'O modelo 163 não está saudável: active, modelo em reconstrução (rebuilding).',
    )
    expect(ptBR.explain['not-started'](pipeline, 'active', '2m')).toBe(
      'A execução do pipeline 2040 foi disparada, mas não apareceu na fila nem em execução em 2m (a Kondado ainda mostra active). A Kondado pode ter ignorado o pedido (pipeline desativado, plano Essentials) ou a execução pode ter terminado entre duas leituras. Confira no app.',
    )
  })

  test('pt-BR: after a colon the sentence goes on in lower case', () => {
    const problem = ptBR.problem(
      'rejected',
      { httpStatus: 200, excerpt: 'full_tables is missing statuses' },
      ptBR.resource('pipeline', 2040),
    )
    expect(ptBR.step.duplicateFailed(2040, problem)).toBe(
      'A duplicação do pipeline 2040 falhou: a Kondado recusou o pedido para o pipeline 2040 (a resposta veio com success: false). A Kondado respondeu: "full_tables is missing statuses". Corrija o que ela aponta antes de executar o step de novo: o mesmo pedido recebe a mesma resposta.',
    )
  })

  test('a refusal with HTTP 200 says what Kondado answered and what to do', () => {
    expect(en.problem('rejected', { httpStatus: 200, excerpt: 'not available for Essentials' }, 'pipeline 2040')).toBe(
      'Kondado refused the request for pipeline 2040 (its answer said success: false). Kondado said: "not available for Essentials". Correct what it names, then run the step again: the same request gets the same answer.',
    )
    expect(en.problem('rejected', { httpStatus: 422 }, 'pipeline 2040')).toBe(
      "Kondado refused the request for pipeline 2040 (HTTP 422). Check the ids and this step's inputs, then run the step again: the same request gets the same answer.",
    )
  })
})
