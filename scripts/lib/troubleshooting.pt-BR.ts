import { MAX_JSON_DEPTH } from '../../src/inputs/parser.ts'
import { DEFAULT_LIMITS } from '../../src/core/http.ts'
import { START_CONFIRM_INTERVAL_MS } from '../../src/core/poll-schedule.ts'
import { PAUSE_JITTER } from '../../src/core/scheduler.ts'
import {
  DURATION_RANGE_MS,
  FALLBACKS,
  KONDADO_REQUESTS_PER_MINUTE,
  POLL_INTERVAL_RANGE_S,
  REQUESTS_PER_MINUTE_RANGE,
} from '../../src/inputs/inputs.ts'
import { inputsByCommand, longTimePtBR, mebibytesPtBR, percentPtBR, RETRY, shortTimePtBR } from './facts.ts'
import type {
  EXPLAIN_ENTRIES,
  Explanation,
  GITHUB_ENTRIES,
  INPUT_ENTRIES,
  LOG_ENTRIES,
  PROBLEM_ENTRIES,
  STEP_ENTRIES,
  SUMMARY_ENTRIES,
} from './troubleshooting.ts'

// O que significa e o que fazer, em português, para cada mensagem do catálogo em inglês
// (troubleshooting.ts). Os tipos copiam as chaves dos registros em inglês: uma mensagem nova sem
// explicação aqui não passa no `npm run typecheck`. Os números vêm das mesmas constantes que o
// texto em inglês usa; as escolhas de vocabulário estão em docs/portuguese.md.

/** Uma explicação para cada entrada em inglês, e `null` onde o inglês tem uma linha de rotina. */
type Explanations<English> = { readonly [K in keyof English]: null extends English[K] ? Explanation | null : Explanation }

const API_HOST = new URL(FALLBACKS['base-url']).host

const FORK_NOTE =
  'o GitHub não passa secrets para workflows disparados por pull requests vindos de forks nem pelo Dependabot (que tem os seus próprios secrets), e só passa os secrets de um environment para os jobs que declaram esse `environment`.'

const PROXY_PAGE = '[Atrás de um proxy](proxy.md) (em inglês)'
const RATE_LIMITS_PAGE = '[Limites de requisições e jobs em paralelo](rate-limits.md) (em inglês)'

