import { DEFAULT_LIMITS, LOOPBACK_HOST_NAMES } from '../../src/core/http.ts'
import { START_CONFIRM_INTERVAL_MS } from '../../src/core/poll-schedule.ts'
import { PAUSE_JITTER } from '../../src/core/scheduler.ts'
import {
  DURATION_RANGE_MS,
  FALLBACKS,
  KONDADO_REQUESTS_PER_MINUTE,
  POLL_INTERVAL_RANGE_S,
  REQUESTS_PER_MINUTE_RANGE,
} from '../../src/inputs/inputs.ts'
import type { ProblemCode } from '../../src/core/problem.ts'
import { formatDuration } from '../../src/core/time.ts'
import { INPUT_COMMANDS } from '../../src/inputs/commands.ts'
import { MAX_JSON_DEPTH } from '../../src/inputs/parser.ts'
import { en, type Messages } from '../../src/messages/en.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import { codeSpan } from '../../src/report/markdown.ts'
import { inputsByCommand, longTime, mebibytes, percent, RETRY, shortTime } from './facts.ts'
import * as ptBRExplanations from './troubleshooting.pt-BR.ts'

/**
 * The README's troubleshooting section, one entry per message the action can print. Each entry
 * renders its message through the messages module with realistic arguments, so the README shows
 * the exact words a user sees in the log, in both languages. The record types make the compiler
 * demand an entry for every message key and problem code; `null` marks a routine line (progress,
 * table headers) that needs no explanation, so a new key always forces a decision.
 */
export interface Entry extends Explanation {
  readonly sample: (m: Messages) => string
}

/** What a reader is told about a message, in one language (the Portuguese in troubleshooting.pt-BR.ts). */
export interface Explanation {
  readonly means: string
  readonly fix: string
}

type Entries<Group> = { readonly [K in keyof Group]: Entry }
type OptionalEntries<Group> = { readonly [K in keyof Group]: Entry | null }

const SUBJECT = (m: Messages): string => m.resource('pipeline', 2040)

const FORK_NOTE =
  'GitHub gives no secrets to workflows triggered by pull requests from forks or by Dependabot (Dependabot has its own secret store), and environment secrets only to jobs that name the `environment`.'

