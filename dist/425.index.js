export const id = 425;
export const ids = [425];
export const modules = {

/***/ 6364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A2: () => (/* reexport */ APP_PIPELINES_URL),
  dR: () => (/* reexport */ DEFAULT_LIMITS),
  kH: () => (/* reexport */ INVISIBLE),
  k3: () => (/* reexport */ LOOPBACK_HOST_NAMES),
  hk: () => (/* reexport */ RecordsUnavailable),
  kW: () => (/* reexport */ RecordsWriterMismatch),
  RM: () => (/* reexport */ appUrl),
  cZ: () => (/* reexport */ causesOf),
  xA: () => (/* binding */ composeStep),
  SM: () => (/* reexport */ createDispatcher),
  lY: () => (/* reexport */ createRedactor),
  OX: () => (/* reexport */ createUndiciTransport),
  s4: () => (/* reexport */ emptyHistory),
  a3: () => (/* reexport */ formatDuration),
  US: () => (/* reexport */ identityKey),
  cW: () => (/* reexport */ isLoopbackHost),
  WG: () => (/* reexport */ isPassing),
  E9: () => (/* reexport */ parseDuration),
  i6: () => (/* reexport */ parseHistory),
  Rx: () => (/* reexport */ predictEnd),
  Os: () => (/* reexport */ primaryOf),
  ik: () => (/* reexport */ resourceKey),
  F3: () => (/* reexport */ resourcesOf),
  R$: () => (/* reexport */ retrying),
  KQ: () => (/* reexport */ runsWithin),
  _I: () => (/* reexport */ scrub),
  J5: () => (/* reexport */ secretVariants),
  ph: () => (/* reexport */ serializeHistory),
  vm: () => (/* reexport */ startWindowMs),
  P: () => (/* reexport */ stepPassed),
  ml: () => (/* reexport */ systemClock)
});

// UNUSED EXPORTS: QUIET_NOTICE_MS

;// CONCATENATED MODULE: ./src/core/problem.ts
// Everything that can go wrong, as data: a code the messages module turns into words in the
// user's language, and details that were scrubbed before they got here. No stack trace and no
// URL ever reaches the user (at most a base-url's scheme://host:port on this machine); only these.
class Problem extends Error {
    code;
    details;
    constructor(code, details = {}) {
        super(`${code}${details.httpStatus ? ` (HTTP ${details.httpStatus})` : ''}${details.errorCode ? ` ${details.errorCode}` : ''}`);
        this.name = 'Problem';
        this.code = code;
        this.details = details;
    }
}
/**
 * Worth another try for a read: the fault may be gone a few seconds later. A proxy's 4xx to the
 * tunnel (407: it wants credentials; 403: the host is not allowed) is its configuration, not a fault;
 * nothing listening at a base-url on this machine (a simulator not started) is the user's to fix,
 * and retrying it for minutes would only hide that.
 */
function isTransient(problem) {
    if (problem.code === 'network')
        return !/^PROXY_4/.test(problem.details.networkCode ?? '') && !problem.details.nothingListensAt;
    return problem.code === 'server-error' || problem.code === 'unreadable-answer';
}
/**
 * After a POST failed this way, Kondado may have applied it: sending it again could start a
 * second run or create a second pipeline.
 */
function mayHaveBeenApplied(problem) {
    if (problem.details.notSent === true)
        return false;
    switch (problem.code) {
        case 'network':
        case 'server-error':
        case 'unreadable-answer':
        case 'too-large':
        case 'redirect': // a server may apply a POST and then answer "303 See Other": a redirect proves nothing
        case 'deadline':
        case 'cancelled':
        case 'internal': // a bug may strike after the request left: its outcome is not known
            return true;
        default:
            return false;
    }
}
/**
 * Anything thrown becomes a Problem; what is not one already is a bug, never "network". Once the
 * workflow is cancelled, whatever was thrown is a cancellation, which keeps only whether the
 * request it stopped had provably not been sent.
 */
function asProblem(error, signal) {
    const notSent = error instanceof Problem && error.details.notSent === true;
    if (signal?.aborted)
        return new Problem('cancelled', notSent ? { notSent } : {});
    if (error instanceof Problem)
        return error;
    // Not a Kondado problem but a bug: its name only, since its message may quote a URL, which carries the token.
    return new Problem('internal', { errorName: error instanceof Error ? error.name : 'UNKNOWN' });
}

;// CONCATENATED MODULE: ./src/core/safe-text.ts
// Text made safe to show: secrets hidden (redact) and server text made one inert line (scrub).
// Kondado puts the token in every URL, so any text that may have met a URL or a server answer
// passes through a redactor before anyone sees it; every encoding a secret can take on the way
// (URL, form, base64, JSON) is hidden too. main.ts makes the step's one redactor.
const MASK = '***';
function secretVariants(secret) {
    if (secret === '')
        return [];
    const variants = new Set([
        secret,
        encodeURIComponent(secret),
        // Percent-encoding is case-insensitive, and some servers echo it in lower case.
        encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
        encodeURI(secret),
        new URLSearchParams({ x: secret }).toString().slice(2),
        Buffer.from(secret, 'utf8').toString('base64'),
        Buffer.from(secret, 'utf8').toString('base64url'),
        JSON.stringify(secret).slice(1, -1),
        JSON.stringify(secret)
            .slice(1, -1)
            .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
        escape(secret),
    ]);
    // Longest first, so a variant that contains another is replaced whole. No encoding of a
    // non-empty secret is empty, so the guard above is all that keeps '' out.
    return [...variants].sort((a, b) => b.length - a.length);
}
function createRedactor(secrets) {
    const variants = [...new Set(secrets.flatMap(secretVariants))].sort((a, b) => b.length - a.length);
    return (text) => {
        let out = text;
        for (const variant of variants)
            out = out.split(variant).join(MASK);
        return out;
    };
}
/** Bidi controls and zero-width characters: they reorder or hide what a reader sees. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
/** Server text longer than this is cut: a log line or a summary cell, not a dump. */
const EXCERPT_LIMIT = 300;
/**
 * Makes text from Kondado safe to show: one line (so no `::command::` can start a line the
 * runner would execute), no control or escape characters, no secret, a bounded length.
 */
function scrub(text, redact, limit = EXCERPT_LIMIT) {
    const stripped = redact(text)
        // Whole ANSI CSI and OSC sequences, so no [31m debris is left behind
        .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
        // C0 and C1 controls, DEL, and the Unicode line and paragraph separators
        .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
        // Bidi controls and zero-width characters: they make text read other than it is
        .replace(INVISIBLE, '')
        .replace(/\s+/g, ' ')
        .trim();
    // Redacted again before the cut: stripping can join a secret's pieces, and the cut could then
    // leave its start where no redactor would recognise it.
    const oneLine = redact(stripped);
    return oneLine.length > limit ? `${oneLine.slice(0, limit - 1).replace(/[\ud800-\udbff]$/, '')}…` : oneLine;
}

;// CONCATENATED MODULE: ./src/core/kondado-api.ts
// Kondado's API as this action speaks it, in one place: the paths and URLs, the one mapping from
// the project's words to Kondado's wire format, what an HTTP answer means (JSON worth parsing, or
// the Problem it is), and reading a good answer's JSON. Pure: no request is sent from here, and
// every piece of server text that leaves here is scrubbed.


// ---- Paths and URLs
const statusPath = (resource) => `/${resource.kind === 'pipeline' ? 'pipelines' : 'models'}/${resource.id}/status`;
const runPath = (pipelineId) => `/pipelines/${pipelineId}/run`;
const DUPLICATE_PATH = '/pipelines';
/** Kondado's wire format for a duplicate, field for field, in the order its API document lists them. */
function duplicateBody(request) {
    // An optional field left undefined is left out by JSON.stringify, as Kondado expects of a field not given.
    return JSON.stringify({
        pipeline_id: request.basePipelineId,
        src_collection_id: request.sourceCollectionId,
        dest_collection_id: request.destinationCollectionId,
        client_id: request.clientId,
        name: request.name,
        full_tables: request.fullTables,
        deltas_tables: request.deltasTables,
        overwrite_parameters: request.overwriteParameters,
        execute_immediately: request.runAtOnce ? 'Y' : 'N',
    });
}
/**
 * The one place that builds API URLs. The credentials go into the query string, as Kondado
 * requires, so a URL from here is a secret: it is handed to the transport and nowhere else.
 */
function apiUrl(baseUrl, path, credentials) {
    const url = new URL(baseUrl.href.replace(/\/+$/, '') + path);
    url.searchParams.set('key', credentials.key);
    url.searchParams.set('token', credentials.token);
    return url;
}
const APP_URL = 'https://app.kondado.com.br';
/** The app's list of pipelines, to look for one whose id is not known. */
const APP_PIPELINES_URL = `${APP_URL}/pipelines`;
/** Where a person sees the resource in the Kondado app. */
function appUrl(resource) {
    return `${APP_URL}/${resource.kind === 'pipeline' ? 'pipelines' : 'models'}/${resource.id}`;
}
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/**
 * A `success: false` that is about this action's own key or token, as opposed to a refusal that
 * merely mentions a key (a source connection's credentials, say): only the former stops the step.
 * Tested on the excerpt, which starts with the error code and has its whitespace runs collapsed.
 */
const OUR_CREDENTIALS_REFUSED = /\b(INVALID_(TOKEN|KEY|CREDENTIALS)|UNAUTHORI[SZ]ED)\b|\b(invalid|wrong|unknown|expired|revoked|disabled|missing)\s(api\s)?(key|token|credentials)\b|\b(key|token)\s(is\s)?(invalid|expired|revoked|disabled)\b/i;
/** Turns any answer into JSON worth parsing, or throws the Problem it is. */
function interpret(response, redact) {
    const { status } = response;
    const json = parseJson(response.body);
    const errorCode = isObject(json) && typeof json.error === 'string' ? scrub(json.error, redact, 80) : undefined;
    const details = { httpStatus: status, ...(errorCode ? { errorCode } : {}), excerpt: excerpt(response.body, json, redact) };
    const fail = (code, extra = {}) => {
        throw new Problem(code, { ...details, ...extra });
    };
    if (errorCode === 'RATE_LIMIT_EXCEEDED' || status === 429)
        return fail('rate-limited', { retryAfterMs: retryAfterMs(details.excerpt) });
    if (status >= 300 && status < 400)
        return fail('redirect');
    const namesOurKey = OUR_CREDENTIALS_REFUSED.test(details.excerpt);
    if (status === 401 || status === 403)
        return fail('credentials-refused', { keyRefused: status === 401 || namesOurKey });
    if (status === 404)
        return fail('not-found');
    if (status >= 500)
        return fail('server-error');
    if (status >= 400 || (isObject(json) && json.success === false)) {
        return namesOurKey ? fail('credentials-refused', { keyRefused: true }) : fail('rejected');
    }
    if ((status !== 200 && status !== 201) || !isObject(json))
        return fail('unreadable-answer');
    return json;
}
function excerpt(body, json, redact) {
    if (isObject(json)) {
        const said = [json.error, json.message].filter((part) => typeof part === 'string').join(': ');
        if (said)
            return scrub(said, redact);
    }
    // An HTML error page from a proxy: its text, not its markup.
    return scrub(body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '), redact, 120);
}
function parseJson(body) {
    try {
        return JSON.parse(body);
    }
    catch {
        return undefined;
    }
}
/** Kondado says "Please try again in 60 seconds": believe the number, within reason. */
function retryAfterMs(message) {
    const seconds = Number(/(\d+)\s*sec/i.exec(message)?.[1] ?? 60);
    return Math.min(Math.max(seconds, 1), 300) * 1000;
}
// ---- Reading a good answer
/**
 * A status answer is `{"<id>": {...}}` for pipelines and `{"success": true, "data": {"<id>": {...}}}`
 * for models; either shape is accepted for both, since Kondado does not promise which.
 */
function parseStatus(json, id, redact) {
    const body = json.success === true && isObject(json.data) ? json.data : json;
    const entry = body[String(id)];
    if (!isObject(entry) || typeof entry.status !== 'string' || entry.status === '') {
        throw new Problem('unreadable-answer', { excerpt: isObject(entry) ? 'no status in the answer' : `no entry for id ${id} in the answer` });
    }
    const flag = (value) => (typeof value === 'boolean' ? value : null);
    const text = (value) => value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
    return scrubbed({
        status: entry.status,
        isRunning: flag(entry.is_running),
        isActive: flag(entry.is_active),
        isBlocked: flag(entry.is_blocked),
        kuboStatusType: text(entry.kubo_status_type),
        rawMsg: text(entry.raw_msg),
    }, redact);
}
/** Anything but the documented `{"success": true}` leaves it open whether the run was queued. */
function parseRunAccepted(json) {
    if (json.success !== true)
        throw new Problem('unreadable-answer', { excerpt: 'no "success": true in the answer' });
}
/** The new id comes nested twice (`data.data.new_pipeline_id`); once is accepted too. */
function parseNewPipelineId(json) {
    const outer = isObject(json.data) ? json.data : undefined;
    const inner = outer && isObject(outer.data) ? outer.data : outer;
    const id = inner?.new_pipeline_id;
    const value = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
        throw new Problem('unreadable-answer', { excerpt: 'no new_pipeline_id in the answer' });
    }
    return value;
}
/** Server text is made safe here, once, before the rest of the action sees it. */
function scrubbed(snapshot, redact) {
    // Error text made only of control characters would scrub to nothing and read as "no error".
    const text = (value) => value === null ? null : scrub(value, redact) || (value.trim() === '' ? '' : scrub(JSON.stringify(value), redact));
    return {
        ...snapshot,
        status: scrubWord(snapshot.status, redact),
        kuboStatusType: snapshot.kuboStatusType === null ? null : scrubWord(snapshot.kuboStatusType, redact),
        rawMsg: text(snapshot.rawMsg),
    };
}
/**
 * A status word that scrubbing had to change ("active\n", " active") is shown quoted, as
 * received: scrubbed, it could read as a known status and be judged healthy.
 */
function scrubWord(value, redact) {
    const scrubbed = scrub(value, redact, 80);
    return scrubbed !== value && /^[a-z_]+$/i.test(scrubbed) ? scrub(JSON.stringify(value), redact, 80) : scrubbed;
}

// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(4995);
;// CONCATENATED MODULE: ./src/core/retry.ts
// Trying a failed request again: when, how long to wait first, and the one loop that does it,
// for Kondado's client and GitHub's API alike. p-retry runs the attempts; the pauses are slept
// here, on the injected clock, so tests replay them exactly, and never past the step's deadline.

/**
 * Reads ride out a Kondado outage of about four minutes (2 s, 4 s, ... up to 60 s between tries,
 * each +-50 % jitter), always within the step's deadline; a longer one fails the read with what
 * Kondado last answered.
 */
const DEFAULT_RETRY = { retries: 8, minDelayMs: 2_000, maxDelayMs: 60_000 };
/** The pause before retry number `attempt` (from 1), before jitter: doubling from the least to the most. */
const retryPauseMs = (policy, attempt) => Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
/** Each pause is stretched or shrunk by up to this share, at random, so parallel jobs that failed together drift apart. */
const RETRY_JITTER = 0.5;
/** The pause actually slept: the doubling pause with its jitter. */
const jitteredPauseMs = (policy, attempt, random) => Math.round(retryPauseMs(policy, attempt) * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
/**
 * Runs `attempt` until it succeeds, fails in a way `retryable` refuses, runs out of retries, the
 * next pause would end past the deadline, or the signal aborts (cancelled during a pause, the
 * last failure stands: the next try was never sent).
 */
function retrying(attempt, options) {
    const { clock, random, deadline, signal, retryable, onRetry, exhausted, outOfTime } = options;
    let retried;
    const startedAt = clock.now();
    return (0,p_retry/* default */.Ay)(attempt, {
        retries: DEFAULT_RETRY.retries,
        minTimeout: 0,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
            if (retried && outOfTime?.(error))
                throw retried;
            if (signal?.aborted || !retryable(error))
                throw error;
            if (retriesLeft === 0)
                throw exhausted ? exhausted(error, attemptNumber, clock.now() - startedAt) : error;
            const delayMs = jitteredPauseMs(DEFAULT_RETRY, attemptNumber, random);
            if (clock.now() + delayMs >= deadline)
                throw error;
            onRetry?.(error, delayMs);
            retried = error;
            await clock.sleep(delayMs, signal).catch(() => {
                throw error;
            });
        },
    });
}

;// CONCATENATED MODULE: ./src/core/kondado-client.ts



/** The least time before the deadline in which a POST is still sent: enough for its answer to come back. */
const POST_ANSWER_MARGIN_MS = 3_000;
/**
 * Talks to Kondado: sends each request through the scheduler, tries a failed one again when
 * that is safe (retry.ts), and bounds every exchange by the step's deadline. What the requests
 * and answers mean is kondado-api.ts's. Every failure leaves as a Problem.
 */
class KondadoClient {
    #options;
    constructor(options) {
        this.#options = options;
    }
    async status(resource) {
        return this.#read(resource, (json) => parseStatus(json, resource.id, this.#options.redact));
    }
    /** When `count` more requests can go one after another without the rate limit holding any of them back. */
    roomFor(count) {
        return this.#options.scheduler.roomFor(this.#options.clock.now(), count);
    }
    /**
     * Asks Kondado to queue a run. Sent again only if it provably never left this machine.
     * `queuedAt`: when the step began holding it, so its debug line counts that hold as its wait.
     */
    async requestRun(pipelineId, queuedAt) {
        parseRunAccepted(await this.#write(runPath(pipelineId), undefined, queuedAt));
    }
    /** Creates a pipeline from a base one and returns the new id. Never sent twice once it may have arrived. */
    async duplicate(request) {
        let body;
        try {
            body = duplicateBody(request);
        }
        catch (error) {
            // A body that cannot be built was never sent: nothing can have been created.
            throw new Problem('internal', { errorName: error instanceof Error ? error.name : 'UNKNOWN', notSent: true });
        }
        return parseNewPipelineId(await this.#write(DUPLICATE_PATH, body));
    }
    #read(resource, parse) {
        const path = statusPath(resource);
        const request = { method: 'GET', url: this.#url(path) };
        const { onRetry } = this.#options;
        return this.#retrying(async () => parse(await this.#exchange(path, request)), {
            retryable: isTransient,
            // When the deadline cuts short the retries of a read, the fault being retried is what the user must hear about.
            outOfTime: (problem) => problem.code === 'deadline',
            ...(onRetry ? { onRetry: (problem, ms) => onRetry(problem, ms, resource) } : {}),
        });
    }
    #write(path, body, queuedAt) {
        const request = { method: 'POST', url: this.#url(path), body };
        const { clock, scheduler } = this.#options;
        // A POST cut off by the deadline has an unknown outcome: better not to send it at all.
        const beforeSend = () => {
            if (scheduler.deadline - clock.now() < POST_ANSWER_MARGIN_MS)
                throw new Problem('deadline', { notSent: true });
        };
        // Only a request that provably never left this machine is sent again: any other may have been
        // applied. It keeps the deadline as its failure: that tells whether it may have been applied.
        let heldSince = queuedAt;
        const attempt = () => {
            const since = heldSince;
            heldSince = undefined;
            return this.#exchange(path, request, beforeSend, since);
        };
        return this.#retrying(attempt, {
            retryable: (problem) => problem.details.notSent === true && isTransient(problem),
        });
    }
    /** The one retry loop (retry.ts) over Problems; the user hears that the retries ran out, not that the timeout came first. */
    #retrying(attempt, rule) {
        const { clock, scheduler, signal, random } = this.#options;
        const asKondado = (test) => (error) => error instanceof Problem && test(error);
        return retrying(attempt, {
            clock,
            random,
            deadline: scheduler.deadline,
            ...(signal ? { signal } : {}),
            retryable: asKondado(rule.retryable),
            ...(rule.outOfTime ? { outOfTime: asKondado(rule.outOfTime) } : {}),
            ...(rule.onRetry ? { onRetry: (error, ms) => rule.onRetry?.(error, ms) } : {}),
            exhausted: (error, tries, triedForMs) => new Problem(error.code, { ...error.details, tries, triedForMs }),
        });
    }
    #url(path) {
        return apiUrl(this.#options.baseUrl, path, this.#options.credentials);
    }
    /** One request in its scheduler turn; `beforeSend` may still call it off once the turn has come. */
    async #exchange(path, request, beforeSend, since) {
        const { clock, onRequest, redact } = this.#options;
        let queuedAt = since ?? clock.now();
        return this.#options.scheduler.inTurn(async () => {
            beforeSend?.();
            const sentAt = clock.now();
            const told = { method: request.method, path, waitedMs: sentAt - queuedAt };
            // A rate-limited answer is sent again in a later turn: that turn's wait counts from here.
            queuedAt = sentAt;
            let answer;
            try {
                answer = await sendWithin(this.#options, request);
            }
            catch (error) {
                const failure = error instanceof Problem ? (error.details.networkCode ?? error.code) : 'internal';
                onRequest?.({ ...told, failure, tookMs: clock.now() - sentAt });
                throw error;
            }
            onRequest?.({ ...told, httpStatus: answer.status, tookMs: clock.now() - sentAt });
            return interpret(answer, redact);
        });
    }
}
/**
 * One request, bounded by the step's deadline as well as by the transport's own timeouts: a
 * server that stops answering near the end cannot hold the step past its `timeout`. The race
 * holds even for a transport that ignores its signal; the signal lets a cooperative one stop.
 */
async function sendWithin(options, request) {
    const { transport, clock, scheduler, signal } = options;
    const outOfTime = new AbortController();
    const finished = new AbortController();
    clock.sleep(Math.max(0, scheduler.deadline - clock.now()), finished.signal).then(() => outOfTime.abort(new Problem('deadline')), () => undefined);
    const bound = signal ? AbortSignal.any([signal, outOfTime.signal]) : outOfTime.signal;
    // Listening before the transport does: when the step is cancelled or out of time, that reason
    // wins over whatever the transport makes of its aborted request. A later cancel rejects
    // `stopped` harmlessly: Promise.race has already handled it.
    const stopped = new Promise((_resolve, reject) => bound.addEventListener('abort', () => reject(bound.reason)));
    try {
        return await Promise.race([transport(request, bound), stopped]);
    }
    finally {
        finished.abort();
    }
}

;// CONCATENATED MODULE: ./src/core/run-history.ts
/** What is written; a memory in another format is not read. */
const HISTORY_FORMAT = 1;
/** A pipeline's last few runs tell its usual length; older ones may predate a change to it. */
const RUNS_KEPT = 5;
/** Runs seen longer ago than this may no longer say how long the pipeline takes. */
const HISTORY_MAX_AGE_MS = 30 * 86_400_000;
/** The memory of one key stays small: the resources seen most recently. */
const RESOURCES_KEPT = 100;
/**
 * How far ahead of this runner's clock a stored time may be and still be read: runners keep
 * their clocks in step (NTP), so minutes cover any honest skew, and a time further ahead would
 * never grow old enough to be dropped.
 */
const CLOCK_SKEW_MS = 5 * 60_000;
const emptyHistory = { runs: {} };
const resourceKey = (ref) => `${ref.kind}-${ref.id}`;
const runsOf = (history, ref) => history.runs[resourceKey(ref)] ?? [];
/**
 * What a finished wait saw of a run: it was still busy at the last busy read and at rest by the
 * first read of the resting state it settled on. Nothing for a run never seen busy or never seen end.
 */
function measuredRun(state) {
    // The waiter sets `restAt` only when a run seen at rest is done: never for one that did not start.
    const { busyAt, restAt, since } = state;
    if (busyAt === undefined || restAt === undefined)
        return undefined;
    return { minMs: busyAt - since, maxMs: restAt - since };
}
/** A resource as `resourceKey` writes it: anything else in a memory is not this action's. */
const RESOURCE_KEY = /^(pipeline|model)-[1-9][0-9]{0,15}$/;
/** A number in [0, max]. */
const isWithin = (value, max) => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max;
/**
 * A stored run, range-checked: lengths no longer than `longestRunMs`, the earliest end no later than
 * the latest, seen no later than now (give or take CLOCK_SKEW_MS).
 */
function seenRun(value, now, longestRunMs) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const { minMs, maxMs, seenAt } = value;
    return isWithin(minMs, longestRunMs) && isWithin(maxMs, longestRunMs) && minMs <= maxMs && isWithin(seenAt, now + CLOCK_SKEW_MS)
        ? { minMs, maxMs, seenAt }
        : undefined;
}
const unreadable = { history: emptyHistory, readable: false, leftOut: 0 };
/**
 * A saved memory read back. Whoever can write the cache can write it, so every value is checked,
 * and anything unreadable, in another format, out of range or too old is left out, never an error:
 * run lengths no longer than `longestRunMs` (the longest timeout the action takes), times not in
 * the future, resources named as this action names them, and at most RUNS_KEPT runs of
 * RESOURCES_KEPT resources. At worst a memory changes when reads are spent, never a verdict (see
 * `runsWithin`).
 */
function parseHistory(text, now, longestRunMs) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return unreadable;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return unreadable;
    const { format, runs } = parsed;
    if (format !== HISTORY_FORMAT || typeof runs !== 'object' || runs === null || Array.isArray(runs))
        return unreadable;
    let leftOut = 0;
    const read = [];
    for (const [key, list] of Object.entries(runs)) {
        const stored = Array.isArray(list) ? list : [list];
        const good = RESOURCE_KEY.test(key) ? stored.map((run) => seenRun(run, now, longestRunMs)).filter((run) => run !== undefined) : [];
        leftOut += stored.length - good.length;
        // Oldest first, as saved: trimming keeps the most recent.
        if (good.length > 0)
            read.push([key, good.sort((a, b) => a.seenAt - b.seenAt)]);
    }
    return { history: trim(Object.fromEntries(read), now), readable: true, leftOut };
}
/**
 * The runs that may predict this step's run: those no longer than its `timeout`. Before the
 * window a run is expected to end in, reads come at least every fifth of the time left until the
 * window opens (or every DENSE_INTERVAL_MS, poll-schedule.ts); with every stored length within
 * the timeout, the window opens before the deadline, so a run that ends well before the deadline
 * is seen to end before it whatever the memory says, and the memory changes only when reads are
 * spent. A longer stored run (seen by a step with a longer timeout, or planted) could space the
 * reads past the deadline and turn a short run into a timeout: such runs are kept and saved
 * again, only not used to predict.
 */