export const INPUT: Explanations<typeof INPUT_ENTRIES> = {
  required: {
    means: `O input está vazio. Para \`key\` e \`token\`, quase sempre isso quer dizer que o secret não foi criado, está com outro nome no workflow ou não está disponível nesta execução do workflow: ${FORK_NOTE}`,
    fix: 'Crie os secrets de repositório `KONDADO_KEY` e `KONDADO_TOKEN` (no GitHub, em "Settings → Secrets and variables → Actions") a partir de um token de acesso da Kondado (no app da Kondado, em Configurações → Tokens) e passe-os como `key: ${{ secrets.KONDADO_KEY }}` e `token: ${{ secrets.KONDADO_TOKEN }}`. Para os pull requests do Dependabot, crie os dois também como secrets do Dependabot (em "Settings → Secrets and variables → Dependabot"). Pull requests de forks não podem recebê-los: não pule esses jobs com um `if:` quando o job é um check obrigatório, porque o GitHub conta um check obrigatório pulado como aprovado; deixe o job falhar com uma mensagem clara, como faz o exemplo [`health-gate.yml`](../examples/health-gate.yml).',
  },
  requiredFor: {
    means:
      '`run` e `duplicate` precisam de `pipeline-id`; `wait` e `status` precisam de pelo menos um `pipeline-id` ou `model-id`; o `duplicate` também precisa de `src-collection-id`, `dest-collection-id` e `full-tables`. Uma expressão que ficou vazia (uma `vars.*` não definida ou um input do workflow não preenchido) também leva a este erro.',
    fix: 'Informe o input, ou confira se a expressão que o alimenta tem valor nesta execução do workflow.',
  },
  notAllowedFor: {
    means: `Cada comando lê só os seus próprios inputs, e um input de outro comando é recusado em vez de ignorado (um input deixado no valor padrão conta como não informado). ${inputsByCommand('nenhum input próprio')}`,
    fix: 'Tire o input, ou use um comando que o leia. Para esperar modelos depois dos pipelines deles, passe o `model-id` ao próprio `run`: ele espera a próxima execução de cada modelo assim que os pipelines terminam saudáveis.',
  },
  idsRequired: {
    means: '`wait` e `status` avaliam pipelines, modelos ou os dois, por isso precisam de pelo menos um id em um dos dois inputs.',
    fix: 'Informe `pipeline-id`, `model-id` ou os dois, ou confira se a expressão que os alimenta tem valor nesta execução do workflow.',
  },
  notId: {
    means:
      'Ids são os números inteiros positivos que a Kondado mostra na URL do app; vários ids são separados por vírgulas, espaços ou quebras de linha.',
    fix: 'Pegue o número na página do pipeline (ou do modelo): `https://app.kondado.com.br/pipelines/2040` é o pipeline `2040`.',
  },
  idTooLarge: {
    means: `Nenhum id da Kondado é tão longo: acima de ${Number.MAX_SAFE_INTEGER}, um número não pode ser lido com exatidão. Em geral são dois ids que perderam a vírgula ou o espaço entre eles.`,
    fix: 'Separe os ids com vírgulas, espaços ou quebras de linha.',
  },
  clientCode: {
    means:
      'O app mostra a conta como um código com um dígito verificador depois do hífen (YYYYY-X); a API quer o id da conta, que é o número antes do hífen.',
    fix: 'Informe só o número antes do hífen.',
  },
  oneId: {
    means: 'O `duplicate` copia um pipeline base por step.',
    fix: 'Use um step para cada pipeline a promover, ou uma `matrix`.',
  },
  choice: {
    means:
      '`command`, `if-running` e `language` só aceitam os valores listados na mensagem, escritos com maiúsculas ou minúsculas (`pt-br` e `Run` são lidos como `pt-BR` e `run`).',
    fix: 'Use um dos valores listados.',
  },
  boolean: {
    means:
      '`wait`, `fail-on-error` e `execute-immediately` aceitam `true` ou `false` (`yes` e `no` também valem, com maiúsculas ou minúsculas).',
    fix: 'Use `true` ou `false`.',
  },
  duration: {
    means:
      '`timeout` e `start-timeout` aceitam segundos (`90`) ou um número com unidade (`90s`, `15m`, `2h`, `1h30m`); decimais valem, com ponto (`1.5m`, `2.5`), e contam até o milissegundo.',
    fix: 'Escreva a duração sem espaços, por exemplo `5m`.',
  },
  durationRange: {
    means: `\`timeout\` e \`start-timeout\` vão de ${longTimePtBR(DURATION_RANGE_MS.min)} a ${longTimePtBR(DURATION_RANGE_MS.max)}, o job mais longo de um runner self-hosted. Nos runners hospedados pelo GitHub, o job para depois de 6 horas, seja qual for o timeout.`,
    fix: 'Use uma duração dentro do intervalo que a mensagem informa.',
  },
  number: {
    means: `\`poll-interval\` e \`max-poll-interval\` são segundos (com decimais, como nas durações: \`2.5\`) entre ${POLL_INTERVAL_RANGE_S.min} e ${POLL_INTERVAL_RANGE_S.max}; \`requests-per-minute\` é um número inteiro entre ${REQUESTS_PER_MINUTE_RANGE.min} e ${REQUESTS_PER_MINUTE_RANGE.max}, porque a Kondado aceita ${KONDADO_REQUESTS_PER_MINUTE} requisições por minuto por key e por IP.`,
    fix: 'Use um valor dentro do intervalo que a mensagem informa.',
  },
  maxBelowMin: {
    means: 'O intervalo mais longo entre duas consultas não pode ser menor que o mais curto.',
    fix: 'Aumente o `max-poll-interval` ou diminua o `poll-interval`.',
  },
  json: {
    means:
      'O input não é um JSON válido. Em YAML, um objeto JSON numa linha só costuma perder as aspas ou ser lido como um mapeamento do YAML.',
    fix: 'Escreva o JSON num bloco literal do YAML: `full-tables: |` e, na linha seguinte, indentado, `{"": "pedidos_prod"}`.',
  },
  jsonObject: {
    means: '`full-tables`, `deltas-tables` e `overwrite-parameters` precisam ser, cada um, um único objeto JSON: `{...}`.',
    fix: 'Coloque o mapeamento entre chaves; uma lista ou um texto solto não são aceitos.',
  },
  jsonDepth: {
    means: `O objeto JSON aninha objetos ou listas em mais de ${MAX_JSON_DEPTH} níveis. Nenhum parâmetro da Kondado precisa disso, e um corpo de requisição tão profundo não poderia ser montado: o step para aqui, antes de enviar ou registrar qualquer coisa.`,
    fix: 'Informe os parâmetros num objeto mais raso, do jeito que o pipeline base os guarda.',
  },
  stringMap: {
    means: 'Cada valor de um mapeamento de tabelas é o nome de uma tabela no destino, então precisa ser um texto não vazio.',
    fix: 'Dê um nome de tabela novo para cada caminho de tabela.',
  },
  mainTable: {
    means:
      'A Kondado identifica a tabela principal de um pipeline pelo caminho vazio `""` e quer um nome novo para ela, como para qualquer outro caminho de tabela.',
    fix: 'Inclua `"": "nova_tabela_principal"` no mapeamento. Os outros caminhos de tabela aparecem na Kondado quando você abre a edição avançada do pipeline base, onde as tabelas recebem nome.',
  },
  baseUrl: {
    means: 'O `base-url` não é uma URL absoluta.',
    fix: `Remova o \`base-url\`: o padrão, \`${FALLBACKS['base-url']}\`, é a API da Kondado.`,
  },
  baseUrlHttps: {
    means:
      'A Kondado põe o token na URL de cada requisição, por isso a action só fala com a Kondado por https. O http sem TLS só é aceito para um simulador no próprio runner.',
    fix: 'Use `https://` ou remova o `base-url`.',
  },
  baseUrlParts: {
    means:
      'O `base-url` tem um nome de usuário, uma senha, uma query string ou um fragmento. As credenciais vão em `key` e `token`, nunca no input da URL.',
    fix: 'Deixe no `base-url` só o esquema, o host e o caminho (ou remova o input).',
  },
  proxy: {
    means: `O runner indica um proxy para o endereço da Kondado (\`https_proxy\` ou \`HTTPS_PROXY\`; um \`base-url\` local nunca passa pelo proxy, e aí nenhuma delas é lida), e o valor da variável não é um endereço http ou https. O valor não aparece na mensagem, porque pode conter a senha do proxy. Veja ${PROXY_PAGE}.`,
    fix: 'Corrija a variável no arquivo `.env` do runner ou no `env:` do workflow (por exemplo `http://proxy.example.com:3128`, ou `http://usuario:senha@proxy.example.com:3128`).',
  },
  modelsNeedWait: {
    means:
      'O `run` só espera os modelos depois que os pipelines deles terminam; com `wait: false` ele encerra assim que os pipelines começam, então nunca chegaria aos modelos.',
    fix: 'Deixe o `wait` em `true`, ou tire o `model-id` de um step com `wait: false` e acompanhe os modelos depois com `command: wait` e `wait-for: next`.',
  },
  unusedWithout: {
    means:
      'Esse input só vale junto com outro: o `wait` só lê as janelas de início (`start-timeout`, `model-start-timeout`) com `wait-for: next`, o `run` só lê o `model-start-timeout` com `model-id`, e o `duplicate` só lê o `if-promoted` com `environment` (que liga os registros de promoção). Um input que seria ignorado é recusado.',
    fix: 'Tire o input, ou informe o input que a mensagem indica.',
  },
  login: {
    means:
      'O `github-token-login` diz com que login o `github-token` escreve, e isso só pode ser um login: letras, dígitos, hífens e sublinhados, com `[bot]` no fim para o token de um app.',
    fix: 'Informe o login sem `@` nem espaços: `github-actions[bot]` para o token do próprio job (o padrão), o seu login para um token de acesso pessoal, `<slug-do-app>[bot]` para o token de um GitHub App. Veja [de quem são os registros e o comentário em que a action confia](github.md#whose-records-and-comment-are-believed) (em inglês).',
  },
}