export const INPUT_ENTRIES: Entries<Messages['input']> = {
  required: {
    sample: (m) => m.input.required('key'),
    means: `The input is empty. For \`key\` and \`token\` this nearly always means the secret is not set, is misspelled in the workflow, or is not available to this run: ${FORK_NOTE}`,
    fix: 'Create the repository secrets `KONDADO_KEY` and `KONDADO_TOKEN` (Settings → Secrets and variables → Actions) from a Kondado access token (Kondado: Settings → Tokens), and pass them as `key: ${{ secrets.KONDADO_KEY }}` and `token: ${{ secrets.KONDADO_TOKEN }}`. For pull requests by Dependabot, add the two as Dependabot secrets too (Settings → Secrets and variables → Dependabot). Pull requests from forks cannot have them: do not skip such jobs with an `if:` where the job is a required check, since GitHub counts a skipped required check as passed; let the job fail with a clear message, as [the health gate example](../examples/health-gate.yml) does.',
  },
  requiredFor: {
    sample: (m) => m.input.requiredFor('pipeline-id', 'run'),
    means:
      '`run` and `duplicate` need `pipeline-id`; `wait` and `status` need at least one `pipeline-id` or `model-id`; `duplicate` also needs `src-collection-id`, `dest-collection-id` and `full-tables`. An expression that came out empty (an unset `vars.*` or workflow input) leads here too.',
    fix: 'Give the input, or check that the expression feeding it has a value in this run.',
  },
  notAllowedFor: {
    sample: (m) => m.input.notAllowedFor('if-running', 'wait', INPUT_COMMANDS['if-running'] ?? []),
    means: `Each command reads only its own inputs, and one set for another command is refused rather than ignored (an input left at its default counts as not set). ${inputsByCommand('no inputs of its own')}`,
    fix: "Remove the input, or use a command that reads it. To wait for models after their pipelines, give `model-id` to `run` itself: it waits for each model's next run once the pipelines end healthy.",
  },
  idsRequired: {
    sample: (m) => m.input.idsRequired('status', 'pipeline-id', 'model-id'),
    means: '`wait` and `status` judge pipelines, models or both, so they need at least one id in either input.',
    fix: 'Give `pipeline-id`, `model-id` or both, or check that the expression feeding them has a value in this run.',
  },
  notId: {
    sample: (m) => m.input.notId('pipeline-id', 'orders'),
    means: 'Ids are the positive whole numbers Kondado shows in the app URL; several ids are separated by commas, spaces or newlines.',
    fix: "Take the number from the pipeline's (or model's) page: `https://app.kondado.com.br/pipelines/2040` is pipeline `2040`.",
  },
  idTooLarge: {
    sample: (m) => m.input.idTooLarge('pipeline-id', '20402041204220432044', Number.MAX_SAFE_INTEGER),
    means: `No Kondado id is that long: above ${Number.MAX_SAFE_INTEGER} a number cannot be read exactly. Usually two ids lost the comma or space between them.`,
    fix: 'Separate the ids with commas, spaces or newlines.',
  },
  clientCode: {
    sample: (m) => m.input.clientCode('client-id', '732829-1', '732829'),
    means:
      'The app shows an account as a code with a check digit after a dash (YYYYY-X); the API wants the account id, the number before the dash.',
    fix: 'Give only the number before the dash.',
  },
  oneId: {
    sample: (m) => m.input.oneId('pipeline-id'),
    means: '`duplicate` copies one base pipeline per step.',
    fix: 'Use one step per pipeline to promote, or a matrix.',
  },
  choice: {
    sample: (m) => m.input.choice('command', 'start', ['run', 'wait', 'status', 'duplicate']),
    means:
      '`command`, `if-running` and `language` accept only the values listed in the message, in any case (`pt-br` and `Run` are read as `pt-BR` and `run`).',
    fix: 'Use one of the listed values.',
  },
  boolean: {
    sample: (m) => m.input.boolean('wait', 'sometimes'),
    means: '`wait`, `fail-on-error` and `execute-immediately` take `true` or `false` (`yes` and `no` are accepted too, in any case).',
    fix: 'Use `true` or `false`.',
  },
  duration: {
    sample: (m) => m.input.duration('timeout', '5 minutes'),
    means: `\`timeout\` and \`start-timeout\` take seconds (\`90\`) or a number with a unit (\`90s\`, \`15m\`, \`2h\`, \`1h30m\`); decimals are allowed (\`1.5m\`, \`2.5\`), counted to the millisecond.`,
    fix: 'Write the duration without spaces, e.g. `5m`.',
  },
  durationRange: {
    sample: (m) => m.input.durationRange('timeout', '100h', formatDuration(DURATION_RANGE_MS.min), formatDuration(DURATION_RANGE_MS.max)),
    means: `\`timeout\` and \`start-timeout\` run from ${longTime(DURATION_RANGE_MS.min)} to ${longTime(DURATION_RANGE_MS.max)}, a self-hosted runner's longest job. GitHub-hosted jobs stop after 6 hours whatever the timeout says.`,
    fix: 'Use a duration in the range the message gives.',
  },
  number: {
    sample: (m) => m.input.number('requests-per-minute', '30', REQUESTS_PER_MINUTE_RANGE.min, REQUESTS_PER_MINUTE_RANGE.max),
    means: `\`poll-interval\` and \`max-poll-interval\` are seconds (decimals allowed, as for durations: \`2.5\`) from ${POLL_INTERVAL_RANGE_S.min} to ${POLL_INTERVAL_RANGE_S.max}; \`requests-per-minute\` is a whole number from ${REQUESTS_PER_MINUTE_RANGE.min} to ${REQUESTS_PER_MINUTE_RANGE.max}, because Kondado allows ${KONDADO_REQUESTS_PER_MINUTE} requests a minute per key and per IP.`,
    fix: 'Use a value in the range the message gives.',
  },
  maxBelowMin: {
    sample: (m) => m.input.maxBelowMin('max-poll-interval', 'poll-interval'),
    means: 'The longest interval between two reads cannot be shorter than the shortest one.',
    fix: 'Raise `max-poll-interval` or lower `poll-interval`.',
  },
  json: {
    sample: (m) => m.input.json('full-tables'),
    means: 'The input is not JSON. In YAML, a JSON object on one line often loses its quotes or is read as a YAML mapping.',
    fix: 'Write the JSON in a block scalar, e.g. `full-tables: |` followed by `{"": "orders_prod"}` on the next, indented line.',
  },
  jsonObject: {
    sample: (m) => m.input.jsonObject('overwrite-parameters'),
    means: '`full-tables`, `deltas-tables` and `overwrite-parameters` must each be one JSON object: `{...}`.',
    fix: 'Wrap the mapping in braces; a list or a bare string is not accepted.',
  },
  jsonDepth: {
    sample: (m) => m.input.jsonDepth('overwrite-parameters', MAX_JSON_DEPTH),
    means: `The JSON object nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep. No Kondado parameter needs that, and a request body that deep could not be built: the step stops here, before anything is sent or recorded.`,
    fix: 'Give the parameters as a flatter object, as the base pipeline holds them.',
  },
  stringMap: {
    sample: (m) => m.input.stringMap('full-tables', 'statuses'),
    means: 'Every value in a table mapping is the name of a table in the destination, so it must be a non-empty string.',
    fix: 'Give each table path a new table name.',
  },
  mainTable: {
    sample: (m) => m.input.mainTable('full-tables'),
    means:
      'Kondado names the main table of a pipeline with the empty path `""`, and wants a new name for it as for every other table path.',
    fix: 'Add `"": "new_main_table"` to the mapping. The other table paths show in Kondado when you open an advanced edit of the base pipeline, where the tables are named.',
  },
  baseUrl: {
    sample: (m) => m.input.baseUrl('k2.kondado.com.br', FALLBACKS['base-url']),
    means: '`base-url` is not an absolute URL.',
    fix: `Leave \`base-url\` out: the default, \`${FALLBACKS['base-url']}\`, is Kondado's API.`,
  },
  baseUrlHttps: {
    sample: (m) => m.input.baseUrlHttps('http://k2.kondado.com.br', LOOPBACK_HOST_NAMES),
    means:
      'Kondado puts the token in every request URL, so the action talks to Kondado over https only. Plain http is accepted for a simulator on the runner itself.',
    fix: 'Use `https://`, or leave `base-url` out.',
  },
  baseUrlParts: {
    sample: (m) => m.input.baseUrlParts(),
    means:
      '`base-url` carries a user name, a password, a query string or a fragment. The credentials belong in `key` and `token`, never in the URL input.',
    fix: 'Keep only scheme, host and path in `base-url` (or leave it out).',
  },
  modelsNeedWait: {
    sample: (m) => m.input.modelsNeedWait('model-id', 'wait'),
    means:
      '`run` waits for the models only once their pipelines have ended; with `wait: false` it returns as soon as the pipelines start, so it would never get to the models.',
    fix: 'Leave `wait` at `true`, or leave `model-id` out of a step with `wait: false` and follow the models later with `command: wait` and `wait-for: next`.',
  },
  unusedWithout: {
    sample: (m) => m.input.unusedWithout('start-timeout', 'wait-for: next'),
    means:
      'The input only matters with another one: `wait` reads the start windows (`start-timeout`, `model-start-timeout`) only with `wait-for: next`, `run` reads `model-start-timeout` only with `model-id`, and `duplicate` reads `if-promoted` only with `environment` (which turns the promotion records on). An input that would be ignored is refused instead.',
    fix: 'Remove the input, or set the one the message names.',
  },
  login: {
    sample: (m) => m.input.login('github-token-login', '@octocat'),
    means:
      "`github-token-login` names who `github-token` writes as, and only a login can: letters, digits, hyphens and underscores, with `[bot]` at the end for an app's token.",
    fix: "Give the login without `@` or spaces: `github-actions[bot]` for the job's own token (the default), your login for a personal access token, `<app-slug>[bot]` for a GitHub App's token. See [whose records and comment are believed](github.md#whose-records-and-comment-are-believed).",
  },
  proxy: {
    sample: (m) => m.input.proxy('https_proxy'),
    means:
      "The runner names a proxy for Kondado's address (`https_proxy` or `HTTPS_PROXY`; a loopback `base-url` is never proxied, and then neither is read), and its value is not an http or https address. The value is not shown: it may hold the proxy's password. See [Behind a proxy](proxy.md).",
    fix: "Fix the variable in the runner's `.env` file or the workflow's `env:` (for example `http://proxy.example.com:3128`, or `http://user:password@proxy.example.com:3128`).",
  },
}