const runsWithin = (history, ref, timeoutMs) => runsOf(history, ref).filter((run) => run.maxMs <= timeoutMs);
const serializeHistory = (history) => JSON.stringify({ format: HISTORY_FORMAT, runs: history.runs });
/** The runs this step saw (its reports' run lengths), added after those seen before. */
function addRuns(history, seen, now) {
    const runs = { ...history.runs };
    for (const { resource, runLength } of seen) {
        if (runLength)
            runs[resourceKey(resource)] = [...runsOf(history, resource), { ...runLength, seenAt: now }];
    }
    return trim(runs, now);
}
function trim(runs, now) {
    const kept = Object.entries(runs)
        .map(([key, list]) => [key, list.filter((run) => now - run.seenAt <= HISTORY_MAX_AGE_MS).slice(-RUNS_KEPT)])
        .filter(([, list]) => list.length > 0)
        .sort(([, a], [, b]) => lastSeen(b) - lastSeen(a))
        .slice(0, RESOURCES_KEPT);
    return { runs: Object.fromEntries(kept) };
}
const lastSeen = (runs) => Math.max(...runs.map((run) => run.seenAt));

;// CONCATENATED MODULE: ./src/core/vocabulary.ts
// The words the core and the adapter share: what a step is asked to do, what it says while it
// runs, and what it reports at the end. Types, plus the rules of which verdicts and which steps
// pass. The bottom of the import graph: it imports nothing but the Problem type.
/** The step's resources, pipelines first, as every part of the action lists them. */
const resourcesOf = (settings) => [
    ...settings.pipelineIds.map((id) => ({ kind: 'pipeline', id })),
    ...settings.modelIds.map((id) => ({ kind: 'model', id })),
];
/** How long a resource may take to show busy: `model-start-timeout` for a model, `start-timeout` for a pipeline. */
const startWindowMs = (kind, settings) => kind === 'model' ? settings.modelStartTimeoutMs : settings.polling.startTimeoutMs;
const PASSING = new Set(['healthy', 'started', 'created']);
const isPassing = (verdict) => PASSING.has(verdict);
/** The step passes when something was checked, nothing failed, and the step itself had no problem. */
function stepPassed(report) {
    return !report.problem && !report.cancelled && report.resources.length > 0 && report.resources.every((r) => isPassing(r.verdict));
}
/** The resource the single-value outputs describe: the first that did not pass, else the first. */
function primaryOf(report) {
    return report.resources.find((r) => !isPassing(r.verdict)) ?? report.resources[0];
}
/** A step quiet for this long or longer first says what it waits for and until when. */
const QUIET_NOTICE_MS = 10_000;

;// CONCATENATED MODULE: ./src/core/scheduler.ts


/** Kondado allows 1 request a second per key; the margin absorbs network jitter on the way there. */
const MIN_GAP_MS = 1100;
const WINDOW_MS = 61_000;
/**
 * A read's share of the budget: the resources of one step poll no faster together than the
 * scheduler lets requests through (see PollSettings.readShareMs).
 */
const readShareMs = (perWindow) => WINDOW_MS / perWindow;
/** A rate-limit pause is stretched by up to this share, so jobs that shared a key do not return in step. */
const PAUSE_JITTER = 0.2;
const DEFAULT_PAUSE_MS = 60_000;
/**
 * The one gate every request to Kondado goes through: at least MIN_GAP_MS between two sends,
 * at most `perWindow` sends in any WINDOW_MS, a pause for everyone when Kondado says
 * RATE_LIMIT_EXCEEDED, and nothing sent after the deadline.
 */
class RequestScheduler {
    #options;
    #answered;
    #pausedUntil = 0;
    #queue = Promise.resolve();
    constructor(options) {
        const { sentBefore = [], ...rest } = options;
        this.#options = rest;
        this.#answered = [...sentBefore].sort((a, b) => a - b);
        this.#trim(options.clock.now());
    }
    /** The send times that still count against the window, for the next step on this runner. */
    recentSends(now) {
        this.#trim(now);
        return [...this.#answered];
    }
    get deadline() {
        return this.#options.deadline;
    }
    /** The earliest time the next request may go out, from the answers to the ones before it. */
    nextSlot(now) {
        const { perWindow } = this.#options;
        const last = this.#answered.at(-1);
        let slot = Math.max(now, this.#pausedUntil, last === undefined ? now : last + MIN_GAP_MS);
        const oldestInWindow = this.#answered.at(-perWindow);
        if (oldestInWindow !== undefined)
            slot = Math.max(slot, oldestInWindow + WINDOW_MS);
        return slot;
    }
    /**
     * The earliest time `count` more requests fit one after another at the minimum gap, none held
     * back by the window: the j-th (from 0) goes at `at + j x MIN_GAP_MS` at the soonest, and fits
     * once the window before it holds fewer than `perWindow - j` earlier sends. For a request whose
     * follow-ups must not stall: a trigger and the reads that confirm its start.
     */
    roomFor(now, count) {
        const { perWindow } = this.#options;
        let at = this.nextSlot(now);
        for (let j = 0; j < Math.min(count, perWindow); j++) {
            const oldest = this.#answered.at(-(perWindow - j));
            if (oldest !== undefined)
                at = Math.max(at, oldest + WINDOW_MS - j * MIN_GAP_MS);
        }
        return at;
    }
    /**
     * Runs `send` in its turn, one request at a time. A rate-limited answer (a Problem with code
     * `rate-limited`) pauses every request for the time Kondado named and sends the same request
     * again: throttling is waited out, never counted as an answer or as a failure.
     */
    inTurn(send) {
        const turn = this.#queue.then(() => this.#attempts(send));
        this.#queue = turn.then(() => undefined, () => undefined);
        return turn;
    }
    async #attempts(send) {
        const { clock, deadline } = this.#options;
        for (;;) {
            await this.#waitForSlot();
            try {
                return await send();
            }
            catch (error) {
                if (!(error instanceof Problem && error.code === 'rate-limited'))
                    throw error;
                this.#pause(error.details.retryAfterMs ?? DEFAULT_PAUSE_MS);
                if (this.#pausedUntil > deadline)
                    throw error;
            }
            finally {
                // Spacing counts from the answer, not the send: a request has surely reached Kondado by
                // the time its answer is back, so the gaps hold at Kondado's end whatever the network
                // did to either request on the way (a slow TLS handshake, a retransmission).
                this.#answered.push(clock.now());
                this.#trim(clock.now());
            }
        }
    }
    #pause(ms) {
        const { clock, random, onPause } = this.#options;
        const pauseMs = Math.round(ms * (1 + PAUSE_JITTER * random()));
        this.#pausedUntil = Math.max(this.#pausedUntil, clock.now() + pauseMs);
        onPause?.(pauseMs);
    }
    /** Waits for a slot. Whatever stops the wait stops it before the request left: `notSent`. */
    async #waitForSlot() {
        const { clock, deadline, signal } = this.#options;
        const cancelled = () => new Problem('cancelled', { notSent: true });
        for (;;) {
            if (signal?.aborted)
                throw cancelled();
            const now = clock.now();
            const slot = this.nextSlot(now);
            if (slot > deadline)
                throw new Problem('deadline', { notSent: true });
            if (slot <= now)
                return;
            // Said once per hold: a rate-limit pause has its own line.
            if (slot - now >= QUIET_NOTICE_MS && slot > this.#pausedUntil)
                this.#options.onHold?.(slot);
            await clock.sleep(slot - now, signal).catch(() => {
                throw cancelled();
            });
        }
    }
    /**
     * Forgets the sends that no longer bear on any rule, so a day-long wait does not grow memory.
     * By age, not by count: an earlier step with a larger budget may have sent more in the window
     * than this step may, and the next step must still learn of every one of them.
     */
    #trim(now) {
        this.#answered = this.#answered.filter((at) => at > now - Math.max(MIN_GAP_MS, WINDOW_MS));
    }
}

;// CONCATENATED MODULE: ./src/core/health.ts
// The health rules, all of them, in one table.
//
// `busy`: work is under way; a waiter keeps waiting. `healthy`: what the status means once the
// resource is at rest. A status missing from the table is unknown: never healthy, and never
// waited on either (a status we cannot read is reported, not guessed at).
const BOTH = ['pipeline', 'model'];
const PIPELINE = ['pipeline'];
const STATUS_RULES = {
    running: { kinds: BOTH, busy: true, healthy: true },
    scheduled: { kinds: BOTH, busy: true, healthy: true },
    // Tables are being (re)built: lasts seconds after a creation or an advanced edit.
    building_tables: { kinds: PIPELINE, busy: true, healthy: true },
    active: { kinds: BOTH, busy: false, healthy: true },
    not_active: { kinds: BOTH, busy: false, healthy: false },
    error_building_tables: { kinds: PIPELINE, busy: false, healthy: false },
    too_many_consecutive_failed_builds: { kinds: PIPELINE, busy: false, healthy: false },
    too_many_consecutive_failed_builds__blocked: { kinds: PIPELINE, busy: false, healthy: false },
};
/** A model is only healthy when its last configuration has been run. */
const HEALTHY_KUBO_STATUS = 'operational';
function ruleFor(kind, status) {
    const rule = Object.hasOwn(STATUS_RULES, status) ? STATUS_RULES[status] : undefined;
    return rule?.kinds.includes(kind) ? rule : undefined;
}
/**
 * Whether a waiter should keep waiting. `is_running` is believed over a resting status: the two
 * disagree only mid-change, and judging then could pass a run that is not over.
 */
function isBusy(kind, snapshot) {
    const rule = ruleFor(kind, snapshot.status);
    return rule !== undefined && (rule.busy || snapshot.isRunning === true);
}
function causesOf(kind, snapshot) {
    const rule = ruleFor(kind, snapshot.status);
    if (!rule)
        return [];
    const causes = [
        ['status', !rule.healthy],
        ['error-text', (snapshot.rawMsg ?? '').trim() !== ''],
        ['model-not-run', kind === 'model' && snapshot.kuboStatusType !== HEALTHY_KUBO_STATUS],
        // Contradicting flags are a resource mid-change, never a healthy one at rest.
        ['mid-change', !rule.busy && snapshot.isRunning === true],
    ];
    return causes.filter(([, applies]) => applies).map(([cause]) => cause);
}
/**
 * The verdict on one snapshot. A busy status is healthy only for a snapshot gate (`status`);
 * after waiting, a resource is judged at rest, so busy there cannot happen.
 */
function judge(kind, snapshot) {
    if (!ruleFor(kind, snapshot.status))
        return 'unknown';
    return causesOf(kind, snapshot).length === 0 ? 'healthy' : 'unhealthy';
}
/** The statuses a pipeline cannot run from (see RunBlocker). */
const RUN_BLOCKERS = {
    not_active: 'disabled',
    too_many_consecutive_failed_builds__blocked: 'blocked',
    error_building_tables: 'tables-failed',
};
function runBlocker(kind, snapshot) {
    if (kind !== 'pipeline' || isBusy(kind, snapshot))
        return undefined;
    return Object.hasOwn(RUN_BLOCKERS, snapshot.status) ? RUN_BLOCKERS[snapshot.status] : undefined;
}
/** Tables being (re)built, for seconds after a creation or an advanced edit: not a run, and a run may follow it. */
const isBuildingTables = (kind, snapshot) => kind === 'pipeline' && snapshot.status === 'building_tables';

;// CONCATENATED MODULE: ./src/core/poll-schedule.ts
/**
 * How fast to poll, in one place.
 *
 * A run that has lasted `age` so far is read again after RELATIVE_INTERVAL x age, clamped to the
 * user's `poll-interval` and `max-poll-interval`. The time to notice an end is then about half an
 * interval, a fixed small share of the run's length: young runs (most syncs are short) are read
 * often, old ones rarely, and the number of reads grows with the logarithm of the run's length
 * rather than linearly as with a fixed interval. When the run's end is expected (below), that
 * prediction decides instead, until the run goes on past it.
 */
const RELATIVE_INTERVAL = 0.085;
/** Up to 15 % shorter: parallel jobs that started together drift apart instead of polling in lockstep. */
const JITTER = 0.15;
/**
 * Right after a trigger Kondado may still show the old state: read fast until the run shows,
 * every 2 s at first, then a quarter of the time waited so far, so a run that is slow to show
 * costs 17 reads over a 2 minute start window instead of 60.
 */
const START_CONFIRM_INTERVAL_MS = 2_000;
const START_RELATIVE_INTERVAL = 0.25;
/**
 * A run is over only when two reads in a row show the same resting state; the second read
 * comes this soon after the first, because a flap between queued and running states lasts
 * no longer than that in what Kondado has shown, and one extra read per run is cheap.
 */
const SETTLE_CONFIRM_INTERVAL_MS = 2_000;
function startConfirmInterval(ageMs) {
    return Math.round(Math.max(START_CONFIRM_INTERVAL_MS, Math.max(ageMs, 0) * START_RELATIVE_INTERVAL));
}
/** The interval for one of `open` resources waited on together: never faster than their share of the budget. */
function sharedPollInterval(ageMs, open, settings, random, expected) {
    return Math.max(pollInterval(ageMs, settings, random, expected), Math.ceil(open * settings.readShareMs));
}
function pollInterval(ageMs, settings, random, expected) {
    const { minIntervalMs, maxIntervalMs } = settings;
    const age = Math.max(ageMs, 0);
    const relative = Math.min(Math.max(age * RELATIVE_INTERVAL, minIntervalMs), maxIntervalMs);
    const interval = !expected
        ? relative
        : age > expected.toMs
            ? Math.min(relative, predictedInterval(age, expected, settings))
            : predictedInterval(age, expected, settings);
    // Jitter after the clamp, and only downwards, so that long waits held at `max-poll-interval`
    // drift apart too, and no read comes later than the user allowed.
    return Math.round(Math.max(minIntervalMs, interval * (1 - JITTER * random())));
}
/** `expected-duration` is a length the user knows: its window is this share either way. */
const GIVEN_SPREAD = 0.1;
/**
 * The ends seen are a few samples of where this run may end: the window reaches past them by
 * their spread over the runs less one (how far the true extremes lie, on average, beyond the
 * extremes of a few samples). Reads stop at the end, so reaching late costs reads only on runs
 * that take that long, and the window reaches LATE_MARGIN further; reaching early costs them on
 * every run, so only EARLY_REACH of the way.
 */
const EARLY_REACH = 0.5;
const LATE_MARGIN = 0.1;
/** Inside the window: a first read at rest comes about 4 s after the end, then the confirming read. */
const DENSE_INTERVAL_MS = 8_000;
/** Outside the window, the interval is this share (a fifth) of the time still to go before it (or more than dense by this share of the time gone since it)... */
const APPROACH_SHARE = 0.2;
/** ...and before it never longer than this share of the expected length: a run that fails early is still seen soon. */
const YOUNG_SHARE = 0.1;
/** From the user's `expected-duration` when given, else from the runs seen before; `undefined`: nothing known. */
function predictEnd(runs, givenMs) {
    if (givenMs !== undefined)
        return { fromMs: givenMs * (1 - GIVEN_SPREAD), toMs: givenMs * (1 + GIVEN_SPREAD) };
    if (runs.length === 0)
        return undefined;
    const earliest = Math.min(...runs.map((r) => r.minMs));
    const latest = Math.max(...runs.map((r) => r.maxMs));
    const reach = runs.length > 1 ? (latest - earliest) / (runs.length - 1) : 0;
    return { fromMs: earliest - EARLY_REACH * reach, toMs: (latest + reach) * (1 + LATE_MARGIN) };
}
/**
 * The interval (before jitter) for a run of `ageMs` with an expected end. Past the window,
 * pollInterval takes whichever of this and the relative interval is shorter, so a run just
 * past the window is still read closely and a much longer one is read as if nothing were known.
 */
function predictedInterval(ageMs, end, bounds) {
    const dense = Math.min(Math.max(DENSE_INTERVAL_MS, bounds.minIntervalMs), bounds.maxIntervalMs);
    if (ageMs < end.fromMs)
        return Math.max(dense, Math.min(APPROACH_SHARE * (end.fromMs - ageMs), YOUNG_SHARE * end.toMs));
    // The last read in the window falls at its end, so a run going on past it is read on at once.
    if (ageMs < end.toMs)
        return Math.max(bounds.minIntervalMs, Math.min(dense, end.toMs - ageMs));
    return dense + APPROACH_SHARE * (ageMs - end.toMs);
}

;// CONCATENATED MODULE: ./src/core/promotion.ts
// A promotion made once: what identifies it, what the earlier records of it mean for this step,
// and what a record holds. Where the records live (GitHub deployments) is the adapter's business,
// behind `PromotionRecords`.
function identityOf(environment, request) {
    return {
        environment,
        basePipelineId: request.basePipelineId,
        sourceCollectionId: request.sourceCollectionId,
        destinationCollectionId: request.destinationCollectionId,
        clientId: request.clientId ?? null,
        fullTables: sorted(request.fullTables),
        deltasTables: request.deltasTables ? sorted(request.deltasTables) : null,
    };
}
const sorted = (tables) => Object.fromEntries(Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : 1)));
/** The identity as one string: equal for equal identities, whatever order the table paths were given in. */
const identityKey = (identity) => JSON.stringify([
    identity.environment,
    identity.basePipelineId,
    identity.sourceCollectionId,
    identity.destinationCollectionId,
    identity.clientId,
    sorted(identity.fullTables),
    identity.deltasTables && sorted(identity.deltasTables),
]);
function endOf(created) {
    if (created.newPipelineId !== undefined)
        return { state: 'promoted', pipelineId: created.newPipelineId };
    return { state: created.outcomeUnknown ? 'unknown' : 'refused' };
}
/**
 * `records` newest first. A refused attempt created nothing, so the newest record that is not one
 * decides; an attempt whose outcome is not known stops the step, since sending again could make a
 * second pipeline, unless `if-promoted: create` asks for another anyway.
 */
function decide(records, ifPromoted) {
    if (ifPromoted === 'create')
        return { action: 'create' };
    const found = records.find((record) => record.state !== 'refused');
    if (!found)
        return { action: 'create' };
    if (found.state === 'promoted' && ifPromoted === 'reuse')
        return { action: 'reuse', pipelineId: found.pipelineId, runUrl: found.runUrl };
    return { action: 'stop', found };
}
/** Why the records could not be used: the step then sends nothing, since an unread record protects against nothing. */
class RecordsUnavailable extends Error {
    reason;
    httpStatus;
    constructor(reason, httpStatus) {
        super(`promotion records ${reason}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`);
        this.name = 'RecordsUnavailable';
        this.reason = reason;
        this.httpStatus = httpStatus;
    }
}
/**
 * Records are believed only when written by one login (`expected`), and the token wrote this
 * step's as `wroteAs` (undefined when the answer did not say as whom): a later run would not
 * believe it, so it would protect against nothing, and the step sends nothing.
 */
class RecordsWriterMismatch extends Error {
    wroteAs;
    expected;
    constructor(wroteAs, expected) {
        super(`promotion record written as ${wroteAs ?? 'another login'}, not ${expected}`);
        this.name = 'RecordsWriterMismatch';
        this.wroteAs = wroteAs;
        this.expected = expected;
    }
}
const payloadOf = (identity, request) => ({
    identity,
    identityKey: identityKey(identity),
    basePipelineId: request.basePipelineId,
    name: request.name ?? null,
    runAtOnce: request.runAtOnce,
});

;// CONCATENATED MODULE: ./src/core/step-context.ts
// What every part of a step shares while it works (its settings, the client, time, the events
// it tells, whether the key was refused), and how a resource's verdict is reported. Built once
// per step by executeStep (step.ts).



/** How each kind of resource is read in a step: the user's bounds and its start window, with the budget's read share. */
function readPaces(settings, readShareMs) {
    const { minIntervalMs, maxIntervalMs } = settings.polling;
    const pace = (kind) => ({
        minIntervalMs,
        maxIntervalMs,
        readShareMs,
        startTimeoutMs: startWindowMs(kind, settings),
    });
    return { pipeline: pace('pipeline'), model: pace('model') };
}
/** A refused key or token fails every read the same way: once seen, nothing more is read. */
class KeyRefusal {
    #problem;
    get problem() {
        return this.#problem;
    }
    note(problem) {
        if (problem.code === 'credentials-refused' && problem.details.keyRefused)
            this.#problem = problem;
    }
}
const reportOf = (step, resource, verdict, extra = {}) => ({
    resource,
    verdict,
    elapsedMs: step.clock.now() - step.startedAt,
    ...extra,
});
/** A tracked resource's verdict, with its last state read, how its run came about and how long it was seen to take. */
function closingReport(step, tracked, verdict, problem) {
    const runLength = measuredRun(tracked.state);
    return reportOf(step, tracked.resource, verdict, {
        ...(problem ? { problem } : {}),
        ...(tracked.state.last ? { snapshot: tracked.state.last } : {}),
        ...(tracked.alreadyRunning ? { alreadyRunning: true } : {}),
        ...(tracked.triggerUnconfirmed ? { triggerUnconfirmed: true } : {}),
        ...(tracked.judging === 'next' ? { nextRun: true } : {}),
        ...(runLength ? { runLength } : {}),
    });
}
/** What a failure means for a resource: the workflow's cancel and the timeout have their own verdicts. */
const verdictOf = (problem) => problem.code === 'cancelled' ? 'cancelled' : problem.code === 'deadline' ? 'timed-out' : 'error';
/** A resource that failed, noting a refused key so that nothing more is read. */
function failureReport(step, target, error) {
    const problem = asProblem(error, step.signal);
    step.refusal.note(problem);
    return 'kind' in target
        ? reportOf(step, target, verdictOf(problem), { problem })
        : closingReport(step, target, verdictOf(problem), problem);
}
/** A resource never read: Kondado refused the key or token on an earlier request, and would refuse this one too. */
const keyRefusedReport = (step, target, refused) => ({
    ...failureReport(step, target, refused),
    keyRefusedBefore: true,
});
/** Tells the verdict and keeps it: the resource is settled. */
function settle(step, tracked, report) {
    step.emit({ type: 'settled', report });
    return { ...tracked, report };
}

;// CONCATENATED MODULE: ./src/core/waiter.ts
// One resource being waited for, as values: the state machine its reads drive, what one read
// means (a verdict, a rerun, or another read), and when the next read is due. Pure: no I/O and
// no clock of its own, so a schedule can be checked exactly and a two-hour wait simulated in
// milliseconds. The wait loop (wait-loop.ts) owns the list of them; each read, trigger or
// verdict makes a new value, nothing changes in place.
//
//   starting --busy--> busy --at rest--> settling --same rest state again--> done
//      |                 ^                  |
//      |                 +------busy--------+   (a flap: keep waiting)
//      +-- nothing busy seen within the start window --> done (not-started)
//
// A resource's *next* run (a model's run after its pipelines, or `wait-for: next`) is one this
// step does not start. Kondado's API has no run id and no run times, so a next run is told from
// the last one only by being seen busy: until then, the resting state Kondado shows is the last
// run's, and is never judged.


/** After a trigger, the run must first be seen to start; otherwise the wait begins in `busy`. */
function startWaiting(kind, now, afterTrigger) {
    return { kind, phase: afterTrigger ? 'starting' : 'busy', since: now };
}
/** Two reads show the same state: status, error text and, for a model, its kubo type. */
const sameRestingState = (a, b) => a.status === b.status && a.rawMsg === b.rawMsg && a.kuboStatusType === b.kuboStatusType;
/** Folds one status read into the wait. */
function observe(state, snapshot, now, pace) {
    const busy = isBusy(state.kind, snapshot);
    const next = { ...state, last: snapshot, candidate: undefined, candidateAt: undefined, ...(busy ? { busyAt: now } : {}) };
    switch (state.phase) {
        case 'done':
            return state;
        case 'starting':
            if (busy)
                return { ...next, phase: 'busy' };
            return now - state.since >= pace.startTimeoutMs ? { ...next, phase: 'done', outcome: 'not-started' } : next;
        case 'busy':
            return busy ? next : { ...next, phase: 'settling', candidate: snapshot, candidateAt: now };
        case 'settling':
            if (busy)
                return { ...next, phase: 'busy' };
            if (state.candidate && sameRestingState(state.candidate, snapshot)) {
                // A confirming read taken too soon (pulled forward by the deadline) proves nothing about a flap.
                if (now - (state.candidateAt ?? now) < SETTLE_CONFIRM_INTERVAL_MS)
                    return { ...state, last: snapshot };
                return { ...next, phase: 'done', outcome: judge(state.kind, snapshot), restAt: state.candidateAt };
            }
            return { ...next, candidate: snapshot, candidateAt: now };
    }
}
/** When to read this resource next, one of `open` waited on together, its end maybe expected; `Infinity` means never. */
function nextReadAt(state, now, pace, random, open = 1, expected) {
    switch (state.phase) {
        case 'done':
            return Number.POSITIVE_INFINITY;
        case 'starting':
            // One last read right at the end of the start window, not a whole interval past it.
            return Math.min(now + startConfirmInterval(now - state.since), Math.max(now, state.since + pace.startTimeoutMs));
        case 'settling':
            return now + SETTLE_CONFIRM_INTERVAL_MS;
        case 'busy':
            return now + sharedPollInterval(now - state.since, open, pace, random, expected);
    }
}
const track = (resource, now, afterTrigger) => ({
    resource,
    state: startWaiting(resource.kind, now, afterTrigger),
    nextAt: now,
    alreadyRunning: false,
    triggerUnconfirmed: false,
    rerunPending: false,
    finalReadTaken: false,
    judging: 'current',
    heldForPipelines: false,
});
const isOpen = (tracked) => tracked.report === undefined;
/** A trigger was sent (or may have been): the start window opens now, keeping the last state read. */
const begin = (tracked, now) => ({
    ...tracked,
    state: { ...startWaiting(tracked.resource.kind, now, true), ...(tracked.state.last ? { last: tracked.state.last } : {}) },
    nextAt: now,
});
/** Waits for the next run of `resource`, its start window open from `now`; a `held` one is not read until released. */
const awaitNext = (resource, now, held) => ({
    ...track(resource, now, true),
    judging: 'next',
    heldForPipelines: held,
    nextAt: held ? Number.POSITIVE_INFINITY : now,
});
/**
 * While a next run is awaited, each resource reads no faster than its share of the request
 * budget (`open` x `readShareMs`), save the last read, still taken at the window's end. Several
 * start windows open at once (every model when the pipelines end): at the start-confirm pace they
 * would spend the whole budget in seconds, and the scheduler's silence until the window rolls
 * over could hide a short run of one of them.
 */
function pacedReadAt(tracked, at, now, open, pace) {
    if (tracked.judging !== 'next' || tracked.state.phase !== 'starting')
        return at;
    const windowEnd = tracked.state.since + pace.startTimeoutMs;
    return Math.max(at, Math.min(now + Math.ceil(open * pace.readShareMs), windowEnd));
}
/**
 * When to read `tracked` next, one of `open` resources read together, its end maybe expected:
 * the state machine's time, slowed to the budget's pace while a next run is awaited.
 */
