import {
  type Command,
  formatDuration,
  type IfRunning,
  type ProblemCode,
  type ProblemDetails,
  type PromotionRecord,
  type ResourceKind,
  type Verdict,
} from '../core/index.ts'

/**
 * Every word the action says in English. `pt-BR.ts` has the same shape; the rest of the code
 * speaks through `Messages` and never writes user-facing text of its own.
 */
const kindName = (kind: ResourceKind): string => (kind === 'pipeline' ? 'pipeline' : 'model')
const said = (d: ProblemDetails): string => (d.excerpt ? ` Kondado said: "${d.excerpt}".` : '')
/** How the retries of a read ended: they ran out, or the timeout came before one got `got`. */
const gaveUp = (d: ProblemDetails, got: string): string =>
  d.tries
    ? `, and all ${d.tries} tries over ${formatDuration(d.triedForMs ?? 0)} failed (no retries left)`
    : `, and no retry within the timeout got ${got}`
const http = (d: ProblemDetails): string => (d.httpStatus ? ` (HTTP ${d.httpStatus})` : '')
const list = (items: readonly string[], word: string): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`
const anyOf = (items: readonly string[]): string => list(items, 'or')
const quotedList = (items: readonly string[], word: string): string =>
  list(
    items.map((item) => `'${item}'`),
    word,
  )

export const en = {
  resource: (kind: ResourceKind, id: number) => `${kindName(kind)} ${id}`,

  input: {
    required: (name: string) => `Input '${name}' is required.`,
    requiredFor: (name: string, command: Command) => `Input '${name}' is required for command '${command}'.`,
    notAllowedFor: (name: string, command: Command, commands: readonly Command[]) =>
      `Input '${name}' is not used by command '${command}', only by ${quotedList(commands, 'and')}: remove it, or use ${commands.length === 1 ? 'that command' : 'one of those commands'}.`,
    idsRequired: (command: Command, pipelines: string, models: string) =>
      `Command '${command}' needs at least one id: set '${pipelines}', '${models}' or both.`,
    notId: (name: string, value: string) => `Input '${name}': '${value}' is not an id (ids are positive whole numbers, e.g. 2040).`,
    idTooLarge: (name: string, value: string, largest: number) =>
      `Input '${name}': '${value}' is too large for an id (the largest is ${largest}); check that two ids are not run together.`,
    clientCode: (name: string, value: string, number: string) =>
      `Input '${name}': '${value}' is the account code as the app shows it; give the number before the dash: ${number}.`,
    oneId: (name: string) => `Input '${name}' takes exactly one id for command 'duplicate' (the base pipeline).`,
    choice: (name: string, value: string, choices: readonly string[]) =>
      `Input '${name}': '${value}' is not one of ${choices.map((c) => `'${c}'`).join(', ')}.`,
    boolean: (name: string, value: string) => `Input '${name}': '${value}' is not 'true' or 'false'.`,
    duration: (name: string, value: string) =>
      `Input '${name}': '${value}' is not a duration (use seconds or a unit, decimals allowed: '90', '90s', '1.5m', '2h').`,
    durationRange: (name: string, value: string, min: string, max: string) =>
      `Input '${name}': '${value}' is out of range: give a duration from ${min} to ${max}.`,
    number: (name: string, value: string, min: number, max: number) => `Input '${name}': '${value}' is not a number from ${min} to ${max}.`,
    maxBelowMin: (max: string, min: string) => `Input '${max}' must be at least '${min}'.`,
    json: (name: string) => `Input '${name}' is not valid JSON: give a JSON object such as {"": "new_table"}.`,
    jsonObject: (name: string) => `Input '${name}' must be a JSON object (in braces), not an array, string or number.`,
    stringMap: (name: string, path: string) =>
      `Input '${name}': the value for table path '${path}' must be a non-empty string (the new table name).`,
    mainTable: (name: string) => `Input '${name}' must name the main table with the empty path "" (e.g. {"": "orders_prod"}).`,
    baseUrl: (value: string, example: string) => `Input 'base-url': '${value}' is not a URL such as ${example}.`,
    baseUrlHttps: (value: string, hosts: readonly string[]) =>
      `Input 'base-url': '${value}' must use https (the token travels in the URL); plain http is allowed only for ${anyOf(hosts)}.`,
    baseUrlParts: () => `Input 'base-url' must not carry a user name, password, query or fragment.`,
    proxy: (variable: string) =>
      `Environment variable '${variable}' is not a proxy address such as http://proxy.example.com:3128 (http or https).`,
    modelsNeedWait: (models: string, wait: string) =>
      `Input '${models}' needs '${wait}: true' for command 'run': the models are waited for once their pipelines have ended, and '${wait}: false' returns as soon as the pipelines start.`,
    unusedWithout: (name: string, needed: string) => `Input '${name}' is not used without '${needed}': remove it, or set '${needed}'.`,
  },

  problem: (code: ProblemCode, d: ProblemDetails, subject: string): string => {
    switch (code) {
      case 'credentials-refused':
        return `Kondado refused the key or token while reading ${subject}${http(d)}.${said(d)} Check the key and token secrets, and that the token is still switched on in Kondado (Settings -> Tokens) and belongs to a user who can see ${subject}.`
      case 'not-found':
        return `Kondado does not know ${subject}, or this token cannot see it${http(d)}.${said(d)} Check the id in the app URL.`
      case 'rejected':
        return `Kondado refused the request for ${subject}${d.httpStatus === 200 ? ' (its answer said success: false)' : http(d)}.${said(d)} ${d.excerpt ? 'Correct what it names' : "Check the ids and this step's inputs"}, then run the step again: the same request gets the same answer.`
      case 'server-error':
        return `Kondado failed with a server error for ${subject}${http(d)}${gaveUp(d, 'a good answer')}.${said(d)} Try again later.`
      case 'unreadable-answer':
        return `Kondado's answer for ${subject} could not be read${http(d)}${gaveUp(d, 'a readable one')}.${said(d)}`
      case 'redirect':
        return `Kondado answered ${subject} with a redirect${http(d)}, which this action never follows (the token would go with it). Check 'base-url'.`
      case 'too-large':
        return `Kondado's answer for ${subject} was larger than any status answer can be, and was cut off. Check 'base-url'.`
      case 'network':
        return `Could not reach Kondado for ${subject} (${d.networkCode ?? 'network error'})${gaveUp(d, 'through')}. Check 'base-url' and the runner's network.`
      case 'rate-limited':
        return `Kondado answered RATE_LIMIT_EXCEEDED for ${subject}, and the pause it asked for would outlast the timeout. Other jobs may share this key (or this runner's IP address): let them take turns with a concurrency group per key, or lower 'requests-per-minute'.`
      case 'deadline':
        return `The timeout came before Kondado answered for ${subject}.`
      case 'cancelled':
        return `The workflow was cancelled while waiting for ${subject}.`
      case 'internal':
        return `The Kondado action itself failed (${d.errorName ?? 'error'}) while working on ${subject}: a bug, not an answer from Kondado. Please report this at the action's repository.`
    }
  },

  /** A few words for a problem, inside a log line: what kind, and the HTTP status or network code. */
  problemLabel: (code: ProblemCode, d: ProblemDetails): string => {
    const labels: Record<ProblemCode, string> = {
      'credentials-refused': 'key or token refused',
      'not-found': 'not found',
      rejected: 'refused',
      'server-error': 'server error',
      'unreadable-answer': 'unreadable answer',
      redirect: 'redirect',
      'too-large': 'answer too large',
      network: 'no connection',
      'rate-limited': 'rate limited',
      deadline: 'timeout reached',
      cancelled: 'cancelled',
      internal: 'internal error',
    }
    const detail = d.httpStatus ? `HTTP ${d.httpStatus}` : (d.networkCode ?? d.errorName)
    return detail ? `${labels[code]}, ${detail}` : labels[code]
  },

  verdict: {
    healthy: 'healthy',
    unhealthy: 'unhealthy',
    'unknown-status': 'unknown status',
    'already-running': 'already running',
    'not-started': 'not seen to start',
    started: 'started',
    created: 'created',
    'timed-out': 'timed out',
    error: 'error',
    cancelled: 'cancelled',
    'not-waited': 'not waited for',
  } satisfies Record<Verdict, string>,

  /** Why a resource did not pass, in one sentence; `state` is the last status read. */
  explain: {
    unhealthy: (subject: string, state: string) => `${subject} is not healthy: ${state}.`,
    'unknown-status': (subject: string, state: string) =>
      `${subject} reported a status this action does not know (${state}); it is not counted as healthy.`,
    'already-running': (subject: string) => `${subject} was already running or queued, and 'if-running' is 'fail'.`,
    'not-started': (subject: string, state: string, windowText: string) =>
      `${subject} was triggered but not seen to start within ${windowText} (Kondado still shows ${state}). It may have been ignored (a disabled pipeline, the Essentials plan) or have run faster than one read. Check it in the app.`,
    'not-started-unconfirmed': (subject: string, windowText: string) =>
      `The trigger for ${subject} got no answer, so it may or may not have reached Kondado, and no run showed within ${windowText}: outcome unknown. Check the app before re-running.`,
    'timed-out': (subject: string, state: string, timeoutText: string) =>
      `${subject} was still not finished after the timeout of ${timeoutText} (last status: ${state}). It keeps running in Kondado.`,
    cancelled: (subject: string, state: string) =>
      `The workflow was cancelled while waiting for ${subject} (last status: ${state}). It keeps running in Kondado.`,
    'not-waited': (subject: string) =>
      `${subject} was not waited for: not every pipeline of this step ended healthy, so its next run would not build on fresh data.`,
    'next-not-started': (subject: string, state: string, windowText: string, afterPipelines: boolean) =>
      afterPipelines
        ? `${subject} was not seen to start within ${windowText} after its pipelines ended (Kondado still shows ${state}). It may run on a schedule of its own rather than after these pipelines, or have run faster than one read. Check its run history in the app.`
        : `${subject} was not seen to start within ${windowText} (Kondado still shows ${state}), so no next run was judged. It may be scheduled later, or have run faster than one read. Check its run history in the app.`,
  },

  /** The reason cell of the job summary: a few words each; Kondado's own text is added as it came. */
  reason: {
    status: (status: string): string =>
      ({
        not_active: 'disabled in Kondado',
        error_building_tables: 'its tables could not be built',
        too_many_consecutive_failed_builds: 'failed too many times in a row',
        too_many_consecutive_failed_builds__blocked: 'blocked by Kondado after failing too many times in a row',
      })[status] ?? `status ${status}`,
    /** A status too long for the status column, in one word there; the reason cell shows it in full. */
    shortStatus: (status: string): string =>
      status.endsWith('__blocked') ? 'blocked' : status.startsWith('too_many_consecutive_failed') ? 'failing' : 'see reason',
    'model-not-run': 'not yet run with its new configuration',
    'mid-change': 'at rest yet still marked running: read mid-change',
    'unknown-status': 'a status this action does not know',
    'not-started': (windowText: string) => `not seen queued or running within ${windowText}`,
    'not-started-unconfirmed': (windowText: string) => `the trigger got no answer; no run seen within ${windowText}`,
    'timed-out': (timeoutText: string) => `still not finished at the timeout (${timeoutText})`,
    cancelled: 'the workflow was cancelled',
    'already-running': "already running or queued, and 'if-running' is 'fail'",
    'not-waited': 'not every pipeline of this step ended healthy',
    'next-not-started': (windowText: string, afterPipelines: boolean) =>
      afterPipelines
        ? `not seen queued or running within ${windowText} after its pipelines ended`
        : `no next run seen within ${windowText}`,
  },

  state: (status: string, rawMsg: string | null, kubo: string | null) =>
    [status, kubo ? `model ${kubo}` : '', rawMsg ? `"${rawMsg}"` : ''].filter(Boolean).join(', '),
  noState: 'not read',

  log: {
    status: (subject: string, state: string) => `${subject}: ${state}`,
    alreadyRunning: (subject: string, ifRunning: IfRunning) =>
      ifRunning === 'wait'
        ? `${subject} is already running or queued: waiting for that run instead of starting a second one.`
        : ifRunning === 'rerun'
          ? `${subject} is already running or queued: waiting for that run to end, then starting a fresh one ('if-running: rerun').`
          : `${subject} is already running or queued ('if-running: fail').`,
    triggered: (subject: string) => `${subject}: run requested; waiting for Kondado to show it queued or running.`,
    triggerUnconfirmed: (subject: string, problem: string) =>
      `${subject}: the run request got no clear answer (${problem}); it is not sent again. Watching the status to see whether it started.`,
    runSeen: (subject: string) => `${subject}: the run has started.`,
    created: (baseId: number, newId: number) => `Created pipeline ${newId} from pipeline ${baseId}.`,
    retrying: (subject: string, what: string, delay: string) => `${subject}: the read failed (${what}); retrying in ${delay}.`,
    request: (method: string, path: string, outcome: string, tookMs: number, waitedMs: number) =>
      `${method} ${path}: ${outcome} in ${tookMs} ms, after ${waitedMs} ms waiting for its turn`,
    paused: (delay: string) => `Kondado's rate limit was reached (RATE_LIMIT_EXCEEDED): every request pauses for ${delay}.`,
    settled: (subject: string, verdict: string, state: string, elapsed: string) => `${subject}: ${verdict} (${state}) after ${elapsed}`,
    awaitingNext: (subject: string, windowText: string, afterPipelines: boolean) =>
      afterPipelines
        ? `${subject}: its pipelines ended healthy; waiting up to ${windowText} for its next run to show queued or running.`
        : `${subject}: waiting up to ${windowText} for its next run to show queued or running ('wait-for: next'); the state shown now is not judged.`,
  },

  step: {
    failed: (count: number, total: number) => `${count} of ${total} ${total === 1 ? 'resource is' : 'resources are'} not healthy.`,
    duplicateFailed: (baseId: number, problem: string) => `Duplicating pipeline ${baseId} failed: ${problem}`,
    duplicateUnknown: (baseId: number) =>
      `Duplicating pipeline ${baseId}: outcome unknown: check the app before re-running. The request may have reached Kondado and created a pipeline; running this step again could create a second one.`,
    cancelled: 'The workflow was cancelled. Pipelines keep running in Kondado; the summary links to them.',
    reportedOnly: 'fail-on-error is false: the verdicts above are reported without failing the step.',
    summaryUnwritten: (name: string) => `The job summary could not be written (${name}); the verdict and the outputs stand.`,
    internalError: (name: string) =>
      `The Kondado action itself failed (${name}); no verdict was reached, and nothing was reported healthy. Please report this at the action's repository.`,
  },

  summary: {
    title: (command: Command) =>
      ({
        run: 'Kondado: run pipelines',
        wait: 'Kondado: wait for pipelines and models',
        status: 'Kondado: health check',
        duplicate: 'Kondado: duplicate a pipeline',
      })[command],
    headers: ['Resource', 'Status', 'Verdict', 'Time waited', 'Reason'] as readonly string[],
    /** A gate reads each resource once: when it waited is meaningless, so the footer says when it checked. */
    gateHeaders: ['Resource', 'Status', 'Verdict', 'Reason'] as readonly string[],
    checked: (at: string, elapsed: string) => `Checked at ${at}, in ${elapsed}.`,
    alreadyRunning: 'was already running: waited for that run',
    triggerUnconfirmed: 'trigger answer lost: not sent again',
    duplicateHeaders: [
      'Base pipeline',
      'New pipeline',
      'Name',
      'Source collection',
      'Destination collection',
      'Runs now',
    ] as readonly string[],
    tableHeaders: ['Table path', 'New table', 'New delta table'] as readonly string[],
    mainTable: '(main table)',
    baseName: (baseId: number) => `same as pipeline ${baseId}`,
    yes: 'yes',
    no: 'no',
    total: (elapsed: string) => `Finished in ${elapsed}.`,
    cancelledNote: 'The workflow was cancelled: Kondado keeps running the pipelines; follow them with the links above.',
    timeoutNote: 'The timeout came first: Kondado keeps running the pipelines; follow them with the links above.',
    nextRun: 'its next run',
  },

  /** Debug lines of the run-length memory kept in the Actions cache (`run-history`). */
  history: {
    restored: (runs: number, resources: number) =>
      `Run history: ${runs} earlier run ${runs === 1 ? 'length' : 'lengths'} of ${resources} ${resources === 1 ? 'resource' : 'resources'} restored from the Actions cache.`,
    none: 'Run history: nothing saved yet for these resources; reading on the usual schedule.',
    unavailable: (why: string) => `Run history: the Actions cache could not be read (${why}); reading on the usual schedule.`,
    expected: (subject: string, from: string, to: string) =>
      `${subject}: expected to end ${from} to ${to} into the wait, going by its earlier runs; reads are spent around then.`,
    saved: (runs: number) => `Run history: ${runs} run ${runs === 1 ? 'length' : 'lengths'} saved to the Actions cache.`,
    unsaved: (why: string) => `Run history: not saved to the Actions cache (${why}); the next run reads on what it had.`,
    noService: 'no cache service on this runner',
    timedOut: (limit: string) => `no answer within ${limit}`,
  },

  /** The GitHub side: promotions recorded as deployments, and the pull-request comment. */
  github: {
    recorded: (environment: string) => `Promotion recorded in environment '${environment}' as in progress; sending the request once.`,
    reused: (pipelineId: number, runUrl: string) =>
      `Already promoted as pipeline ${pipelineId} by ${runUrl}: nothing is created; pipeline ${pipelineId} is used.`,
    stopped: (found: Exclude<PromotionRecord, { state: 'refused' }>, baseId: number, pipelinesUrl: string) => {
      switch (found.state) {
        case 'promoted':
          return `Already promoted as pipeline ${found.pipelineId} by ${found.runUrl}, and 'if-promoted' is 'fail': nothing was sent. 'if-promoted: reuse' uses pipeline ${found.pipelineId}; 'if-promoted: create' makes another.`
        case 'unknown':
          return `The promotion of pipeline ${baseId} by ${found.runUrl} has an unknown outcome: it may have created a pipeline. Nothing was sent. Check the app (${pipelinesUrl}) for it; 'if-promoted: create' makes another.`
        case 'in-progress':
          return `The promotion of pipeline ${baseId} by ${found.runUrl} was started and its end never recorded: that run may still be at it, or it died after sending. Nothing was sent. Check the app (${pipelinesUrl}); 'if-promoted: create' makes another.`
      }
    },
    unavailable: (reason: 'permission' | 'unreachable', httpStatus: number | undefined, environment: string) =>
      reason === 'permission'
        ? `The GitHub token cannot read or write the deployments of environment '${environment}'${httpStatus ? ` (HTTP ${httpStatus})` : ''}: give the job 'permissions: deployments: write'. Nothing was sent to Kondado: a record that cannot be read cannot protect against a second pipeline.`
        : `The GitHub API did not answer for the deployments of environment '${environment}'${httpStatus ? ` (HTTP ${httpStatus})` : ''}, and no retry within the timeout got through. Nothing was sent to Kondado; run the step again.`,
    endUnrecorded: (environment: string) =>
      `The end of this promotion could not be recorded in environment '${environment}': a later run will find it in progress and stop. Check the pipeline in the app; 'if-promoted: create' makes another.`,
    alreadyPromoted: (pipelineId: number) => `Already promoted as pipeline ${pipelineId}: nothing was created.`,
    madeBy: 'the run that made it',
    notPullRequest: (eventName: string) => `pr-comment: a '${eventName}' event has no pull request to comment on; no comment written.`,
    commented: (created: boolean, pullRequest: number) =>
      `pr-comment: ${created ? 'commented on' : 'updated the comment on'} pull request #${pullRequest}.`,
    readOnly: (httpStatus: number) =>
      `pr-comment: the GitHub token may not comment on this pull request (HTTP ${httpStatus}): a pull request from a fork gets a read-only token, and otherwise the job needs 'permissions: pull-requests: write'. The verdict and the outputs stand.`,
    commentFailed: (httpStatus: number | undefined) =>
      `pr-comment: the comment could not be written (${httpStatus ? `HTTP ${httpStatus}` : 'no answer from GitHub'}). The verdict and the outputs stand.`,
    passed: 'passed',
    runLink: 'Workflow run',
  },
}

export type Messages = typeof en