const problem = (code: ProblemCode, details: Parameters<Messages['problem']>[1]) => (m: Messages) => m.problem(code, details, SUBJECT(m))

export const PROBLEM_ENTRIES: { readonly [K in ProblemCode]: Entry } = {
  'credentials-refused': {
    sample: problem('credentials-refused', { httpStatus: 401, excerpt: 'INVALID_TOKEN: Invalid key or token' }),
    means: 'Kondado answered 401 or 403, or refused the request with a message about the key, token or permissions.',
    fix: 'Check that `KONDADO_KEY` holds the key and `KONDADO_TOKEN` the token of the same access token (not swapped), that the token is still switched on in Kondado (Settings → Tokens), and that the user who made it can see the pipeline or model.',
  },
  'not-found': {
    sample: problem('not-found', { httpStatus: 404 }),
    means: 'The id is wrong, belongs to another Kondado account, or is a model id given as `pipeline-id` (or the reverse).',
    fix: 'Copy the id from the app URL: `/pipelines/<id>` for `pipeline-id`, `/models/<id>` for `model-id`.',
  },
  rejected: {
    sample: problem('rejected', {
      httpStatus: 200,
      excerpt: 'This endpoint is not available for plans with frequency limitations (Essentials)',
    }),
    means:
      "Kondado answered `success: false` or another 4xx and gave its reason. Common reasons: the Essentials plan cannot run pipelines through the API; a duplicate whose collections are not of the base pipeline's source and destination type or are not active; a `full-tables` mapping that misses a table path; an `overwrite-parameters` key that is not filled in the base pipeline.",
    fix: "Act on Kondado's reason, quoted in the message.",
  },
  'server-error': {
    sample: problem('server-error', { httpStatus: 502, excerpt: 'Bad Gateway' }),
    means: `Kondado answered with a 5xx error. Status reads were retried with growing pauses (up to ${RETRY.retries} retries, after pauses of ${shortTime(RETRY.shortestMs)} to ${shortTime(RETRY.longestMs)} each: ${shortTime(RETRY.leastTotalMs)} to ${shortTime(RETRY.mostTotalMs)} in all, always within \`timeout\`) before giving up. A run or duplicate request is never sent again after a 5xx, because Kondado may have acted on it.`,
    fix: 'Usually a passing fault at Kondado: re-run later. If a run was triggered, look at the pipeline in the app first.',
  },
  'unreadable-answer': {
    sample: problem('unreadable-answer', { httpStatus: 200, excerpt: 'no entry for id 2040 in the answer' }),
    means:
      "Kondado's answer was not the JSON the API documents (for instance an HTML page from a proxy, or a status answer without this id), and retries within the timeout did not get a readable one.",
    fix: "Check `base-url` (leave it out to use Kondado's API). If it persists, open an issue with the message: it holds no secret.",
  },
  redirect: {
    sample: problem('redirect', { httpStatus: 301 }),
    means: 'The server answered with a redirect. The action never follows one, because the token is in the URL and would travel with it.',
    fix: "Set `base-url` to the API root itself (`https://k2.kondado.com.br`, the default), not the app's address.",
  },
  'too-large': {
    sample: problem('too-large', {}),
    means: `The answer was over ${mebibytes(DEFAULT_LIMITS.maxResponseBytes)}; a status answer is a few hundred bytes, so this is not the Kondado API answering.`,
    fix: 'Check `base-url`.',
  },
  network: {
    sample: problem('network', { networkCode: 'ECONNREFUSED' }),
    means: `No answer came: the name did not resolve, the connection was refused or reset, or it timed out (${shortTime(DEFAULT_LIMITS.connectTimeoutMs)} to connect, ${shortTime(DEFAULT_LIMITS.requestTimeoutMs)} per request). Reads were retried. A run request is sent again only if it provably never left the runner (refused, unresolved, connect timeout, or refused by the proxy). A code \`PROXY_\` and a number is the runner's proxy refusing to open the way to Kondado, with that HTTP status: \`PROXY_407\` means it wants a user name and password, \`PROXY_403\` that it does not let the runner reach Kondado's host. Those two are not retried: they are the proxy's configuration.`,
    fix: 'Check `base-url`, and on a self-hosted runner that it can reach `k2.kondado.com.br` on port 443; behind a proxy, see [Behind a proxy](proxy.md).',
  },
  'rate-limited': {
    sample: problem('rate-limited', { httpStatus: 200, errorCode: 'RATE_LIMIT_EXCEEDED' }),
    means: `Kondado allows ${KONDADO_REQUESTS_PER_MINUTE} requests a minute and 1 a second per key and per IP, and each \`RATE_LIMIT_EXCEEDED\` pauses every request of the step for the time Kondado names. This time that pause would have run past the timeout: something else sends on the same key (or, on a self-hosted runner, from the same IP address), such as a parallel job or another tool.`,
    fix: 'See [Rate limits and parallel jobs](rate-limits.md) for how to run jobs on one key; give other tools their own Kondado token.',
  },
  deadline: {
    sample: problem('deadline', {}),
    means: "The step's `timeout` came while a request was waiting for its turn or for its answer.",
    fix: 'Raise `timeout`, or lower the number of resources one step follows.',
  },
  internal: {
    sample: problem('internal', { errorName: 'TypeError' }),
    means:
      "Something failed inside the action itself, not in Kondado or the network: a bug. Only the error's name is shown, since its message could quote a request URL, which carries the token. A run or duplicate request it cut short is not sent again, as its outcome is unknown.",
    fix: "Check the pipeline in the app, and please report the bug at the action's repository with the step's log.",
  },
  cancelled: {
    sample: problem('cancelled', {}),
    means: "The workflow run was cancelled (by a person, by `cancel-in-progress`, or by the job's `timeout-minutes`) during a request.",
    fix: 'Nothing to fix. Pipelines already started keep running in Kondado.',
  },
}