function readAgainAt(tracked, now, pace, random, open, expected) {
    return pacedReadAt(tracked, nextReadAt(tracked.state, now, pace, random, open, expected), now, open, pace);
}
const healthVerdict = (health) => (health === 'unknown' ? 'unknown-status' : health);
/** `wait: false`: a run under way, the one triggered or one found running, is what the step returns on. */
const verdictOnceUnderWay = (wait) => (wait ? undefined : 'started');
function readTransition(before, snapshot, now, pace, wait) {
    const { resource } = before;
    const state = observe(before.state, snapshot, now, pace);
    const changed = !before.state.last || !sameRestingState(before.state.last, snapshot);
    const seenStarting = before.state.phase === 'starting' && state.phase === 'busy';
    const events = [
        ...(changed ? [{ type: 'status', resource, snapshot }] : []),
        ...(seenStarting ? [{ type: 'run-seen', resource }] : []),
    ];
    const tracked = { ...before, state };
    const started = seenStarting ? verdictOnceUnderWay(wait) : undefined;
    if (started)
        return { tracked, events, next: { move: 'settle', verdict: started } };
    if (state.phase !== 'done')
        return { tracked, events, next: { move: 'read-again' } };
    if (before.rerunPending)
        return { tracked: { ...tracked, rerunPending: false }, events, next: { move: 'rerun' } };
    const outcome = state.outcome ?? 'unknown';
    return { tracked, events, next: { move: 'settle', verdict: outcome === 'not-started' ? 'not-started' : healthVerdict(outcome) } };
}

;// CONCATENATED MODULE: ./src/core/start-and-read.ts
// The acts on one resource: read its status and decide what follows (a verdict, a rerun, or the
// time of the next read); trigger a pipeline's run, sent once; and start a `run`, reading the
// pipeline first so a run already under way is handled as `if-running` says (wait for it, fail,
// or rerun after it) rather than doubled.





/** Reads `tracked`, one of `open` resources waited on together. */
async function readOnce(step, tracked, open) {
    let snapshot;
    try {
        snapshot = await step.client.status(tracked.resource);
    }
    catch (error) {
        const problem = asProblem(error, step.signal);
        // Cancelled: the wait loop closes every open resource alike.
        if (problem.code === 'cancelled')
            return tracked;
        // Cut off by the timeout: the wait timed out on the last state read, with no answer to blame.
        if (problem.code === 'deadline')
            return settle(step, tracked, closingReport(step, tracked, 'timed-out'));
        return settle(step, tracked, failureReport(step, tracked, problem));
    }
    const pace = step.pace(tracked.resource.kind);
    const { tracked: after, events, next } = readTransition(tracked, snapshot, step.clock.now(), pace, step.settings.wait);
    for (const event of events)
        step.emit(event);
    switch (next.move) {
        case 'settle':
            return settle(step, after, closingReport(step, after, next.verdict));
        case 'rerun':
            return trigger(step, after);
        case 'read-again':
            return scheduleNext(step, after, open);
    }
}
/** Resources waited on together share the request budget: the wait is told how many there are. */
function scheduleNext(step, tracked, open) {
    const pace = step.pace(tracked.resource.kind);
    return { ...tracked, nextAt: readAgainAt(tracked, step.clock.now(), pace, step.random, open, step.expected(tracked.resource)) };
}
/**
 * The reads right after a trigger that must not wait for the window (at 2, 4 and 6 s: see
 * START_CONFIRM_INTERVAL_MS): a run of a small pipeline can be over in 8 s, and a trigger sent on
 * a spent budget is then not read again until its run has ended, and judged "not seen to start".
 */
const CONFIRMING_READS = 3;
/**
 * Holds the trigger until it and its confirming reads fit. When that room comes only at the
 * deadline or later, holding would leave no time for the reads it waits for: the scheduler decides.
 */
async function roomForConfirmation(step, tracked) {
    const now = step.clock.now();
    const at = step.client.roomFor(1 + CONFIRMING_READS);
    // Held only for the window: the gap before the next request is the scheduler's to wait.
    if (at <= step.client.roomFor(1) || at >= step.deadline)
        return;
    if (at - now >= QUIET_NOTICE_MS)
        step.emit({ type: 'quiet', until: at, reason: { kind: 'trigger-held', resource: tracked.resource } });
    await step.clock.sleep(at - now, step.signal).catch(() => {
        throw new Problem('cancelled', { notSent: true });
    });
}
/**
 * Triggers the pipeline, sent once: a trigger whose answer was lost is never sent again, and
 * whether its run started is left for the status reads to tell. Not sent at all when the last
 * state read shows the pipeline cannot run (disabled, blocked, its tables failed to build): that
 * state, and what Kondado said of it, is the verdict. The result is the resource waiting for its
 * run to show, or settled when the trigger failed or was not sent.
 */
async function trigger(step, tracked) {
    const { resource } = tracked;
    const blocker = tracked.state.last && runBlocker(resource.kind, tracked.state.last);
    if (blocker)
        return settle(step, tracked, { ...closingReport(step, tracked, 'unhealthy'), notTriggered: blocker });
    // The hold counts as the request's wait for its turn, in its debug line.
    const queuedAt = step.clock.now();
    try {
        await roomForConfirmation(step, tracked);
        await step.client.requestRun(resource.id, queuedAt);
    }
    catch (error) {
        const problem = asProblem(error, step.signal);
        if (!mayHaveBeenApplied(problem)) {
            const report = failureReport(step, tracked, problem);
            return settle(step, tracked, problem.code === 'rejected' ? { ...report, runRefused: true } : report);
        }
        const unconfirmed = { ...tracked, triggerUnconfirmed: true };
        step.emit({ type: 'trigger-unconfirmed', resource, problem });
        if (problem.code === 'cancelled')
            return settle(step, unconfirmed, failureReport(step, unconfirmed, problem));
        return begin(unconfirmed, step.clock.now());
    }
    // The start window opens once the POST is done with, not before its wait for a scheduler slot.
    const begun = begin(tracked, step.clock.now());
    step.emit({ type: 'triggered', resource });
    return begun;
}
/** Starts (or adopts) the run of one pipeline, one of `open` resources waited on together. */
async function startPipeline(step, resource, open) {
    const tracked = track(resource, step.clock.now(), false);
    const refused = step.refusal.problem;
    if (refused)
        return settle(step, tracked, keyRefusedReport(step, tracked, refused));
    try {
        const snapshot = await step.client.status(resource);
        step.emit({ type: 'status', resource, snapshot });
        const read = { ...tracked, state: { ...tracked.state, last: snapshot } };
        if (isBuildingTables(resource.kind, snapshot))
            return afterTableBuild(step, read, open);
        if (isBusy(resource.kind, snapshot))
            return alreadyRunning(step, read, open);
        const triggered = await trigger(step, read);
        // One read right away, before the next pipeline's trigger: with many pipelines the
        // triggers alone take minutes of the rate limit, and a short run must be seen while it runs.
        return triggered.report ? triggered : await readOnce(step, triggered, open);
    }
    catch (error) {
        return settle(step, tracked, failureReport(step, tracked, error));
    }
}
/** A table build is not a run: the pipeline is triggered once it is over, whatever `if-running` says. */
function afterTableBuild(step, read, open) {
    step.emit({ type: 'building-tables', resource: read.resource });
    return scheduleNext(step, { ...read, rerunPending: true }, open);
}
function alreadyRunning(step, read, open) {
    const { ifRunning, wait } = step.settings;
    step.emit({ type: 'already-running', resource: read.resource, ifRunning });
    const found = { ...read, alreadyRunning: ifRunning !== 'rerun', rerunPending: ifRunning === 'rerun' };
    if (ifRunning === 'fail')
        return settle(step, found, closingReport(step, found, 'already-running'));
    const returnsOn = ifRunning === 'wait' ? verdictOnceUnderWay(wait) : undefined;
    if (returnsOn)
        return settle(step, found, closingReport(step, found, returnsOn));
    return scheduleNext(step, found, open);
}

;// CONCATENATED MODULE: ./src/core/wait-loop.ts
// Waiting for several resources at once: one read at a time, fair between them, and every one
// settled by the deadline, with a last read taken just before it.
//
// `run` with `model-id`: the models are built from the step's pipelines, so a model's next run is
// waited for only once every pipeline has its verdict, and only if every one ended healthy (a
// model run on a failed load would publish stale data). Until then a model is held: never read.
// The request budget is planned for it: while models are held, a pipeline is read only when the
// budget can also pay, at once, for the first reads of every held model's start window. Kondado
// may run a model seconds after its pipelines end; were the budget spent by then (by the
// pipelines' last reads, or by an earlier step on the key), the model's first read would wait up
// to a minute for the window to roll over, and a short run would be over, unseen.




/** The last read before the deadline is taken this long before it, so its answer arrives in time. */
const FINAL_READ_LEAD_MS = 1_500;
/**
 * A due confirming read goes first: its verdict is one read away, and giving it frees its share
 * of the budget, where making it queue behind every other due read costs a round. Otherwise the
 * most overdue resource, which keeps the reads fair.
 */
function pickNext(open, now) {
    const earliest = open.reduce((a, b) => (b.nextAt < a.nextAt ? b : a));
    return open.find((t) => t.state.phase === 'settling' && t.nextAt <= now) ?? earliest;
}
/**
 * Reads whichever resource is due first until every one has its verdict; the scheduler spaces
 * the requests. Returns the reports in the order of `start`.
 */
async function waitAll(step, start) {
    let roster = [...start];
    const replace = (before, after) => void roster.splice(roster.indexOf(before), 1, after);
    const lastChance = step.deadline - FINAL_READ_LEAD_MS;
    for (;;) {
        roster = releaseModels(step, roster);
        const open = roster.filter(isOpen);
        if (open.length === 0)
            break;
        const refused = step.refusal.problem;
        if (refused) {
            for (const tracked of open)
                replace(tracked, settle(step, tracked, keyRefusedReport(step, tracked, refused)));
            break;
        }
        const picked = pickNext(open, step.clock.now());
        const final = picked.nextAt > lastChance;
        if (final && (picked.finalReadTaken || step.clock.now() > lastChance)) {
            replace(picked, settle(step, picked, closingReport(step, picked, 'timed-out')));
            continue;
        }
        const tracked = final ? { ...picked, finalReadTaken: true } : picked;
        replace(picked, tracked);
        const at = Math.min(readAt(step, roster, tracked), lastChance);
        if (at - step.clock.now() >= QUIET_NOTICE_MS) {
            const phase = tracked.state.phase === 'starting' ? 'start' : 'end';
            const reason = at > tracked.nextAt
                ? { kind: 'budget' }
                : { kind: 'next-read', resource: tracked.resource, open: readNow(open), phase };
            step.emit({ type: 'quiet', until: at, reason });
        }
        try {
            await step.clock.sleep(Math.max(0, at - step.clock.now()), step.signal);
        }
        catch {
            break;
        }
        replace(tracked, await readOnce(step, tracked, readNow(open)));
    }
    // Whatever is still open was cut short by the workflow's cancel.
    const closed = roster.map((t) => (isOpen(t) ? settle(step, t, closingReport(step, t, 'cancelled')) : t));
    return closed.map((t) => t.report);
}
const isHeld = (tracked) => tracked.heldForPipelines && isOpen(tracked);
/** The resources read now, which share the budget: not the held models. */
const readNow = (open) => open.filter((t) => !t.heldForPipelines).length;
/**
 * Opens the held models' start windows, or settles them as not waited for, once the pipelines are
 * done; a refused key settles them as never read, for the refusal is the one cause to tell.
 */
function releaseModels(step, roster) {
    const held = roster.filter(isHeld);
    const pipelines = roster.filter((t) => t.resource.kind === 'pipeline');
    if (held.length === 0 || pipelines.some(isOpen))
        return roster;
    const healthy = pipelines.every((t) => t.report?.verdict === 'healthy');
    const refused = step.refusal.problem;
    return roster.map((t) => {
        if (!held.includes(t))
            return t;
        if (refused)
            return settle(step, t, keyRefusedReport(step, t, refused));
        if (!healthy)
            return settle(step, t, closingReport(step, t, 'not-waited'));
        step.emit({ type: 'awaiting-next', resource: t.resource, afterPipelines: true });
        return awaitNext(t.resource, step.clock.now(), false);
    });
}
/** When `tracked` may be read: with models held, not before the budget has room for it and their first reads. */
function readAt(step, roster, tracked) {
    const held = roster.filter(isHeld).length;
    return held === 0 ? tracked.nextAt : Math.max(tracked.nextAt, step.client.roomFor(1 + held * CONFIRMING_READS));
}

;// CONCATENATED MODULE: ./src/core/step.ts
// A step from start to end, one flow per command, every resource ending with a verdict:
// `status` reads each resource once; `wait` and `run` wait for them together (wait-loop.ts);
// `duplicate` creates a pipeline, sent once, and with `environment` first asks the promotion
// records (promotion.ts) whether to create, reuse or stop. Knows nothing of GitHub.










/** Carries one command to its end and reports one verdict per resource. */
async function executeStep(settings, deps) {
    const { onEvent, readShareMs, history, ...rest } = deps;
    const startedAt = deps.clock.now();
    const paces = readPaces(settings, readShareMs);
    const step = {
        ...rest,
        settings,
        pace: (kind) => paces[kind],
        startedAt,
        emit: (event) => onEvent?.(event),
        refusal: new KeyRefusal(),
        expected: (resource) => predictEnd(history ? runsWithin(history, resource, settings.timeoutMs) : [], settings.polling.expectedDurationMs),
    };
    const outcome = await flowOf(step);
    return { command: settings.command, ...outcome, elapsedMs: deps.clock.now() - startedAt, cancelled: deps.signal?.aborted ?? false };
}
function flowOf(step) {
    const { settings } = step;
    const resources = resourcesOf(settings);
    switch (settings.command) {
        case 'status':
            return statusOnce(step, resources).then((reports) => ({ resources: reports }));
        case 'wait':
            return waitAll(step, resources.map((resource) => step_startWaiting(step, resource))).then((reports) => ({ resources: reports }));
        case 'run':
            return runPipelines(step, resources);
        case 'duplicate':
            return settings.promotion ? promote(step, settings.duplicate, settings.promotion) : duplicate(step, settings.duplicate);
    }
}
/** `status`: one read of each resource, judged as it stands, with no waiting. A gate for CI. */
async function statusOnce(step, resources) {
    const reports = [];
    for (const resource of resources)
        reports.push(await readOne(step, resource));
    for (const report of reports)
        step.emit({ type: 'settled', report });
    return reports;
}
async function readOne(step, resource) {
    if (step.signal?.aborted)
        return reportOf(step, resource, 'cancelled');
    const refused = step.refusal.problem;
    if (refused)
        return keyRefusedReport(step, resource, refused);
    try {
        const snapshot = await step.client.status(resource);
        step.emit({ type: 'status', resource, snapshot });
        return reportOf(step, resource, healthVerdict(judge(resource.kind, snapshot)), { snapshot });
    }
    catch (error) {
        return failureReport(step, resource, error);
    }
}
/** `wait`: the state Kondado shows now is judged, or with `wait-for: next` only the next run. */
function step_startWaiting(step, resource) {
    if (step.settings.waitFor === 'current')
        return track(resource, step.clock.now(), false);
    step.emit({ type: 'awaiting-next', resource, afterPipelines: false });
    return awaitNext(resource, step.clock.now(), false);
}
/**
 * `run`: the pipelines one after the other, each start counting the resources already waited
 * on, for the budget; the models' next runs held until the pipelines end.
 */
async function runPipelines(step, resources) {
    const started = [];
    for (const resource of resources.filter((r) => r.kind === 'pipeline'))
        started.push(await startPipeline(step, resource, started.filter(isOpen).length + 1));
    const models = resources.filter((r) => r.kind === 'model').map((model) => awaitNext(model, step.clock.now(), true));
    return { resources: await waitAll(step, [...started, ...models]) };
}
/** `duplicate`: create a pipeline from a base one, then wait for the new one. */
const duplicate = async (step, request) => follow(step, request, await create(step, request));
async function create(step, request) {
    try {
        const newPipelineId = await step.client.duplicate(request);
        step.emit({ type: 'created', baseId: request.basePipelineId, newId: newPipelineId });
        return { newPipelineId };
    }
    catch (error) {
        const problem = asProblem(error, step.signal);
        return { problem, outcomeUnknown: mayHaveBeenApplied(problem) };
    }
}
/** The new pipeline waited for: for its table build, and its first run when it was asked to run at once. */
async function follow(step, request, creation) {
    if (!('newPipelineId' in creation))
        return { resources: [], ...creation };
    const newId = creation.newPipelineId;
    const resource = { kind: 'pipeline', id: newId };
    if (!step.settings.wait) {
        const report = reportOf(step, resource, 'created');
        step.emit({ type: 'settled', report });
        return { resources: [report], newPipelineId: newId };
    }
    // Without a run there is still the table build to wait for: it is where a duplicate fails.
    const resources = await waitAll(step, [track(resource, step.clock.now(), request.runAtOnce)]);
    return { resources, newPipelineId: newId };
}
/**
 * `duplicate` with `environment`: the records are read first, and the promotion is made only
 * when none stands in the way; a promotion already made is reused instead.
 */
async function promote(step, request, settings) {
    const records = step.records;
    if (!records)
        return { resources: [], problem: new Problem('internal', { errorName: 'NoPromotionRecords' }) };
    const identity = identityOf(settings.environment, request);
    try {
        const decision = decide(await records.find(identity), settings.ifPromoted);
        if (decision.action === 'stop')
            return { resources: [], promotion: { outcome: 'stopped', found: decision.found } };
        if (decision.action === 'reuse')
            return reuse(step, request, decision.pipelineId, decision.runUrl);
        const handle = await records.start(payloadOf(identity, request));
        step.emit({ type: 'promotion-recorded', environment: settings.environment });
        return await createRecorded(step, request, records, handle);
    }
    catch (error) {
        if (error instanceof RecordsWriterMismatch)
            return { resources: [], promotion: { outcome: 'unavailable', reason: 'login', wroteAs: error.wroteAs, expected: error.expected } };
        if (!(error instanceof RecordsUnavailable))
            throw error;
        const httpStatus = error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus };
        return { resources: [], promotion: { outcome: 'unavailable', reason: error.reason, ...httpStatus } };
    }
}
/** The end is written as soon as the answer is in, before any waiting, so a job cancelled later leaves no record open. */
async function createRecorded(step, request, records, handle) {
    const creation = await create(step, request);
    const end = endOf(creation);
    const endRecorded = await records.finish(handle, end).then(() => true, () => false);
    const outcome = await follow(step, request, creation);
    return { ...outcome, promotion: { outcome: end.state === 'promoted' ? 'created' : 'attempted', endRecorded } };
}
/**
 * The pipeline made by an earlier workflow run stands for this one: nothing is created. With
 * `execute-immediately` it is run, as "promote and run" asks; otherwise it is judged as it is,
 * after waiting for it to rest when `wait` is on, or from one read when it is off.
 */
async function reuse(step, request, pipelineId, runUrl) {
    step.emit({ type: 'promotion-reused', pipelineId, runUrl });
    const resource = { kind: 'pipeline', id: pipelineId };
    const promotion = { outcome: 'reused', pipelineId, runUrl };
    const resources = request.runAtOnce
        ? await waitAll(step, [await startPipeline(step, resource, 1)])
        : step.settings.wait
            ? await waitAll(step, [track(resource, step.clock.now(), false)])
            : await statusOnce(step, [resource]);
    return { resources, newPipelineId: pipelineId, promotion };
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./src/core/http.ts


const DEFAULT_LIMITS = {
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    // A status answer is a few hundred bytes; anything near this is not Kondado talking.
    maxResponseBytes: 1024 * 1024,
};
/**
 * Errors after which the request provably never left this machine, so even a POST that must
 * not be applied twice may be sent again.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
function networkProblem(error, nothingListensAt) {
    const code = errorCode(error);
    // A proxy that refuses the tunnel has passed nothing on to Kondado.
    return new Problem('network', {
        networkCode: code,
        notSent: NOT_SENT_CODES.has(code) || code.startsWith('PROXY_'),
        ...(nothingListensAt ? { nothingListensAt } : {}),
    });
}
/**
 * The hosts that are this machine, as messages and docs name them, each with the pattern of host
 * names it stands for: the only ones plain http may go to (a simulator in tests), and never
 * through a proxy.
 */
const LOOPBACK_HOSTS = {
    localhost: 'localhost',
    '127.x.x.x': '127(\\.\\d{1,3}){3}',
    '[::1]': '\\[::1\\]',
};
const LOOPBACK_HOST = new RegExp(`^(${Object.values(LOOPBACK_HOSTS).join('|')})$`);
const LOOPBACK_HOST_NAMES = Object.keys(LOOPBACK_HOSTS);
const isLoopbackHost = (hostname) => LOOPBACK_HOST.test(hostname);
/** The addresses a loopback host name resolves to. */
const LOOPBACK_ADDRESS = /^(127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/;
/**
 * For a URL on this machine, its port and its scheme://host:port: never more of it, since its
 * query carries the key and token.
 */
function onThisMachine(url) {
    if (!isLoopbackHost(url.hostname))
        return undefined;
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return { address: `${url.protocol}//${url.hostname}:${port}`, port };
}
/**
 * Whether the connection refused was the request's own, to that port on this machine, and not a
 * proxy's on the way. Node names the address and port it tried on the error, or on each of an
 * AggregateError's (localhost: ::1, then 127.0.0.1).
 */
function refusedAt(error, port) {
    const tried = (e, depth) => {
        if (typeof e !== 'object' || e === null || depth >= 8)
            return false;
        const { code, address, port: triedPort, errors, cause } = e;
        if (code === 'ECONNREFUSED' && typeof address === 'string' && LOOPBACK_ADDRESS.test(address) && triedPort === port)
            return true;
        return (Array.isArray(errors) && errors.some((inner) => tried(inner, depth + 1))) || tried(cause, depth + 1);
    };
    return tried(error, 0);
}
function errorCode(error) {
    // undici says only this, with a generic code, when the proxy answers CONNECT with other than 200.
    const proxyStatus = /^Proxy response \((\d{3})\)/.exec(error instanceof Error ? error.message : '');
    if (proxyStatus)
        return `PROXY_${proxyStatus[1]}`;
    for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 8; e = e.cause, depth++) {
        const { code, name } = e;
        // Only a code's usual shape is passed on: it ends up in messages the user reads.
        if (typeof code === 'string' && code !== 'UND_ERR')
            return /^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : 'UNKNOWN';
        if (name === 'TimeoutError')
            return 'ETIMEDOUT';
    }
    return 'UNKNOWN';
}
/** Connections with a timeout on every phase, direct or through the runner's proxy. */
function createDispatcher(limits, proxy) {
    const timeouts = {
        connectTimeout: limits.connectTimeoutMs,
        headersTimeout: limits.requestTimeoutMs,
        bodyTimeout: limits.requestTimeoutMs,
    };
    if (!proxy)
        return new undici/* Agent */.g6(timeouts);
    // A tunnel (CONNECT) carrying TLS: the proxy learns the host and port, never the request's
    // URL, which carries the token. Only an https base URL gets here: a loopback one is never proxied.
    return new undici/* EnvHttpProxyAgent */.J2({ ...timeouts, httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: proxy.noProxy, proxyTunnel: true });
}
/**
 * The real transport: undici with a timeout on every phase, no redirects (undici follows
 * none unless told to, and the token would travel with one), and a cap on the answer's size.
 *
 * A base-url on this machine (a simulator) that refuses a read, having refused the request before
 * it too, has nothing listening: that read's problem names the address (`nothingListensAt`), and
 * it is not retried. The first refusal is retried as any other, so a server still starting gets
 * one more try; a POST keeps its retries (it is provably not sent, and `run` reads first anyway).
 */
function createUndiciTransport(limits = DEFAULT_LIMITS, dispatcher = createDispatcher(limits)) {
    /** Connections refused in a row, by loopback address: an answer from it starts the count afresh. */
    const refusals = new Map();
    return async (req, signal) => {
        const local = onThisMachine(req.url);
        const timeout = AbortSignal.timeout(limits.requestTimeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        try {
            const response = await (0,undici/* request */.Em)(req.url, {
                method: req.method,
                dispatcher,
                signal: combined,
                headers: {
                    accept: 'application/json',
                    'user-agent': 'kondado-github-action',
                    ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
                },
                ...(req.body === undefined ? {} : { body: req.body }),
            });
            if (local)
                refusals.delete(local.address);
            const body = await readLimited(response.body, limits.maxResponseBytes);
            return { status: response.statusCode, body };
        }
        catch (error) {
            if (signal?.aborted)
                throw signal.reason;
            if (error instanceof Problem)
                throw error;
            if (!local || !refusedAt(error, local.port))
                throw networkProblem(error);
            const inARow = (refusals.get(local.address) ?? 0) + 1;
            refusals.set(local.address, inARow);
            throw networkProblem(error, req.method === 'GET' && inARow >= 2 ? local.address : undefined);
        }
    };
}
async function readLimited(body, maxBytes) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > maxBytes) {
            body.destroy();
            throw new Problem('too-large');
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/core/time.ts

// Node's own abortable timer: it clears itself and drops its listener on the signal either way.
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => (0,promises_.setTimeout)(Math.max(0, ms), undefined, { signal }),
};
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * Parses `90`, `90s`, `15m`, `2h` or a sum such as `1h30m` into milliseconds.
 * A bare number is seconds, as GitHub users write `timeout-minutes` style values.
 */
function parseDuration(text) {
    const trimmed = text.trim().toLowerCase();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed))
        return undefined;
    let total = 0;
    for (const [, value, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
        total += Number(value) * (UNIT_MS[unit] ?? Number.NaN);
    }
    return Number.isFinite(total) ? Math.round(total) : undefined;
}
/** `75_000` -> `1m 15s`: how people read waits in a log or a summary. */
function formatDuration(ms) {
    const seconds = Math.round(ms / 1000);
    if (seconds < 60)
        return `${seconds}s`;
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean).join(' ');
}

;// CONCATENATED MODULE: ./src/core/index.ts
// The core's one door. The adapter (src/ outside core/) imports the core from here only: the one
// place the core is put together (composeStep: a request scheduler, a client over it, and the
// step, from what the action was asked and what the runtime gives), and the words and rules the
// adapter shows the user. main.ts, the benchmark and the test harnesses all run a step through
// composeStep, so they run the very same wiring.















async function composeStep(request, runtime) {
    const { settings, requestsPerMinute, credentials, baseUrl, transport } = request;
    const { clock, random, signal, onEvent, onPause, onHold, onRetry, onRequest, sentBefore, history, records } = runtime;
    const deadline = clock.now() + settings.timeoutMs;
    const scheduler = new RequestScheduler({ clock, random, perWindow: requestsPerMinute, deadline, signal, onPause, onHold, sentBefore });
    const redact = runtime.redact ?? createRedactor([credentials.key, credentials.token]);
    const client = new KondadoClient({ baseUrl, credentials, transport, scheduler, clock, redact, random, signal, onRetry, onRequest });
    const report = await executeStep(settings, {
        client,
        clock,
        deadline,
        random,
        readShareMs: readShareMs(requestsPerMinute),
        signal,
        onEvent,
        ...(history ? { history } : {}),
        ...(records ? { records: records(deadline) } : {}),
    });
    const recentSends = scheduler.recentSends(clock.now());
    return { report, deadline, recentSends, ...(history ? { history: addRuns(history, report.resources, clock.now()) } : {}) };
}