export const PROBLEM: Explanations<typeof PROBLEM_ENTRIES> = {
  'credentials-refused': {
    means: 'A Kondado respondeu 401 ou 403, ou recusou o pedido com uma mensagem sobre a key, o token ou as permissões.',
    fix: 'Confira se `KONDADO_KEY` tem a key e `KONDADO_TOKEN` o token do mesmo token de acesso (e não os dois trocados), se o token continua ativo na Kondado (Configurações → Tokens) e se o usuário que o criou tem acesso ao pipeline ou ao modelo.',
  },
  'not-found': {
    means: 'O id está errado, é de outra conta da Kondado, ou é o id de um modelo informado em `pipeline-id` (ou o contrário).',
    fix: 'Copie o id da URL do app: `/pipelines/<id>` para `pipeline-id`, `/models/<id>` para `model-id`.',
  },
  rejected: {
    means:
      'A Kondado respondeu `success: false` ou outro erro 4xx e deu o motivo. Motivos comuns: o plano Essentials não permite executar pipelines pela API; num `duplicate`, coleções que não são do tipo da origem e do destino do pipeline base, ou que não estão ativas; um mapeamento `full-tables` sem algum caminho de tabela; uma chave de `overwrite-parameters` que não está preenchida no pipeline base.',
    fix: 'Corrija o que a Kondado aponta no motivo, que a mensagem cita.',
  },
  'server-error': {
    means: `A Kondado respondeu com um erro 5xx. A action repetiu as consultas de status, com pausas cada vez maiores (até ${RETRY.retries} novas tentativas, com pausas de ${shortTimePtBR(RETRY.shortestMs)} a ${shortTimePtBR(RETRY.longestMs)} cada: de ${shortTimePtBR(RETRY.leastTotalMs)} a ${shortTimePtBR(RETRY.mostTotalMs)} no total, sempre dentro do \`timeout\`), antes de desistir. Um pedido de execução ou de duplicação nunca é reenviado depois de um 5xx, porque a Kondado pode ter atendido o pedido.`,
    fix: 'Costuma ser uma falha passageira na Kondado: execute o workflow de novo mais tarde. Se uma execução foi disparada, olhe antes o pipeline no app.',
  },
  'unreadable-answer': {
    means:
      'A resposta da Kondado não era o JSON que a API documenta (por exemplo, uma página HTML de um proxy, ou uma resposta de status sem este id), e as novas tentativas dentro do timeout não trouxeram uma resposta legível.',
    fix: 'Confira o `base-url` (remova-o para usar a API da Kondado). Se continuar, abra uma issue com a mensagem: ela não contém nenhum secret.',
  },
  redirect: {
    means: 'O servidor respondeu com um redirecionamento. A action nunca segue redirecionamentos, porque o token vai na URL e iria junto.',
    fix: `Aponte o \`base-url\` para a raiz da própria API (\`${FALLBACKS['base-url']}\`, o padrão), não para o endereço do app.`,
  },
  'too-large': {
    means: `A resposta passou de ${mebibytesPtBR(DEFAULT_LIMITS.maxResponseBytes)}; uma resposta de status tem algumas centenas de bytes, então não é a API da Kondado que está respondendo.`,
    fix: 'Confira o `base-url`.',
  },
  network: {
    means: `Nenhuma resposta chegou: o nome não foi resolvido, a conexão foi recusada ou caiu, ou deu timeout (${shortTimePtBR(DEFAULT_LIMITS.connectTimeoutMs)} para conectar, ${shortTimePtBR(DEFAULT_LIMITS.requestTimeoutMs)} por requisição). A action repetiu as consultas. Um pedido de execução só é reenviado se com certeza nunca saiu do runner (conexão recusada, nome não resolvido, timeout ao conectar ou recusa do proxy). Um código \`PROXY_\` seguido de um número é o proxy do runner se recusando a abrir caminho até a Kondado, com aquele status HTTP: \`PROXY_407\` quer dizer que ele pede usuário e senha, \`PROXY_403\` que ele não deixa o runner chegar ao host da Kondado. Nesses dois casos a action não tenta de novo: o problema está na configuração do proxy.`,
    fix: `Confira o \`base-url\` e, num runner self-hosted, se ele consegue se conectar a \`${API_HOST}\` na porta 443; atrás de um proxy, veja ${PROXY_PAGE}.`,
  },
  'rate-limited': {
    means: `A Kondado aceita ${KONDADO_REQUESTS_PER_MINUTE} requisições por minuto e 1 por segundo, por key e por IP, e cada \`RATE_LIMIT_EXCEEDED\` deixa todas as requisições do step pausadas pelo tempo que a Kondado indicar. Desta vez essa pausa estouraria o timeout: outra coisa está usando a mesma key (ou, num runner self-hosted, o mesmo endereço IP), como um job em paralelo ou outra ferramenta.`,
    fix: `Veja em ${RATE_LIMITS_PAGE} como executar vários jobs com a mesma key; dê às outras ferramentas um token da Kondado só delas.`,
  },
  deadline: {
    means: 'Estourou o `timeout` do step enquanto uma requisição aguardava na fila ou esperava a resposta.',
    fix: 'Aumente o `timeout`, ou diminua o número de recursos que um step acompanha.',
  },
  internal: {
    means:
      'Algo falhou dentro da própria action, não na Kondado nem na rede: é um bug. Só o nome do erro aparece, porque a mensagem dele poderia citar a URL de uma requisição, e essa URL leva o token. Um pedido de execução ou de duplicação interrompido não é reenviado, já que não dá para saber o resultado dele.',
    fix: 'Confira o pipeline no app e, por favor, abra uma issue sobre o bug no repositório da action, com o log do step.',
  },
  cancelled: {
    means: 'O workflow foi cancelado (por alguém, pelo `cancel-in-progress` ou pelo `timeout-minutes` do job) durante uma requisição.',
    fix: 'Não há nada a corrigir. Os pipelines que já começaram continuam em execução na Kondado.',
  },
}

