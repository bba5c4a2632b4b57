import {
  type Command,
  formatDuration,
  type IfRunning,
  type ProblemCode,
  type ProblemDetails,
  type PromotionRecord,
  type ResourceKind,
  type RunBlocker,
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
    jsonDepth: (name: string, max: number) =>
      `Input '${name}' nests objects or arrays more than ${max} levels deep: give a flatter JSON object.`,
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
    login: (name: string, value: string) =>
      `Input '${name}': '${value}' is not a GitHub login (letters, digits, hyphens and underscores, with '[bot]' at the end for an app's token, e.g. 'github-actions[bot]').`,
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
        if (d.nothingListensAt)
          return `Could not reach Kondado for ${subject} (${d.networkCode ?? 'network error'}): nothing is listening at ${d.nothingListensAt}, the 'base-url' on this machine. Start the simulator or server there first, or correct 'base-url'.`
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
    if (d.nothingListensAt) return `nothing listening at ${d.nothingListensAt}`
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
    'not-triggered': (subject: string, state: string, blocker: RunBlocker) =>
      ({
        disabled: `${subject} is switched off in Kondado (${state}), so no run was requested. Switch it on in the app, then run the step again.`,
        blocked: `${subject} was switched off by Kondado after failing too many times in a row (${state}), so no run was requested. Fix what its error names, switch it back on in the app, then run the step again.`,
        'tables-failed': `The tables of ${subject} could not be built (${state}), so no run was requested. Fix what its error names in the app (often the destination), then run the step again.`,
      })[blocker],
    'run-refused': (subject: string, said: string | undefined, state: string) =>
      `Kondado refused to run ${subject}${said ? `: "${said}"` : ''}. Its status just before: ${state}. Act on what Kondado says, then run the step again: the same request gets the same answer.`,
    'not-read': (subject: string) => `${subject} was not read: Kondado had already refused the key or token, and would refuse it here too.`,
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
    'not-triggered': 'no run requested',
    'run-refused': 'Kondado refused to run it',
    'not-read': 'not read: the key or token was refused',
    whatToDo: 'what to do',
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
    paused: (delay: string, until: string) =>
      `Kondado's rate limit was reached (RATE_LIMIT_EXCEEDED): every request pauses for ${delay}, until ${until}.`,
    buildingTables: (subject: string) => `${subject} is building its tables: waiting for the build to end, then requesting the run.`,
    nextRead: (subject: string, forStart: boolean, state: string, until: string, inText: string) =>
      forStart
        ? `${subject}: waiting for its run to show queued or running; next read at ${until}, in ${inText}.`
        : `${subject}: waiting for its run to end (last read: ${state}); next read at ${until}, in ${inText}.`,
    triggerHeld: (subject: string, until: string, inText: string) =>
      `${subject}: the run request waits until ${until} (in ${inText}), when the request budget can also pay for the reads that confirm its start.`,
    budgetHeld: (perMinute: number, until: string, inText: string) =>
      `The request budget (${perMinute} a minute) is spent: the next request goes at ${until}, in ${inText}.`,
    clock: (hhmmss: string) => `${hhmmss} UTC`,
    settled: (subject: string, verdict: string, state: string, elapsed: string) => `${subject}: ${verdict} (${state}) after ${elapsed}`,
    awaitingNext: (subject: string, windowText: string, afterPipelines: boolean) =>
      afterPipelines
        ? `${subject}: its pipelines ended healthy; waiting up to ${windowText} for its next run to show queued or running.`
        : `${subject}: waiting up to ${windowText} for its next run to show queued or running ('wait-for: next'); the state shown now is not judged.`,
  },

  step: {
    failed: (count: number, total: number, which: readonly string[]) =>
      `${count} of ${total} ${total === 1 ? 'resource' : 'resources'} did not pass: ${which.join('; ')}.`,
    keyRefused: (d: ProblemDetails) =>
      `Kondado refused the key or token${http(d)}: nothing was read.${said(d)} Check the key and token secrets, and that the token is still switched on in Kondado (Settings -> Tokens).`,
    duplicateFailed: (baseId: number, problem: string) => `Duplicating pipeline ${baseId} failed: ${problem}`,
    duplicateUnknown: (baseId: number) =>
      `Duplicating pipeline ${baseId}: outcome unknown: check the app before re-running. The request may have reached Kondado and created a pipeline; running this step again could create a second one.`,
    cancelled: 'The workflow was cancelled. Pipelines keep running in Kondado; the summary links to them.',
    reportedOnly: 'fail-on-error is false: the verdicts above are reported without failing the step.',
    summaryUnwritten: (why: string) => `The job summary could not be written: ${why}. The verdict and the outputs stand.`,
    noSummaryFile: 'this runner names no summary file (GITHUB_STEP_SUMMARY is not set)',
    summaryFileError: (path: string, code: string) => `the file ${path} could not be written (${code})`,
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
    checked: (date: string, time: string, elapsed: string) => `Checked at ${date} ${time} UTC, in ${elapsed}.`,
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
    passed: (total: number) => (total === 1 ? 'The resource passed.' : `All ${total} resources passed.`),
    failed: (failing: number, total: number) => `${failing} of ${total} ${total === 1 ? 'resource' : 'resources'} did not pass.`,
    firstToDo: (subject: string, todo: string) => `First, ${subject}: ${todo}`,
    keyRefused: 'Kondado refused the key or token, so nothing was read. First, check the key and token secrets.',
    inputErrors: (count: number) =>
      `The step did not start: ${count === 1 ? 'an input is' : `${count} inputs are`} not right, and nothing was sent to Kondado.`,
    /** What to do first about a resource that did not pass, by the troubleshooting entry that explains it. */
    todo: {
      unhealthy: 'open it in the app, fix what Kondado reports (often the source or destination connection), then run the step again.',
      'unknown-status': 'look at it in the app; this action does not know its status.',
      'already-running': "wait for its run to end, or use 'if-running: wait' or 'if-running: rerun'.",
      'not-started': 'check in the app that it is switched on, and look at its run history.',
      'not-started-unconfirmed': 'check its run history in the app before running the step again.',
      'timed-out': "raise 'timeout', or follow the run later with 'command: wait'.",
      cancelled: 'nothing to fix: it keeps running in Kondado.',
      'not-waited': 'fix the pipeline that did not pass; the model is waited for after it next time.',
      'next-not-started': "check its run history in the app; raise 'model-start-timeout' if Kondado queues it later.",
      'not-triggered': 'switch it on (or fix what blocked it) in the app, then run the step again.',
      'run-refused': 'act on the reason Kondado gave, then run the step again.',
      'not-read': 'check the key and token secrets.',
      problem: 'read the reason in the table and follow its link.',
    },
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
    unreadable: 'Run history: the entry in the Actions cache is not a run history this action reads; reading on the usual schedule.',
    leftOut: (runs: number) =>
      `Run history: ${runs} stored run ${runs === 1 ? 'length was' : 'lengths were'} left out, a value missing or out of range.`,
    mode: (mode: string) => `the job's cache mode '${mode}' does not allow it`,
    answered: (status: number) => `the cache service answered HTTP ${status}`,
    refused: (said: string) => (said ? `the cache service refused: ${said}` : 'the cache service refused'),
    network: (code: string) => `no connection to the cache service (${code})`,
    tooLarge: (limit: string) => `the entry is larger than ${limit}`,
    address: 'the cache service gave an address this action does not use',
    answer: 'the cache service gave an answer this action does not understand',
  },

  /** The GitHub side: promotions recorded as deployments, and the pull-request comment. */
  github: {
    /** The records of this promotion that do not count, by why; only the counts are said, never what the records hold. */
    ignored: (
      environment: string,
      login: string,
      count: { readonly notOurs: number; readonly elsewhere: number; readonly statuses: number },
    ) => {
      const records = (n: number): string => `${n} promotion ${n === 1 ? 'record' : 'records'}`
      const why = [
        count.notOurs ? `${records(count.notOurs)} not made by this action (${login})` : '',
        count.elsewhere ? `${records(count.elsewhere)} linking elsewhere than this repository's workflow runs and Kondado's app` : '',
        count.statuses ? `${count.statuses} deployment ${count.statuses === 1 ? 'status' : 'statuses'} not written by ${login}` : '',
      ].filter(Boolean)
      return `Ignored in environment '${environment}': ${list(why, 'and')}. They neither stop this promotion nor choose its pipeline.`
    },
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
    otherLogin: (wroteAs: string | undefined, expected: string, environment: string) =>
      `The GitHub token wrote this promotion's record in environment '${environment}' as ${wroteAs ? `'${wroteAs}'` : 'another login'}, not as '${expected}' (input 'github-token-login'): a later run would not believe that record, so nothing was sent to Kondado. Set 'github-token-login' to ${wroteAs ? `'${wroteAs}'` : 'the login the token writes as'}, then run the step again.`,
    endUnrecorded: (environment: string) =>
      `The end of this promotion could not be recorded in environment '${environment}': a later run will find it in progress and stop. Check the pipeline in the app; 'if-promoted: create' makes another.`,
    alreadyPromoted: (pipelineId: number) => `Already promoted as pipeline ${pipelineId}: nothing was created.`,
    madeBy: 'the run that made it',
    notPullRequest: (eventName: string) => `pr-comment: a '${eventName}' event has no pull request to comment on; no comment written.`,
    commented: (created: boolean, pullRequest: number) =>
      `pr-comment: ${created ? 'commented on' : 'updated the comment on'} pull request #${pullRequest}.`,
    commentedAs: (wroteAs: string | undefined, expected: string) =>
      `pr-comment: the comment was written as ${wroteAs ? `'${wroteAs}'` : 'another login'}, not as '${expected}' (input 'github-token-login'): a later run will not recognise it as its own, and will write another. Set 'github-token-login' to ${wroteAs ? `'${wroteAs}'` : 'the login the token writes as'}.`,
    readOnly: (httpStatus: number) =>
      `pr-comment: the GitHub token may not comment on this pull request (HTTP ${httpStatus}): a pull request from a fork gets a read-only token, and otherwise the job needs 'permissions: pull-requests: write'. The verdict and the outputs stand.`,
    commentFailed: (httpStatus: number | undefined) =>
      `pr-comment: the comment could not be written (${httpStatus ? `HTTP ${httpStatus}` : 'no answer from GitHub'}). The verdict and the outputs stand.`,
    passed: 'passed',
    runLink: 'Workflow run',
  },
}

export type Messages = typeof en