/***/ }),

/***/ 7671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lo: () => (/* binding */ COMMANDS),
/* harmony export */   eD: () => (/* binding */ foreignInputs)
/* harmony export */ });
/* unused harmony export INPUT_COMMANDS */
// Which inputs each command reads. One table: the parser refuses an input set for a command that
// does not read it (so nothing given is silently ignored), and a unit test holds action.yml's
// "For `run` and `duplicate`, ..." descriptions equal to it.
const COMMANDS = ['run', 'wait', 'status', 'duplicate'];
/**
 * The inputs only some commands read. Every other input is read by all of them: the credentials,
 * `pipeline-id`, the language, the base URL, and the pacing inputs (`timeout`, `poll-interval`,
 * `max-poll-interval`, `requests-per-minute`), which a workflow may set alike on all its steps.
 */
const INPUT_COMMANDS = {
    'model-id': ['run', 'wait', 'status'],
    wait: ['run', 'duplicate'],
    'start-timeout': ['run', 'wait', 'duplicate'],
    'if-running': ['run'],
    'src-collection-id': ['duplicate'],
    'dest-collection-id': ['duplicate'],
    'client-id': ['duplicate'],
    name: ['duplicate'],
    'full-tables': ['duplicate'],
    'deltas-tables': ['duplicate'],
    'overwrite-parameters': ['duplicate'],
    'execute-immediately': ['duplicate'],
    'wait-for': ['wait'],
    'model-start-timeout': ['run', 'wait'],
    'expected-duration': ['run', 'wait'],
    'run-history': ['run', 'wait'],
    environment: ['duplicate'],
    'if-promoted': ['duplicate'],
};
/** The inputs a command does not read, each with the commands that do. */
const foreignInputs = (command) => Object.entries(INPUT_COMMANDS).filter(([, commands]) => !commands.includes(command));


/***/ }),

/***/ 8667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sz: () => (/* binding */ DURATION_RANGE_MS),
  i4: () => (/* binding */ FALLBACKS),
  dz: () => (/* reexport */ InputError),
  Nf: () => (/* binding */ isGitHubLogin),
  Ko: () => (/* binding */ readInputs)
});

// UNUSED EXPORTS: KONDADO_REQUESTS_PER_MINUTE, POLL_INTERVAL_RANGE_S, REQUESTS_PER_MINUTE_RANGE, parseInputs

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/core/index.ts + 18 modules
var src_core = __webpack_require__(6364);
// EXTERNAL MODULE: ./src/inputs/commands.ts
var inputs_commands = __webpack_require__(7671);
;// CONCATENATED MODULE: ./src/inputs/parser.ts
// Reading inputs one at a time, each checked, noting every bad one with a message in the user's
// language. Which inputs there are, their defaults and ranges are inputs.ts's business.


/**
 * A bad input, named, with a message in the user's language. Thrown before any request; when a
 * step has several, one InputError carries them all, a line each, and names the first.
 */
class InputError extends Error {
    input;
    /** Every bad input of the step, in the order they are read. */
    inputs;
    constructor(input, message, inputs = [input]) {
        super(message);
        this.name = 'InputError';
        this.input = input;
        this.inputs = inputs;
    }
    static of(errors) {
        const [first] = errors;
        return new InputError(first.input, errors.map((error) => error.message).join('\n'), errors.map((error) => error.input));
    }
}
/** How deeply a JSON input may nest: far more than any Kondado parameter needs, far less than a stack. */
const MAX_JSON_DEPTH = 32;
/** How many levels of objects and arrays a parsed JSON value has, counted without recursion. */
function depthOf(value) {
    let deepest = 0;
    const stack = [[value, 1]];
    while (stack.length > 0) {
        const [item, depth] = stack.pop();
        if (typeof item !== 'object' || item === null)
            continue;
        deepest = Math.max(deepest, depth);
        // Past the limit the answer is known: no need to walk the rest of a hostile value.
        if (deepest > MAX_JSON_DEPTH)
            return deepest;
        for (const child of Object.values(item))
            stack.push([child, depth + 1]);
    }
    return deepest;
}
/**
 * Reads one input at a time and, instead of stopping at the first bad one, notes each (a line
 * in the error) and goes on with the input's fallback, so a step reports every bad input at once.
 */
class Parser {
    #raw;
    show;
    #fallbacks;
    #errors = [];
    /** Inputs set for a command that does not read them: reported once, then read as left empty. */
    #ignored = new Set();
    messages;
    constructor(raw, messages, show, fallbacks) {
        this.#raw = raw;
        this.messages = messages;
        this.show = show;
        this.#fallbacks = fallbacks;
    }
    value(name) {
        return this.#ignored.has(name) ? '' : this.#raw(name);
    }
    fail(name, message, fallback) {
        this.#errors.push(new InputError(name, message));
        return fallback;
    }
    failed(name) {
        return this.#errors.some((error) => error.input === name);
    }
    /** Runs a check that throws an InputError of its own, and notes it. */
    check(read) {
        try {
            return read();
        }
        catch (error) {
            if (!(error instanceof InputError))
                throw error;
            return this.fail(error.input, error.message, undefined);
        }
    }
    throwIfAny() {
        const [first, ...rest] = this.#errors;
        if (first)
            throw InputError.of([first, ...rest]);
    }
    /**
     * Set by the user: the runner passes action.yml's defaults as values, so an input counts as
     * given only when it differs from its default.
     */
    given(name) {
        const value = this.#raw(name);
        const fallback = this.#fallbacks[name] ?? '';
        return value !== '' && value.toLowerCase() !== String(fallback).toLowerCase();
    }
    refuseForeign(command) {
        for (const [name, commands] of (0,inputs_commands/* foreignInputs */.eD)(command)) {
            if (!this.given(name))
                continue;
            this.fail(name, this.messages.input.notAllowedFor(name, command, commands));
            this.#ignored.add(name);
        }
    }
    required(name) {
        return this.value(name) || this.fail(name, this.messages.input.required(name), '');
    }
    /** One of a few words, in any case: `Run` and `PT-BR` are what people type. */
    choice(name, choices, fallback) {
        const value = this.value(name) || fallback;
        return (choices.find((choice) => choice.toLowerCase() === value.toLowerCase()) ??
            this.fail(name, this.messages.input.choice(name, this.show(value), choices), fallback));
    }
    boolean(name, fallback) {
        const value = this.value(name);
        if (value === '')
            return fallback;
        if (/^(true|yes)$/i.test(value))
            return true;
        if (/^(false|no)$/i.test(value))
            return false;
        return this.fail(name, this.messages.input.boolean(name, this.show(value)), fallback);
    }
    /** A duration to the millisecond, decimals allowed (`1.5m`), within a range in milliseconds. */
    duration(name, fallback, { min, max }) {
        const value = this.value(name) || fallback;
        const ms = (0,src_core/* parseDuration */.E9)(value);
        const fallbackMs = (0,src_core/* parseDuration */.E9)(fallback) ?? 0;
        if (ms === undefined)
            return this.fail(name, this.messages.input.duration(name, this.show(value)), fallbackMs);
        return ms >= min && ms <= max
            ? ms
            : this.fail(name, this.messages.input.durationRange(name, this.show(value), (0,src_core/* formatDuration */.a3)(min), (0,src_core/* formatDuration */.a3)(max)), fallbackMs);
    }
    /** Seconds as a plain number, decimals allowed (`2.5`), to the millisecond as durations are. */
    seconds(name, fallback, { min, max }) {
        const value = this.value(name);
        const n = value === '' ? fallback : Number(value);
        return /^\d+(\.\d+)?$/.test(value || '0') && n >= min && n <= max
            ? Math.round(n * 1000)
            : this.fail(name, this.messages.input.number(name, this.show(value), min, max), fallback * 1000);
    }
    integer(name, fallback, { min, max }) {
        const value = this.value(name);
        const n = value === '' ? fallback : Number(value);
        return /^\d*$/.test(value) && n >= min && n <= max
            ? n
            : this.fail(name, this.messages.input.number(name, this.show(value), min, max), fallback);
    }
    /** Ids separated by commas, spaces or newlines; each a positive whole number, kept in order, once. */
    ids(name) {
        const parts = this.value(name)
            .split(/[\s,]+/)
            .filter(Boolean);
        const ids = parts.map((part) => this.#id(name, part)).filter((id) => id !== undefined);
        return [...new Set(ids)];
    }
    optionalId(name) {
        const value = this.value(name);
        return value === '' ? undefined : this.#id(name, value);
    }
    #id(name, text) {
        const n = Number(text);
        const digits = /^\d+$/.test(text);
        if (digits && Number.isSafeInteger(n) && n > 0)
            return n;
        // Judged on the whole input: a secret split at its spaces must not show a word of it.
        const shown = this.show(this.value(name)) === '***' ? '***' : this.show(text);
        const input = this.messages.input;
        const appCode = name === 'client-id' ? /^(\d+)-\d+$/.exec(text) : null;
        if (appCode && shown !== '***')
            return this.fail(name, input.clientCode(name, shown, appCode[1] ?? ''), undefined);
        return this.fail(name, digits && n > 0 ? input.idTooLarge(name, shown, Number.MAX_SAFE_INTEGER) : input.notId(name, shown), undefined);
    }
    jsonObject(name) {
        const value = this.value(name);
        if (value === '')
            return undefined;
        let parsed;
        try {
            parsed = JSON.parse(value);
        }
        catch {
            return this.fail(name, this.messages.input.json(name), undefined);
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            return this.fail(name, this.messages.input.jsonObject(name), undefined);
        // JSON.parse takes any depth, but the request body is built by JSON.stringify, which does not:
        // refused here, before any request, rather than failing as the request is made.
        if (depthOf(parsed) > MAX_JSON_DEPTH)
            return this.fail(name, this.messages.input.jsonDepth(name, MAX_JSON_DEPTH), undefined);
        return parsed;
    }
    /** A table mapping: every value a table name, and the main table (path "") present. */
    tables(name) {
        const object = this.jsonObject(name);
        if (!object)
            return undefined;
        const bad = Object.entries(object).find(([, table]) => typeof table !== 'string' || table.trim() === '');
        if (bad)
            return this.fail(name, this.messages.input.stringMap(name, this.show(bad[0])), undefined);
        if (!Object.hasOwn(object, ''))
            return this.fail(name, this.messages.input.mainTable(name), undefined);
        return object;
    }
}

// EXTERNAL MODULE: ./src/messages/en.ts
var en = __webpack_require__(485);
// EXTERNAL MODULE: ./src/messages/index.ts + 1 modules
var messages = __webpack_require__(5536);
;// CONCATENATED MODULE: ./src/inputs/inputs.ts






/** Thrown by `parseInputs`; main.ts tells it from a bug by its class. */

const IF_RUNNING = ['wait', 'rerun', 'fail'];
const WAIT_FOR = ['current', 'next'];
const IF_PROMOTED = ['reuse', 'fail', 'create'];
/**
 * What an empty input means. These are action.yml's defaults (the runner fills those in first);
 * __tests__/unit/defaults.test.ts holds the two equal, input by input.
 */
const FALLBACKS = {
    command: 'run',
    wait: true,
    timeout: '1h',
    'start-timeout': '2m',
    'if-running': 'wait',
    'poll-interval': 3,
    'max-poll-interval': 120,
    'requests-per-minute': 20,
    'fail-on-error': true,
    language: 'en',
    'base-url': 'https://k2.kondado.com.br',
    'execute-immediately': false,
    'wait-for': 'current',
    /**
     * Kondado may queue a model minutes after its pipelines end, behind other work of the account;
     * longer than a few minutes, a model on a schedule of its own (hourly, say) would hold the
     * runner most of an hour before the step says it was not seen to start.
     */
    'model-start-timeout': '10m',
    'run-history': true,
    'pr-comment': false,
    'github-token-login': 'github-actions[bot]',
    'if-promoted': 'reuse',
};
/** `timeout`, `start-timeout` and `model-start-timeout`: at least a second; at most a self-hosted runner's job limit (GitHub-hosted jobs stop at 6 h). */
const DURATION_RANGE_MS = { min: 1000, max: 72 * 3_600_000 };
/** `poll-interval` and `max-poll-interval`, in seconds. */
const POLL_INTERVAL_RANGE_S = { min: 1, max: 3600 };
/** Kondado allows 20 requests a minute per key and per IP: a step may use that budget or a share of it. */
const KONDADO_REQUESTS_PER_MINUTE = 20;
const REQUESTS_PER_MINUTE_RANGE = { min: 1, max: KONDADO_REQUESTS_PER_MINUTE };
/**
 * Reads the inputs from the runner. The key and token are masked first of all, with every
 * encoding they may take in a URL or a body, so nothing printed afterwards can show them.
 */
function readInputs() {
    const read = (name) => core/* getInput */.V4(name);
    const mask = (secret) => (0,src_core/* secretVariants */.J5)(secret).forEach((variant) => core/* setSecret */.Pq(variant));
    mask(read('key'));
    mask(read('token'));
    const inputs = parseInputs(read, process.env);
    mask(inputs.github.token);
    return inputs;
}
/** Pure: turns raw input strings into a checked `Inputs`, or throws one InputError naming every bad input. */
function parseInputs(read, env = {}) {
    const raw = (name) => read(name).trim();
    const show = echoer([raw('key'), raw('token')]);
    // An unknown language is reported in English; every other message in the language asked for.
    const p = new Parser(raw, en.en, show, FALLBACKS);
    const language = p.choice('language', messages/* LANGUAGES */.Y, FALLBACKS.language);
    p.messages = (0,messages/* messagesFor */.k)(language);
    const credentials = { key: p.required('key'), token: p.required('token') };
    const command = p.choice('command', inputs_commands/* COMMANDS */.Lo, FALLBACKS.command);
    if (!p.failed('command'))
        p.refuseForeign(command);
    const baseUrl = readBaseUrl(p, 'base-url');
    const proxy = p.check(() => proxyFor(baseUrl, env, p.messages));
    const pipelineIds = p.ids('pipeline-id');
    const modelIds = p.ids('model-id');
    const wait = p.boolean('wait', FALLBACKS.wait);
    const timeoutMs = p.duration('timeout', FALLBACKS.timeout, DURATION_RANGE_MS);
    const startTimeoutMs = p.duration('start-timeout', FALLBACKS['start-timeout'], DURATION_RANGE_MS);
    const minIntervalMs = p.seconds('poll-interval', FALLBACKS['poll-interval'], POLL_INTERVAL_RANGE_S);
    const maxIntervalMs = p.seconds('max-poll-interval', FALLBACKS['max-poll-interval'], POLL_INTERVAL_RANGE_S);
    if (maxIntervalMs < minIntervalMs && !p.failed('poll-interval') && !p.failed('max-poll-interval'))
        p.fail('max-poll-interval', p.messages.input.maxBelowMin('max-poll-interval', 'poll-interval'));
    const requestsPerMinute = p.integer('requests-per-minute', FALLBACKS['requests-per-minute'], REQUESTS_PER_MINUTE_RANGE);
    const failOnError = p.boolean('fail-on-error', FALLBACKS['fail-on-error']);
    const ifRunning = p.choice('if-running', IF_RUNNING, FALLBACKS['if-running']);
    const waitFor = p.choice('wait-for', WAIT_FOR, FALLBACKS['wait-for']);
    const modelStartTimeoutMs = p.duration('model-start-timeout', FALLBACKS['model-start-timeout'], DURATION_RANGE_MS);
    checkNextRun(p, command, { modelIds, wait, waitFor });
    const expectedDurationMs = p.value('expected-duration') ? p.duration('expected-duration', '', DURATION_RANGE_MS) : undefined;
    const runHistory = p.boolean('run-history', FALLBACKS['run-history']);
    const noIds = pipelineIds.length + modelIds.length === 0 && !p.failed('pipeline-id') && !p.failed('model-id');
    if (noIds && !p.failed('command'))
        p.fail('pipeline-id', command === 'run' || command === 'duplicate'
            ? p.messages.input.requiredFor('pipeline-id', command)
            : p.messages.input.idsRequired(command, 'pipeline-id', 'model-id'));
    const polling = { minIntervalMs, maxIntervalMs, startTimeoutMs, ...(expectedDurationMs === undefined ? {} : { expectedDurationMs }) };
    const common = { pipelineIds, modelIds, wait, ifRunning, timeoutMs, polling, waitFor, modelStartTimeoutMs };
    const promotion = command === 'duplicate' ? promotionOf(p) : undefined;
    const step = command === 'duplicate'
        ? { ...common, command, duplicate: duplicate(p, pipelineIds), ...(promotion ? { promotion } : {}) }
        : { ...common, command };
    const github = gitHubInputs(p, promotion !== undefined);
    p.throwIfAny();
    return {
        step,
        credentials,
        baseUrl,
        proxy,
        requestsPerMinute,
        failOnError,
        language,
        runHistory,
        github,
    };
}
/** `environment` turns the records on; `if-promoted` says what a record found means, so it needs one. */
function promotionOf(p) {
    const environment = p.value('environment');
    const ifPromoted = p.choice('if-promoted', IF_PROMOTED, FALLBACKS['if-promoted']);
    if (!environment && p.given('if-promoted'))
        p.fail('if-promoted', p.messages.input.unusedWithout('if-promoted', 'environment'));
    return environment ? { environment, ifPromoted } : undefined;
}
/** The token is read only when something uses it: a step without either feature needs none. */
function gitHubInputs(p, promotes) {
    const prComment = p.boolean('pr-comment', FALLBACKS['pr-comment']);
    const used = prComment || promotes;
    const login = used ? gitHubLogin(p) : '';
    return { token: used ? p.required('github-token') : '', login, prComment, used };
}
/** A user's login (an Enterprise Managed User's has `_`), or an app's with `[bot]`: nothing else reaches a message. */
const isGitHubLogin = (text) => typeof text === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(\[bot\])?$/.test(text);
function gitHubLogin(p) {
    const value = p.value('github-token-login') || FALLBACKS['github-token-login'];
    return isGitHubLogin(value)
        ? value
        : p.fail('github-token-login', p.messages.input.login('github-token-login', p.show(value)), FALLBACKS['github-token-login']);
}
/**
 * The proxy the runner names for Kondado's https address, read as the runner and curl read it:
 * lower-case name first, and a bare `host:port` meaning http. Checked here with the inputs, so a
 * typo fails before any request. Its value is never echoed: it may carry a proxy password. A
 * loopback base-url (the only one allowed plain http) means this runner itself and is never
 * proxied: in a tunnel, plain http is readable, query and token included.
 */
function proxyFor(baseUrl, env, m) {
    if ((0,src_core/* isLoopbackHost */.cW)(baseUrl.hostname))
        return undefined;
    const variable = ['https_proxy', 'HTTPS_PROXY'].find((name) => env[name]?.trim());
    if (variable === undefined)
        return undefined;
    const value = (env[variable] ?? '').trim();
    const url = URL.parse(value.includes('://') ? value : `http://${value}`);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
        throw new InputError(variable, m.input.proxy(variable));
    return { url: url.href, noProxy: (env.no_proxy ?? env.NO_PROXY ?? '').trim() };
}
/** A piece this long of a secret is too much to show. */
const SECRET_PIECE = 4;
/**
 * How input values are echoed in errors: one line, shortened, and never any piece of the key or
 * token (pasted into the wrong input, cut at a space or at the length limit, a secret would slip
 * past the runner's masking, which hides only whole secrets).
 */
function echoer(secrets) {
    const known = secrets.filter((secret) => secret !== '');
    const sharesPiece = (value) => known.some((secret) => value.includes(secret) ||
        [...Array(Math.max(0, value.length - SECRET_PIECE + 1)).keys()].some((i) => secret.includes(value.slice(i, i + SECRET_PIECE))));
    return (value) => (sharesPiece(value) ? '***' : (0,src_core/* scrub */._I)(value, (text) => text, 60));
}
function readBaseUrl(p, name) {
    const fallback = new URL(FALLBACKS['base-url']);
    const value = p.value(name) || FALLBACKS['base-url'];
    const url = URL.parse(value);
    const m = p.messages.input;
    if (!url)
        return p.fail(name, m.baseUrl(p.show(value), FALLBACKS['base-url']), fallback);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (0,src_core/* isLoopbackHost */.cW)(url.hostname))) {
        const message = url.protocol === 'http:' ? m.baseUrlHttps(p.show(value), src_core/* LOOPBACK_HOST_NAMES */.k3) : m.baseUrl(p.show(value), FALLBACKS['base-url']);
        return p.fail(name, message, fallback);
    }
    // A bare `?` or `#` leaves search and hash empty, yet cuts the API path off the URL: the raw text decides.
    if (url.username || url.password || /[?#]/.test(value))
        return p.fail(name, m.baseUrlParts(), fallback);
    return url;
}
/**
 * The inputs of a next run that would otherwise be silently ignored: `run` waits for models only
 * after their pipelines have ended, which `wait: false` never sees; a model's start window needs a
 * model; and `wait` reads the start windows only with `wait-for: next`.
 */
function checkNextRun(p, command, given) {
    const m = p.messages.input;
    if (command === 'run' && given.modelIds.length > 0 && !given.wait)
        p.fail('model-id', m.modelsNeedWait('model-id', 'wait'));
    if (command === 'wait' && given.waitFor !== 'next')
        for (const name of ['start-timeout', 'model-start-timeout'])
            if (p.given(name) && !p.failed(name))
                p.fail(name, m.unusedWithout(name, 'wait-for: next'));
    if (given.modelIds.length === 0 && p.given('model-start-timeout') && !p.failed('model-start-timeout'))
        p.fail('model-start-timeout', m.unusedWithout('model-start-timeout', 'model-id'));
}
/** A value `duplicate` cannot do without; left out, it is reported, unless it was already reported as bad. */
function requiredForDuplicate(p, name, value, placeholder) {
    if (value !== undefined)
        return value;
    return p.failed(name) ? placeholder : p.fail(name, p.messages.input.requiredFor(name, 'duplicate'), placeholder);
}
function duplicate(p, pipelineIds) {
    if (pipelineIds.length > 1)
        p.fail('pipeline-id', p.messages.input.oneId('pipeline-id'));
    const src = requiredForDuplicate(p, 'src-collection-id', p.optionalId('src-collection-id'), 0);
    const dest = requiredForDuplicate(p, 'dest-collection-id', p.optionalId('dest-collection-id'), 0);
    const fullTables = requiredForDuplicate(p, 'full-tables', p.tables('full-tables'), {});
    const deltas = p.tables('deltas-tables');
    const overwrite = p.jsonObject('overwrite-parameters');
    const clientId = p.optionalId('client-id');
    const name = p.value('name');
    return {
        basePipelineId: pipelineIds[0] ?? 0,
        sourceCollectionId: src,
        destinationCollectionId: dest,
        ...(clientId === undefined ? {} : { clientId }),
        ...(name ? { name } : {}),
        fullTables,
        ...(deltas ? { deltasTables: deltas } : {}),
        ...(overwrite ? { overwriteParameters: overwrite } : {}),
        runAtOnce: p.boolean('execute-immediately', FALLBACKS['execute-immediately']),
    };
}


/***/ }),

/***/ 3425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/index.ts + 18 modules
var src_core = __webpack_require__(6364);
// EXTERNAL MODULE: ./src/messages/index.ts + 1 modules
var messages = __webpack_require__(5536);
;// CONCATENATED MODULE: ./src/report/neutralize.ts
// Text from outside (Kondado's answers, inputs echoed back, a library's lines, GitHub payloads)
// made safe for each place it goes, in one place. Every writer goes through here: the log and
// its annotations (main.ts's runner logger, the GitHub side's lines), the job summary and the
// pull-request comment (`inert` in markdown.ts), and the outputs (outputs.ts).
//
// The runner obeys `::command::` at the start of a line (after blanks) and the legacy
// `##[command]` anywhere in a line (actions/runner, ActionCommand.TryParse); GitHub pings
// `@mentions`, links `#123` and autolinks bare addresses in Markdown; bidi and zero-width
// characters make text read other than it is.