export const EXPLAIN: Explanations<typeof EXPLAIN_ENTRIES> = {
  unhealthy: {
    means:
      'O recurso terminou num estado que a action não considera saudável: um status fora da lista de saudáveis (veja [o que conta como saudável](how-it-decides.md#health-rules), em inglês), um texto de erro da Kondado (`raw_msg`) ou um modelo cuja última configuração ainda não foi executada (`kubo_status_type` diferente de `operational`).',
    fix: 'Abra o recurso pelo link do resumo do job, corrija a causa que a Kondado aponta (muitas vezes a conexão com a origem ou com o destino) e execute o workflow de novo.',
  },
  'unknown-status': {
    means:
      'A Kondado devolveu um status que não está nas regras da action (veja [o que conta como saudável](how-it-decides.md#health-rules), em inglês). A action não espera por ele nem o conta como saudável.',
    fix: 'Olhe o recurso no app. Por favor, abra uma issue com o texto do status, para que as regras passem a conhecê-lo.',
  },
  'already-running': {
    means:
      'Com `if-running: fail`, um pipeline que já está em execução ou na fila faz o step falhar, em vez de a action esperar por ele. Nada foi disparado.',
    fix: 'Use `if-running: wait` (a action avalia a execução em andamento) ou `if-running: rerun` (espera essa execução e depois dispara uma nova), ou execute o workflow de novo mais tarde.',
  },
  'not-started': {
    means: `A Kondado aceitou o pedido de execução, mas o pipeline não apareceu na fila, em execução nem criando tabelas dentro do \`start-timeout\` (a action consulta o status a cada ${longTimePtBR(START_CONFIRM_INTERVAL_MS)} no começo, e depois com menos frequência). Um pipeline desativado ou o plano Essentials ignoram o pedido; com a fila da Kondado muito cheia, a execução pode demorar mais que o \`start-timeout\` para aparecer; e uma execução curta pode começar e terminar entre duas consultas.`,
    fix: 'Confira no app se o pipeline está ativo e olhe o histórico de execuções dele. Se a Kondado demora para colocar as execuções na fila, aumente o `start-timeout`.',
  },
  'not-started-unconfirmed': {
    means:
      'O pedido de execução ficou sem resposta (erro de rede, 5xx ou timeout), então pode ter chegado à Kondado ou não. A action não o reenviou, para não criar uma segunda execução, e nenhuma execução apareceu dentro do `start-timeout`.',
    fix: 'Confira o histórico de execuções do pipeline no app antes de executar o workflow de novo.',
  },
  'timed-out': {
    means:
      'Estourou o `timeout` do step com o recurso ainda na fila ou em execução. A action não tem como parar uma execução na Kondado: ela continua.',
    fix: 'Aumente o `timeout` (e o `timeout-minutes` do job), ou dispare com `wait: false` e acompanhe a execução num step ou workflow seguinte com `command: wait`.',
  },
  cancelled: {
    means: 'O workflow foi cancelado enquanto a action esperava. A Kondado não tem endpoint para cancelar: a execução continua.',
    fix: 'Acompanhe a execução pelo app, ou retome com `command: wait`.',
  },
  'not-waited': {
    means:
      'Com `model-id`, o `run` só espera os modelos depois que todos os pipelines do step terminam saudáveis. Um deles não terminou assim (veja o resultado dele), e um modelo executado depois dele seria construído sobre dados velhos ou incompletos; por isso o modelo não foi aguardado.',
    fix: 'Corrija a falha do pipeline e execute o workflow de novo; os modelos então são aguardados depois dele.',
  },
  'next-not-started': {
    means:
      'O modelo (ou, com `wait-for: next`, o recurso) foi consultado desde o fim dos pipelines dele (ou desde o início do step) durante o `model-start-timeout` (o `start-timeout`, para um pipeline) e nunca apareceu na fila nem em execução. A API da Kondado não tem histórico de execuções: uma execução só é reconhecida quando é vista em andamento. Pode ser que o modelo tenha um agendamento próprio em vez de ser executado depois desses pipelines, que a Kondado o coloque na fila depois do fim da janela, ou que a execução tenha sido mais curta que o intervalo entre duas consultas e passado despercebida.',
    fix: 'Confira o histórico de execuções do modelo no app. Se a Kondado o coloca na fila mais tarde, aumente o `model-start-timeout`; se ele tem agendamento próprio, verifique-o mais tarde com `command: status`.',
  },
  'not-triggered': {
    means:
      'O `run` consulta cada pipeline antes de pedir a execução. Este estava parado num status em que não pode executar: desativado no app (`not_active`), desativado pela Kondado depois de falhar muitas vezes seguidas (`too_many_consecutive_failed_builds__blocked`) ou com tabelas que não puderam ser criadas (`error_building_tables`). A Kondado ignoraria ou recusaria o pedido, então nenhum foi enviado; o `raw_msg`, texto de erro da Kondado, aparece como veio. Um pipeline ainda criando as tabelas é diferente: o step espera a criação terminar e depois pede a execução.',
    fix: 'Corrija o que o erro indica (geralmente a conexão com a origem ou o destino), reative o pipeline no app e execute o workflow de novo.',
  },
  'run-refused': {
    means:
      'A Kondado respondeu ao pedido de execução com `success: false` (ou outra recusa) e um motivo, que aparece como veio, ao lado do status consultado logo antes. O plano Essentials não permite executar pipelines pela API; as outras recusas dizem a causa.',
    fix: 'Resolva o motivo que a Kondado deu e execute o workflow de novo: repetir o mesmo pedido vai dar o mesmo erro.',
  },
  'not-read': {
    means:
      'A Kondado recusou a key ou o token numa requisição anterior do step. Todas as requisições levam a mesma key e o mesmo token, então nada mais é enviado: a recusa aparece uma vez, no recurso em que aconteceu, e os outros recursos dizem que não foram consultados.',
    fix: 'Veja a própria recusa ([key ou token recusado](#problem-credentials-refused)).',
  },
}