export const EXPLAIN_ENTRIES: Entries<Messages['explain']> = {
  unhealthy: {
    sample: (m) =>
      m.explain.unhealthy(m.resource('pipeline', 2041), m.state('active', 'Could not connect to the source: connection timed out', null)),
    means:
      'The resource came to rest in a state the health rules do not accept: a status that is not healthy (see [Health rules](how-it-decides.md#health-rules)), an error text from Kondado (`raw_msg`), or a model whose last configuration has not run (`kubo_status_type` other than `operational`).',
    fix: 'Open the resource from the link in the job summary, fix the cause Kondado reports (often the source or destination connection), and run the workflow again.',
  },
  'unknown-status': {
    sample: (m) => m.explain['unknown-status'](SUBJECT(m), m.state('paused', null, null)),
    means: 'Kondado returned a status that is not in the health rules. The action neither waits on it nor counts it as healthy.',
    fix: 'Look at the resource in the app. Please open an issue with the status text so the rules can learn it.',
  },
  'already-running': {
    sample: (m) => m.explain['already-running'](SUBJECT(m)),
    means:
      'With `if-running: fail`, a pipeline that is already running or queued fails the step instead of being waited for. Nothing was triggered.',
    fix: 'Use `if-running: wait` (judge the run under way) or `if-running: rerun` (wait for it, then start a fresh run), or run the workflow again later.',
  },
  'not-started': {
    sample: (m) => m.explain['not-started'](m.resource('pipeline', 2043), m.state('not_active', null, null), FALLBACKS['start-timeout']),
    means: `Kondado accepted the run request, but the pipeline never showed as queued, running or building tables within \`start-timeout\` (it is read every ${longTime(START_CONFIRM_INTERVAL_MS)} at first, then less often). A disabled pipeline or the Essentials plan ignores the request; a very busy Kondado queue can take longer than \`start-timeout\`; a run shorter than one read can start and finish unseen.`,
    fix: 'Check in the app that the pipeline is active and look at its run history. If Kondado is slow to queue runs, raise `start-timeout`.',
  },
  'not-started-unconfirmed': {
    sample: (m) => m.explain['not-started-unconfirmed'](SUBJECT(m), FALLBACKS['start-timeout']),
    means:
      'The run request got no answer (network error, 5xx or timeout), so it may or may not have reached Kondado. It was not sent again, to avoid a second run, and no run showed within `start-timeout`.',
    fix: "Check the pipeline's run history in the app before running the workflow again.",
  },
  'timed-out': {
    sample: (m) => m.explain['timed-out'](SUBJECT(m), m.state('running', null, null), FALLBACKS.timeout),
    means: "The step's `timeout` came while the resource was still busy. The action has no way to stop a Kondado run: it keeps going.",
    fix: "Raise `timeout` (and the job's `timeout-minutes`), or start with `wait: false` and follow the run from a later step or workflow with `command: wait`.",
  },
  cancelled: {
    sample: (m) => m.explain.cancelled(SUBJECT(m), m.state('running', null, null)),
    means: 'The workflow run was cancelled while waiting. Kondado has no cancel endpoint: the run goes on.',
    fix: 'Follow it in the app, or pick it up again with `command: wait`.',
  },
  'not-waited': {
    sample: (m) => m.explain['not-waited'](m.resource('model', 162)),
    means:
      '`run` with `model-id` waits for the models only once every pipeline of the step has ended healthy. One did not (see its own verdict), so a model run after it would build on stale or partial data, and it was not waited for.',
    fix: "Fix the pipeline's failure and run the workflow again; the models are then waited for after it.",
  },
  'next-not-started': {
    sample: (m) =>
      m.explain['next-not-started'](
        m.resource('model', 162),
        m.state('active', null, 'operational'),
        FALLBACKS['model-start-timeout'],
        true,
      ),
    means: `The model (or, with \`wait-for: next\`, the resource) was read from the end of its pipelines (or from the step's start) for \`model-start-timeout\` (\`start-timeout\` for a pipeline), and never showed queued or running. Kondado's API has no run history: a run is known only by being seen busy. The model may run on a schedule of its own rather than after these pipelines, Kondado may queue it later than the window, or its run was shorter than the time between two reads and was missed.`,
    fix: "Check the model's run history in the app. If Kondado queues it later, raise `model-start-timeout`; if it runs on its own schedule, check it with `command: status` later instead.",
  },
  'not-triggered': {
    sample: (m) =>
      m.explain['not-triggered'](
        m.resource('pipeline', 2042),
        m.state('too_many_consecutive_failed_builds__blocked', 'destination rejected the credentials', null),
        'blocked',
      ),
    means:
      "`run` reads each pipeline before it asks for a run. This one was at rest in a state it cannot run from: switched off in the app (`not_active`), switched off by Kondado after failing too many times in a row (`too_many_consecutive_failed_builds__blocked`), or with tables that could not be built (`error_building_tables`). Kondado would ignore or refuse the request, so none was sent; `raw_msg`, Kondado's error text, is quoted as it came. A pipeline still building its tables is different: the step waits for the build, then asks for the run.",
    fix: 'Fix what the error names (often the source or destination connection), switch the pipeline back on in the app, and run the workflow again.',
  },
  'run-refused': {
    sample: (m) =>
      m.explain['run-refused'](
        SUBJECT(m),
        'This endpoint is not available for plans with frequency limitations (Essentials)',
        m.state('active', null, null),
      ),
    means:
      'Kondado answered the run request with `success: false` (or another refusal) and its reason, quoted as it came, beside the state the pipeline was read in just before. The Essentials plan cannot run pipelines through the API; other refusals name their cause.',
    fix: "Act on Kondado's reason, then run the workflow again: the same request gets the same answer.",
  },
  'not-read': {
    sample: (m) => m.explain['not-read'](m.resource('pipeline', 2041)),
    means:
      'Kondado refused the key or token on an earlier request of the step. Every request carries the same key and token, so nothing more is sent: the refusal is told once, on the resource it was refused for, and every other resource says it was not read.',
    fix: 'See the refusal itself ([the key or token refused](#problem-credentials-refused)).',
  },
}