/** C0 and C1 controls but the line feed, which each place handles its own way. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** Characters no reader should get from outside, anywhere: controls (as spaces) and invisible ones (dropped). */
const visible = (text) => text.replace(/\r\n?/g, '\n').replace(CONTROL, ' ').replace(src_core/* INVISIBLE */.kH, '');
/** `##[` broken so it reads the same to a person and is obeyed by no runner. */
const noLegacyCommand = (line) => line.replace(/##\[/g, '##\\[');
/** A line that would start with `::` (blanks first, as the runner trims them) starts with `: :` instead. */
const noCommandStart = (line) => line.replace(/^(\s*):(?=:)/, '$1: ');
/** For the log, an annotation's body or title, a debug line, a failure message: every line of it inert to the runner. */
const forLog = (text) => visible(text).split('\n').map(noCommandStart).map(noLegacyCommand).join('\n');
/** For an output's value: what a later step echoes must not steer the runner either. */
const forOutput = forLog;
/**
 * For Markdown that GitHub renders, after it is escaped: no `@mention` pings anyone, no `#123`
 * links an issue, no bare address becomes a link. A zero-width space, written as an entity so the
 * source holds no invisible character, sits inside each; the text reads the same.
 */
const noPings = (markdown) => markdown
    // `#` first: the entities inserted after it hold a `#` and a digit themselves.
    .replace(/#(?=\d)/g, '#&#8203;')
    .replace(/@(?=[\w-])/g, '@&#8203;')
    .replace(/\b(https?)(?=:\/\/)/gi, '$1&#8203;')
    .replace(/\bwww\./gi, 'www&#8203;.');

;// CONCATENATED MODULE: ./src/report/markdown.ts

// GitHub Markdown, written one way for the job summary and for every generated document
// (README parts, BENCHMARKS.md, RELIABILITY.md). A table cell has one rule, `cell`; text that
// did not come from this project (Kondado's answers, the user's inputs) is made inert first.
/**
 * Markdown fit for one table cell: one line (a line break, CR alone included, ends the row, so
 * it and the indentation after it become a space) and `\|` for every pipe, which GitHub needs
 * even inside code spans.
 */
function cell(markdown) {
    return markdown.replace(/[\r\n]\s*/g, ' ').replace(/\|/g, '\\|');
}
/**
 * Text from Kondado or the user, made inert: no markup, links, HTML, mentions or issue links, and
 * nothing invisible (neutralize.ts); fit for a table cell and for a paragraph.
 */
function inert(text) {
    return cell(noPings(visible(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]#~!]/g, (c) => `\\${c}`)));
}
/** A code span that shows any text as it is, backticks included: its fence is longer than any run of them inside. */
function codeSpan(text) {
    const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}
/** A code span in a table cell, showing a status or a table path exactly as received. */
const codeCell = (text) => cell(codeSpan(text));
/** One row of cells already made fit with `cell` or `inert`. */
const row = (cells) => `| ${cells.join(' | ')} |`;
/** A table; `align` gives each column's delimiter (`---`, or `---:` for figures), `---` by default. */
function table(headers, rows, align) {
    return [row(headers), row(align ?? headers.map(() => '---')), ...rows.map(row)].join('\n');
}

;// CONCATENATED MODULE: ./src/github/index.ts
// The GitHub side of a step, as main.ts uses it: its one door. GitHub's libraries are loaded
// with a dynamic import of connect.ts, only when `pr-comment` or `environment` asks for them: the
// other steps start as before. The pull-request comment's words are written here.





/** A comment is worth this long past the step's deadline: a step that timed out still reports on its PR. */
const COMMENT_GRACE_MS = 30_000;
async function loadGitHub(inputs, clock, random) {
    if (!inputs.github.used)
        return undefined;
    const { connect } = await Promise.all(/* import() */[__webpack_require__.e(542), __webpack_require__.e(628)]).then(__webpack_require__.bind(__webpack_require__, 3628));
    const login = inputs.github.login;
    const m = (0,messages/* messagesFor */.k)(inputs.language);
    const redact = (0,src_core/* createRedactor */.lY)([inputs.credentials.key, inputs.credentials.token, inputs.github.token]);
    // The counts only: nothing a record that is not believed holds reaches the log.
    const ignored = (environment, count) => core/* info */.pq(forLog(redact(m.github.ignored(environment, login, count))));
    return connect(inputs.github.token, { login, ignored }, clock, random);
}
/** Writes the step's comment and says how it went; never throws, so a failed comment never fails a passing step. */
async function commentOnPullRequest(github, m, redact, verdict, clock) {
    try {
        const body = redact(commentBody(m, verdict.failure, verdict.summary, github.context.runUrl));
        const deadline = Math.max(verdict.deadline, clock.now() + COMMENT_GRACE_MS);
        const result = await github.comment(body, deadline);
        switch (result.outcome) {
            case 'created':
                core/* info */.pq(forLog(redact(m.github.commented(true, result.pullRequest))));
                // Written as another login than `github-token-login`: the next run will not find it to edit.
                return result.wroteAs ? core/* warning */.$e(forLog(redact(m.github.commentedAs(result.wroteAs.login, github.login)))) : undefined;
            case 'updated':
                return core/* info */.pq(forLog(redact(m.github.commented(false, result.pullRequest))));
            case 'not-a-pull-request':
                return core/* info */.pq(forLog(redact(m.github.notPullRequest(result.eventName))));
            case 'read-only':
                return core/* warning */.$e(forLog(redact(m.github.readOnly(result.httpStatus))));
            case 'failed':
                return core/* warning */.$e(forLog(redact(m.github.commentFailed(result.httpStatus))));
        }
    }
    catch {
        core/* warning */.$e(forLog(redact(m.github.commentFailed(undefined))));
    }
}
/**
 * The pull-request comment: the verdict, then the step's summary (its table and reasons), then a
 * link to the workflow run. `failure` is the step's failure message, undefined when it passed.
 */
function commentBody(m, failure, summary, runUrl) {
    const verdict = failure === undefined ? `✅ ${inert(m.github.passed)}` : `❌ ${inert(failure)}`;
    return [`**${verdict}**`, summary.trim(), `[${inert(m.github.runLink)}](${runUrl})`].join('\n\n') + '\n';
}

// EXTERNAL MODULE: ./src/inputs/inputs.ts + 1 modules
var inputs_inputs = __webpack_require__(8667);
;// CONCATENATED MODULE: ./src/report/explain.ts

/** Words for a report, shared by the log, the annotations, the summary and the failure message. */
function stateText(m, snapshot) {
    return snapshot ? m.state(snapshot.status, snapshot.rawMsg, snapshot.kuboStatusType) : m.noState;
}
function subjectOf(m, report) {
    return m.resource(report.resource.kind, report.resource.id);
}
/** A next run awaited by `run` is a model's after its pipelines; by `wait`, one after the step began. */
const afterPipelines = (settings) => settings.command === 'run';
function whyOf(report) {
    if ((0,src_core/* isPassing */.WG)(report.verdict))
        return undefined;
    const explained = (key) => ({ group: 'explain', key });
    if (report.keyRefusedBefore)
        return explained('not-read');
    if (report.notTriggered)
        return explained('not-triggered');
    if (report.runRefused)
        return explained('run-refused');
    // A timed-out report with a problem never got an answer: "still not finished" would claim a state it never read.
    if (report.problem && report.verdict !== 'cancelled')
        return { group: 'problem', key: report.problem.code };
    switch (report.verdict) {
        case 'not-started':
            return explained(report.nextRun ? 'next-not-started' : report.triggerUnconfirmed ? 'not-started-unconfirmed' : 'not-started');
        case 'timed-out':
        case 'cancelled':
        case 'already-running':
        case 'unknown-status':
        case 'not-waited':
            return explained(report.verdict);
        default:
            return explained('unhealthy');
    }
}
/** The troubleshooting entry that explains `why`: its anchor in docs/troubleshooting.md (and its Portuguese twin). */
const anchorOf = (why) => `${why.group}-${why.key}`;
/** One sentence on why a resource did not pass, and mostly what to do; undefined when it passed. */
function explain(m, report, settings) {
    const why = whyOf(report);
    if (!why)
        return undefined;
    const subject = subjectOf(m, report);
    const state = stateText(m, report.snapshot);
    if (why.group === 'problem')
        return m.problem(why.key, report.problem?.details ?? {}, subject);
    const window = (0,src_core/* formatDuration */.a3)((0,src_core/* startWindowMs */.vm)(report.resource.kind, settings));
    switch (why.key) {
        case 'not-read':
            return m.explain['not-read'](subject);
        case 'not-triggered':
            return m.explain['not-triggered'](subject, state, report.notTriggered ?? 'disabled');
        case 'run-refused':
            return m.explain['run-refused'](subject, report.problem?.details.excerpt, state);
        case 'next-not-started':
            return m.explain['next-not-started'](subject, state, window, afterPipelines(settings));
        case 'not-started-unconfirmed':
            return m.explain['not-started-unconfirmed'](subject, window);
        case 'not-started':
            return m.explain['not-started'](subject, state, window);
        case 'timed-out':
            return m.explain['timed-out'](subject, state, (0,src_core/* formatDuration */.a3)(settings.timeoutMs));
        case 'cancelled':
            return m.explain.cancelled(subject, state);
        case 'already-running':
            return m.explain['already-running'](subject);
        case 'unknown-status':
            return m.explain['unknown-status'](subject, state);
        case 'not-waited':
            return m.explain['not-waited'](subject);
        case 'unhealthy':
            return m.explain.unhealthy(subject, state);
    }
}
/** What to do first about a resource that did not pass, in a few words. */
function todoOf(m, why) {
    return why.group === 'problem'
        ? why.key === 'credentials-refused'
            ? m.summary.todo['not-read']
            : m.summary.todo.problem
        : m.summary.todo[why.key];
}
/** Why a resource did not pass, in a few words, for the step's failure line: its verdict, or why it was not triggered or read. */
function shortWhy(m, report) {
    if (report.keyRefusedBefore)
        return m.reason['not-read'];
    if (report.notTriggered)
        return `${m.verdict[report.verdict]}, ${m.reason['not-triggered']}`;
    if (report.runRefused)
        return m.reason['run-refused'];
    return report.problem && report.verdict !== 'cancelled'
        ? m.problemLabel(report.problem.code, report.problem.details)
        : m.verdict[report.verdict];
}
/**
 * The refusal of the key or token on the step's first request, which left every other resource
 * unread: then, and only then, one cause is the whole story.
 */
function keyRefusedFirst(report) {
    const [first, ...others] = report.resources;
    const problem = first?.problem;
    if (problem?.code !== 'credentials-refused' || !problem.details.keyRefused)
        return undefined;
    return others.every((r) => r.keyRefusedBefore) ? problem : undefined;
}
/**
 * The step's last line when it did not pass: what did not pass and why, once. A refused key is
 * one cause for every resource, told as such; a failed duplicate or a stopped promotion names its
 * own cause.
 */
function stepFailure(m, report, settings) {
    if (report.cancelled)
        return m.step.cancelled;
    const duplicateFailed = promotionFailure(m, report, settings) ?? duplicateFailure(m, report, settings);
    if (duplicateFailed)
        return duplicateFailed;
    if ((0,src_core/* stepPassed */.P)(report))
        return undefined;
    const refused = keyRefusedFirst(report);
    if (refused)
        return m.step.keyRefused(refused.details);
    const failing = report.resources.filter((r) => !(0,src_core/* isPassing */.WG)(r.verdict));
    const which = failing.map((r) => `${subjectOf(m, r)} (${shortWhy(m, r)})`);
    return m.step.failed(failing.length, report.resources.length, which);
}
/** Why a duplicate failed, naming the base pipeline; undefined when it did not fail. */
function duplicateFailure(m, report, settings) {
    if (!report.problem || settings.command !== 'duplicate')
        return undefined;
    const base = settings.duplicate.basePipelineId;
    return report.outcomeUnknown
        ? m.step.duplicateUnknown(base)
        : m.step.duplicateFailed(base, m.problem(report.problem.code, report.problem.details, m.resource('pipeline', base)));
}
/** Why the promotion records stopped the step before anything was sent; undefined when they did not. */
function promotionFailure(m, report, settings) {
    const promotion = report.promotion;
    if (settings.command !== 'duplicate' || !settings.promotion || !promotion)
        return undefined;
    switch (promotion.outcome) {
        case 'stopped':
            return m.github.stopped(promotion.found, settings.duplicate.basePipelineId, src_core/* APP_PIPELINES_URL */.A2);
        case 'unavailable':
            return promotion.reason === 'login'
                ? m.github.otherLogin(promotion.wroteAs, promotion.expected, settings.promotion.environment)
                : m.github.unavailable(promotion.reason, promotion.httpStatus, settings.promotion.environment);
        default:
            return undefined;
    }
}
/** The warning for a promotion whose end could not be recorded; undefined otherwise. */
function promotionWarning(m, report, settings) {
    const promotion = report.promotion;
    if (settings.command !== 'duplicate' || !settings.promotion || !promotion || !('endRecorded' in promotion))
        return undefined;
    return promotion.endRecorded ? undefined : m.github.endUnrecorded(settings.promotion.environment);
}

;// CONCATENATED MODULE: ./src/report/log.ts


/** The time of day a quiet step names for its next request, to the second, in UTC. */
const timeOfDay = (at) => new Date(at).toISOString().slice(11, 19);
/**
 * Turns the core's events into log lines, each stamped with the time since the step began and
 * naming what it is about: one line per change of state, not per read, and one line before any
 * quiet of QUIET_NOTICE_MS or more saying what the step waits for and until when. Each resource's
 * verdict is said once: a line when it passed, an annotation when it did not (a resource never
 * read because the key was refused gets a line; the refusal itself has the annotation).
 */
class EventLog {
    #m;
    #logger;
    #settings;
    #requestsPerMinute;
    #startedAt;
    #now;
    /** The last state read of each resource, for the line that says what a quiet step waits for. */
    #lastRead = new Map();
    constructor(m, logger, settings, now, requestsPerMinute) {
        this.#m = m;
        this.#logger = logger;
        this.#settings = settings;
        this.#requestsPerMinute = requestsPerMinute;
        this.#now = now;
        this.#startedAt = now();
    }
    onEvent = (event) => {
        const m = this.#m;
        const subject = (r) => m.resource(r.kind, r.id);
        switch (event.type) {
            case 'status':
                this.#lastRead.set(subject(event.resource), event.snapshot);
                return this.#line(m.log.status(subject(event.resource), stateText(m, event.snapshot)));
            case 'already-running':
                return this.#line(m.log.alreadyRunning(subject(event.resource), event.ifRunning));
            case 'building-tables':
                return this.#line(m.log.buildingTables(subject(event.resource)));
            case 'triggered':
                return this.#line(m.log.triggered(subject(event.resource)));
            case 'trigger-unconfirmed':
                return this.#line(m.log.triggerUnconfirmed(subject(event.resource), m.problemLabel(event.problem.code, event.problem.details)));
            case 'run-seen':
                return this.#line(m.log.runSeen(subject(event.resource)));
            case 'created':
                return this.#line(m.log.created(event.baseId, event.newId));
            case 'settled':
                return this.#settled(event.report);
            case 'awaiting-next': {
                const window = (0,src_core/* formatDuration */.a3)((0,src_core/* startWindowMs */.vm)(event.resource.kind, this.#settings));
                return this.#line(m.log.awaitingNext(subject(event.resource), window, event.afterPipelines));
            }
            case 'quiet':
                return this.#quiet(event.until, event.reason);
            case 'promotion-recorded':
                return this.#line(m.github.recorded(event.environment));
            case 'promotion-reused':
                return this.#line(m.github.reused(event.pipelineId, event.runUrl));
        }
    };
    retrying(problem, delayMs, resource) {
        const m = this.#m;
        this.#line(m.log.retrying(m.resource(resource.kind, resource.id), m.problemLabel(problem.code, problem.details), (0,src_core/* formatDuration */.a3)(delayMs)));
    }
    /** Information, not a warning: the step waits the pause out by itself; if it cannot, the failure says so. */
    paused(pauseMs) {
        this.#line(this.#m.log.paused((0,src_core/* formatDuration */.a3)(pauseMs), this.#m.log.clock(timeOfDay(this.#now() + pauseMs))));
    }
    /** A request waits for room in the request budget until `until`. */
    held(until) {
        this.#quiet(until, { kind: 'budget' });
    }
    /** One exchange with Kondado, for whoever debugs a run: never the query, which carries the key and the token. */
    request(record) {
        const outcome = record.httpStatus === undefined ? (record.failure ?? '') : `HTTP ${record.httpStatus}`;
        this.#logger.debug(this.#stamp(this.#m.log.request(record.method, record.path, outcome, record.tookMs, record.waitedMs)));
    }
    #quiet(until, reason) {
        const m = this.#m;
        const at = m.log.clock(timeOfDay(until));
        const inText = (0,src_core/* formatDuration */.a3)(until - this.#now());
        switch (reason.kind) {
            case 'next-read': {
                const subject = m.resource(reason.resource.kind, reason.resource.id);
                const state = stateText(m, this.#lastRead.get(subject));
                return this.#line(m.log.nextRead(subject, reason.phase === 'start', state, at, inText));
            }
            case 'trigger-held':
                return this.#line(m.log.triggerHeld(m.resource(reason.resource.kind, reason.resource.id), at, inText));
            case 'budget':
                return this.#line(m.log.budgetHeld(this.#requestsPerMinute, at, inText));
        }
    }
    #settled(report) {
        const m = this.#m;
        const subject = subjectOf(m, report);
        const elapsed = (0,src_core/* formatDuration */.a3)(report.elapsedMs);
        // A cancelled step fails with one message of its own: one annotation per resource would only repeat it.
        if ((0,src_core/* isPassing */.WG)(report.verdict) || report.verdict === 'cancelled')
            return this.#line(m.log.settled(subject, m.verdict[report.verdict], stateText(m, report.snapshot), elapsed));
        const why = explain(m, report, this.#settings) ?? '';
        // The refusal of the key has its annotation, on the resource it was refused for: the others only say they were not read.
        if (report.keyRefusedBefore)
            return this.#line(why);
        // The title is the verdict and when; the body says why and what to do.
        this.#logger.error(why, `${subject}: ${m.verdict[report.verdict]} (${elapsed})`);
    }
    #stamp(text) {
        return `[${(0,src_core/* formatDuration */.a3)(this.#now() - this.#startedAt).padStart(7)}] ${text}`;
    }
    #line(text) {
        this.#logger.info(this.#stamp(text));
    }
}

// EXTERNAL MODULE: ./src/messages/en.ts
var en = __webpack_require__(485);
// EXTERNAL MODULE: ./src/inputs/commands.ts
var commands = __webpack_require__(7671);
;// CONCATENATED MODULE: ./src/report/outputs.ts


/** Kondado's text, as a later step that echoes it must get it: inert to the runner (neutralize.ts). */
const orNull = (text) => (text === null || text === undefined ? null : forOutput(text));
const flag = (value) => (value === null || value === undefined ? '' : String(value));
const seconds = (ms) => String(Math.round(ms / 1000));
/** The step's outputs, all strings, as the runner stores them. */
function outputsOf(report) {
    const primary = (0,src_core/* primaryOf */.Os)(report);
    const snapshot = primary?.snapshot;
    return {
        status: forOutput(snapshot?.status ?? ''),
        'is-running': flag(snapshot?.isRunning),
        'is-active': flag(snapshot?.isActive),
        'is-blocked': flag(snapshot?.isBlocked),
        'raw-msg': forOutput(snapshot?.rawMsg ?? ''),
        'kubo-status-type': forOutput(snapshot?.kuboStatusType ?? ''),
        healthy: String((0,src_core/* stepPassed */.P)(report)),
        'new-pipeline-id': report.newPipelineId === undefined ? '' : String(report.newPipelineId),
        elapsed: seconds(report.elapsedMs),
        result: JSON.stringify(report.resources.map((r) => ({
            kind: r.resource.kind,
            id: r.resource.id,
            status: orNull(r.snapshot?.status),
            is_running: r.snapshot?.isRunning ?? null,
            is_active: r.snapshot?.isActive ?? null,
            is_blocked: r.snapshot?.isBlocked ?? null,
            kubo_status_type: orNull(r.snapshot?.kuboStatusType),
            raw_msg: orNull(r.snapshot?.rawMsg),
            verdict: r.verdict,
            healthy: (0,src_core/* isPassing */.WG)(r.verdict),
            elapsed: Number(seconds(r.elapsedMs)),
            url: (0,src_core/* appUrl */.RM)(r.resource),
            run: r.nextRun ? 'next' : 'current',
        }))),
        'new-pipeline-url': report.newPipelineId === undefined ? '' : (0,src_core/* appUrl */.RM)({ kind: 'pipeline', id: report.newPipelineId }),
        promotion: promotionOutput(report),
    };
}
/** `created` or `reused` once a pipeline stands for the promotion; empty otherwise, and without `environment`. */
const promotionOutput = (report) => {
    const outcome = report.promotion?.outcome;
    return outcome === 'created' || outcome === 'reused' ? outcome : '';
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/memory/recent-sends.ts



/**
 * Kondado's limits count per key (and per IP), and steps of one job run back to back on one runner: the next
 * step learns what the last one sent from a file in RUNNER_TEMP, named by a hash of the key
 * (the key is the token's public half, and only its hash is written).
 */
function sendsFile(runnerTemp, key) {
    if (!runnerTemp)
        return undefined;
    return (0,external_node_path_.join)(runnerTemp, 'kondado-action', `requests-${(0,external_node_crypto_.createHash)('sha256').update(key).digest('hex').slice(0, 16)}.json`);
}
/** Send times of earlier steps; anything unreadable counts as none, since it only tunes the pace. */
function loadSends(file) {
    if (!file)
        return [];
    try {
        const parsed = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
        return Array.isArray(parsed) ? parsed.filter((t) => typeof t === 'number' && Number.isFinite(t)) : [];
    }
    catch {
        return [];
    }
}
function saveSends(file, sendTimes) {
    if (!file)
        return;
    try {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(file, '..'), { recursive: true });
        (0,external_node_fs_.writeFileSync)(file, JSON.stringify(sendTimes));
    }
    catch {
        // A read-only or full temp folder costs the next step some pacing, not this step its verdict.
    }
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./src/memory/actions-cache.ts



// A small client of the GitHub Actions cache service (its v2 protocol), for one small document.
//
// Why not @actions/cache: it stores files as a tar archive and restores with `tar -P`, which
// writes every member where the archive says, absolute paths and `../` included. Anyone who can
// write a cache entry this job may read (a workflow on the default branch, however little its
// permissions) could then write any file on the runner of a job holding the Kondado and GitHub
// tokens. The library also prints what the service and the entry hold (the matched key), and a
// key can carry `\r::command::`. So the run history is not a file here: it is a bounded JSON
// document, read into memory and written from memory, and no file is written at all.
//
// The protocol, as @actions/cache 6 speaks it (its lib/cache.js and lib/internal/shared/):
// twirp calls as JSON, with the runner's ACTIONS_RUNTIME_TOKEN, to ACTIONS_RESULTS_URL
// (GetCacheEntryDownloadURL, CreateCacheEntry, FinalizeCacheEntryUpload); the content itself
// goes to and from the signed blob URLs the service gives (Azure Blob Storage: one Put Blob,
// one GET), with no token. Each exchange here has timeouts, a size limit, follows no redirect
// (undici follows none unless told to), and goes only to a URL the service gave: https, or
// plain http on this machine when the service itself is there (the simulator's stand-in).
/** A run history is a few KiB (100 resources of 5 runs at most is under 40 KiB): more is not one. */
const MAX_ENTRY_BYTES = 64 * 1024;
/** The service's answers are a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;
const CONNECT_TIMEOUT_MS = 5_000;
const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';
/** The Blob Storage REST version the upload names: the one the Azure SDK under @actions/cache 6.3 sends. */
const BLOB_API_VERSION = '2026-10-06';
/**
 * The service keeps entries apart by key and version, and matches only entries of the version
 * asked for: a tar archive that @actions/cache saved is never handed to this client. The same
 * shape as the library's versions (64 hex digits), of a name of its own.
 */
const ENTRY_VERSION = (0,external_node_crypto_.createHash)('sha256').update('kondado-action|run-history|json|1').digest('hex');
class CacheError extends Error {
    fault;
    constructor(fault) {
        super(fault.kind);
        this.name = 'CacheError';
        this.fault = fault;
    }
}
const isLoopbackHttp = (url) => url.protocol === 'http:' && (0,src_core/* isLoopbackHost */.cW)(url.hostname);
/** As @actions/cache decides: GitHub Enterprise Server has only the older protocol, which this client does not speak. */
function isEnterpriseServer(variables) {
    let host;
    try {
        host = new URL(variables.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
    }
    catch {
        return true;
    }
    return !(host === 'github.com' || host.endsWith('.ghe.com') || host.endsWith('.localhost'));
}
/** The runner's cache mode: unset or unknown permits both, as in @actions/cache. */
const KNOWN_MODES = new Set(['none', 'read', 'write', 'write-only']);
/** The cache service this runner offers, or `undefined` when it offers none this client can use. */
function cacheServiceFor(variables) {
    const base = variables.ACTIONS_RESULTS_URL;
    const token = variables.ACTIONS_RUNTIME_TOKEN;
    if (!variables.ACTIONS_CACHE_SERVICE_V2 || !base || !token || isEnterpriseServer(variables))
        return undefined;
    const mode = (variables.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    const known = KNOWN_MODES.has(mode);
    const permits = (allowed) => {
        if (known && !allowed.includes(mode))
            throw new CacheError({ kind: 'mode', mode });
    };
    return new ActionsCacheClient(base, token, variables, {
        read: () => permits(['read', 'write']),
        write: () => permits(['write', 'write-only']),
    });
}
class ActionsCacheClient {
    #base;
    #token;
    #variables;
    #permits;
    constructor(base, token, variables, permits) {
        this.#base = base;
        this.#token = token;
        this.#variables = variables;
        this.#permits = permits;
    }
    async read(key, restoreKeys, signal) {
        this.#permits.read();
        return this.#session(signal, async (send) => {
            const found = await this.#twirp(send, 'GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version: ENTRY_VERSION });
            if (found.ok !== true)
                return undefined;
            // The matched key is never shown: it is whatever the entry's writer chose.
            const url = this.#signedUrl(found.signed_download_url ?? found.signedDownloadUrl);
            const response = await send(url, { method: 'GET', headers: { accept: 'application/octet-stream' } });
            if (response.statusCode !== 200)
                return fail(response, { kind: 'status', status: response.statusCode });
            return readBounded(response, MAX_ENTRY_BYTES);
        });
    }
    async write(key, content, signal) {
        this.#permits.write();
        if (content.length > MAX_ENTRY_BYTES)
            throw new CacheError({ kind: 'too-large', limitBytes: MAX_ENTRY_BYTES });
        await this.#session(signal, async (send) => {
            const created = await this.#twirp(send, 'CreateCacheEntry', { key, version: ENTRY_VERSION });
            if (created.ok !== true)
                throw new CacheError({ kind: 'refused', message: actions_cache_text(created.message) });
            const url = this.#signedUrl(created.signed_upload_url ?? created.signedUploadUrl);
            const uploaded = await send(url, {
                method: 'PUT',
                body: content,
                headers: {
                    'x-ms-blob-type': 'BlockBlob',
                    'x-ms-version': BLOB_API_VERSION,
                    'content-type': 'application/octet-stream',
                },
            });
            if (uploaded.statusCode < 200 || uploaded.statusCode > 299)
                return fail(uploaded, { kind: 'status', status: uploaded.statusCode });
            await readBounded(uploaded, MAX_ANSWER_BYTES);
            // int64 travels as a string in twirp's JSON.
            const finalized = await this.#twirp(send, 'FinalizeCacheEntryUpload', {
                key,
                version: ENTRY_VERSION,
                size_bytes: String(content.length),
            });
            if (finalized.ok !== true)
                throw new CacheError({ kind: 'refused', message: actions_cache_text(finalized.message) });
        });
    }
    /** One operation's connections: closed at its end, so nothing is left to hold the process open. */
    async #session(signal, work) {
        const dispatcher = this.#dispatcher();
        const send = (url, options) => (0,undici/* request */.Em)(url, { ...options, dispatcher, signal });
        try {
            return await work(send);
        }
        catch (error) {
            if (error instanceof CacheError)
                throw error;
            if (signal.aborted)
                throw new CacheError({ kind: 'timeout' });
            throw new CacheError({ kind: 'network', code: networkCode(error) });
        }
        finally {
            await dispatcher.destroy().catch(() => undefined);
        }
    }
    /** Direct, or through the proxy the runner names (HTTPS_PROXY and NO_PROXY, as @actions/cache reads them). */
    #dispatcher() {
        const v = this.#variables;
        const timeouts = { connectTimeout: CONNECT_TIMEOUT_MS, headersTimeout: CONNECT_TIMEOUT_MS * 2, bodyTimeout: CONNECT_TIMEOUT_MS * 2 };
        const httpProxy = v.http_proxy ?? v.HTTP_PROXY;
        const httpsProxy = v.https_proxy ?? v.HTTPS_PROXY;
        const noProxy = v.no_proxy ?? v.NO_PROXY;
        return new undici/* EnvHttpProxyAgent */.J2({
            ...timeouts,
            ...(httpProxy ? { httpProxy } : {}),
            ...(httpsProxy ? { httpsProxy } : {}),
            ...(noProxy ? { noProxy } : {}),
        });
    }
    async #twirp(send, method, body) {
        const url = this.#serviceUrl(method);
        const response = await send(url, {
            method: 'POST',
            body: JSON.stringify(body),
            headers: {
                authorization: `Bearer ${this.#token}`,
                'content-type': 'application/json',
                accept: 'application/json',
                'user-agent': 'kondado-github-action',
            },
        });
        if (response.statusCode < 200 || response.statusCode > 299)
            return fail(response, { kind: 'status', status: response.statusCode });
        let answer;
        try {
            answer = JSON.parse((await readBounded(response, MAX_ANSWER_BYTES)).toString('utf8'));
        }
        catch (error) {
            if (error instanceof SyntaxError)
                throw new CacheError({ kind: 'answer' });
            throw error;
        }
        if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
            throw new CacheError({ kind: 'answer' });
        return answer;
    }
    /** The service's own address: https, or plain http on this machine (a stand-in). The token goes only here. */
    #serviceUrl(method) {
        const base = parsed(this.#base);
        if (!base || !(base.protocol === 'https:' || isLoopbackHttp(base)) || base.username || base.password)
            throw new CacheError({ kind: 'address' });
        return new URL(`${TWIRP}${method}`, base);
    }
    /**
     * A blob URL as the service gave it: https, with no user or password in it; plain http only on
     * this machine and only when the service itself is there. Anything else is not fetched.
     */
    #signedUrl(value) {
        const url = parsed(actions_cache_text(value));
        const service = parsed(this.#base);
        const local = url !== undefined && isLoopbackHttp(url) && service !== undefined && isLoopbackHttp(service);
        if (!url || !(url.protocol === 'https:' || local) || url.username || url.password)
            throw new CacheError({ kind: 'address' });
        return url;
    }
}
const actions_cache_text = (value) => (typeof value === 'string' ? value : '');
function parsed(value) {
    try {
        return new URL(value);
    }
    catch {
        return undefined;
    }
}
/** Ends an exchange that went wrong: its body is not read (and the error its stream then reports is ours to drop). */
function fail(response, fault) {
    response.body.on('error', () => undefined).destroy();
    throw new CacheError(fault);
}
/** The body, refused as soon as it says or proves to be longer than `limit`. */
async function readBounded(response, limit) {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit)
        fail(response, { kind: 'too-large', limitBytes: limit });
    const chunks = [];
    let size = 0;
    for await (const chunk of response.body) {
        size += chunk.length;
        if (size > limit)
            fail(response, { kind: 'too-large', limitBytes: limit });
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}
/** A network error's code in its usual shape (ECONNREFUSED, UND_ERR_SOCKET), never its message. */
function networkCode(error) {
    for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 8; e = e.cause, depth++) {
        const { code } = e;
        if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(code))
            return code;
    }
    return 'UNKNOWN';
}