export const STEP: Explanations<typeof STEP_ENTRIES> = {
  failed: {
    means:
      'O step falhou porque pelo menos um recurso não passou; a linha diz quais, cada um com o resultado em poucas palavras. As anotações e o resumo do job dizem por quê e o que fazer.',
    fix: 'Procure nesta página a mensagem desse recurso. Para só informar o resultado, sem falhar o step, use `fail-on-error: false` e leia o output `healthy`.',
  },
  duplicateFailed: {
    means: 'A Kondado recusou o pedido de duplicação com um motivo claro, então nenhum pipeline foi criado.',
    fix: 'Corrija o que a Kondado aponta: as coleções precisam ser dos tipos de origem e de destino do pipeline base e estar ativas, e o `full-tables` precisa dar nome a todos os caminhos de tabela do pipeline base.',
  },
  duplicateUnknown: {
    means:
      'O pedido de duplicação pode ter chegado à Kondado (a resposta se perdeu num erro de rede, num 5xx, num timeout ou num cancelamento). A Kondado não tem chave de idempotência, então a action nunca envia esse pedido duas vezes.',
    fix: 'Antes de executar o job de novo, procure no app um pipeline novo copiado do pipeline base. Se ele existir, use-o; executar o job de novo criaria outro.',
  },
  cancelled: {
    means: 'O workflow foi cancelado.',
    fix: 'Não há nada a corrigir. Os pipelines continuam em execução na Kondado; o resumo do job tem os links para eles.',
  },
  reportedOnly: {
    means: 'Com `fail-on-error: false`, os resultados aparecem como um aviso e o step passa.',
    fix: 'Leia o output `healthy` (ou o `result`) num step seguinte para decidir o que fazer.',
  },
  keyRefused: {
    means:
      'A Kondado recusou a key ou o token na primeira requisição, então nada mais foi enviado: todas as outras requisições levariam a mesma key e o mesmo token.',
    fix: 'Confira se `KONDADO_KEY` tem a key e `KONDADO_TOKEN` o token do mesmo token de acesso (sem trocar um pelo outro), e se o token continua ativo na Kondado (Configurações → Tokens).',
  },
  noSummaryFile: null,
  summaryFileError: null,
  summaryUnwritten: {
    means:
      'O runner não forneceu o arquivo do resumo do job (`GITHUB_STEP_SUMMARY`), como acontece em alguns runners self-hosted e em runners locais como o `act`, ou não foi possível escrever no arquivo indicado (a mensagem traz o arquivo e o código de erro do sistema, como `ENOENT` ou `EACCES`). O resultado, os outputs e o log estão completos.',
    fix: 'Nada, a não ser que você queira o resumo: use um runner que o forneça.',
  },
  internalError: {
    means:
      'Um bug da action, não uma resposta da Kondado. Só o nome do erro aparece: a mensagem dele poderia citar a URL de uma requisição, e as URLs das requisições levam o token. Nenhum recurso foi considerado saudável.',
    fix: 'Execute o job de novo; se acontecer outra vez, abra uma issue com o nome do erro, os inputs (sem os secrets) e o log.',
  },
}