export const STEP_ENTRIES: OptionalEntries<Messages['step']> = {
  failed: {
    sample: (m) =>
      m.step.failed(2, 3, [
        `${m.resource('pipeline', 2041)} (${m.verdict.unhealthy})`,
        `${m.resource('model', 165)} (${m.verdict['not-started']})`,
      ]),
    means:
      'The step failed because at least one resource did not pass; the line names each, with its verdict in a few words. The annotations and the job summary say why and what to do.',
    fix: 'See the message for that resource in this section. To report without failing, set `fail-on-error: false` and read the `healthy` output.',
  },
  duplicateFailed: {
    sample: (m) =>
      m.step.duplicateFailed(
        2040,
        m.problem(
          'rejected',
          { httpStatus: 400, excerpt: 'dest_collection_id must be of the same type as the base pipeline destination' },
          SUBJECT(m),
        ),
      ),
    means: 'Kondado answered the duplicate request with a clear refusal, so no pipeline was created.',
    fix: "Act on Kondado's reason: the collections must be of the base pipeline's source and destination types and active, and `full-tables` must name every table path of the base pipeline.",
  },
  duplicateUnknown: {
    sample: (m) => m.step.duplicateUnknown(2040),
    means:
      'The duplicate request may have reached Kondado (its answer was lost to a network error, a 5xx, a timeout or a cancellation). Kondado has no idempotency key, so the action never sends it twice.',
    fix: 'Look in the app for a new pipeline copied from the base one before re-running the job. If it is there, use it; re-running would create another.',
  },
  cancelled: {
    sample: (m) => m.step.cancelled,
    means: 'The workflow run was cancelled.',
    fix: 'Nothing to fix. Pipelines keep running in Kondado; the job summary links to them.',
  },
  reportedOnly: {
    sample: (m) => m.step.reportedOnly,
    means: 'With `fail-on-error: false` the verdicts are reported as a warning and the step passes.',
    fix: 'Read the `healthy` output (or `result`) in a later step to decide what to do.',
  },
  keyRefused: {
    sample: (m) => m.step.keyRefused({ httpStatus: 401, excerpt: 'INVALID_TOKEN: Invalid key or token' }),
    means:
      'Kondado refused the key or token on the first request, so nothing else was sent: every other request would carry the same key and token.',
    fix: 'Check that `KONDADO_KEY` holds the key and `KONDADO_TOKEN` the token of the same access token (not swapped), and that the token is still switched on in Kondado (Settings → Tokens).',
  },
  noSummaryFile: null,
  summaryFileError: null,
  summaryUnwritten: {
    sample: (m) => m.step.summaryUnwritten(m.step.noSummaryFile),
    means:
      "The runner gave no job summary file (`GITHUB_STEP_SUMMARY`), as on some self-hosted runners and local runners such as `act`, or the file it names could not be written (the message gives the file and the system's error code, such as `ENOENT` or `EACCES`). The verdict, the outputs and the log are complete.",
    fix: 'Nothing, unless you want the summary: run on a runner that provides it.',
  },
  internalError: {
    sample: (m) => m.step.internalError('TypeError'),
    means:
      "A bug in the action, not an answer from Kondado. Only the error's name is shown: its message could quote a request URL, and request URLs carry the token. Nothing was judged healthy.",
    fix: 'Re-run the job; if it happens again, open an issue with the error name, the inputs (without the secrets) and the log.',
  },
}