;// CONCATENATED MODULE: ./src/memory/run-history-cache.ts





// The run-length memory in the GitHub Actions cache: restored once at the start of a step, saved
// once at its end. Cache entries cannot be changed, so each step saves under a key of its own and
// the next one restores the newest by prefix. Whatever goes wrong is a debug line and a step on
// the usual schedule, never a failure.
//
// Any workflow that may write this cache scope (one on the default branch, with the least of
// permissions) can plant an entry, so an entry is untrusted input: it is one JSON document of at
// most MAX_ENTRY_BYTES, fetched into memory by this action's own client (actions-cache.ts: no
// archive, no file written anywhere, nothing extracted), its every value range-checked
// (parseHistory), used only to decide when reads are spent (runsWithin), and never shown: the
// debug lines say counts and durations, and no text of an entry, its key or the service reaches
// the log except as one inert debug line (safeLines).
/** A cache that does not answer in this time is given up on: the step does not wait on a nicety. */
const CACHE_TIME_LIMIT_MS = 8_000;
const KEY_PREFIX = 'kondado-run-history-v1';
/** Cache keys are limited to 512 characters: a long list of resources is named by its hash. */
const LONGEST_RESOURCE_PART = 200;
const hash = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 16);
/** Only steps that wait for runs use the memory, and only when the user gave no `expected-duration`. */
function usesRunHistory(inputs) {
    const { step } = inputs;
    const waits = step.command === 'wait' || (step.command === 'run' && step.wait);
    return inputs.runHistory && waits && step.polling.expectedDurationMs === undefined;
}
function cacheKeys(key, resources, variables) {
    const base = `${KEY_PREFIX}-${hash(variables.GITHUB_REPOSITORY ?? '')}-${hash(key)}-`;
    const names = resources.map(src_core/* resourceKey */.ik).sort().join('_');
    const exact = `${base}${names.length > LONGEST_RESOURCE_PART ? hash(names) : names}-`;
    const unique = `${exact}${variables.GITHUB_RUN_ID ?? '0'}-${variables.GITHUB_RUN_ATTEMPT ?? '0'}-${(0,external_node_crypto_.randomUUID)().slice(0, 8)}`;
    return { exact, base, unique };
}
/**
 * Text made safe for the debug log, as lines: split at every line break (`\r` too, which a
 * runner takes for one), each made inert (`scrub`: no control, escape or invisible characters,
 * bounded), with no `##[` anywhere (broken as report/neutralize.ts breaks it) and no `::` to
 * start it. Each line then goes out as a `::debug::` command, so none can start a command of its
 * own, and none is `::add-mask::`. main.ts's logger neutralizes every line again: this holds
 * whoever the `debug` callback is.
 */
function safeLines(text) {
    return text
        .split(/[\r\n\u0085\u2028\u2029]+/)
        .map((line) => noLegacyCommand((0,src_core/* scrub */._I)(line, (t) => t, 500)).replace(/^[\s:]+/, ''))
        .filter((line) => line !== '');
}
/**
 * Why the cache could not be used, in the action's words; what the service said only as one inert
 * excerpt. Anything else (a bug) by its name only, as main.ts does.
 */
function why(error, m, timeLimitMs) {
    if (!(error instanceof CacheError))
        return error instanceof Error ? error.name : typeof error;
    const { fault } = error;
    switch (fault.kind) {
        case 'status':
            return m.history.answered(fault.status);
        case 'refused':
            return m.history.refused((0,src_core/* scrub */._I)(fault.message, (t) => t, 120));
        case 'network':
            return m.history.network(fault.code);
        case 'too-large':
            return m.history.tooLarge(`${fault.limitBytes / 1024} KiB`);
        case 'address':
            return m.history.address;
        case 'answer':
            return m.history.answer;
        case 'timeout':
            return m.history.timedOut((0,src_core/* formatDuration */.a3)(timeLimitMs));
        case 'mode':
            return m.history.mode(fault.mode);
    }
}
function runHistoryStore(inputs, variables, m, debug, timeLimitMs = CACHE_TIME_LIMIT_MS) {
    const resources = (0,src_core/* resourcesOf */.F3)(inputs.step);
    const keys = cacheKeys(inputs.credentials.key, resources, variables);
    const say = (text) => safeLines(text).forEach((line) => debug(line));
    return {
        async restore() {
            try {
                const service = cacheServiceFor(variables);
                if (!service) {
                    say(m.history.unavailable(m.history.noService));
                    return src_core/* emptyHistory */.s4;
                }
                const entry = await service.read(keys.exact, [keys.exact, keys.base], AbortSignal.timeout(timeLimitMs));
                if (entry === undefined) {
                    say(m.history.none);
                    return src_core/* emptyHistory */.s4;
                }
                const { history, readable, leftOut } = (0,src_core/* parseHistory */.i6)(entry.toString('utf8'), Date.now(), inputs_inputs/* DURATION_RANGE_MS */.sz.max);
                if (!readable) {
                    say(m.history.unreadable);
                    return src_core/* emptyHistory */.s4;
                }
                if (leftOut > 0)
                    say(m.history.leftOut(leftOut));
                const known = resources.map((r) => (0,src_core/* runsWithin */.KQ)(history, r, inputs.step.timeoutMs)).filter((runs) => runs.length > 0);
                say(m.history.restored(known.reduce((sum, runs) => sum + runs.length, 0), known.length));
                for (const r of resources) {
                    const end = (0,src_core/* predictEnd */.Rx)((0,src_core/* runsWithin */.KQ)(history, r, inputs.step.timeoutMs));
                    if (end)
                        say(m.history.expected(m.resource(r.kind, r.id), (0,src_core/* formatDuration */.a3)(end.fromMs), (0,src_core/* formatDuration */.a3)(end.toMs)));
                }
                return history;
            }
            catch (error) {
                say(m.history.unavailable(why(error, m, timeLimitMs)));
                return src_core/* emptyHistory */.s4;
            }
        },
        async save(history) {
            try {
                const service = cacheServiceFor(variables);
                if (!service) {
                    say(m.history.unsaved(m.history.noService));
                    return;
                }
                await service.write(keys.unique, Buffer.from((0,src_core/* serializeHistory */.ph)(history), 'utf8'), AbortSignal.timeout(timeLimitMs));
                say(m.history.saved(Object.values(history.runs).reduce((sum, runs) => sum + runs.length, 0)));
            }
            catch (error) {
                say(m.history.unsaved(why(error, m, timeLimitMs)));
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/report/reason.ts
// The reason cell of the job summary: why a resource did not pass, in a few words of the user's
// language, with Kondado's own text kept exactly. Where there is more to say (an error's advice,
// what to check after a run not seen to start), it is said once, below the table.



/**
 * The longest status shown in the status column (`error_building_tables`): a longer one has no
 * break opportunity and widens the column until the resource links wrap at GitHub's summary width.
 */
const STATUS_CELL_MAX = 21;
const isLong = (status) => status.length > STATUS_CELL_MAX;
/** Kondado's status exactly, or for a long one a word, the reason cell then showing it in full. */
function statusCell(m, snapshot) {
    if (!snapshot)
        return inert(m.noState);
    return isLong(snapshot.status) ? inert(m.reason.shortStatus(snapshot.status)) : codeCell(snapshot.status);
}
/** Words for each cause of an unhealthy state; Kondado's message is its exact text. */
function stateReasons(m, kind, snapshot) {
    return (0,src_core/* causesOf */.cZ)(kind, snapshot).map((cause) => {
        switch (cause) {
            case 'status':
                return `${inert(m.reason.status(snapshot.status))}${isLong(snapshot.status) ? ` (${codeCell(snapshot.status)})` : ''}`;
            case 'error-text':
                return inert(snapshot.rawMsg ?? '');
            case 'model-not-run':
                return `${inert(m.reason['model-not-run'])} (${codeCell(snapshot.kuboStatusType ?? 'null')})`;
            case 'mid-change':
                return inert(m.reason['mid-change']);
        }
    });
}
/** The reason cell as Markdown, empty for a passing resource. */
function reasonCell(m, r, settings) {
    const window = (0,src_core/* formatDuration */.a3)((0,src_core/* startWindowMs */.vm)(r.resource.kind, settings));
    if (r.keyRefusedBefore)
        return inert(m.reason['not-read']);
    if (r.notTriggered && r.snapshot)
        return [...stateReasons(m, r.resource.kind, r.snapshot), inert(m.reason['not-triggered'])].join('; ');
    // Kondado's own words say more than a code: "refused, HTTP 200" alone told the user nothing.
    const said = r.problem?.details.excerpt ? `: "${inert(r.problem.details.excerpt)}"` : '';
    if (r.runRefused)
        return `${inert(m.reason['run-refused'])}${said}`;
    if (r.problem && r.verdict !== 'cancelled')
        return `${inert(m.problemLabel(r.problem.code, r.problem.details))}${said}`;
    switch (r.verdict) {
        case 'unhealthy':
            return r.snapshot ? stateReasons(m, r.resource.kind, r.snapshot).join('; ') : '';
        case 'unknown-status':
            return `${inert(m.reason['unknown-status'])}${r.snapshot && isLong(r.snapshot.status) ? ` (${codeCell(r.snapshot.status)})` : ''}`;
        case 'not-started':
            if (r.nextRun)
                return inert(m.reason['next-not-started'](window, afterPipelines(settings)));
            return inert(r.triggerUnconfirmed ? m.reason['not-started-unconfirmed'](window) : m.reason['not-started'](window));
        case 'timed-out':
            return inert(m.reason['timed-out']((0,src_core/* formatDuration */.a3)(settings.timeoutMs)));
        case 'cancelled':
            return inert(m.reason.cancelled);
        case 'already-running':
            return inert(m.reason['already-running']);
        case 'not-waited':
            return inert(m.reason['not-waited']);
        default:
            return '';
    }
}
/**
 * Whether the full explanation adds to the reason cell: an error's advice, what to check after a run
 * not seen to start, what to do about a pipeline that cannot run. A resource never read because the
 * key was refused adds nothing: the refusal is explained once, on the resource it was refused for.
 */
const needsAdvice = (r) => !r.keyRefusedBefore &&
    ((r.problem !== undefined && r.verdict !== 'cancelled') || r.verdict === 'not-started' || r.notTriggered !== undefined);

;// CONCATENATED MODULE: ./src/report/summary.ts




const ICONS = {
    healthy: '✅',
    started: '✅',
    created: '✅',
    unhealthy: '❌',
    'unknown-status': '❓',
    'already-running': '⏸️',
    'not-started': '❌',
    'timed-out': '⏱️',
    error: '❌',
    cancelled: '🛑',
    'not-waited': '⏭️',
};
const ACTION_REPOSITORY = 'kondado/kondado-action';
/**
 * The catalogue in the user's language, in the repository and at the ref the runner says this
 * action came from (a fork, or a commit pinned before a release, gets its own docs); the
 * published action's main branch when run from a checkout (`uses: ./`, a local try-out).
 */
function docsFor(language, env) {
    const safe = (value, pattern) => (value && pattern.test(value) ? value : undefined);
    const server = safe(env.GITHUB_SERVER_URL, /^https:\/\/[\w.-]+(:\d+)?$/) ?? 'https://github.com';
    const repository = safe(env.GITHUB_ACTION_REPOSITORY, /^[\w.-]+\/[\w.-]+$/);
    const ref = (repository && safe(env.GITHUB_ACTION_REF, /^[\w./-]+$/)) || 'main';
    const file = language === 'pt-BR' ? 'troubleshooting.pt-BR.md' : 'troubleshooting.md';
    return { troubleshooting: `${server}/${repository ?? ACTION_REPOSITORY}/blob/${ref}/docs/${file}` };
}
/** A failing resource's link to the catalogue entry that says what its failure means and what to do. */
function whatToDo(m, r, docs) {
    const why = whyOf(r);
    return why ? ` ([${inert(m.reason.whatToDo)}](${docs.troubleshooting}#${anchorOf(why)}))` : '';
}
/** The summary's first line: how many passed, and if not, the first thing to do. */
function headline(m, report) {
    const total = report.resources.length;
    if (total === 0 || report.cancelled)
        return undefined;
    const failing = report.resources.filter((r) => !(0,src_core/* isPassing */.WG)(r.verdict));
    const first = failing[0];
    if (!first)
        return `✅ ${inert(m.summary.passed(total))}`;
    if (keyRefusedFirst(report))
        return `❌ ${inert(m.summary.keyRefused)}`;
    const why = whyOf(first);
    const todo = why ? ` ${m.summary.firstToDo(subjectOf(m, first), todoOf(m, why))}` : '';
    return `❌ ${inert(`${m.summary.failed(failing.length, total)}${todo}`)}`;
}
function resourceRow(m, r, settings, docs) {
    // With 'if-running: fail' nothing was waited for: the verdict itself says it was already running.
    const waited = r.alreadyRunning && settings.ifRunning !== 'fail';
    const notes = [
        waited ? m.summary.alreadyRunning : '',
        r.triggerUnconfirmed ? m.summary.triggerUnconfirmed : '',
        r.nextRun ? m.summary.nextRun : '',
    ].filter(Boolean);
    const cells = [
        `[${inert(subjectOf(m, r))}](${(0,src_core/* appUrl */.RM)(r.resource)})`,
        statusCell(m, r.snapshot),
        `${ICONS[r.verdict]} ${inert(m.verdict[r.verdict])}${notes.length ? ` (${inert(notes.join('; '))})` : ''}`,
        (0,src_core/* formatDuration */.a3)(r.elapsedMs),
        `${reasonCell(m, r, settings)}${whatToDo(m, r, docs)}`,
    ];
    return settings.command === 'status' ? cells.filter((_, i) => i !== TIME_COLUMN) : cells;
}
const TIME_COLUMN = 3;
/**
 * When a gate checked, to the second, in UTC: the runner's clock, read once the step is done. The date is ISO
 * (`2026-12-07`) and the time `00:17:24`; each language's `summary.checked` writes them its own way.
 */
const utcDateTime = (at) => {
    const iso = at.toISOString();
    return [iso.slice(0, 10), iso.slice(11, 19)];
};
function duplicateSection(m, request, newId) {
    const base = `[${request.basePipelineId}](${(0,src_core/* appUrl */.RM)({ kind: 'pipeline', id: request.basePipelineId })})`;
    const created = newId === undefined ? '—' : `[${newId}](${(0,src_core/* appUrl */.RM)({ kind: 'pipeline', id: newId })})`;
    const runsNow = request.runAtOnce ? m.summary.yes : m.summary.no;
    const paths = Object.keys(request.fullTables);
    const mapping = paths.map((path) => [
        path === '' ? inert(m.summary.mainTable) : codeCell(path),
        inert(request.fullTables[path] ?? ''),
        inert(request.deltasTables?.[path] ?? ''),
    ]);
    const name = request.name === undefined ? inert(m.summary.baseName(request.basePipelineId)) : inert(request.name);
    return [
        table(m.summary.duplicateHeaders, [
            [base, created, name, String(request.sourceCollectionId), String(request.destinationCollectionId), runsNow],
        ]),
        table(m.summary.tableHeaders, mapping),
    ].join('\n\n');
}
/** A re-run's promotion: the pipeline an earlier run made, and a link to that run. */
const reusedNote = (m, pipelineId, runUrl) => `> ♻️ ${inert(m.github.alreadyPromoted(pipelineId))} [${inert(m.github.madeBy)}](${runUrl})`;
/**
 * The job summary as Markdown: pure, so it can be checked in a test and rendered anywhere.
 * `finishedAt` is when the step ended, for a gate's "checked at".
 */
function renderSummary(m, report, settings, finishedAt, docs = docsFor('en', {})) {
    const parts = [`## ${m.summary.title(report.command)}`];
    const first = headline(m, report);
    if (first)
        parts.push(first);
    if (settings.command === 'duplicate')
        parts.push(duplicateSection(m, settings.duplicate, report.newPipelineId));
    const duplicateFailed = promotionFailure(m, report, settings) ?? duplicateFailure(m, report, settings);
    if (duplicateFailed)
        parts.push(`> ❌ ${inert(duplicateFailed)}`);
    if (report.promotion?.outcome === 'reused')
        parts.push(reusedNote(m, report.promotion.pipelineId, report.promotion.runUrl));
    if (report.resources.length > 0)
        parts.push(table(settings.command === 'status' ? m.summary.gateHeaders : m.summary.headers, report.resources.map((r) => resourceRow(m, r, settings, docs))));
    const explanations = report.resources
        .filter(needsAdvice)
        .map((r) => explain(m, r, settings))
        .filter((text) => text !== undefined);
    if (explanations.length > 0)
        parts.push(explanations.map((text) => `- ${inert(text)}`).join('\n'));
    if (report.cancelled)
        parts.push(`> ${inert(m.summary.cancelledNote)}`);
    else if (report.resources.some((r) => r.verdict === 'timed-out'))
        parts.push(`> ${inert(m.summary.timeoutNote)}`);
    const elapsed = (0,src_core/* formatDuration */.a3)(report.elapsedMs);
    parts.push(inert(settings.command === 'status' && finishedAt ? m.summary.checked(...utcDateTime(finishedAt), elapsed) : m.summary.total(elapsed)));
    return `${parts.join('\n\n')}\n`;
}
/** A step refused for its inputs writes a short summary too: the inputs named, nothing sent. */
function renderInputErrors(m, command, count, message) {
    const lines = message.split('\n').map((line) => `- ${inert(line)}`);
    return `${[`## ${m.summary.title(command)}`, `❌ ${inert(m.summary.inputErrors(count))}`, lines.join('\n')].join('\n\n')}\n`;
}

;// CONCATENATED MODULE: ./src/main.ts















const defaultEnvironment = () => ({
    clock: src_core/* systemClock */.ml,
    random: Math.random,
    transport: (proxy) => (0,src_core/* createUndiciTransport */.OX)(src_core/* DEFAULT_LIMITS */.dR, (0,src_core/* createDispatcher */.SM)(src_core/* DEFAULT_LIMITS */.dR, proxy)),
    runnerTemp: process.env.RUNNER_TEMP,
});
/** The action: inputs in, one step run by the core, outputs, log and summary out. */
async function run(environment = defaultEnvironment()) {
    let inputs;
    try {
        inputs = (0,inputs_inputs/* readInputs */.Ko)();
    }
    catch (error) {
        if (!(error instanceof inputs_inputs/* InputError */.dz))
            return core/* setFailed */.C1(en.en.step.internalError(errorName(error)));
        // An input echoed back is text from outside: inert to the runner.
        core/* setFailed */.C1(forLog(error.message));
        // Written only where the runner gives a summary file: a warning that it could not be would bury the input error.
        if (process.env.GITHUB_STEP_SUMMARY) {
            // As the parser reads them: any case.
            const given = (name) => core/* getInput */.V4(name).trim().toLowerCase();
            const language = messages/* LANGUAGES */.Y.find((l) => l.toLowerCase() === given('language')) ?? 'en';
            const command = commands/* COMMANDS */.Lo.find((c) => c === given('command')) ?? inputs_inputs/* FALLBACKS */.i4.command;
            const m = (0,messages/* messagesFor */.k)(language);
            await writeSummary(renderInputErrors(m, command, error.inputs.length, error.message), m);
        }
        return;
    }
    const redact = (0,src_core/* createRedactor */.lY)([inputs.credentials.key, inputs.credentials.token, inputs.github.token]);
    const m = (0,messages/* messagesFor */.k)(inputs.language);
    const controller = new AbortController();
    const cancel = () => controller.abort(new Error('cancelled'));
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    try {
        const github = await loadGitHub(inputs, environment.clock, environment.random);
        const { report, deadline } = await execute(inputs, environment, m, redact, controller.signal, github);
        const verdict = await publish(inputs, m, redact, report, new Date(environment.clock.now()));
        if (github && inputs.github.prComment)
            await commentOnPullRequest(github, m, redact, { ...verdict, deadline }, environment.clock);
    }
    catch (error) {
        core/* setFailed */.C1(m.step.internalError(errorName(error)));
    }
    finally {
        process.off('SIGINT', cancel);
        process.off('SIGTERM', cancel);
    }
}
const codeOf = (error) => typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
/** Why a file cannot be written, as the system says it (ENOENT, EACCES...); undefined when it can. */
function accessCodeOf(path) {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.W_OK);
        return undefined;
    }
    catch (error) {
        return codeOf(error);
    }
}
/**
 * A bug rather than an answer from Kondado: only the error's name is shown. Its message or stack
 * could quote a request URL, and every request URL carries the token.
 */
const errorName = (error) => (error instanceof Error ? error.name : typeof error);
async function execute(inputs, env, m, redact, signal, github) {
    const logger = runnerLogger(redact, inputs.failOnError);
    const log = new EventLog(m, logger, inputs.step, env.clock.now, inputs.requestsPerMinute);
    const sends = sendsFile(env.runnerTemp, inputs.credentials.key);
    const historyStore = usesRunHistory(inputs) ? runHistoryStore(inputs, process.env, m, (line) => logger.debug(line)) : undefined;
    const restored = await historyStore?.restore();
    const { report, recentSends, deadline, history: seen, } = await (0,src_core/* composeStep */.xA)({ ...inputs, settings: inputs.step, transport: env.transport(inputs.proxy) }, {
        clock: env.clock,
        random: env.random,
        signal,
        redact,
        onEvent: log.onEvent,
        onPause: (ms) => log.paused(ms),
        onHold: (until) => log.held(until),
        onRetry: (problem, delayMs, resource) => log.retrying(problem, delayMs, resource),
        onRequest: (record) => log.request(record),
        sentBefore: loadSends(sends),
        ...(restored ? { history: restored } : {}),
        ...(github ? { records: (deadline) => github.records(deadline) } : {}),
    });
    saveSends(sends, recentSends);
    if (seen)
        await historyStore?.save(seen);
    return { report, deadline };
}
/**
 * The verdict first, then the summary: a runner without a summary file must not cost the step its
 * verdict. Returns both, for the pull-request comment.
 */
async function publish(inputs, m, redact, report, finishedAt) {
    for (const [name, value] of Object.entries(outputsOf(report)))
        core/* setOutput */.uH(name, redact(value));
    const failure = stepFailure(m, report, inputs.step);
    if (failure && (inputs.failOnError || report.cancelled))
        core/* setFailed */.C1(forLog(redact(failure)));
    else if (failure)
        core/* warning */.$e(forLog(redact(`${failure} ${m.step.reportedOnly}`)));
    const unrecorded = promotionWarning(m, report, inputs.step);
    if (unrecorded)
        core/* warning */.$e(forLog(redact(unrecorded)));
    const summary = renderSummary(m, report, inputs.step, finishedAt, docsFor(inputs.language, process.env));
    await writeSummary(redact(summary), m);
    return { failure, summary };
}
/** The job summary, or a warning that says why it could not be written; never a failure of its own. */
async function writeSummary(markdown, m) {
    try {
        await core/* summary */.z.addRaw(markdown).write();
    }
    catch (error) {
        const path = process.env.GITHUB_STEP_SUMMARY;
        // The path is the runner's own, not a secret; the system's code says what went wrong with it
        // (@actions/core words a file it cannot reach without one, so the file is asked directly).
        const code = codeOf(error) ?? (path ? accessCodeOf(path) : undefined) ?? errorName(error);
        core/* warning */.$e(forLog(m.step.summaryUnwritten(path ? m.step.summaryFileError(path, code) : m.step.noSummaryFile)));
    }
}
/** With `fail-on-error: false` a failing resource is a warning: an error annotation on a passing step would contradict it. */
function runnerLogger(redact, failOnError) {
    return {
        info: (line) => core/* info */.pq(forLog(redact(line))),
        debug: (line) => core/* debug */.Yz(forLog(redact(line))),
        error: (line, title) => (failOnError ? core/* error */.z3 : core/* warning */.$e)(forLog(redact(line)), { title: forLog(redact(title)) }),
    };
}


/***/ }),

/***/ 485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   en: () => (/* binding */ en)
/* harmony export */ });
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6364);

/**
 * Every word the action says in English. `pt-BR.ts` has the same shape; the rest of the code
 * speaks through `Messages` and never writes user-facing text of its own.
 */