export const LOG: Explanations<typeof LOG_ENTRIES> = {
  awaitingNext: null,
  nextRead: null,
  clock: null,
  buildingTables: {
    means:
      'A primeira consulta mostrou `building_tables`: a Kondado está (re)criando as tabelas do pipeline, por alguns segundos depois de ele ser criado ou editado. Isso não é uma execução, então o `if-running` não se aplica: o step espera a criação terminar e depois pede a execução.',
    fix: 'Nada. Se a criação terminar em `error_building_tables`, nenhuma execução é solicitada e o step diz por quê.',
  },
  triggerHeld: {
    means:
      'As requisições anteriores com a mesma key (deste step, ou de um step anterior neste runner) quase esgotaram o limite por minuto. O pedido de execução espera até o limite comportar também as consultas que confirmam o início, para que uma execução curta seja vista enquanto acontece.',
    fix: 'Nada: o step segue sozinho no horário indicado.',
  },
  budgetHeld: {
    means:
      'Todas as requisições do step passam por um único limite (`requests-per-minute`, e uma por segundo); quando ele se esgota, a próxima requisição espera, e o step diz até quando em vez de ficar em silêncio.',
    fix: 'Nada. Se acontecer com frequência, menos recursos por step, ou steps que se revezam na mesma key, gastam o limite mais devagar.',
  },
  status: null,
  triggered: null,
  runSeen: null,
  created: null,
  settled: null,
  request: null,
  alreadyRunning: {
    means:
      'O pipeline já estava em execução ou na fila (pelo agendamento na Kondado ou disparado por outra pessoa). A action nunca dispara uma segunda execução por cima dessa; com `if-running: wait`, ela avalia a execução em andamento.',
    fix: 'Não há nada a corrigir. Para ter uma execução que comece depois deste ponto, use `if-running: rerun`.',
  },
  triggerUnconfirmed: {
    means:
      'O pedido de execução ficou sem resposta clara. Reenviá-lo poderia disparar uma segunda execução, então a action acompanha o status: se a execução aparecer, está tudo certo.',
    fix: 'Nada, a não ser que o step termine com "resultado desconhecido" (veja acima).',
  },
  retrying: {
    means:
      'Uma consulta de status falhou de um jeito que costuma ser passageiro (erro de rede, 5xx, resposta ilegível), e a action tenta de novo depois de uma pausa.',
    fix: 'Nada, a não ser que continue acontecendo.',
  },
  paused: {
    means: `O limite de requisições da Kondado foi atingido. Todas as requisições do step ficam pausadas pelo tempo que a Kondado indicou, mais até ${percentPtBR(PAUSE_JITTER)}.`,
    fix: `Nada, se for raro: o step segue sozinho. Se acontecer com frequência, outra coisa está usando a mesma key (ou, num runner self-hosted, o mesmo endereço IP): veja ${RATE_LIMITS_PAGE}.`,
  },
}