export const LOG_ENTRIES: OptionalEntries<Messages['log']> = {
  awaitingNext: null,
  nextRead: null,
  clock: null,
  buildingTables: {
    sample: (m) => m.log.buildingTables(SUBJECT(m)),
    means:
      "The first read showed `building_tables`: Kondado is (re)building the pipeline's tables, for a few seconds after it was created or edited. That is not a run, so `if-running` does not apply: the step waits for the build to end, then asks for the run.",
    fix: 'Nothing. If the build ends in `error_building_tables`, no run is requested and the step says why.',
  },
  triggerHeld: {
    sample: (m) => m.log.triggerHeld(SUBJECT(m), m.log.clock('14:03:10'), '40s'),
    means: `Earlier requests on the key (this step's, or an earlier step's on this runner) have nearly spent the ${KONDADO_REQUESTS_PER_MINUTE} requests a minute. A run request waits until the budget can also pay for the reads that confirm its start, so that a short run is seen while it runs.`,
    fix: 'Nothing: the step goes on by itself at the time named.',
  },
  budgetHeld: {
    sample: (m) => m.log.budgetHeld(KONDADO_REQUESTS_PER_MINUTE, m.log.clock('14:03:10'), '40s'),
    means:
      'Every request of the step goes through one budget (`requests-per-minute`, and one a second); when it is spent, the next request waits for room, and the step says until when instead of going quiet.',
    fix: 'Nothing. If it happens often, fewer resources per step, or steps that take turns on the key, spend it more slowly.',
  },
  status: null,
  triggered: null,
  runSeen: null,
  created: null,
  settled: null,
  request: null,
  alreadyRunning: {
    sample: (m) => m.log.alreadyRunning(SUBJECT(m), 'wait'),
    means:
      'The pipeline was already running or queued (by its Kondado schedule or by someone else). The action never starts a second run on top of it; with `if-running: wait` it judges the run under way.',
    fix: 'Nothing to fix. To get a run that starts after this point, use `if-running: rerun`.',
  },
  triggerUnconfirmed: {
    sample: (m) => m.log.triggerUnconfirmed(SUBJECT(m), 'server-error (HTTP 502)'),
    means:
      'The run request got no clear answer. Sending it again could start a second run, so the action watches the status instead: if the run shows up, all is well.',
    fix: 'Nothing, unless the step then ends with "outcome unknown" (see above).',
  },
  retrying: {
    sample: (m) => m.log.retrying(SUBJECT(m), 'server-error (HTTP 503)', '4s'),
    means: 'A status read failed in a way that is usually brief (network error, 5xx, unreadable answer) and is tried again after a pause.',
    fix: 'Nothing, unless it keeps happening.',
  },
  paused: {
    sample: (m) => m.log.paused('1m 5s', m.log.clock('14:03:10')),
    means: `Kondado's rate limit was reached. Every request of the step waits for the time Kondado named, plus up to ${percent(PAUSE_JITTER)}.`,
    fix: 'Nothing, if it is rare: the step goes on by itself. If it happens often, something else uses the same key (or, on a self-hosted runner, the same IP address): see [Rate limits and parallel jobs](rate-limits.md).',
  },
}

