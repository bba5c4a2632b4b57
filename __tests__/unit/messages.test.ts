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
    'A Kondado recusou a key ou o token ao consultar o pipeline 7 (HTTP 500). A Kondado respondeu: "the excerpt". Confira os secrets da key e do token, se o token continua ativo na Kondado (Configurações -> Tokens) e se ele pertence a um usuário com acesso ao pipeline 7.',
  ],
  'not-found': [
    'Kondado does not know pipeline 7, or this token cannot see it (HTTP 500). Kondado said: "the excerpt". Check the id in the app URL.',
    'A Kondado não encontrou o pipeline 7, ou este token não tem acesso a ele (HTTP 500). A Kondado respondeu: "the excerpt". Confira o id na URL do app.',
  ],
  rejected: [
    'Kondado refused the request for pipeline 7 (HTTP 500). Kondado said: "the excerpt". Correct what it names, then run the step again: the same request gets the same answer.',
    'A Kondado recusou o pedido para o pipeline 7 (HTTP 500). A Kondado respondeu: "the excerpt". Corrija o que ela aponta antes de executar o step de novo: repetir o mesmo pedido vai dar o mesmo erro.',
  ],
  'server-error': [
    'Kondado failed with a server error for pipeline 7 (HTTP 500), and no retry within the timeout got a good answer. Kondado said: "the excerpt". Try again later.',
    'A Kondado deu erro de servidor no pedido sobre o pipeline 7 (HTTP 500), e nenhuma nova tentativa dentro do timeout deu certo. A Kondado respondeu: "the excerpt". Tente de novo mais tarde.',
  ],
  'unreadable-answer': [
    'Kondado\'s answer for pipeline 7 could not be read (HTTP 500), and no retry within the timeout got a readable one. Kondado said: "the excerpt".',
    'Não foi possível ler a resposta da Kondado sobre o pipeline 7 (HTTP 500), e nenhuma nova tentativa dentro do timeout trouxe uma resposta legível. A Kondado respondeu: "the excerpt".',
  ],
  redirect: [
    "Kondado answered pipeline 7 with a redirect (HTTP 500), which this action never follows (the token would go with it). Check 'base-url'.",
    "A Kondado respondeu com um redirecionamento ao pedido sobre o pipeline 7 (HTTP 500), e esta action nunca segue redirecionamentos (o token iria junto). Confira o 'base-url'.",
  ],
  'too-large': [
    "Kondado's answer for pipeline 7 was larger than any status answer can be, and was cut off. Check 'base-url'.",
    "A resposta da Kondado sobre o pipeline 7 era maior do que qualquer resposta de status pode ser e foi cortada. Confira o 'base-url'.",
  ],
  network: [
    "Could not reach Kondado for pipeline 7 (network error), and no retry within the timeout got through. Check 'base-url' and the runner's network.",
    "Não foi possível conectar à Kondado no pedido sobre o pipeline 7 (erro de rede), e nenhuma nova tentativa dentro do timeout conseguiu. Confira o 'base-url' e a rede do runner.",
  ],
  'rate-limited': [
    "Kondado answered RATE_LIMIT_EXCEEDED for pipeline 7, and the pause it asked for would outlast the timeout. Other jobs may share this key (or this runner's IP address): let them take turns with a concurrency group per key, or lower 'requests-per-minute'.",
    "A Kondado respondeu RATE_LIMIT_EXCEEDED ao pedido sobre o pipeline 7, e a pausa pedida estouraria o timeout. Outros jobs podem estar usando a mesma key (ou o mesmo IP do runner): coloque-os num grupo de concurrency por key, para que se revezem, ou diminua o 'requests-per-minute'.",
  ],
  deadline: [
    'The timeout came before Kondado answered for pipeline 7.',
    'Estourou o timeout antes de a Kondado responder sobre o pipeline 7.',
  ],
  cancelled: [
    'The workflow was cancelled while waiting for pipeline 7.',
    'O workflow foi cancelado enquanto a action esperava o pipeline 7.',
  ],
  internal: [
    "The Kondado action itself failed (error) while working on pipeline 7: a bug, not an answer from Kondado. Please report this at the action's repository.",
    'A própria action da Kondado falhou (erro) ao tratar o pipeline 7: é um bug da action, não uma resposta da Kondado. Por favor, abra uma issue no repositório da action.',
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
    expect(ptBR.state('active', null, 'operational')).toBe('active, kubo_status_type operational')
  })

  test('pt-BR sentences carry the article the resource takes, and contract it', () => {
    const pipeline = ptBR.resource('pipeline', 2040)
    const model = ptBR.resource('model', 163)
    expect(ptBR.problem('not-found', { httpStatus: 404 }, pipeline)).toBe(
      'A Kondado não encontrou o pipeline 2040, ou este token não tem acesso a ele (HTTP 404). Confira o id na URL do app.',
    )
    expect(ptBR.problem('credentials-refused', { httpStatus: 401 }, model)).toBe(
      'A Kondado recusou a key ou o token ao consultar o modelo 163 (HTTP 401). Confira os secrets da key e do token, se o token continua ativo na Kondado (Configurações -> Tokens) e se ele pertence a um usuário com acesso ao modelo 163.',
    )
    expect(ptBR.problem('cancelled', {}, pipeline)).toBe('O workflow foi cancelado enquanto a action esperava o pipeline 2040.')
    expect(ptBR.explain.unhealthy(model, ptBR.state('active', null, 'rebuilding'))).toBe(
      'O modelo 163 não está saudável: active, kubo_status_type rebuilding.',
    )
    expect(ptBR.explain['not-started'](pipeline, 'active', '2m')).toBe(
      'A execução do pipeline 2040 foi disparada, mas não apareceu na fila nem em execução em 2m (a Kondado ainda mostra active). A Kondado pode ter ignorado o pedido (pipeline desativado, plano Essentials) ou a execução pode ter terminado entre duas consultas. Confira no app.',
    )
  })

  test('pt-BR: after a colon the sentence goes on in lower case', () => {
    const problem = ptBR.problem(
      'rejected',
      { httpStatus: 200, excerpt: 'full_tables is missing statuses' },
      ptBR.resource('pipeline', 2040),
    )
    expect(ptBR.step.duplicateFailed(2040, problem)).toBe(
      'A duplicação do pipeline 2040 falhou: a Kondado recusou o pedido para o pipeline 2040 (a resposta veio com success: false). A Kondado respondeu: "full_tables is missing statuses". Corrija o que ela aponta antes de executar o step de novo: repetir o mesmo pedido vai dar o mesmo erro.',
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