export const SUMMARY: Explanations<typeof SUMMARY_ENTRIES> = {
  title: null,
  headers: null,
  gateHeaders: null,
  checked: null,
  baseName: null,
  duplicateHeaders: null,
  tableHeaders: null,
  mainTable: null,
  yes: null,
  no: null,
  total: null,
  passed: null,
  failed: null,
  firstToDo: null,
  keyRefused: null,
  todo: null,
  inputErrors: {
    means:
      'O resumo do job de um step recusado pelos inputs: cada input errado aparece embaixo, com a mesma linha da falha (veja [Erros nos inputs](#erros-nos-inputs)).',
    fix: 'Corrija os inputs indicados.',
  },
  alreadyRunning: {
    means:
      'O pipeline já estava em execução ou na fila quando o step começou, então o resultado é o da execução que já estava em andamento.',
    fix: 'Não há nada a corrigir; com `if-running: rerun`, a action dispara uma nova execução depois dessa.',
  },
  triggerUnconfirmed: {
    means: 'O pedido de execução ficou sem resposta clara e não foi reenviado (veja acima).',
    fix: 'Se o resultado não for saudável, confira o histórico de execuções no app.',
  },
  cancelledNote: {
    means: 'O workflow foi cancelado; a Kondado não tem endpoint para cancelar execuções.',
    fix: 'Acompanhe os pipelines pelo app, ou com `command: wait`.',
  },
  timeoutNote: {
    means: 'Pelo menos um recurso ainda estava na fila ou em execução quando estourou o `timeout`.',
    fix: 'Aumente o `timeout`, ou acompanhe as execuções com `command: wait`.',
  },
  nextRun: {
    means:
      'O resultado é sobre a próxima execução do recurso, vista começar depois que o step passou a acompanhá-lo (um modelo depois dos pipelines dele, ou `wait-for: next`); o output `result` traz `"run": "next"`.',
    fix: 'Não há nada a corrigir.',
  },
}