export const SUMMARY_ENTRIES: OptionalEntries<Messages['summary']> = {
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
    sample: (m) => m.summary.inputErrors(2),
    means:
      'The job summary of a step refused for its inputs: each bad input is listed under it, with the same line as the failure (see [Input errors](#input-errors)).',
    fix: 'Fix the inputs named.',
  },
  alreadyRunning: {
    sample: (m) => m.summary.alreadyRunning,
    means: 'The pipeline was already running or queued when the step began, so the verdict is that of the run already under way.',
    fix: 'Nothing to fix; `if-running: rerun` starts a fresh run after it.',
  },
  nextRun: {
    sample: (m) => m.summary.nextRun,
    means:
      'The verdict is on the resource\'s next run, seen to start after the step began looking (a model after its pipelines, or `wait-for: next`); the `result` output says `"run": "next"`.',
    fix: 'Nothing to fix.',
  },
  triggerUnconfirmed: {
    sample: (m) => m.summary.triggerUnconfirmed,
    means: 'The run request got no clear answer and was not sent again (see above).',
    fix: 'Check the run history in the app if the verdict is not healthy.',
  },
  cancelledNote: {
    sample: (m) => m.summary.cancelledNote,
    means: 'The workflow run was cancelled; Kondado has no cancel endpoint.',
    fix: 'Follow the pipelines in the app, or with `command: wait`.',
  },
  timeoutNote: {
    sample: (m) => m.summary.timeoutNote,
    means: 'At least one resource was still busy when `timeout` came.',
    fix: 'Raise `timeout`, or follow the runs with `command: wait`.',
  },
}

const RUN_URL = 'https://github.com/acme/data/actions/runs/123/attempts/1'
const PERMISSIONS = 'See [Promotions and pull-request comments](github.md).'

const WHOSE = 'See [whose records and comment are believed](github.md#whose-records-and-comment-are-believed).'

export const GITHUB_ENTRIES: OptionalEntries<Messages['github']> = {
  ignored: {
    sample: (m) => m.github.ignored('production', 'github-actions[bot]', { notOurs: 2, elsewhere: 1, statuses: 1 }),
    means:
      "Deployments of the environment hold this promotion's identity but were not written by `github-token-login`, or link elsewhere than this repository's workflow runs and the new pipeline's page in Kondado's app; or statuses on this action's own records were written by another login. Anyone with `deployments: write` can write such records, so they are ignored: they neither stop the promotion nor hand it a pipeline. Only their number is printed, never what they hold.",
    fix: `Nothing, if they are not yours. If this action wrote them with another token (a personal access token, or an app's), set \`github-token-login\` to the login that token writes as. ${WHOSE}`,
  },
  recorded: null,
  reused: {
    sample: (m) => m.github.reused(777001, RUN_URL),
    means:
      'An earlier run made this very promotion (same environment, base pipeline, collections, account and table mappings) and recorded it as a deployment: no request to Kondado creates anything, and the step reports that pipeline, reading it (or running it, with `execute-immediately: true`).',
    fix: `Nothing, if this was a re-run. To make a second pipeline on purpose, set \`if-promoted: create\`. ${PERMISSIONS}`,
  },
  stopped: {
    sample: (m) => m.github.stopped({ state: 'unknown', runUrl: RUN_URL }, 2040, 'https://app.kondado.com.br/pipelines'),
    means:
      'An earlier run of this promotion lost the answer to its request (or died after sending it), so a pipeline may exist; or, with `if-promoted: fail`, the promotion was made already. Nothing was sent.',
    fix: 'Look in the Kondado app for a pipeline made from the base pipeline. If there is one, use it; if there is none, run the step again with `if-promoted: create`.',
  },
  unavailable: {
    sample: (m) => m.github.unavailable('permission', 403, 'production'),
    means:
      "The workflow's token cannot read or write deployments. Without the records the action cannot tell a re-run from a first promotion, so it sends nothing.",
    fix: `Add \`deployments: write\` to the job's \`permissions:\`. ${PERMISSIONS}`,
  },
  otherLogin: {
    sample: (m) => m.github.otherLogin('octocat', 'github-actions[bot]', 'production'),
    means:
      "The deployment this step made to record the promotion was written as another login than `github-token-login` (the token is a personal access token, or an app's): a later run believes only records by `github-token-login`, so it would not find this one and would make a second pipeline. The step ended that deployment as `failure` and sent nothing to Kondado.",
    fix: `Set \`github-token-login\` to the login the message names, then run the step again. ${WHOSE}`,
  },
  endUnrecorded: {
    sample: (m) => m.github.endUnrecorded('production'),
    means: 'The request was sent and answered, but writing its outcome to the deployment failed after every retry.',
    fix: 'Check the pipeline in the app. A later run stops on the open record; run it with `if-promoted: create` only if no pipeline was made.',
  },
  alreadyPromoted: null,
  madeBy: null,
  notPullRequest: null,
  commented: null,
  commentedAs: {
    sample: (m) => m.github.commentedAs('octocat', 'github-actions[bot]'),
    means:
      "The comment was written as another login than `github-token-login` (the token is a personal access token, or an app's). A later run edits only a comment with its marker written by `github-token-login`, so it will not find this one and will write another.",
    fix: `Set \`github-token-login\` to the login the message names. ${WHOSE}`,
  },
  readOnly: {
    sample: (m) => m.github.readOnly(403),
    means:
      'GitHub gives a pull request from a fork a read-only token, and a job without `pull-requests: write` cannot comment either. The step passes or fails as it would without the comment.',
    fix: `Add \`pull-requests: write\` to the job's \`permissions:\`; for forks, nothing to do. ${PERMISSIONS}`,
  },
  commentFailed: {
    sample: (m) => m.github.commentFailed(502),
    means: 'GitHub did not take the comment, after retries. The verdict and the outputs are not affected.',
    fix: 'Nothing: the next run of the step writes the comment.',
  },
  passed: null,
  runLink: null,
}