const kindName = (kind) => (kind === 'pipeline' ? 'pipeline' : 'model');
const said = (d) => (d.excerpt ? ` Kondado said: "${d.excerpt}".` : '');
/** How the retries of a read ended: they ran out, or the timeout came before one got `got`. */
const gaveUp = (d, got) => d.tries
    ? `, and all ${d.tries} tries over ${(0,_core_index_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(d.triedForMs ?? 0)} failed (no retries left)`
    : `, and no retry within the timeout got ${got}`;
const http = (d) => (d.httpStatus ? ` (HTTP ${d.httpStatus})` : '');
const list = (items, word) => items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`;
const anyOf = (items) => list(items, 'or');
const quotedList = (items, word) => list(items.map((item) => `'${item}'`), word);
const en = {
    resource: (kind, id) => `${kindName(kind)} ${id}`,
    input: {
        required: (name) => `Input '${name}' is required.`,
        requiredFor: (name, command) => `Input '${name}' is required for command '${command}'.`,
        notAllowedFor: (name, command, commands) => `Input '${name}' is not used by command '${command}', only by ${quotedList(commands, 'and')}: remove it, or use ${commands.length === 1 ? 'that command' : 'one of those commands'}.`,
        idsRequired: (command, pipelines, models) => `Command '${command}' needs at least one id: set '${pipelines}', '${models}' or both.`,
        notId: (name, value) => `Input '${name}': '${value}' is not an id (ids are positive whole numbers, e.g. 2040).`,
        idTooLarge: (name, value, largest) => `Input '${name}': '${value}' is too large for an id (the largest is ${largest}); check that two ids are not run together.`,
        clientCode: (name, value, number) => `Input '${name}': '${value}' is the account code as the app shows it; give the number before the dash: ${number}.`,
        oneId: (name) => `Input '${name}' takes exactly one id for command 'duplicate' (the base pipeline).`,
        choice: (name, value, choices) => `Input '${name}': '${value}' is not one of ${choices.map((c) => `'${c}'`).join(', ')}.`,
        boolean: (name, value) => `Input '${name}': '${value}' is not 'true' or 'false'.`,
        duration: (name, value) => `Input '${name}': '${value}' is not a duration (use seconds or a unit, decimals allowed: '90', '90s', '1.5m', '2h').`,
        durationRange: (name, value, min, max) => `Input '${name}': '${value}' is out of range: give a duration from ${min} to ${max}.`,
        number: (name, value, min, max) => `Input '${name}': '${value}' is not a number from ${min} to ${max}.`,
        maxBelowMin: (max, min) => `Input '${max}' must be at least '${min}'.`,
        json: (name) => `Input '${name}' is not valid JSON: give a JSON object such as {"": "new_table"}.`,
        jsonObject: (name) => `Input '${name}' must be a JSON object (in braces), not an array, string or number.`,
        jsonDepth: (name, max) => `Input '${name}' nests objects or arrays more than ${max} levels deep: give a flatter JSON object.`,
        stringMap: (name, path) => `Input '${name}': the value for table path '${path}' must be a non-empty string (the new table name).`,
        mainTable: (name) => `Input '${name}' must name the main table with the empty path "" (e.g. {"": "orders_prod"}).`,
        baseUrl: (value, example) => `Input 'base-url': '${value}' is not a URL such as ${example}.`,
        baseUrlHttps: (value, hosts) => `Input 'base-url': '${value}' must use https (the token travels in the URL); plain http is allowed only for ${anyOf(hosts)}.`,
        baseUrlParts: () => `Input 'base-url' must not carry a user name, password, query or fragment.`,
        proxy: (variable) => `Environment variable '${variable}' is not a proxy address such as http://proxy.example.com:3128 (http or https).`,
        modelsNeedWait: (models, wait) => `Input '${models}' needs '${wait}: true' for command 'run': the models are waited for once their pipelines have ended, and '${wait}: false' returns as soon as the pipelines start.`,
        unusedWithout: (name, needed) => `Input '${name}' is not used without '${needed}': remove it, or set '${needed}'.`,
        login: (name, value) => `Input '${name}': '${value}' is not a GitHub login (letters, digits, hyphens and underscores, with '[bot]' at the end for an app's token, e.g. 'github-actions[bot]').`,
    },
    problem: (code, d, subject) => {
        switch (code) {
            case 'credentials-refused':
                return `Kondado refused the key or token while reading ${subject}${http(d)}.${said(d)} Check the key and token secrets, and that the token is still switched on in Kondado (Settings -> Tokens) and belongs to a user who can see ${subject}.`;
            case 'not-found':
                return `Kondado does not know ${subject}, or this token cannot see it${http(d)}.${said(d)} Check the id in the app URL.`;
            case 'rejected':
                return `Kondado refused the request for ${subject}${d.httpStatus === 200 ? ' (its answer said success: false)' : http(d)}.${said(d)} ${d.excerpt ? 'Correct what it names' : "Check the ids and this step's inputs"}, then run the step again: the same request gets the same answer.`;
            case 'server-error':
                return `Kondado failed with a server error for ${subject}${http(d)}${gaveUp(d, 'a good answer')}.${said(d)} Try again later.`;
            case 'unreadable-answer':
                return `Kondado's answer for ${subject} could not be read${http(d)}${gaveUp(d, 'a readable one')}.${said(d)}`;
            case 'redirect':
                return `Kondado answered ${subject} with a redirect${http(d)}, which this action never follows (the token would go with it). Check 'base-url'.`;
            case 'too-large':
                return `Kondado's answer for ${subject} was larger than any status answer can be, and was cut off. Check 'base-url'.`;
            case 'network':
                if (d.nothingListensAt)
                    return `Could not reach Kondado for ${subject} (${d.networkCode ?? 'network error'}): nothing is listening at ${d.nothingListensAt}, the 'base-url' on this machine. Start the simulator or server there first, or correct 'base-url'.`;
                return `Could not reach Kondado for ${subject} (${d.networkCode ?? 'network error'})${gaveUp(d, 'through')}. Check 'base-url' and the runner's network.`;
            case 'rate-limited':
                return `Kondado answered RATE_LIMIT_EXCEEDED for ${subject}, and the pause it asked for would outlast the timeout. Other jobs may share this key (or this runner's IP address): let them take turns with a concurrency group per key, or lower 'requests-per-minute'.`;
            case 'deadline':
                return `The timeout came before Kondado answered for ${subject}.`;
            case 'cancelled':
                return `The workflow was cancelled while waiting for ${subject}.`;
            case 'internal':
                return `The Kondado action itself failed (${d.errorName ?? 'error'}) while working on ${subject}: a bug, not an answer from Kondado. Please report this at the action's repository.`;
        }
    },
    /** A few words for a problem, inside a log line: what kind, and the HTTP status or network code. */
    problemLabel: (code, d) => {
        const labels = {
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
        };
        if (d.nothingListensAt)
            return `nothing listening at ${d.nothingListensAt}`;
        const detail = d.httpStatus ? `HTTP ${d.httpStatus}` : (d.networkCode ?? d.errorName);
        return detail ? `${labels[code]}, ${detail}` : labels[code];
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
    },
    /** Why a resource did not pass, in one sentence; `state` is the last status read. */
    explain: {
        unhealthy: (subject, state) => `${subject} is not healthy: ${state}.`,
        'unknown-status': (subject, state) => `${subject} reported a status this action does not know (${state}); it is not counted as healthy.`,
        'already-running': (subject) => `${subject} was already running or queued, and 'if-running' is 'fail'.`,
        'not-started': (subject, state, windowText) => `${subject} was triggered but not seen to start within ${windowText} (Kondado still shows ${state}). It may have been ignored (a disabled pipeline, the Essentials plan) or have run faster than one read. Check it in the app.`,
        'not-started-unconfirmed': (subject, windowText) => `The trigger for ${subject} got no answer, so it may or may not have reached Kondado, and no run showed within ${windowText}: outcome unknown. Check the app before re-running.`,
        'timed-out': (subject, state, timeoutText) => `${subject} was still not finished after the timeout of ${timeoutText} (last status: ${state}). It keeps running in Kondado.`,
        cancelled: (subject, state) => `The workflow was cancelled while waiting for ${subject} (last status: ${state}). It keeps running in Kondado.`,
        'not-waited': (subject) => `${subject} was not waited for: not every pipeline of this step ended healthy, so its next run would not build on fresh data.`,
        'next-not-started': (subject, state, windowText, afterPipelines) => afterPipelines
            ? `${subject} was not seen to start within ${windowText} after its pipelines ended (Kondado still shows ${state}). It may run on a schedule of its own rather than after these pipelines, or have run faster than one read. Check its run history in the app.`
            : `${subject} was not seen to start within ${windowText} (Kondado still shows ${state}), so no next run was judged. It may be scheduled later, or have run faster than one read. Check its run history in the app.`,
        'not-triggered': (subject, state, blocker) => ({
            disabled: `${subject} is switched off in Kondado (${state}), so no run was requested. Switch it on in the app, then run the step again.`,
            blocked: `${subject} was switched off by Kondado after failing too many times in a row (${state}), so no run was requested. Fix what its error names, switch it back on in the app, then run the step again.`,
            'tables-failed': `The tables of ${subject} could not be built (${state}), so no run was requested. Fix what its error names in the app (often the destination), then run the step again.`,
        })[blocker],
        'run-refused': (subject, said, state) => `Kondado refused to run ${subject}${said ? `: "${said}"` : ''}. Its status just before: ${state}. Act on what Kondado says, then run the step again: the same request gets the same answer.`,
        'not-read': (subject) => `${subject} was not read: Kondado had already refused the key or token, and would refuse it here too.`,
    },
    /** The reason cell of the job summary: a few words each; Kondado's own text is added as it came. */
    reason: {
        status: (status) => ({
            not_active: 'disabled in Kondado',
            error_building_tables: 'its tables could not be built',
            too_many_consecutive_failed_builds: 'failed too many times in a row',
            too_many_consecutive_failed_builds__blocked: 'blocked by Kondado after failing too many times in a row',
        })[status] ?? `status ${status}`,
        /** A status too long for the status column, in one word there; the reason cell shows it in full. */
        shortStatus: (status) => status.endsWith('__blocked') ? 'blocked' : status.startsWith('too_many_consecutive_failed') ? 'failing' : 'see reason',
        'model-not-run': 'not yet run with its new configuration',
        'mid-change': 'at rest yet still marked running: read mid-change',
        'unknown-status': 'a status this action does not know',
        'not-started': (windowText) => `not seen queued or running within ${windowText}`,
        'not-started-unconfirmed': (windowText) => `the trigger got no answer; no run seen within ${windowText}`,
        'timed-out': (timeoutText) => `still not finished at the timeout (${timeoutText})`,
        cancelled: 'the workflow was cancelled',
        'already-running': "already running or queued, and 'if-running' is 'fail'",
        'not-waited': 'not every pipeline of this step ended healthy',
        'next-not-started': (windowText, afterPipelines) => afterPipelines
            ? `not seen queued or running within ${windowText} after its pipelines ended`
            : `no next run seen within ${windowText}`,
        'not-triggered': 'no run requested',
        'run-refused': 'Kondado refused to run it',
        'not-read': 'not read: the key or token was refused',
        whatToDo: 'what to do',
    },
    state: (status, rawMsg, kubo) => [status, kubo ? `model ${kubo}` : '', rawMsg ? `"${rawMsg}"` : ''].filter(Boolean).join(', '),
    noState: 'not read',
    log: {
        status: (subject, state) => `${subject}: ${state}`,
        alreadyRunning: (subject, ifRunning) => ifRunning === 'wait'
            ? `${subject} is already running or queued: waiting for that run instead of starting a second one.`
            : ifRunning === 'rerun'
                ? `${subject} is already running or queued: waiting for that run to end, then starting a fresh one ('if-running: rerun').`
                : `${subject} is already running or queued ('if-running: fail').`,
        triggered: (subject) => `${subject}: run requested; waiting for Kondado to show it queued or running.`,
        triggerUnconfirmed: (subject, problem) => `${subject}: the run request got no clear answer (${problem}); it is not sent again. Watching the status to see whether it started.`,
        runSeen: (subject) => `${subject}: the run has started.`,
        created: (baseId, newId) => `Created pipeline ${newId} from pipeline ${baseId}.`,
        retrying: (subject, what, delay) => `${subject}: the read failed (${what}); retrying in ${delay}.`,
        request: (method, path, outcome, tookMs, waitedMs) => `${method} ${path}: ${outcome} in ${tookMs} ms, after ${waitedMs} ms waiting for its turn`,
        paused: (delay, until) => `Kondado's rate limit was reached (RATE_LIMIT_EXCEEDED): every request pauses for ${delay}, until ${until}.`,
        buildingTables: (subject) => `${subject} is building its tables: waiting for the build to end, then requesting the run.`,
        nextRead: (subject, forStart, state, until, inText) => forStart
            ? `${subject}: waiting for its run to show queued or running; next read at ${until}, in ${inText}.`
            : `${subject}: waiting for its run to end (last read: ${state}); next read at ${until}, in ${inText}.`,
        triggerHeld: (subject, until, inText) => `${subject}: the run request waits until ${until} (in ${inText}), when the request budget can also pay for the reads that confirm its start.`,
        budgetHeld: (perMinute, until, inText) => `The request budget (${perMinute} a minute) is spent: the next request goes at ${until}, in ${inText}.`,
        clock: (hhmmss) => `${hhmmss} UTC`,
        settled: (subject, verdict, state, elapsed) => `${subject}: ${verdict} (${state}) after ${elapsed}`,
        awaitingNext: (subject, windowText, afterPipelines) => afterPipelines
            ? `${subject}: its pipelines ended healthy; waiting up to ${windowText} for its next run to show queued or running.`
            : `${subject}: waiting up to ${windowText} for its next run to show queued or running ('wait-for: next'); the state shown now is not judged.`,
    },
    step: {
        failed: (count, total, which) => `${count} of ${total} ${total === 1 ? 'resource' : 'resources'} did not pass: ${which.join('; ')}.`,
        keyRefused: (d) => `Kondado refused the key or token${http(d)}: nothing was read.${said(d)} Check the key and token secrets, and that the token is still switched on in Kondado (Settings -> Tokens).`,
        duplicateFailed: (baseId, problem) => `Duplicating pipeline ${baseId} failed: ${problem}`,
        duplicateUnknown: (baseId) => `Duplicating pipeline ${baseId}: outcome unknown: check the app before re-running. The request may have reached Kondado and created a pipeline; running this step again could create a second one.`,
        cancelled: 'The workflow was cancelled. Pipelines keep running in Kondado; the summary links to them.',
        reportedOnly: 'fail-on-error is false: the verdicts above are reported without failing the step.',
        summaryUnwritten: (why) => `The job summary could not be written: ${why}. The verdict and the outputs stand.`,
        noSummaryFile: 'this runner names no summary file (GITHUB_STEP_SUMMARY is not set)',
        summaryFileError: (path, code) => `the file ${path} could not be written (${code})`,
        internalError: (name) => `The Kondado action itself failed (${name}); no verdict was reached, and nothing was reported healthy. Please report this at the action's repository.`,
    },
    summary: {
        title: (command) => ({
            run: 'Kondado: run pipelines',
            wait: 'Kondado: wait for pipelines and models',
            status: 'Kondado: health check',
            duplicate: 'Kondado: duplicate a pipeline',
        })[command],
        headers: ['Resource', 'Status', 'Verdict', 'Time waited', 'Reason'],
        /** A gate reads each resource once: when it waited is meaningless, so the footer says when it checked. */
        gateHeaders: ['Resource', 'Status', 'Verdict', 'Reason'],
        checked: (date, time, elapsed) => `Checked at ${date} ${time} UTC, in ${elapsed}.`,
        alreadyRunning: 'was already running: waited for that run',
        triggerUnconfirmed: 'trigger answer lost: not sent again',
        duplicateHeaders: [
            'Base pipeline',
            'New pipeline',
            'Name',
            'Source collection',
            'Destination collection',
            'Runs now',
        ],
        tableHeaders: ['Table path', 'New table', 'New delta table'],
        mainTable: '(main table)',
        baseName: (baseId) => `same as pipeline ${baseId}`,
        yes: 'yes',
        no: 'no',
        total: (elapsed) => `Finished in ${elapsed}.`,
        cancelledNote: 'The workflow was cancelled: Kondado keeps running the pipelines; follow them with the links above.',
        timeoutNote: 'The timeout came first: Kondado keeps running the pipelines; follow them with the links above.',
        nextRun: 'its next run',
        passed: (total) => (total === 1 ? 'The resource passed.' : `All ${total} resources passed.`),
        failed: (failing, total) => `${failing} of ${total} ${total === 1 ? 'resource' : 'resources'} did not pass.`,
        firstToDo: (subject, todo) => `First, ${subject}: ${todo}`,
        keyRefused: 'Kondado refused the key or token, so nothing was read. First, check the key and token secrets.',
        inputErrors: (count) => `The step did not start: ${count === 1 ? 'an input is' : `${count} inputs are`} not right, and nothing was sent to Kondado.`,
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
        restored: (runs, resources) => `Run history: ${runs} earlier run ${runs === 1 ? 'length' : 'lengths'} of ${resources} ${resources === 1 ? 'resource' : 'resources'} restored from the Actions cache.`,
        none: 'Run history: nothing saved yet for these resources; reading on the usual schedule.',
        unavailable: (why) => `Run history: the Actions cache could not be read (${why}); reading on the usual schedule.`,
        expected: (subject, from, to) => `${subject}: expected to end ${from} to ${to} into the wait, going by its earlier runs; reads are spent around then.`,
        saved: (runs) => `Run history: ${runs} run ${runs === 1 ? 'length' : 'lengths'} saved to the Actions cache.`,
        unsaved: (why) => `Run history: not saved to the Actions cache (${why}); the next run reads on what it had.`,
        noService: 'no cache service on this runner',
        timedOut: (limit) => `no answer within ${limit}`,
        unreadable: 'Run history: the entry in the Actions cache is not a run history this action reads; reading on the usual schedule.',
        leftOut: (runs) => `Run history: ${runs} stored run ${runs === 1 ? 'length was' : 'lengths were'} left out, a value missing or out of range.`,
        mode: (mode) => `the job's cache mode '${mode}' does not allow it`,
        answered: (status) => `the cache service answered HTTP ${status}`,
        refused: (said) => (said ? `the cache service refused: ${said}` : 'the cache service refused'),
        network: (code) => `no connection to the cache service (${code})`,
        tooLarge: (limit) => `the entry is larger than ${limit}`,
        address: 'the cache service gave an address this action does not use',
        answer: 'the cache service gave an answer this action does not understand',
    },
    /** The GitHub side: promotions recorded as deployments, and the pull-request comment. */
    github: {
        /** The records of this promotion that do not count, by why; only the counts are said, never what the records hold. */
        ignored: (environment, login, count) => {
            const records = (n) => `${n} promotion ${n === 1 ? 'record' : 'records'}`;
            const why = [
                count.notOurs ? `${records(count.notOurs)} not made by this action (${login})` : '',
                count.elsewhere ? `${records(count.elsewhere)} linking elsewhere than this repository's workflow runs and Kondado's app` : '',
                count.statuses ? `${count.statuses} deployment ${count.statuses === 1 ? 'status' : 'statuses'} not written by ${login}` : '',
            ].filter(Boolean);
            return `Ignored in environment '${environment}': ${list(why, 'and')}. They neither stop this promotion nor choose its pipeline.`;
        },
        recorded: (environment) => `Promotion recorded in environment '${environment}' as in progress; sending the request once.`,
        reused: (pipelineId, runUrl) => `Already promoted as pipeline ${pipelineId} by ${runUrl}: nothing is created; pipeline ${pipelineId} is used.`,
        stopped: (found, baseId, pipelinesUrl) => {
            switch (found.state) {
                case 'promoted':
                    return `Already promoted as pipeline ${found.pipelineId} by ${found.runUrl}, and 'if-promoted' is 'fail': nothing was sent. 'if-promoted: reuse' uses pipeline ${found.pipelineId}; 'if-promoted: create' makes another.`;
                case 'unknown':
                    return `The promotion of pipeline ${baseId} by ${found.runUrl} has an unknown outcome: it may have created a pipeline. Nothing was sent. Check the app (${pipelinesUrl}) for it; 'if-promoted: create' makes another.`;
                case 'in-progress':
                    return `The promotion of pipeline ${baseId} by ${found.runUrl} was started and its end never recorded: that run may still be at it, or it died after sending. Nothing was sent. Check the app (${pipelinesUrl}); 'if-promoted: create' makes another.`;
            }
        },
        unavailable: (reason, httpStatus, environment) => reason === 'permission'
            ? `The GitHub token cannot read or write the deployments of environment '${environment}'${httpStatus ? ` (HTTP ${httpStatus})` : ''}: give the job 'permissions: deployments: write'. Nothing was sent to Kondado: a record that cannot be read cannot protect against a second pipeline.`
            : `The GitHub API did not answer for the deployments of environment '${environment}'${httpStatus ? ` (HTTP ${httpStatus})` : ''}, and no retry within the timeout got through. Nothing was sent to Kondado; run the step again.`,
        otherLogin: (wroteAs, expected, environment) => `The GitHub token wrote this promotion's record in environment '${environment}' as ${wroteAs ? `'${wroteAs}'` : 'another login'}, not as '${expected}' (input 'github-token-login'): a later run would not believe that record, so nothing was sent to Kondado. Set 'github-token-login' to ${wroteAs ? `'${wroteAs}'` : 'the login the token writes as'}, then run the step again.`,
        endUnrecorded: (environment) => `The end of this promotion could not be recorded in environment '${environment}': a later run will find it in progress and stop. Check the pipeline in the app; 'if-promoted: create' makes another.`,
        alreadyPromoted: (pipelineId) => `Already promoted as pipeline ${pipelineId}: nothing was created.`,
        madeBy: 'the run that made it',
        notPullRequest: (eventName) => `pr-comment: a '${eventName}' event has no pull request to comment on; no comment written.`,
        commented: (created, pullRequest) => `pr-comment: ${created ? 'commented on' : 'updated the comment on'} pull request #${pullRequest}.`,
        commentedAs: (wroteAs, expected) => `pr-comment: the comment was written as ${wroteAs ? `'${wroteAs}'` : 'another login'}, not as '${expected}' (input 'github-token-login'): a later run will not recognise it as its own, and will write another. Set 'github-token-login' to ${wroteAs ? `'${wroteAs}'` : 'the login the token writes as'}.`,
        readOnly: (httpStatus) => `pr-comment: the GitHub token may not comment on this pull request (HTTP ${httpStatus}): a pull request from a fork gets a read-only token, and otherwise the job needs 'permissions: pull-requests: write'. The verdict and the outputs stand.`,
        commentFailed: (httpStatus) => `pr-comment: the comment could not be written (${httpStatus ? `HTTP ${httpStatus}` : 'no answer from GitHub'}). The verdict and the outputs stand.`,
        passed: 'passed',
        runLink: 'Workflow run',
    },
};


/***/ }),

/***/ 5536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Y: () => (/* binding */ LANGUAGES),
  k: () => (/* binding */ messagesFor)
});

// EXTERNAL MODULE: ./src/messages/en.ts
var en = __webpack_require__(485);
// EXTERNAL MODULE: ./src/core/index.ts + 18 modules
var core = __webpack_require__(6364);
;// CONCATENATED MODULE: ./src/messages/pt-BR.ts

// Cada frase da action em português do Brasil, com a mesma forma de `en.ts`. As escolhas de
// vocabulário (step, pipeline, modelo, execução, fila, timeout, input, token...) e o porquê de
// cada uma estão em docs/portuguese.md.
const kindName = (kind) => (kind === 'pipeline' ? 'pipeline' : 'modelo');
/**
 * O artigo de cada tipo de recurso, pelo nome com que `resource` começa: "o pipeline 2040",
 * "do modelo 163". Os dois são masculinos hoje; um tipo novo entra aqui com o seu artigo.
 */
const ARTICLE = { pipeline: 'o', modelo: 'o' };
const CONTRACTION = { o: { de: 'do', em: 'no', a: 'ao' }, a: { de: 'da', em: 'na', a: 'à' } };
/** As formas de um sujeito com artigo e contrações, para cada frase pegar a sua. */
function pt_BR_forms(subject) {
    const article = ARTICLE[subject.split(' ')[0] ?? ''];
    const the = article ? `${article} ${subject}` : subject;
    return {
        o: the,
        O: the.charAt(0).toUpperCase() + the.slice(1),
        do: article ? `${CONTRACTION[article].de} ${subject}` : `de ${subject}`,
        no: article ? `${CONTRACTION[article].em} ${subject}` : `em ${subject}`,
        ao: article ? `${CONTRACTION[article].a} ${subject}` : `a ${subject}`,
    };
}
/** Depois de dois-pontos, a frase segue em minúscula: "falhou: a Kondado recusou". */
const afterColon = (text) => text.charAt(0).toLowerCase() + text.slice(1);
const said = (d) => (d.excerpt ? ` A Kondado respondeu: "${d.excerpt}".` : '');
/** Como terminaram as novas tentativas de uma consulta: se esgotaram, ou estourou o timeout antes. */
const gaveUp = (d, got) => d.tries
    ? `, e todas as ${d.tries} tentativas, ao longo de ${(0,core/* formatDuration */.a3)(d.triedForMs ?? 0)}, falharam (não há mais novas tentativas)`
    : `, e nenhuma nova tentativa dentro do timeout ${got}`;
