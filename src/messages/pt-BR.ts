import {
  type Command,
  formatDuration,
  type IfRunning,
  type ProblemCode,
  type ProblemDetails,
  type PromotionRecord,
  type ResourceKind,
} from '../core/index.ts'
import type { Messages } from './en.ts'

// Cada frase da action em português do Brasil, com a mesma forma de `en.ts`. As escolhas de
// vocabulário (step, pipeline, modelo, execução, fila, timeout, input, token...) e o porquê de
// cada uma estão em docs/portuguese.md.

const kindName = (kind: ResourceKind): string => (kind === 'pipeline' ? 'pipeline' : 'modelo')

/**
 * O artigo de cada tipo de recurso, pelo nome com que `resource` começa: "o pipeline 2040",
 * "do modelo 163". Os dois são masculinos hoje; um tipo novo entra aqui com o seu artigo.
 */
const ARTICLE: Readonly<Record<string, 'o' | 'a'>> = { pipeline: 'o', modelo: 'o' }
const CONTRACTION = { o: { de: 'do', em: 'no', a: 'ao' }, a: { de: 'da', em: 'na', a: 'à' } } as const

/** As formas de um sujeito com artigo e contrações, para cada frase pegar a sua. */
function forms(subject: string) {
  const article = ARTICLE[subject.split(' ')[0] ?? '']
  const the = article ? `${article} ${subject}` : subject
  return {
    o: the,
    O: the.charAt(0).toUpperCase() + the.slice(1),
    do: article ? `${CONTRACTION[article].de} ${subject}` : `de ${subject}`,
    no: article ? `${CONTRACTION[article].em} ${subject}` : `em ${subject}`,
    ao: article ? `${CONTRACTION[article].a} ${subject}` : `a ${subject}`,
  }
}

/** Depois de dois-pontos, a frase segue em minúscula: "falhou: a Kondado recusou". */
const afterColon = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1)

const said = (d: ProblemDetails): string => (d.excerpt ? ` A Kondado respondeu: "${d.excerpt}".` : '')
/** Como terminaram as novas tentativas de uma consulta: se esgotaram, ou estourou o timeout antes. */
const gaveUp = (d: ProblemDetails, got: string): string =>
  d.tries
    ? `, e todas as ${d.tries} tentativas, ao longo de ${formatDuration(d.triedForMs ?? 0)}, falharam (não há mais novas tentativas)`
    : `, e nenhuma nova tentativa dentro do timeout ${got}`