export type DocLanguage = 'en' | 'pt-BR'

export interface Section {
  readonly title: Readonly<Record<DocLanguage, string>>
  readonly intro: Readonly<Record<DocLanguage, string>>
  readonly entries: readonly Localized[]
}

/** An entry with its explanation in Portuguese, from troubleshooting.pt-BR.ts, and its anchor (`group-key`), which the job summary links to. */
export interface Localized extends Entry {
  readonly ptBR: Explanation
  readonly id: string
}

/** Pairs each entry with its Portuguese explanation; a routine line (`null`) must be one in both languages. */
export function present(
  group: string,
  record: Readonly<Record<string, Entry | null>>,
  portuguese: Readonly<Record<string, Explanation | null>>,
): Localized[] {
  return Object.entries(record).flatMap(([key, entry]) => {
    const ptBR = portuguese[key] ?? null
    if (entry === null && ptBR === null) return []
    if (entry === null || ptBR === null)
      throw new Error(`'${key}' is ${entry === null ? 'null' : 'explained'} in English but not in Portuguese`)
    return [{ ...entry, ptBR, id: `${group}-${key}` }]
  })
}

export const SECTIONS: readonly Section[] = [
  {
    title: { en: 'Input errors', 'pt-BR': 'Erros nos inputs' },
    intro: {
      en: 'These stop the step before any request reaches Kondado. A step with several bad inputs names them all in one failure, a line each.',
      'pt-BR':
        'Interrompem o step antes de qualquer requisição à Kondado. Um step com vários inputs errados mostra todos de uma vez, um por linha.',
    },
    entries: present('input', INPUT_ENTRIES, ptBRExplanations.INPUT),
  },
  {
    title: { en: 'Answers from Kondado', 'pt-BR': 'Respostas da Kondado' },
    intro: {
      en: 'Shown for a resource in the log, the annotations and the job summary, or inside a step failure.',
      'pt-BR': 'Aparecem para um recurso no log, nas anotações e no resumo do job, ou dentro da falha do step.',
    },
    entries: present('problem', PROBLEM_ENTRIES, ptBRExplanations.PROBLEM),
  },
  {
    title: { en: 'Why a resource did not pass', 'pt-BR': 'Por que um recurso não passou' },
    intro: { en: 'As the annotations and the job summary say it.', 'pt-BR': 'Do jeito que aparecem nas anotações e no resumo do job.' },
    entries: present('explain', EXPLAIN_ENTRIES, ptBRExplanations.EXPLAIN),
  },
  {
    title: { en: 'Step failures and warnings', 'pt-BR': 'Falhas e avisos do step' },
    intro: { en: 'The last line of a failed or warned step.', 'pt-BR': 'A última linha de um step que falhou ou deu aviso.' },
    entries: present('step', STEP_ENTRIES, ptBRExplanations.STEP),
  },
  {
    title: { en: 'Notes in the log and the summary', 'pt-BR': 'Notas no log e no resumo' },
    intro: {
      en: 'Not failures: what the action tells you while it works.',
      'pt-BR': 'Não são falhas: é o que a action informa enquanto trabalha.',
    },
    entries: [...present('log', LOG_ENTRIES, ptBRExplanations.LOG), ...present('summary', SUMMARY_ENTRIES, ptBRExplanations.SUMMARY)],
  },
  {
    title: { en: 'Promotions and pull-request comments', 'pt-BR': 'Promoções e comentários em pull requests' },
    intro: {
      en: 'Only with `environment` (for `duplicate`) or `pr-comment: true`.',
      'pt-BR': 'Só com `environment` (no `duplicate`) ou `pr-comment: true`.',
    },
    entries: present('github', GITHUB_ENTRIES, ptBRExplanations.GITHUB),
  },
]

const LABELS = {
  en: { means: 'What it means', fix: 'What to do' },
  'pt-BR': { means: 'O que significa', fix: 'O que fazer' },
} as const

/**
 * One entry as a reader searching for a line of the log finds it. The Portuguese catalogue shows
 * the English line beside the Portuguese one, so a reader can search for either.
 */
export function renderEntry(entry: Localized, language: DocLanguage): string {
  const [lines, text] =
    language === 'en'
      ? [[`- <a id="${entry.id}"></a>**${codeSpan(entry.sample(en))}**  `], entry]
      : [[`- <a id="${entry.id}"></a>**${codeSpan(entry.sample(ptBR))}**  `, `  Em inglês: ${codeSpan(entry.sample(en))}  `], entry.ptBR]
  return [...lines, `  *${LABELS[language].means}:* ${text.means}  `, `  *${LABELS[language].fix}:* ${text.fix}`].join('\n')
}

export function renderTroubleshooting(language: DocLanguage): string {
  return SECTIONS.map((section) =>
    [
      `## ${section.title[language]}`,
      section.intro[language],
      section.entries.map((entry) => renderEntry(entry, language)).join('\n\n'),
    ].join('\n\n'),
  ).join('\n\n')
}
