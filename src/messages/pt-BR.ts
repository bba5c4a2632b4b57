import { formatDuration } from '../core/duration.ts'
import type { ProblemCode, ProblemDetails } from '../core/problem.ts'
import type { Command, IfRunning } from '../core/vocabulary.ts'
import type { ResourceKind } from '../core/types.ts'
import type { Messages } from './en.ts'

/** Cada palavra da action em português do Brasil, com a mesma forma de `en.ts`. */
const kindName = (kind: ResourceKind): string => (kind === 'pipeline' ? 'pipeline' : 'modelo')
const said = (d: ProblemDetails): string => (d.excerpt ? ` A Kondado respondeu: "${d.excerpt}".` : '')
/** Como terminaram as novas tentativas de uma leitura: acabaram, ou o timeout chegou antes. */
const gaveUp = (d: ProblemDetails, got: string): string =>
  d.tries
    ? `, e todas as ${d.tries} tentativas, ao longo de ${formatDuration(d.triedForMs ?? 0)}, falharam (não há mais novas tentativas)`
    : `, e nenhuma nova tentativa dentro do timeout ${got}`
const http = (d: ProblemDetails): string => (d.httpStatus ? ` (HTTP ${d.httpStatus})` : '')
const anyOf = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ou ${items.at(-1) ?? ''}`

export const ptBR: Messages = {
  resource: (kind: ResourceKind, id: number) => `${kindName(kind)} ${id}`,

  input: {
    required: (name: string) => `O input '${name}' é obrigatório.`,
    requiredFor: (name: string, command: Command) => `O input '${name}' é obrigatório para o comando '${command}'.`,
    notAllowedFor: (name: string, command: Command) =>
      `O input '${name}' não é usado pelo comando '${command}': remova-o (a Kondado só executa pipelines).`,
    notId: (name: string, value: string) => `Input '${name}': '${value}' não é um id (ids são números inteiros positivos, ex.: 2040).`,
    oneId: (name: string) => `O input '${name}' recebe exatamente um id no comando 'duplicate' (o pipeline base).`,
    choice: (name: string, value: string, choices: readonly string[]) =>
      `Input '${name}': '${value}' não é um de ${choices.map((c) => `'${c}'`).join(', ')}.`,
    boolean: (name: string, value: string) => `Input '${name}': '${value}' não é 'true' nem 'false'.`,
    duration: (name: string, value: string) =>
      `Input '${name}': '${value}' não é uma duração (use segundos ou uma unidade: '90s', '15m', '2h').`,
    number: (name: string, value: string, min: number, max: number) => `Input '${name}': '${value}' não é um número de ${min} a ${max}.`,
    maxBelowMin: (max: string, min: string) => `O input '${max}' deve ser no mínimo '${min}'.`,
    json: (name: string) => `O input '${name}' não é um JSON válido: informe um objeto JSON como {"": "nova_tabela"}.`,
    jsonObject: (name: string) => `O input '${name}' deve ser um objeto JSON (entre chaves), não uma lista, texto ou número.`,
    stringMap: (name: string, path: string) =>
      `Input '${name}': o valor do caminho de tabela '${path}' deve ser um texto não vazio (o nome da nova tabela).`,
    mainTable: (name: string) => `O input '${name}' deve nomear a tabela principal com o caminho vazio "" (ex.: {"": "pedidos_prod"}).`,
    baseUrl: (value: string, example: string) => `Input 'base-url': '${value}' não é uma URL como ${example}.`,
    baseUrlHttps: (value: string, hosts: readonly string[]) =>
      `Input 'base-url': '${value}' deve usar https (o token vai na URL); http simples só é aceito para ${anyOf(hosts)}.`,
    baseUrlParts: () => `O input 'base-url' não pode ter usuário, senha, query ou fragmento.`,
    proxy: (variable: string) =>
      `A variável de ambiente '${variable}' não é um endereço de proxy como http://proxy.example.com:3128 (http ou https).`,
  },

  problem: (code: ProblemCode, d: ProblemDetails, subject: string): string => {
    switch (code) {
      case 'credentials-refused':
        return `A Kondado recusou a key ou o token ao ler ${subject}${http(d)}.${said(d)} Confira os secrets da key e do token, se o token continua ativo na Kondado (Configurações -> Tokens) e se pertence a um usuário que enxerga ${subject}.`
      case 'not-found':
        return `A Kondado não conhece ${subject}, ou este token não o enxerga${http(d)}.${said(d)} Confira o id na URL do app.`
      case 'rejected':
        return `A Kondado recusou o pedido para ${subject}${http(d)}.${said(d)}`
      case 'server-error':
        return `A Kondado falhou com um erro de servidor para ${subject}${http(d)}${gaveUp(d, 'teve uma boa resposta')}.${said(d)} Tente de novo mais tarde.`
      case 'unreadable-answer':
        return `Não foi possível ler a resposta da Kondado para ${subject}${http(d)}${gaveUp(d, 'teve uma resposta legível')}.${said(d)}`
      case 'redirect':
        return `A Kondado respondeu ${subject} com um redirecionamento${http(d)}, que esta action nunca segue (o token iria junto). Confira o 'base-url'.`
      case 'too-large':
        return `A resposta da Kondado para ${subject} era maior do que qualquer resposta de status e foi cortada. Confira o 'base-url'.`
      case 'network':
        return `Não foi possível alcançar a Kondado para ${subject} (${d.networkCode ?? 'erro de rede'})${gaveUp(d, 'conseguiu')}. Confira o 'base-url' e a rede do runner.`
      case 'rate-limited':
        return `A Kondado respondeu RATE_LIMIT_EXCEEDED para ${subject}, e a pausa pedida passaria do timeout. Outros jobs podem usar a mesma key (ou o mesmo IP do runner): faça-os revezar com um grupo de concurrency por key, ou reduza 'requests-per-minute'.`
      case 'deadline':
        return `O timeout chegou antes de a Kondado responder para ${subject}.`
      case 'cancelled':
        return `O workflow foi cancelado enquanto esperava ${subject}.`
      case 'internal':
        return `A própria action da Kondado falhou (${d.errorName ?? 'erro'}) ao tratar ${subject}: é um defeito da action, não uma resposta da Kondado. Por favor, relate isto no repositório da action.`
    }
  },

  /** A few words for a problem, inside a log line: what kind, and the HTTP status or network code. */
  problemLabel: (code: ProblemCode, d: ProblemDetails): string => {
    const labels: Record<ProblemCode, string> = {
      'credentials-refused': 'key ou token recusados',
      'not-found': 'não encontrado',
      rejected: 'recusado',
      'server-error': 'erro de servidor',
      'unreadable-answer': 'resposta ilegível',
      redirect: 'redirecionamento',
      'too-large': 'resposta grande demais',
      network: 'sem conexão',
      'rate-limited': 'limite de requisições',
      deadline: 'timeout atingido',
      cancelled: 'cancelado',
      internal: 'erro interno',
    }
    const detail = d.httpStatus ? `HTTP ${d.httpStatus}` : (d.networkCode ?? d.errorName)
    return detail ? `${labels[code]}, ${detail}` : labels[code]
  },

  verdict: {
    healthy: 'saudável',
    unhealthy: 'com problema',
    'unknown-status': 'status desconhecido',
    'already-running': 'já em execução',
    'not-started': 'não começou',
    started: 'iniciado',
    created: 'criado',
    'timed-out': 'tempo esgotado',
    error: 'erro',
    cancelled: 'cancelado',
  },

  explain: {
    unhealthy: (subject: string, state: string) => `${subject} não está saudável: ${state}.`,
    'unknown-status': (subject: string, state: string) =>
      `${subject} informou um status que esta action não conhece (${state}); ele não conta como saudável.`,
    'already-running': (subject: string) => `${subject} já estava em execução ou na fila, e 'if-running' é 'fail'.`,
    'not-started': (subject: string, state: string, windowText: string) =>
      `${subject} foi disparado mas não foi visto começar em ${windowText} (a Kondado ainda mostra ${state}). O pedido pode ter sido ignorado (pipeline desativado, plano Essentials) ou a execução foi mais rápida que uma leitura. Confira no app.`,
    'not-started-unconfirmed': (subject: string, windowText: string) =>
      `O disparo de ${subject} ficou sem resposta, então pode ou não ter chegado à Kondado, e nenhuma execução apareceu em ${windowText}: resultado desconhecido. Confira no app antes de rodar de novo.`,
    'timed-out': (subject: string, state: string, timeoutText: string) =>
      `${subject} ainda não tinha terminado após o timeout de ${timeoutText} (último status: ${state}). Ele continua rodando na Kondado.`,
    cancelled: (subject: string, state: string) =>
      `O workflow foi cancelado enquanto esperava ${subject} (último status: ${state}). Ele continua rodando na Kondado.`,
  },

  reason: {
    status: (status: string): string =>
      ({
        not_active: 'desativado na Kondado',
        error_building_tables: 'não foi possível criar as tabelas',
        too_many_consecutive_failed_builds: 'falhou muitas vezes seguidas',
        too_many_consecutive_failed_builds__blocked: 'bloqueado pela Kondado depois de falhar muitas vezes seguidas',
      })[status] ?? `status ${status}`,
    shortStatus: (status: string): string =>
      status.endsWith('__blocked') ? 'bloqueado' : status.startsWith('too_many_consecutive_failed') ? 'falhando' : 'veja o motivo',
    'model-not-run': 'ainda não foi executado com a nova configuração',
    'mid-change': 'parado, mas ainda marcado como em execução: lido no meio de uma mudança',
    'unknown-status': 'um status que esta action não conhece',
    'not-started': (windowText: string) => `não apareceu na fila nem em execução em ${windowText}`,
    'not-started-unconfirmed': (windowText: string) => `o disparo ficou sem resposta; nenhuma execução apareceu em ${windowText}`,
    'timed-out': (timeoutText: string) => `ainda não tinha terminado quando o timeout (${timeoutText}) chegou`,
    cancelled: 'o workflow foi cancelado',
    'already-running': "já estava em execução ou na fila, e 'if-running' é 'fail'",
  },

  state: (status: string, rawMsg: string | null, kubo: string | null) =>
    [status, kubo ? `modelo ${kubo}` : '', rawMsg ? `"${rawMsg}"` : ''].filter(Boolean).join(', '),
  noState: 'não lido',

  log: {
    status: (subject: string, state: string) => `${subject}: ${state}`,
    alreadyRunning: (subject: string, ifRunning: IfRunning) =>
      ifRunning === 'wait'
        ? `${subject} já está em execução ou na fila: esperando essa execução em vez de iniciar uma segunda.`
        : ifRunning === 'rerun'
          ? `${subject} já está em execução ou na fila: esperando essa execução terminar para então iniciar uma nova ('if-running: rerun').`
          : `${subject} já está em execução ou na fila ('if-running: fail').`,
    triggered: (subject: string) => `${subject}: execução pedida; esperando a Kondado mostrá-la na fila ou rodando.`,
    triggerUnconfirmed: (subject: string, problem: string) =>
      `${subject}: o pedido de execução ficou sem resposta clara (${problem}); ele não é reenviado. Acompanhando o status para ver se começou.`,
    runSeen: (subject: string) => `${subject}: a execução começou.`,
    created: (baseId: number, newId: number) => `Pipeline ${newId} criado a partir do pipeline ${baseId}.`,
    retrying: (subject: string, what: string, delay: string) => `${subject}: a leitura falhou (${what}); nova tentativa em ${delay}.`,
    request: (method: string, path: string, outcome: string, tookMs: number, waitedMs: number) =>
      `${method} ${path}: ${outcome} em ${tookMs} ms, depois de esperar ${waitedMs} ms pela vez`,
    paused: (delay: string) =>
      `O limite de requisições da Kondado foi atingido (RATE_LIMIT_EXCEEDED): todas as requisições param por ${delay}.`,
    settled: (subject: string, verdict: string, state: string, elapsed: string) => `${subject}: ${verdict} (${state}) após ${elapsed}`,
  },

  step: {
    failed: (count: number, total: number) =>
      `${count} de ${total} ${total === 1 ? 'recurso não está saudável' : 'recursos não estão saudáveis'}.`,
    duplicateFailed: (baseId: number, problem: string) => `A duplicação do pipeline ${baseId} falhou: ${problem}`,
    duplicateUnknown: (baseId: number) =>
      `Duplicação do pipeline ${baseId}: resultado desconhecido: confira no app antes de rodar de novo. O pedido pode ter chegado à Kondado e criado um pipeline; rodar este passo de novo poderia criar um segundo.`,
    cancelled: 'O workflow foi cancelado. Os pipelines continuam rodando na Kondado; o resumo tem os links.',
    reportedOnly: 'fail-on-error é false: os veredictos acima são informados sem falhar o passo.',
    summaryUnwritten: (name: string) => `O resumo do job não pôde ser escrito (${name}); o veredicto e os outputs continuam valendo.`,
    internalError: (name: string) =>
      `A própria action da Kondado falhou (${name}); nenhum veredicto foi dado e nada foi informado como saudável. Por favor, relate isto no repositório da action.`,
  },

  summary: {
    title: (command: Command) =>
      ({
        run: 'Kondado: executar pipelines',
        wait: 'Kondado: esperar pipelines e modelos',
        status: 'Kondado: verificação de saúde',
        duplicate: 'Kondado: duplicar um pipeline',
      })[command],
    headers: ['Recurso', 'Status', 'Veredito', 'Tempo de espera', 'Motivo'] as readonly string[],
    gateHeaders: ['Recurso', 'Status', 'Veredito', 'Motivo'] as readonly string[],
    checked: (at: string, elapsed: string) => `Verificado às ${at}, em ${elapsed}.`,
    alreadyRunning: 'já estava rodando: esperou essa execução',
    triggerUnconfirmed: 'resposta do disparo perdida: não reenviado',
    duplicateHeaders: [
      'Pipeline base',
      'Novo pipeline',
      'Nome',
      'Coleção de origem',
      'Coleção de destino',
      'Executa agora',
    ] as readonly string[],
    tableHeaders: ['Caminho da tabela', 'Nova tabela', 'Nova tabela delta'] as readonly string[],
    mainTable: '(tabela principal)',
    baseName: (baseId: number) => `o mesmo do pipeline ${baseId}`,
    yes: 'sim',
    no: 'não',
    total: (elapsed: string) => `Concluído em ${elapsed}.`,
    cancelledNote: 'O workflow foi cancelado: a Kondado continua rodando os pipelines; acompanhe-os pelos links acima.',
    timeoutNote: 'O timeout chegou antes: a Kondado continua rodando os pipelines; acompanhe-os pelos links acima.',
  },
}