const http = (d: ProblemDetails): string => (d.httpStatus ? ` (HTTP ${d.httpStatus})` : '')
const list = (items: readonly string[], word: string): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`
const quoted = (items: readonly string[]): string[] => items.map((item) => `'${item}'`)

/**
 * O `kubo_status_type` de um modelo fica como a Kondado o escreve, como o status de um pipeline:
 * "success, kubo_status_type rebuilding". Sem tradução ao lado, o estado cabe entre os parênteses
 * de uma linha do log sem outros parênteses dentro.
 */
const kuboText = (kubo: string): string => `kubo_status_type ${kubo}`

export const ptBR: Messages = {
  resource: (kind: ResourceKind, id: number) => `${kindName(kind)} ${id}`,

  input: {
    required: (name: string) => `O input '${name}' é obrigatório.`,
    requiredFor: (name: string, command: Command) => `O input '${name}' é obrigatório no comando '${command}'.`,
    notAllowedFor: (name: string, command: Command, commands: readonly Command[]) =>
      `O input '${name}' não é usado pelo comando '${command}', só por ${list(quoted(commands), 'e')}: remova-o ou use ${commands.length === 1 ? 'esse comando' : 'um desses comandos'}.`,
    idsRequired: (command: Command, pipelines: string, models: string) =>
      `O comando '${command}' precisa de pelo menos um id: informe '${pipelines}', '${models}' ou os dois.`,
    notId: (name: string, value: string) =>
      `Input '${name}': '${value}' não é um id válido (ids são números inteiros positivos, por exemplo 2040).`,
    idTooLarge: (name: string, value: string, largest: number) =>
      `Input '${name}': '${value}' é grande demais para um id (o maior é ${largest}); veja se não faltou separar dois ids.`,
    clientCode: (name: string, value: string, number: string) =>
      `Input '${name}': '${value}' é o código da conta como o app mostra; informe só o número antes do hífen: ${number}.`,
    oneId: (name: string) => `O input '${name}' aceita exatamente um id no comando 'duplicate' (o pipeline base).`,
    choice: (name: string, value: string, choices: readonly string[]) =>
      `Input '${name}': '${value}' não é um valor aceito; use ${list(quoted(choices), 'ou')}.`,
    boolean: (name: string, value: string) => `Input '${name}': '${value}' não é 'true' nem 'false'.`,
    duration: (name: string, value: string) =>
      `Input '${name}': '${value}' não é uma duração (use segundos ou uma unidade, com decimais se quiser: '90', '90s', '1.5m', '2h').`,
    durationRange: (name: string, value: string, min: string, max: string) =>
      `Input '${name}': '${value}' está fora do intervalo: informe uma duração entre ${min} e ${max}.`,
    number: (name: string, value: string, min: number, max: number) => `Input '${name}': '${value}' não é um número entre ${min} e ${max}.`,
    maxBelowMin: (max: string, min: string) => `O input '${max}' não pode ser menor que '${min}'.`,
    json: (name: string) => `O input '${name}' não é um JSON válido: informe um objeto JSON como {"": "nova_tabela"}.`,
    jsonObject: (name: string) => `O input '${name}' precisa ser um objeto JSON (entre chaves), não uma lista, um texto ou um número.`,
    jsonDepth: (name: string, max: number) =>
      `O input '${name}' aninha objetos ou listas em mais de ${max} níveis: use um objeto JSON mais raso.`,
    stringMap: (name: string, path: string) =>
      `Input '${name}': o valor do caminho de tabela '${path}' precisa ser um texto não vazio (o nome da nova tabela).`,
    mainTable: (name: string) =>
      `O input '${name}' precisa dar o nome da tabela principal, cujo caminho é vazio "" (por exemplo {"": "pedidos_prod"}).`,
    baseUrl: (value: string, example: string) => `Input 'base-url': '${value}' não é uma URL válida, como ${example}.`,
    baseUrlHttps: (value: string, hosts: readonly string[]) =>
      `Input 'base-url': '${value}' precisa usar https (o token vai na URL); http sem TLS só é aceito para ${list(hosts, 'ou')}.`,
    baseUrlParts: () => `O input 'base-url' não pode ter usuário, senha, query string nem fragmento.`,
    proxy: (variable: string) =>
      `A variável de ambiente '${variable}' não é um endereço de proxy como http://proxy.example.com:3128 (http ou https).`,
    modelsNeedWait: (models: string, wait: string) =>
      `O input '${models}' exige '${wait}: true' no comando 'run': os modelos são aguardados depois que os pipelines terminam, e com '${wait}: false' o step termina assim que os pipelines começam.`,
    unusedWithout: (name: string, needed: string) => `O input '${name}' não é usado sem '${needed}': remova-o ou informe '${needed}'.`,
    login: (name: string, value: string) =>
      `Input '${name}': '${value}' não é um login do GitHub (letras, dígitos, hífens e sublinhados, com '[bot]' no fim para o token de um app, por exemplo 'github-actions[bot]').`,
  },

  problem: (code: ProblemCode, d: ProblemDetails, subject: string): string => {
    const s = forms(subject)
    switch (code) {
      case 'credentials-refused':
        return `A Kondado recusou a key ou o token ao consultar ${s.o}${http(d)}.${said(d)} Confira os secrets da key e do token, se o token continua ativo na Kondado (Configurações -> Tokens) e se ele pertence a um usuário com acesso ${s.ao}.`
      case 'not-found':
        return `A Kondado não encontrou ${s.o}, ou este token não tem acesso a ele${http(d)}.${said(d)} Confira o id na URL do app.`
      case 'rejected':
        return `A Kondado recusou o pedido para ${s.o}${d.httpStatus === 200 ? ' (a resposta veio com success: false)' : http(d)}.${said(d)} ${d.excerpt ? 'Corrija o que ela aponta' : 'Confira os ids e os inputs deste step'} antes de executar o step de novo: repetir o mesmo pedido vai dar o mesmo erro.`
      case 'server-error':
        return `A Kondado deu erro de servidor no pedido sobre ${s.o}${http(d)}${gaveUp(d, 'deu certo')}.${said(d)} Tente de novo mais tarde.`
      case 'unreadable-answer':
        return `Não foi possível ler a resposta da Kondado sobre ${s.o}${http(d)}${gaveUp(d, 'trouxe uma resposta legível')}.${said(d)}`
      case 'redirect':
        return `A Kondado respondeu com um redirecionamento ao pedido sobre ${s.o}${http(d)}, e esta action nunca segue redirecionamentos (o token iria junto). Confira o 'base-url'.`
      case 'too-large':
        return `A resposta da Kondado sobre ${s.o} era maior do que qualquer resposta de status pode ser e foi cortada. Confira o 'base-url'.`
      case 'network':
        if (d.nothingListensAt)
          return `Não foi possível conectar à Kondado no pedido sobre ${s.o} (${d.networkCode ?? 'erro de rede'}): não há nada escutando em ${d.nothingListensAt}, o 'base-url' nesta máquina. Suba antes o simulador ou o servidor nesse endereço, ou corrija o 'base-url'.`
        return `Não foi possível conectar à Kondado no pedido sobre ${s.o} (${d.networkCode ?? 'erro de rede'})${gaveUp(d, 'conseguiu')}. Confira o 'base-url' e a rede do runner.`
      case 'rate-limited':
        return `A Kondado respondeu RATE_LIMIT_EXCEEDED ao pedido sobre ${s.o}, e a pausa pedida estouraria o timeout. Outros jobs podem estar usando a mesma key (ou o mesmo IP do runner): coloque-os num grupo de concurrency por key, para que se revezem, ou diminua o 'requests-per-minute'.`
      case 'deadline':
        return `Estourou o timeout antes de a Kondado responder sobre ${s.o}.`
      case 'cancelled':
        return `O workflow foi cancelado enquanto a action esperava ${s.o}.`
      case 'internal':
        return `A própria action da Kondado falhou (${d.errorName ?? 'erro'}) ao tratar ${s.o}: é um bug da action, não uma resposta da Kondado. Por favor, abra uma issue no repositório da action.`
    }
  },

  /** Poucas palavras sobre um problema, dentro de uma linha do log: o tipo e o status HTTP ou o código de rede. */
  problemLabel: (code: ProblemCode, d: ProblemDetails): string => {
    const labels: Record<ProblemCode, string> = {
      'credentials-refused': 'key ou token recusados',
      'not-found': 'não encontrado',
      rejected: 'pedido recusado',
      'server-error': 'erro de servidor',
      'unreadable-answer': 'resposta ilegível',
      redirect: 'redirecionamento',
      'too-large': 'resposta grande demais',
      network: 'sem conexão',
      'rate-limited': 'limite de requisições',
      deadline: 'timeout estourado',
      cancelled: 'cancelado',
      internal: 'erro interno',
    }
    if (d.nothingListensAt) return `nada escutando em ${d.nothingListensAt}`
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
    'timed-out': 'timeout',
    error: 'erro',
    cancelled: 'cancelado',
    'not-waited': 'não aguardado',
  },

  explain: {
    unhealthy: (subject: string, state: string) => `${forms(subject).O} não está saudável: ${state}.`,
    'unknown-status': (subject: string, state: string) =>
      `${forms(subject).O} informou um status que esta action não conhece (${state}); por isso não conta como saudável.`,
    'already-running': (subject: string) => `${forms(subject).O} já estava em execução ou na fila, e 'if-running' está como 'fail'.`,
    'not-started': (subject: string, state: string, windowText: string) =>
      `A execução ${forms(subject).do} foi disparada, mas não apareceu na fila nem em execução em ${windowText} (a Kondado ainda mostra ${state}). A Kondado pode ter ignorado o pedido (pipeline desativado, plano Essentials) ou a execução pode ter terminado entre duas consultas. Confira no app.`,
    'not-started-unconfirmed': (subject: string, windowText: string) =>
      `O disparo ${forms(subject).do} ficou sem resposta, então não dá para saber se chegou à Kondado, e nenhuma execução apareceu em ${windowText}: resultado desconhecido. Confira no app antes de executar o step de novo.`,
    'timed-out': (subject: string, state: string, timeoutText: string) =>
      `${forms(subject).O} ainda não tinha terminado quando estourou o timeout de ${timeoutText} (último status: ${state}). A execução continua na Kondado.`,
    cancelled: (subject: string, state: string) =>
      `O workflow foi cancelado enquanto a action esperava ${forms(subject).o} (último status: ${state}). A execução continua na Kondado.`,
    'not-waited': (subject: string) =>
      `${forms(subject).O} não foi aguardado: nem todos os pipelines deste step terminaram saudáveis, então a próxima execução dele não usaria dados atualizados.`,
    'next-not-started': (subject: string, state: string, windowText: string, afterPipelines: boolean) =>
      afterPipelines
        ? `A próxima execução ${forms(subject).do} não apareceu na fila nem em execução em ${windowText} depois do fim dos pipelines (a Kondado ainda mostra ${state}). ${forms(subject).O} pode ter um agendamento próprio em vez de ser executado depois desses pipelines, ou a execução pode ter terminado entre duas consultas. Confira o histórico de execuções no app.`
        : `A próxima execução ${forms(subject).do} não apareceu na fila nem em execução em ${windowText} (a Kondado ainda mostra ${state}), então nenhuma execução nova foi avaliada. Ela pode estar agendada para mais tarde, ou pode ter terminado entre duas consultas. Confira o histórico de execuções no app.`,
    'not-triggered': (subject: string, state: string, blocker: 'disabled' | 'blocked' | 'tables-failed') =>
      ({
        disabled: `${forms(subject).O} está desativado na Kondado (${state}), então nenhuma execução foi solicitada. Ative-o no app e execute o step de novo.`,
        blocked: `${forms(subject).O} foi desativado pela Kondado depois de falhar muitas vezes seguidas (${state}), então nenhuma execução foi solicitada. Corrija o erro indicado, reative-o no app e execute o step de novo.`,
        'tables-failed': `As tabelas ${forms(subject).do} não puderam ser criadas (${state}), então nenhuma execução foi solicitada. Corrija no app o erro indicado (geralmente no destino) e execute o step de novo.`,
      })[blocker],
    'run-refused': (subject: string, said: string | undefined, state: string) =>
      `A Kondado recusou executar ${forms(subject).o}${said ? `: "${said}"` : ''}. Status logo antes: ${state}. Resolva o que a Kondado indicou e execute o step de novo: repetir o mesmo pedido vai dar o mesmo erro.`,
    'not-read': (subject: string) =>
      `${forms(subject).O} não foi consultado: a Kondado já tinha recusado a key ou o token, e recusaria de novo.`,
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
    'mid-change': 'parado, mas ainda marcado como em execução: consultado no meio de uma mudança',
    'unknown-status': 'um status que esta action não conhece',
    'not-started': (windowText: string) => `não apareceu na fila nem em execução em ${windowText}`,
    'not-started-unconfirmed': (windowText: string) => `o disparo ficou sem resposta; nenhuma execução apareceu em ${windowText}`,
    'timed-out': (timeoutText: string) => `ainda não tinha terminado quando estourou o timeout (${timeoutText})`,
    cancelled: 'o workflow foi cancelado',
    'already-running': "já estava em execução ou na fila, e 'if-running' é 'fail'",
    'not-waited': 'nem todos os pipelines deste step terminaram saudáveis',
    'next-not-started': (windowText: string, afterPipelines: boolean) =>
      afterPipelines
        ? `não apareceu na fila nem em execução em ${windowText} depois do fim dos pipelines`
        : `nenhuma execução nova apareceu em ${windowText}`,
    'not-triggered': 'nenhuma execução solicitada',
    'run-refused': 'a Kondado recusou executá-lo',
    'not-read': 'não consultado: a key ou o token foi recusado',
    whatToDo: 'o que fazer',
  },

  state: (status: string, rawMsg: string | null, kubo: string | null) =>
    [status, kubo ? kuboText(kubo) : '', rawMsg ? `"${rawMsg}"` : ''].filter(Boolean).join(', '),
  noState: 'sem status',

  log: {
    status: (subject: string, state: string) => `${subject}: ${state}`,
    alreadyRunning: (subject: string, ifRunning: IfRunning) =>
      ifRunning === 'wait'
        ? `${forms(subject).O} já está em execução ou na fila: a action acompanha essa execução em vez de disparar uma segunda.`
        : ifRunning === 'rerun'
          ? `${forms(subject).O} já está em execução ou na fila: a action espera essa execução terminar e depois dispara uma nova ('if-running: rerun').`
          : `${forms(subject).O} já está em execução ou na fila ('if-running: fail').`,
    triggered: (subject: string) => `${subject}: execução solicitada; aguardando a Kondado mostrá-la na fila ou em execução.`,
    triggerUnconfirmed: (subject: string, problem: string) =>
      `${subject}: o pedido de execução ficou sem resposta clara (${problem}) e não será reenviado. A action acompanha o status para ver se a execução começou.`,
    runSeen: (subject: string) => `${subject}: a execução começou.`,
    created: (baseId: number, newId: number) => `Pipeline ${newId} criado a partir do pipeline ${baseId}.`,
    retrying: (subject: string, what: string, delay: string) => `${subject}: a consulta falhou (${what}); nova tentativa em ${delay}.`,
    request: (method: string, path: string, outcome: string, tookMs: number, waitedMs: number) =>
      `${method} ${path}: ${outcome} em ${tookMs} ms, aguardando ${waitedMs} ms na fila`,
    paused: (delay: string, until: string) =>
      `O limite de requisições da Kondado foi atingido (RATE_LIMIT_EXCEEDED): todas as requisições ficam pausadas por ${delay}, até ${until}.`,
    buildingTables: (subject: string) =>
      `${forms(subject).O} está criando as tabelas: a action espera a criação terminar e depois solicita a execução.`,
    nextRead: (subject: string, forStart: boolean, state: string, until: string, inText: string) =>
      forStart
        ? `${subject}: aguardando a execução aparecer na fila ou em execução; próxima consulta às ${until}, daqui a ${inText}.`
        : `${subject}: aguardando a execução terminar (última consulta: ${state}); próxima consulta às ${until}, daqui a ${inText}.`,
    triggerHeld: (subject: string, until: string, inText: string) =>
      `${subject}: o pedido de execução aguarda até ${until} (daqui a ${inText}), quando o limite de requisições comporta também as consultas que confirmam o início.`,
    budgetHeld: (perMinute: number, until: string, inText: string) =>
      `O limite de requisições (${perMinute} por minuto) foi usado: a próxima requisição sai às ${until}, daqui a ${inText}.`,
    clock: (hhmmss: string) => `${hhmmss} (UTC)`,
    settled: (subject: string, verdict: string, state: string, elapsed: string) => `${subject}: ${verdict} (${state}) após ${elapsed}`,
    awaitingNext: (subject: string, windowText: string, afterPipelines: boolean) =>
      afterPipelines
        ? `${subject}: os pipelines terminaram saudáveis; aguardando até ${windowText} a próxima execução aparecer na fila ou em execução.`
        : `${subject}: aguardando até ${windowText} a próxima execução aparecer na fila ou em execução ('wait-for: next'); o status mostrado agora não é avaliado.`,
  },

  step: {
    failed: (count: number, total: number, which: readonly string[]) =>
      `${count} de ${total} ${total === 1 ? 'recurso' : 'recursos'} não ${count === 1 ? 'passou' : 'passaram'}: ${which.join('; ')}.`,
    keyRefused: (d: ProblemDetails) =>
      `A Kondado recusou a key ou o token${http(d)}: nada foi consultado.${said(d)} Confira os secrets da key e do token, e se o token continua ativo na Kondado (Configurações -> Tokens).`,
    duplicateFailed: (baseId: number, problem: string) => `A duplicação do pipeline ${baseId} falhou: ${afterColon(problem)}`,
    duplicateUnknown: (baseId: number) =>
      `Duplicação do pipeline ${baseId}: resultado desconhecido; confira no app antes de executar o step de novo. O pedido pode ter chegado à Kondado e criado um pipeline, e executar este step de novo poderia criar um segundo.`,
    cancelled: 'O workflow foi cancelado. Os pipelines continuam em execução na Kondado; o resumo tem os links para eles.',
    reportedOnly: "'fail-on-error' está como false: os resultados acima são informados sem falhar o step.",
    summaryUnwritten: (why: string) => `Não foi possível escrever o resumo do job: ${why}. O resultado e os outputs continuam valendo.`,
    noSummaryFile: 'este runner não indica um arquivo de resumo (GITHUB_STEP_SUMMARY não está definido)',
    summaryFileError: (path: string, code: string) => `não foi possível escrever no arquivo ${path} (${code})`,
    internalError: (name: string) =>
      `A própria action da Kondado falhou (${name}); nenhum resultado foi dado e nada foi informado como saudável. Por favor, abra uma issue no repositório da action.`,
  },

  summary: {
    title: (command: Command) =>
      ({
        run: 'Kondado: executar pipelines',
        wait: 'Kondado: aguardar pipelines e modelos',
        status: 'Kondado: health check',
        duplicate: 'Kondado: duplicar um pipeline',
      })[command],
    headers: ['Recurso', 'Status', 'Resultado', 'Tempo de espera', 'Motivo'] as readonly string[],
    gateHeaders: ['Recurso', 'Status', 'Resultado', 'Motivo'] as readonly string[],
    checked: (date: string, time: string, elapsed: string) =>
      `Verificado em ${date.split('-').reverse().join('/')} às ${time} (UTC), em ${elapsed}.`,
    alreadyRunning: 'já estava em execução: a action aguardou essa execução',
    triggerUnconfirmed: 'resposta do disparo perdida: não reenviado',
    duplicateHeaders: [
      'Pipeline base',
      'Novo pipeline',
      'Nome',
      'Coleção de origem',
      'Coleção de destino',
      'Executar agora',
    ] as readonly string[],
    tableHeaders: ['Caminho da tabela', 'Nova tabela', 'Nova tabela delta'] as readonly string[],
    mainTable: '(tabela principal)',
    baseName: (baseId: number) => `o mesmo do pipeline ${baseId}`,
    yes: 'sim',
    no: 'não',
    total: (elapsed: string) => `Concluído em ${elapsed}.`,
    cancelledNote: 'O workflow foi cancelado: os pipelines continuam em execução na Kondado; acompanhe pelos links acima.',
    timeoutNote: 'Estourou o timeout: os pipelines continuam em execução na Kondado; acompanhe pelos links acima.',
    nextRun: 'próxima execução',
    passed: (total: number) => (total === 1 ? 'O recurso passou.' : `Os ${total} recursos passaram.`),
    failed: (failing: number, total: number) =>
      `${failing} de ${total} ${total === 1 ? 'recurso' : 'recursos'} não ${failing === 1 ? 'passou' : 'passaram'}.`,
    firstToDo: (subject: string, todo: string) => `Primeiro, ${forms(subject).o}: ${todo}`,
    keyRefused: 'A Kondado recusou a key ou o token, então nada foi consultado. Primeiro, confira os secrets da key e do token.',
    inputErrors: (count: number) =>
      `O step não começou: ${count === 1 ? 'um input está errado' : `${count} inputs estão errados`}, e nada foi enviado à Kondado.`,
    todo: {
      unhealthy: 'abra-o no app, corrija o que a Kondado indica (geralmente a conexão com a origem ou o destino) e execute o step de novo.',
      'unknown-status': 'confira no app; esta action não conhece esse status.',
      'already-running': "espere a execução terminar, ou use 'if-running: wait' ou 'if-running: rerun'.",
      'not-started': 'confira no app se ele está ativo e veja o histórico de execuções.',
      'not-started-unconfirmed': 'confira o histórico de execuções no app antes de executar o step de novo.',
      'timed-out': "aumente o 'timeout', ou acompanhe a execução depois com 'command: wait'.",
      cancelled: 'nada a corrigir: a execução continua na Kondado.',
      'not-waited': 'corrija o pipeline que não passou; na próxima execução o modelo é aguardado depois dele.',
      'next-not-started':
        "confira o histórico de execuções no app; aumente 'model-start-timeout' se a Kondado o coloca na fila mais tarde.",
      'not-triggered': 'ative-o (ou corrija o que o bloqueou) no app e execute o step de novo.',
      'run-refused': 'resolva o motivo que a Kondado deu e execute o step de novo.',
      'not-read': 'confira os secrets da key e do token.',
      problem: 'leia o motivo na tabela e siga o link.',
    },
  },

  history: {
    restored: (runs: number, resources: number) =>
      `Histórico de execuções: ${runs} ${runs === 1 ? 'duração' : 'durações'} de execuções anteriores de ${resources} ${resources === 1 ? 'recurso' : 'recursos'} ${runs === 1 ? 'restaurada' : 'restauradas'} do cache do Actions.`,
    none: 'Histórico de execuções: nada salvo ainda para estes recursos; as consultas seguem o ritmo de sempre.',
    unavailable: (why: string) =>
      `Histórico de execuções: não foi possível ler o cache do Actions (${why}); as consultas seguem o ritmo de sempre.`,
    expected: (subject: string, from: string, to: string) =>
      `${subject}: deve terminar entre ${from} e ${to} de espera, pelas execuções anteriores; as consultas se concentram nesse intervalo.`,
    saved: (runs: number) => `Histórico de execuções: ${runs} ${runs === 1 ? 'duração salva' : 'durações salvas'} no cache do Actions.`,
    unsaved: (why: string) => `Histórico de execuções: não foi salvo no cache do Actions (${why}); a próxima execução usa o que já tinha.`,
    noService: 'não há serviço de cache neste runner',
    timedOut: (limit: string) => `sem resposta em ${limit}`,
    unreadable:
      'Histórico de execuções: a entrada no cache do Actions não é um histórico que esta action saiba ler; as consultas seguem o ritmo de sempre.',
    leftOut: (runs: number) =>
      `Histórico de execuções: ${runs} ${runs === 1 ? 'duração salva ficou' : 'durações salvas ficaram'} de fora, com um valor ausente ou fora dos limites.`,
    mode: (mode: string) => `o modo de cache do job, '${mode}', não permite`,
    answered: (status: number) => `o serviço de cache respondeu HTTP ${status}`,
    refused: (said: string) => (said ? `o serviço de cache recusou: ${said}` : 'o serviço de cache recusou'),
    network: (code: string) => `sem conexão com o serviço de cache (${code})`,
    tooLarge: (limit: string) => `a entrada passa de ${limit}`,
    address: 'o serviço de cache deu um endereço que esta action não usa',
    answer: 'o serviço de cache deu uma resposta que esta action não entende',
  },

  github: {
    ignored: (
      environment: string,
      login: string,
      count: { readonly notOurs: number; readonly elsewhere: number; readonly statuses: number },
    ) => {
      const records = (n: number): string => `${n} ${n === 1 ? 'registro' : 'registros'} de promoção`
      const why = [
        count.notOurs ? `${records(count.notOurs)} que esta action (${login}) não fez` : '',
        count.elsewhere ? `${records(count.elsewhere)} com links fora das execuções de workflow deste repositório e do app da Kondado` : '',
        count.statuses ? `${count.statuses} status de deployment que ${login} não escreveu` : '',
      ].filter(Boolean)
      return `No environment '${environment}', a action desconsidera ${list(why, 'e')}: isso não impede esta promoção nem escolhe o pipeline dela.`
    },
    recorded: (environment: string) =>
      `Promoção registrada no environment '${environment}' como em andamento; o pedido é enviado uma única vez.`,
    reused: (pipelineId: number, runUrl: string) =>
      `Já promovido como pipeline ${pipelineId} por ${runUrl}: nada é criado; a action usa o pipeline ${pipelineId}.`,
    stopped: (found: Exclude<PromotionRecord, { state: 'refused' }>, baseId: number, pipelinesUrl: string) => {
      switch (found.state) {
        case 'promoted':
          return `Já promovido como pipeline ${found.pipelineId} por ${found.runUrl}, e 'if-promoted' está como 'fail': nada foi enviado. Com 'if-promoted: reuse' a action usa o pipeline ${found.pipelineId}; com 'if-promoted: create' ela cria outro.`
        case 'unknown':
          return `A promoção do pipeline ${baseId} feita por ${found.runUrl} tem resultado desconhecido: ela pode ter criado um pipeline. Nada foi enviado. Confira no app (${pipelinesUrl}); com 'if-promoted: create' a action cria outro.`
        case 'in-progress':
          return `A promoção do pipeline ${baseId} feita por ${found.runUrl} começou e o fim dela nunca foi registrado: essa execução pode ainda estar em andamento, ou morreu depois de enviar o pedido. Nada foi enviado. Confira no app (${pipelinesUrl}); com 'if-promoted: create' a action cria outro.`
      }
    },
    unavailable: (reason: 'permission' | 'unreachable', httpStatus: number | undefined, environment: string) =>
      reason === 'permission'
        ? `O token do GitHub não consegue ler nem escrever os deployments do environment '${environment}'${httpStatus ? ` (HTTP ${httpStatus})` : ''}: dê ao job 'permissions: deployments: write'. Nada foi enviado à Kondado: um registro que não pode ser lido não protege contra um segundo pipeline.`
        : `A API do GitHub não respondeu sobre os deployments do environment '${environment}'${httpStatus ? ` (HTTP ${httpStatus})` : ''}, e nenhuma nova tentativa dentro do timeout deu certo. Nada foi enviado à Kondado; execute o step de novo.`,
    otherLogin: (wroteAs: string | undefined, expected: string, environment: string) =>
      `O token do GitHub escreveu o registro desta promoção no environment '${environment}' como ${wroteAs ? `'${wroteAs}'` : 'outro login'}, e não como '${expected}' (input 'github-token-login'): uma próxima execução não confiaria nesse registro, por isso nada foi enviado à Kondado. Informe ${wroteAs ? `'github-token-login: ${wroteAs}'` : "em 'github-token-login' o login com que o token escreve"} e execute o step de novo.`,
    endUnrecorded: (environment: string) =>
      `Não foi possível registrar o fim desta promoção no environment '${environment}': a próxima execução vai encontrá-la em andamento e parar. Confira o pipeline no app; com 'if-promoted: create' a action cria outro.`,
    alreadyPromoted: (pipelineId: number) => `Já promovido como pipeline ${pipelineId}: nada foi criado.`,
    madeBy: 'a execução que o criou',
    notPullRequest: (eventName: string) =>
      `pr-comment: um evento '${eventName}' não tem pull request para comentar; nenhum comentário escrito.`,
    commented: (created: boolean, pullRequest: number) =>
      `pr-comment: ${created ? 'comentário criado no' : 'comentário atualizado no'} pull request #${pullRequest}.`,
    commentedAs: (wroteAs: string | undefined, expected: string) =>
      `pr-comment: o comentário foi escrito como ${wroteAs ? `'${wroteAs}'` : 'outro login'}, e não como '${expected}' (input 'github-token-login'): uma próxima execução não vai reconhecê-lo como seu e vai escrever outro. Informe ${wroteAs ? `'github-token-login: ${wroteAs}'` : "em 'github-token-login' o login com que o token escreve"}.`,
    readOnly: (httpStatus: number) =>
      `pr-comment: o token do GitHub não pode comentar neste pull request (HTTP ${httpStatus}): um pull request vindo de um fork recebe um token só de leitura e, fora isso, o job precisa de 'permissions: pull-requests: write'. O resultado e os outputs continuam valendo.`,
    commentFailed: (httpStatus: number | undefined) =>
      `pr-comment: não foi possível escrever o comentário (${httpStatus ? `HTTP ${httpStatus}` : 'sem resposta do GitHub'}). O resultado e os outputs continuam valendo.`,
    passed: 'aprovado',
    runLink: 'Execução do workflow',
  },
}
