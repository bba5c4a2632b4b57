import { describe, test, expect } from '@jest/globals'
import { en } from '../../src/messages/en.ts'
import { LANGUAGES, messagesFor } from '../../src/messages/index.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import type { ProblemCode } from '../../src/core/problem.ts'

// Both languages having every message is for the type checker: `ptBR` is declared as `Messages`.

const DETAILS = { httpStatus: 500, excerpt: 'the excerpt' }

/** What each problem says about pipeline 7, in English and in Portuguese; a code left out does not compile. */
const PROBLEM_TEXTS: Record<ProblemCode, readonly [string, string]> = {
  'credentials-refused': [
    'Kondado refused the key or token while reading pipeline 7 (HTTP 500). Kondado said: "the excerpt". Check the key and token secrets, and that the token is still switched on in Kondado (Settings -> Tokens) and belongs to a user who can see pipeline 7.',
    'A Kondado recusou a key ou o token ao ler pipeline 7 (HTTP 500). A Kondado respondeu: "the excerpt". Confira os secrets da key e do token, se o token continua ativo na Kondado (Configurações -> Tokens) e se pertence a um usuário que enxerga pipeline 7.',
  ],
  'not-found': [
    'Kondado does not know pipeline 7, or this token cannot see it (HTTP 500). Kondado said: "the excerpt". Check the id in the app URL.',
    'A Kondado não conhece pipeline 7, ou este token não o enxerga (HTTP 500). A Kondado respondeu: "the excerpt". Confira o id na URL do app.',
  ],
  rejected: [
    'Kondado refused the request for pipeline 7 (HTTP 500). Kondado said: "the excerpt".',
    'A Kondado recusou o pedido para pipeline 7 (HTTP 500). A Kondado respondeu: "the excerpt".',
  ],
  'server-error': [
    'Kondado failed with a server error for pipeline 7 (HTTP 500), and no retry within the timeout got a good answer. Kondado said: "the excerpt". Try again later.',
    'A Kondado falhou com um erro de servidor para pipeline 7 (HTTP 500), e nenhuma nova tentativa dentro do timeout teve uma boa resposta. A Kondado respondeu: "the excerpt". Tente de novo mais tarde.',
  ],
  'unreadable-answer': [
    'Kondado\'s answer for pipeline 7 could not be read (HTTP 500), and no retry within the timeout got a readable one. Kondado said: "the excerpt".',
    'Não foi possível ler a resposta da Kondado para pipeline 7 (HTTP 500), e nenhuma nova tentativa dentro do timeout teve uma resposta legível. A Kondado respondeu: "the excerpt".',
  ],
  redirect: [
    "Kondado answered pipeline 7 with a redirect (HTTP 500), which this action never follows (the token would go with it). Check 'base-url'.",
    "A Kondado respondeu pipeline 7 com um redirecionamento (HTTP 500), que esta action nunca segue (o token iria junto). Confira o 'base-url'.",
  ],
  'too-large': [
    "Kondado's answer for pipeline 7 was larger than any status answer can be, and was cut off. Check 'base-url'.",
    "A resposta da Kondado para pipeline 7 era maior do que qualquer resposta de status e foi cortada. Confira o 'base-url'.",
  ],
  network: [
    "Could not reach Kondado for pipeline 7 (network error), and no retry within the timeout got through. Check 'base-url' and the runner's network.",
    "Não foi possível alcançar a Kondado para pipeline 7 (erro de rede), e nenhuma nova tentativa dentro do timeout conseguiu. Confira o 'base-url' e a rede do runner.",
  ],
  'rate-limited': [
    "Kondado answered RATE_LIMIT_EXCEEDED for pipeline 7, and the pause it asked for would outlast the timeout. Other jobs may share this key (or this runner's IP address): let them take turns with a concurrency group per key, or lower 'requests-per-minute'.",
    "A Kondado respondeu RATE_LIMIT_EXCEEDED para pipeline 7, e a pausa pedida passaria do timeout. Outros jobs podem usar a mesma key (ou o mesmo IP do runner): faça-os revezar com um grupo de concurrency por key, ou reduza 'requests-per-minute'.",
  ],
  deadline: ['The timeout came before Kondado answered for pipeline 7.', 'O timeout chegou antes de a Kondado responder para pipeline 7.'],
  cancelled: ['The workflow was cancelled while waiting for pipeline 7.', 'O workflow foi cancelado enquanto esperava pipeline 7.'],
  internal: [
    "The Kondado action itself failed (error) while working on pipeline 7: a bug, not an answer from Kondado. Please report this at the action's repository.",
    'A própria action da Kondado falhou (erro) ao tratar pipeline 7: é um defeito da action, não uma resposta da Kondado. Por favor, relate isto no repositório da action.',
  ],
}

describe('messages', () => {
  test('the languages offered, and the messages of each', () => {
    expect(LANGUAGES).toEqual(['en', 'pt-BR'])
    expect(messagesFor('en')).toBe(en)
    expect(messagesFor('pt-BR')).toBe(ptBR)
  })

  test.each(Object.entries(PROBLEM_TEXTS))(
    'problem %s, in both languages, names the subject and quotes what Kondado said',
    (code, [english, portuguese]) => {
      expect(en.problem(code as ProblemCode, DETAILS, 'pipeline 7')).toBe(english)
      expect(ptBR.problem(code as ProblemCode, DETAILS, 'pipeline 7')).toBe(portuguese)
    },
  )

  test('state text', () => {
    expect(en.state('active', null, null)).toBe('active')
    expect(en.state('active', 'boom', 'rebuilding')).toBe('active, model rebuilding, "boom"')
    expect(ptBR.state('active', null, 'operational')).toBe('active, modelo operational')
  })
})