const PERMISSIONS = 'Veja [Promoções e comentários em pull requests](github.md) (em inglês).'

const WHOSE =
  'Veja [de quem são os registros e o comentário em que a action confia](github.md#whose-records-and-comment-are-believed) (em inglês).'

export const GITHUB: Explanations<typeof GITHUB_ENTRIES> = {
  ignored: {
    means:
      'Há deployments do environment com a identidade desta promoção que não foram escritos pelo `github-token-login`, ou com links que não apontam para as execuções de workflow deste repositório e para a página do novo pipeline no app da Kondado; ou há status escritos por outro login nos registros da própria action. Qualquer um com `deployments: write` consegue escrever registros assim, por isso a action os desconsidera: eles não impedem a promoção nem lhe entregam um pipeline. O log mostra só quantos são, nunca o que eles contêm.',
    fix: `Nada, se não foram feitos por você. Se foi esta action que os escreveu com outro token (um token de acesso pessoal, ou o de um app), informe em \`github-token-login\` o login com que esse token escreve. ${WHOSE}`,
  },
  recorded: null,
  reused: {
    means:
      'Uma execução anterior fez exatamente esta promoção (mesmo environment, pipeline base, coleções, conta e mapeamento de tabelas) e a registrou como um deployment: nenhuma requisição à Kondado cria nada, e o step mostra aquele pipeline, consultando o status dele (ou executando-o, com `execute-immediately: true`).',
    fix: `Nada, se foi uma nova execução do workflow. Para criar um segundo pipeline de propósito, use \`if-promoted: create\`. ${PERMISSIONS}`,
  },
  stopped: {
    means:
      'Uma execução anterior desta promoção ficou sem a resposta do pedido de duplicação (ou morreu depois de enviá-lo), então pode existir um pipeline; ou, com `if-promoted: fail`, a promoção já tinha sido feita. Nada foi enviado.',
    fix: 'Procure no app da Kondado um pipeline criado a partir do pipeline base. Se houver, use-o; se não houver, execute o step de novo com `if-promoted: create`.',
  },
  unavailable: {
    means:
      'O token do workflow não consegue ler nem escrever deployments. Sem os registros, a action não consegue distinguir uma nova execução de uma primeira promoção, por isso não envia nada.',
    fix: `Acrescente \`deployments: write\` às \`permissions:\` do job. ${PERMISSIONS}`,
  },
  otherLogin: {
    means:
      'O deployment que este step criou para registrar a promoção foi escrito por outro login que não o `github-token-login` (o token é um token de acesso pessoal, ou o de um app): uma próxima execução só confia em registros do `github-token-login`, então não encontraria este e criaria um segundo pipeline. O step encerrou esse deployment como `failure` e não enviou nada à Kondado.',
    fix: `Informe em \`github-token-login\` o login que a mensagem indica e execute o step de novo. ${WHOSE}`,
  },
  endUnrecorded: {
    means: 'O pedido foi enviado e respondido, mas não foi possível gravar o resultado no deployment, mesmo depois de todas as tentativas.',
    fix: 'Confira o pipeline no app. Uma próxima execução para no registro em aberto; use `if-promoted: create` só se nenhum pipeline tiver sido criado.',
  },
  alreadyPromoted: null,
  madeBy: null,
  notPullRequest: null,
  commented: null,
  commentedAs: {
    means:
      'O comentário foi escrito por outro login que não o `github-token-login` (o token é um token de acesso pessoal, ou o de um app). Uma próxima execução só edita um comentário com a marca dela escrito pelo `github-token-login`, então não vai encontrar este e vai escrever outro.',
    fix: `Informe em \`github-token-login\` o login que a mensagem indica. ${WHOSE}`,
  },
  readOnly: {
    means:
      'O GitHub dá um token só de leitura a um pull request vindo de um fork, e um job sem `pull-requests: write` também não consegue comentar. O step passa ou falha como passaria sem o comentário.',
    fix: `Acrescente \`pull-requests: write\` às \`permissions:\` do job; para forks, não há o que fazer. ${PERMISSIONS}`,
  },
  commentFailed: {
    means: 'O GitHub não aceitou o comentário, mesmo depois de novas tentativas. O resultado e os outputs não mudam.',
    fix: 'Nada: a próxima execução do step escreve o comentário.',
  },
  passed: null,
  runLink: null,
}