const http = (d) => (d.httpStatus ? ` (HTTP ${d.httpStatus})` : '');
const list = (items, word) => items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`;
const quoted = (items) => items.map((item) => `'${item}'`);
/**
 * O `kubo_status_type` de um modelo fica como a Kondado o escreve, como o status de um pipeline:
 * "success, kubo_status_type rebuilding". Sem tradução ao lado, o estado cabe entre os parênteses
 * de uma linha do log sem outros parênteses dentro.
 */
const kuboText = (kubo) => `kubo_status_type ${kubo}`;
const ptBR = {
    resource: (kind, id) => `${kindName(kind)} ${id}`,
    input: {
        required: (name) => `O input '${name}' é obrigatório.`,
        requiredFor: (name, command) => `O input '${name}' é obrigatório no comando '${command}'.`,
        notAllowedFor: (name, command, commands) => `O input '${name}' não é usado pelo comando '${command}', só por ${list(quoted(commands), 'e')}: remova-o ou use ${commands.length === 1 ? 'esse comando' : 'um desses comandos'}.`,
        idsRequired: (command, pipelines, models) => `O comando '${command}' precisa de pelo menos um id: informe '${pipelines}', '${models}' ou os dois.`,
        notId: (name, value) => `Input '${name}': '${value}' não é um id válido (ids são números inteiros positivos, por exemplo 2040).`,
        idTooLarge: (name, value, largest) => `Input '${name}': '${value}' é grande demais para um id (o maior é ${largest}); veja se não faltou separar dois ids.`,
        clientCode: (name, value, number) => `Input '${name}': '${value}' é o código da conta como o app mostra; informe só o número antes do hífen: ${number}.`,
        oneId: (name) => `O input '${name}' aceita exatamente um id no comando 'duplicate' (o pipeline base).`,
        choice: (name, value, choices) => `Input '${name}': '${value}' não é um valor aceito; use ${list(quoted(choices), 'ou')}.`,
        boolean: (name, value) => `Input '${name}': '${value}' não é 'true' nem 'false'.`,
        duration: (name, value) => `Input '${name}': '${value}' não é uma duração (use segundos ou uma unidade, com decimais se quiser: '90', '90s', '1.5m', '2h').`,
        durationRange: (name, value, min, max) => `Input '${name}': '${value}' está fora do intervalo: informe uma duração entre ${min} e ${max}.`,
        number: (name, value, min, max) => `Input '${name}': '${value}' não é um número entre ${min} e ${max}.`,
        maxBelowMin: (max, min) => `O input '${max}' não pode ser menor que '${min}'.`,
        json: (name) => `O input '${name}' não é um JSON válido: informe um objeto JSON como {"": "nova_tabela"}.`,
        jsonObject: (name) => `O input '${name}' precisa ser um objeto JSON (entre chaves), não uma lista, um texto ou um número.`,
        jsonDepth: (name, max) => `O input '${name}' aninha objetos ou listas em mais de ${max} níveis: use um objeto JSON mais raso.`,
        stringMap: (name, path) => `Input '${name}': o valor do caminho de tabela '${path}' precisa ser um texto não vazio (o nome da nova tabela).`,
        mainTable: (name) => `O input '${name}' precisa dar o nome da tabela principal, cujo caminho é vazio "" (por exemplo {"": "pedidos_prod"}).`,
        baseUrl: (value, example) => `Input 'base-url': '${value}' não é uma URL válida, como ${example}.`,
        baseUrlHttps: (value, hosts) => `Input 'base-url': '${value}' precisa usar https (o token vai na URL); http sem TLS só é aceito para ${list(hosts, 'ou')}.`,
        baseUrlParts: () => `O input 'base-url' não pode ter usuário, senha, query string nem fragmento.`,
        proxy: (variable) => `A variável de ambiente '${variable}' não é um endereço de proxy como http://proxy.example.com:3128 (http ou https).`,
        modelsNeedWait: (models, wait) => `O input '${models}' exige '${wait}: true' no comando 'run': os modelos são aguardados depois que os pipelines terminam, e com '${wait}: false' o step termina assim que os pipelines começam.`,
        unusedWithout: (name, needed) => `O input '${name}' não é usado sem '${needed}': remova-o ou informe '${needed}'.`,
        login: (name, value) => `Input '${name}': '${value}' não é um login do GitHub (letras, dígitos, hífens e sublinhados, com '[bot]' no fim para o token de um app, por exemplo 'github-actions[bot]').`,
    },
    problem: (code, d, subject) => {
        const s = pt_BR_forms(subject);
        switch (code) {
            case 'credentials-refused':
                return `A Kondado recusou a key ou o token ao consultar ${s.o}${http(d)}.${said(d)} Confira os secrets da key e do token, se o token continua ativo na Kondado (Configurações -> Tokens) e se ele pertence a um usuário com acesso ${s.ao}.`;
            case 'not-found':
                return `A Kondado não encontrou ${s.o}, ou este token não tem acesso a ele${http(d)}.${said(d)} Confira o id na URL do app.`;
            case 'rejected':
                return `A Kondado recusou o pedido para ${s.o}${d.httpStatus === 200 ? ' (a resposta veio com success: false)' : http(d)}.${said(d)} ${d.excerpt ? 'Corrija o que ela aponta' : 'Confira os ids e os inputs deste step'} antes de executar o step de novo: repetir o mesmo pedido vai dar o mesmo erro.`;
            case 'server-error':
                return `A Kondado deu erro de servidor no pedido sobre ${s.o}${http(d)}${gaveUp(d, 'deu certo')}.${said(d)} Tente de novo mais tarde.`;
            case 'unreadable-answer':
                return `Não foi possível ler a resposta da Kondado sobre ${s.o}${http(d)}${gaveUp(d, 'trouxe uma resposta legível')}.${said(d)}`;
            case 'redirect':
                return `A Kondado respondeu com um redirecionamento ao pedido sobre ${s.o}${http(d)}, e esta action nunca segue redirecionamentos (o token iria junto). Confira o 'base-url'.`;
            case 'too-large':
                return `A resposta da Kondado sobre ${s.o} era maior do que qualquer resposta de status pode ser e foi cortada. Confira o 'base-url'.`;
            case 'network':
                if (d.nothingListensAt)
                    return `Não foi possível conectar à Kondado no pedido sobre ${s.o} (${d.networkCode ?? 'erro de rede'}): não há nada escutando em ${d.nothingListensAt}, o 'base-url' nesta máquina. Suba antes o simulador ou o servidor nesse endereço, ou corrija o 'base-url'.`;
                return `Não foi possível conectar à Kondado no pedido sobre ${s.o} (${d.networkCode ?? 'erro de rede'})${gaveUp(d, 'conseguiu')}. Confira o 'base-url' e a rede do runner.`;
            case 'rate-limited':
                return `A Kondado respondeu RATE_LIMIT_EXCEEDED ao pedido sobre ${s.o}, e a pausa pedida estouraria o timeout. Outros jobs podem estar usando a mesma key (ou o mesmo IP do runner): coloque-os num grupo de concurrency por key, para que se revezem, ou diminua o 'requests-per-minute'.`;
            case 'deadline':
                return `Estourou o timeout antes de a Kondado responder sobre ${s.o}.`;
            case 'cancelled':
                return `O workflow foi cancelado enquanto a action esperava ${s.o}.`;
            case 'internal':
                return `A própria action da Kondado falhou (${d.errorName ?? 'erro'}) ao tratar ${s.o}: é um bug da action, não uma resposta da Kondado. Por favor, abra uma issue no repositório da action.`;
        }
    },
    /** Poucas palavras sobre um problema, dentro de uma linha do log: o tipo e o status HTTP ou o código de rede. */
    problemLabel: (code, d) => {
        const labels = {
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
        };
        if (d.nothingListensAt)
            return `nada escutando em ${d.nothingListensAt}`;
        const detail = d.httpStatus ? `HTTP ${d.httpStatus}` : (d.networkCode ?? d.errorName);
        return detail ? `${labels[code]}, ${detail}` : labels[code];
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
        unhealthy: (subject, state) => `${pt_BR_forms(subject).O} não está saudável: ${state}.`,
        'unknown-status': (subject, state) => `${pt_BR_forms(subject).O} informou um status que esta action não conhece (${state}); por isso não conta como saudável.`,
        'already-running': (subject) => `${pt_BR_forms(subject).O} já estava em execução ou na fila, e 'if-running' está como 'fail'.`,
        'not-started': (subject, state, windowText) => `A execução ${pt_BR_forms(subject).do} foi disparada, mas não apareceu na fila nem em execução em ${windowText} (a Kondado ainda mostra ${state}). A Kondado pode ter ignorado o pedido (pipeline desativado, plano Essentials) ou a execução pode ter terminado entre duas consultas. Confira no app.`,
        'not-started-unconfirmed': (subject, windowText) => `O disparo ${pt_BR_forms(subject).do} ficou sem resposta, então não dá para saber se chegou à Kondado, e nenhuma execução apareceu em ${windowText}: resultado desconhecido. Confira no app antes de executar o step de novo.`,
        'timed-out': (subject, state, timeoutText) => `${pt_BR_forms(subject).O} ainda não tinha terminado quando estourou o timeout de ${timeoutText} (último status: ${state}). A execução continua na Kondado.`,
        cancelled: (subject, state) => `O workflow foi cancelado enquanto a action esperava ${pt_BR_forms(subject).o} (último status: ${state}). A execução continua na Kondado.`,
        'not-waited': (subject) => `${pt_BR_forms(subject).O} não foi aguardado: nem todos os pipelines deste step terminaram saudáveis, então a próxima execução dele não usaria dados atualizados.`,
        'next-not-started': (subject, state, windowText, afterPipelines) => afterPipelines
            ? `A próxima execução ${pt_BR_forms(subject).do} não apareceu na fila nem em execução em ${windowText} depois do fim dos pipelines (a Kondado ainda mostra ${state}). ${pt_BR_forms(subject).O} pode ter um agendamento próprio em vez de ser executado depois desses pipelines, ou a execução pode ter terminado entre duas consultas. Confira o histórico de execuções no app.`
            : `A próxima execução ${pt_BR_forms(subject).do} não apareceu na fila nem em execução em ${windowText} (a Kondado ainda mostra ${state}), então nenhuma execução nova foi avaliada. Ela pode estar agendada para mais tarde, ou pode ter terminado entre duas consultas. Confira o histórico de execuções no app.`,
        'not-triggered': (subject, state, blocker) => ({
            disabled: `${pt_BR_forms(subject).O} está desativado na Kondado (${state}), então nenhuma execução foi solicitada. Ative-o no app e execute o step de novo.`,
            blocked: `${pt_BR_forms(subject).O} foi desativado pela Kondado depois de falhar muitas vezes seguidas (${state}), então nenhuma execução foi solicitada. Corrija o erro indicado, reative-o no app e execute o step de novo.`,
            'tables-failed': `As tabelas ${pt_BR_forms(subject).do} não puderam ser criadas (${state}), então nenhuma execução foi solicitada. Corrija no app o erro indicado (geralmente no destino) e execute o step de novo.`,
        })[blocker],
        'run-refused': (subject, said, state) => `A Kondado recusou executar ${pt_BR_forms(subject).o}${said ? `: "${said}"` : ''}. Status logo antes: ${state}. Resolva o que a Kondado indicou e execute o step de novo: repetir o mesmo pedido vai dar o mesmo erro.`,
        'not-read': (subject) => `${pt_BR_forms(subject).O} não foi consultado: a Kondado já tinha recusado a key ou o token, e recusaria de novo.`,
    },
    reason: {
        status: (status) => ({
            not_active: 'desativado na Kondado',
            error_building_tables: 'não foi possível criar as tabelas',
            too_many_consecutive_failed_builds: 'falhou muitas vezes seguidas',
            too_many_consecutive_failed_builds__blocked: 'bloqueado pela Kondado depois de falhar muitas vezes seguidas',
        })[status] ?? `status ${status}`,
        shortStatus: (status) => status.endsWith('__blocked') ? 'bloqueado' : status.startsWith('too_many_consecutive_failed') ? 'falhando' : 'veja o motivo',
        'model-not-run': 'ainda não foi executado com a nova configuração',
        'mid-change': 'parado, mas ainda marcado como em execução: consultado no meio de uma mudança',
        'unknown-status': 'um status que esta action não conhece',
        'not-started': (windowText) => `não apareceu na fila nem em execução em ${windowText}`,
        'not-started-unconfirmed': (windowText) => `o disparo ficou sem resposta; nenhuma execução apareceu em ${windowText}`,
        'timed-out': (timeoutText) => `ainda não tinha terminado quando estourou o timeout (${timeoutText})`,
        cancelled: 'o workflow foi cancelado',
        'already-running': "já estava em execução ou na fila, e 'if-running' é 'fail'",
        'not-waited': 'nem todos os pipelines deste step terminaram saudáveis',
        'next-not-started': (windowText, afterPipelines) => afterPipelines
            ? `não apareceu na fila nem em execução em ${windowText} depois do fim dos pipelines`
            : `nenhuma execução nova apareceu em ${windowText}`,
        'not-triggered': 'nenhuma execução solicitada',
        'run-refused': 'a Kondado recusou executá-lo',
        'not-read': 'não consultado: a key ou o token foi recusado',
        whatToDo: 'o que fazer',
    },
    state: (status, rawMsg, kubo) => [status, kubo ? kuboText(kubo) : '', rawMsg ? `"${rawMsg}"` : ''].filter(Boolean).join(', '),
    noState: 'sem status',
    log: {
        status: (subject, state) => `${subject}: ${state}`,
        alreadyRunning: (subject, ifRunning) => ifRunning === 'wait'
            ? `${pt_BR_forms(subject).O} já está em execução ou na fila: a action acompanha essa execução em vez de disparar uma segunda.`
            : ifRunning === 'rerun'
                ? `${pt_BR_forms(subject).O} já está em execução ou na fila: a action espera essa execução terminar e depois dispara uma nova ('if-running: rerun').`
                : `${pt_BR_forms(subject).O} já está em execução ou na fila ('if-running: fail').`,
        triggered: (subject) => `${subject}: execução solicitada; aguardando a Kondado mostrá-la na fila ou em execução.`,
        triggerUnconfirmed: (subject, problem) => `${subject}: o pedido de execução ficou sem resposta clara (${problem}) e não será reenviado. A action acompanha o status para ver se a execução começou.`,
        runSeen: (subject) => `${subject}: a execução começou.`,
        created: (baseId, newId) => `Pipeline ${newId} criado a partir do pipeline ${baseId}.`,
        retrying: (subject, what, delay) => `${subject}: a consulta falhou (${what}); nova tentativa em ${delay}.`,
        request: (method, path, outcome, tookMs, waitedMs) => `${method} ${path}: ${outcome} em ${tookMs} ms, aguardando ${waitedMs} ms na fila`,
        paused: (delay, until) => `O limite de requisições da Kondado foi atingido (RATE_LIMIT_EXCEEDED): todas as requisições ficam pausadas por ${delay}, até ${until}.`,
        buildingTables: (subject) => `${pt_BR_forms(subject).O} está criando as tabelas: a action espera a criação terminar e depois solicita a execução.`,
        nextRead: (subject, forStart, state, until, inText) => forStart
            ? `${subject}: aguardando a execução aparecer na fila ou em execução; próxima consulta às ${until}, daqui a ${inText}.`
            : `${subject}: aguardando a execução terminar (última consulta: ${state}); próxima consulta às ${until}, daqui a ${inText}.`,
        triggerHeld: (subject, until, inText) => `${subject}: o pedido de execução aguarda até ${until} (daqui a ${inText}), quando o limite de requisições comporta também as consultas que confirmam o início.`,
        budgetHeld: (perMinute, until, inText) => `O limite de requisições (${perMinute} por minuto) foi usado: a próxima requisição sai às ${until}, daqui a ${inText}.`,
        clock: (hhmmss) => `${hhmmss} (UTC)`,
        settled: (subject, verdict, state, elapsed) => `${subject}: ${verdict} (${state}) após ${elapsed}`,
        awaitingNext: (subject, windowText, afterPipelines) => afterPipelines
            ? `${subject}: os pipelines terminaram saudáveis; aguardando até ${windowText} a próxima execução aparecer na fila ou em execução.`
            : `${subject}: aguardando até ${windowText} a próxima execução aparecer na fila ou em execução ('wait-for: next'); o status mostrado agora não é avaliado.`,
    },
    step: {
        failed: (count, total, which) => `${count} de ${total} ${total === 1 ? 'recurso' : 'recursos'} não ${count === 1 ? 'passou' : 'passaram'}: ${which.join('; ')}.`,
        keyRefused: (d) => `A Kondado recusou a key ou o token${http(d)}: nada foi consultado.${said(d)} Confira os secrets da key e do token, e se o token continua ativo na Kondado (Configurações -> Tokens).`,
        duplicateFailed: (baseId, problem) => `A duplicação do pipeline ${baseId} falhou: ${afterColon(problem)}`,
        duplicateUnknown: (baseId) => `Duplicação do pipeline ${baseId}: resultado desconhecido; confira no app antes de executar o step de novo. O pedido pode ter chegado à Kondado e criado um pipeline, e executar este step de novo poderia criar um segundo.`,
        cancelled: 'O workflow foi cancelado. Os pipelines continuam em execução na Kondado; o resumo tem os links para eles.',
        reportedOnly: "'fail-on-error' está como false: os resultados acima são informados sem falhar o step.",
        summaryUnwritten: (why) => `Não foi possível escrever o resumo do job: ${why}. O resultado e os outputs continuam valendo.`,
        noSummaryFile: 'este runner não indica um arquivo de resumo (GITHUB_STEP_SUMMARY não está definido)',
        summaryFileError: (path, code) => `não foi possível escrever no arquivo ${path} (${code})`,
        internalError: (name) => `A própria action da Kondado falhou (${name}); nenhum resultado foi dado e nada foi informado como saudável. Por favor, abra uma issue no repositório da action.`,
    },
    summary: {
        title: (command) => ({
            run: 'Kondado: executar pipelines',
            wait: 'Kondado: aguardar pipelines e modelos',
            status: 'Kondado: health check',
            duplicate: 'Kondado: duplicar um pipeline',
        })[command],
        headers: ['Recurso', 'Status', 'Resultado', 'Tempo de espera', 'Motivo'],
        gateHeaders: ['Recurso', 'Status', 'Resultado', 'Motivo'],
        checked: (date, time, elapsed) => `Verificado em ${date.split('-').reverse().join('/')} às ${time} (UTC), em ${elapsed}.`,
        alreadyRunning: 'já estava em execução: a action aguardou essa execução',
        triggerUnconfirmed: 'resposta do disparo perdida: não reenviado',
        duplicateHeaders: [
            'Pipeline base',
            'Novo pipeline',
            'Nome',
            'Coleção de origem',
            'Coleção de destino',
            'Executar agora',
        ],
        tableHeaders: ['Caminho da tabela', 'Nova tabela', 'Nova tabela delta'],
        mainTable: '(tabela principal)',
        baseName: (baseId) => `o mesmo do pipeline ${baseId}`,
        yes: 'sim',
        no: 'não',
        total: (elapsed) => `Concluído em ${elapsed}.`,
        cancelledNote: 'O workflow foi cancelado: os pipelines continuam em execução na Kondado; acompanhe pelos links acima.',
        timeoutNote: 'Estourou o timeout: os pipelines continuam em execução na Kondado; acompanhe pelos links acima.',
        nextRun: 'próxima execução',
        passed: (total) => (total === 1 ? 'O recurso passou.' : `Os ${total} recursos passaram.`),
        failed: (failing, total) => `${failing} de ${total} ${total === 1 ? 'recurso' : 'recursos'} não ${failing === 1 ? 'passou' : 'passaram'}.`,
        firstToDo: (subject, todo) => `Primeiro, ${pt_BR_forms(subject).o}: ${todo}`,
        keyRefused: 'A Kondado recusou a key ou o token, então nada foi consultado. Primeiro, confira os secrets da key e do token.',
        inputErrors: (count) => `O step não começou: ${count === 1 ? 'um input está errado' : `${count} inputs estão errados`}, e nada foi enviado à Kondado.`,
        todo: {
            unhealthy: 'abra-o no app, corrija o que a Kondado indica (geralmente a conexão com a origem ou o destino) e execute o step de novo.',
            'unknown-status': 'confira no app; esta action não conhece esse status.',
            'already-running': "espere a execução terminar, ou use 'if-running: wait' ou 'if-running: rerun'.",
            'not-started': 'confira no app se ele está ativo e veja o histórico de execuções.',
            'not-started-unconfirmed': 'confira o histórico de execuções no app antes de executar o step de novo.',
            'timed-out': "aumente o 'timeout', ou acompanhe a execução depois com 'command: wait'.",
            cancelled: 'nada a corrigir: a execução continua na Kondado.',
            'not-waited': 'corrija o pipeline que não passou; na próxima execução o modelo é aguardado depois dele.',
            'next-not-started': "confira o histórico de execuções no app; aumente 'model-start-timeout' se a Kondado o coloca na fila mais tarde.",
            'not-triggered': 'ative-o (ou corrija o que o bloqueou) no app e execute o step de novo.',
            'run-refused': 'resolva o motivo que a Kondado deu e execute o step de novo.',
            'not-read': 'confira os secrets da key e do token.',
            problem: 'leia o motivo na tabela e siga o link.',
        },
    },
    history: {
        restored: (runs, resources) => `Histórico de execuções: ${runs} ${runs === 1 ? 'duração' : 'durações'} de execuções anteriores de ${resources} ${resources === 1 ? 'recurso' : 'recursos'} ${runs === 1 ? 'restaurada' : 'restauradas'} do cache do Actions.`,
        none: 'Histórico de execuções: nada salvo ainda para estes recursos; as consultas seguem o ritmo de sempre.',
        unavailable: (why) => `Histórico de execuções: não foi possível ler o cache do Actions (${why}); as consultas seguem o ritmo de sempre.`,
        expected: (subject, from, to) => `${subject}: deve terminar entre ${from} e ${to} de espera, pelas execuções anteriores; as consultas se concentram nesse intervalo.`,
        saved: (runs) => `Histórico de execuções: ${runs} ${runs === 1 ? 'duração salva' : 'durações salvas'} no cache do Actions.`,
        unsaved: (why) => `Histórico de execuções: não foi salvo no cache do Actions (${why}); a próxima execução usa o que já tinha.`,
        noService: 'não há serviço de cache neste runner',
        timedOut: (limit) => `sem resposta em ${limit}`,
        unreadable: 'Histórico de execuções: a entrada no cache do Actions não é um histórico que esta action saiba ler; as consultas seguem o ritmo de sempre.',
        leftOut: (runs) => `Histórico de execuções: ${runs} ${runs === 1 ? 'duração salva ficou' : 'durações salvas ficaram'} de fora, com um valor ausente ou fora dos limites.`,
        mode: (mode) => `o modo de cache do job, '${mode}', não permite`,
        answered: (status) => `o serviço de cache respondeu HTTP ${status}`,
        refused: (said) => (said ? `o serviço de cache recusou: ${said}` : 'o serviço de cache recusou'),
        network: (code) => `sem conexão com o serviço de cache (${code})`,
        tooLarge: (limit) => `a entrada passa de ${limit}`,
        address: 'o serviço de cache deu um endereço que esta action não usa',
        answer: 'o serviço de cache deu uma resposta que esta action não entende',
    },
    github: {
        ignored: (environment, login, count) => {
            const records = (n) => `${n} ${n === 1 ? 'registro' : 'registros'} de promoção`;
            const why = [
                count.notOurs ? `${records(count.notOurs)} que esta action (${login}) não fez` : '',
                count.elsewhere ? `${records(count.elsewhere)} com links fora das execuções de workflow deste repositório e do app da Kondado` : '',
                count.statuses ? `${count.statuses} status de deployment que ${login} não escreveu` : '',
            ].filter(Boolean);
            return `No environment '${environment}', a action desconsidera ${list(why, 'e')}: isso não impede esta promoção nem escolhe o pipeline dela.`;
        },
        recorded: (environment) => `Promoção registrada no environment '${environment}' como em andamento; o pedido é enviado uma única vez.`,
        reused: (pipelineId, runUrl) => `Já promovido como pipeline ${pipelineId} por ${runUrl}: nada é criado; a action usa o pipeline ${pipelineId}.`,
        stopped: (found, baseId, pipelinesUrl) => {
            switch (found.state) {
                case 'promoted':
                    return `Já promovido como pipeline ${found.pipelineId} por ${found.runUrl}, e 'if-promoted' está como 'fail': nada foi enviado. Com 'if-promoted: reuse' a action usa o pipeline ${found.pipelineId}; com 'if-promoted: create' ela cria outro.`;
                case 'unknown':
                    return `A promoção do pipeline ${baseId} feita por ${found.runUrl} tem resultado desconhecido: ela pode ter criado um pipeline. Nada foi enviado. Confira no app (${pipelinesUrl}); com 'if-promoted: create' a action cria outro.`;
                case 'in-progress':
                    return `A promoção do pipeline ${baseId} feita por ${found.runUrl} começou e o fim dela nunca foi registrado: essa execução pode ainda estar em andamento, ou morreu depois de enviar o pedido. Nada foi enviado. Confira no app (${pipelinesUrl}); com 'if-promoted: create' a action cria outro.`;
            }
        },
        unavailable: (reason, httpStatus, environment) => reason === 'permission'
            ? `O token do GitHub não consegue ler nem escrever os deployments do environment '${environment}'${httpStatus ? ` (HTTP ${httpStatus})` : ''}: dê ao job 'permissions: deployments: write'. Nada foi enviado à Kondado: um registro que não pode ser lido não protege contra um segundo pipeline.`
            : `A API do GitHub não respondeu sobre os deployments do environment '${environment}'${httpStatus ? ` (HTTP ${httpStatus})` : ''}, e nenhuma nova tentativa dentro do timeout deu certo. Nada foi enviado à Kondado; execute o step de novo.`,
        otherLogin: (wroteAs, expected, environment) => `O token do GitHub escreveu o registro desta promoção no environment '${environment}' como ${wroteAs ? `'${wroteAs}'` : 'outro login'}, e não como '${expected}' (input 'github-token-login'): uma próxima execução não confiaria nesse registro, por isso nada foi enviado à Kondado. Informe ${wroteAs ? `'github-token-login: ${wroteAs}'` : "em 'github-token-login' o login com que o token escreve"} e execute o step de novo.`,
        endUnrecorded: (environment) => `Não foi possível registrar o fim desta promoção no environment '${environment}': a próxima execução vai encontrá-la em andamento e parar. Confira o pipeline no app; com 'if-promoted: create' a action cria outro.`,
        alreadyPromoted: (pipelineId) => `Já promovido como pipeline ${pipelineId}: nada foi criado.`,
        madeBy: 'a execução que o criou',
        notPullRequest: (eventName) => `pr-comment: um evento '${eventName}' não tem pull request para comentar; nenhum comentário escrito.`,
        commented: (created, pullRequest) => `pr-comment: ${created ? 'comentário criado no' : 'comentário atualizado no'} pull request #${pullRequest}.`,
        commentedAs: (wroteAs, expected) => `pr-comment: o comentário foi escrito como ${wroteAs ? `'${wroteAs}'` : 'outro login'}, e não como '${expected}' (input 'github-token-login'): uma próxima execução não vai reconhecê-lo como seu e vai escrever outro. Informe ${wroteAs ? `'github-token-login: ${wroteAs}'` : "em 'github-token-login' o login com que o token escreve"}.`,
        readOnly: (httpStatus) => `pr-comment: o token do GitHub não pode comentar neste pull request (HTTP ${httpStatus}): um pull request vindo de um fork recebe um token só de leitura e, fora isso, o job precisa de 'permissions: pull-requests: write'. O resultado e os outputs continuam valendo.`,
        commentFailed: (httpStatus) => `pr-comment: não foi possível escrever o comentário (${httpStatus ? `HTTP ${httpStatus}` : 'sem resposta do GitHub'}). O resultado e os outputs continuam valendo.`,
        passed: 'aprovado',
        runLink: 'Execução do workflow',
    },
};

;// CONCATENATED MODULE: ./src/messages/index.ts


const LANGUAGES = ['en', 'pt-BR'];
const BY_LANGUAGE = { en: en.en, 'pt-BR': ptBR };
const messagesFor = (language) => BY_LANGUAGE[language];


/***/ })

};
