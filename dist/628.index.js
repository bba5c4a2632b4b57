export const id = 628;
export const ids = [628];
export const modules = {

/***/ 3628:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connect: () => (/* binding */ connect)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 25 modules
var github = __webpack_require__(542);
;// CONCATENATED MODULE: ./src/github/context.ts
// What the runner tells about this workflow run, read through @actions/github's `context`, and the client
// for GitHub's API at GITHUB_API_URL (GitHub Enterprise Server, or a stand-in in tests).

function gitHubContext() {
    const { owner, repo } = github/* context */._.repo;
    const attempt = Number.isInteger(github/* context */._.runAttempt) ? `/attempts/${github/* context */._.runAttempt}` : '';
    const pull = github/* context */._.payload.pull_request?.number;
    const runsUrl = `${github/* context */._.serverUrl}/${owner}/${repo}/actions/runs/`;
    return {
        owner,
        repo,
        runsUrl,
        runUrl: `${runsUrl}${github/* context */._.runId}${attempt}`,
        eventName: github/* context */._.eventName,
        pullRequest: typeof pull === 'number' ? pull : undefined,
        ref: github/* context */._.sha || github/* context */._.ref,
        stepKey: [github/* context */._.workflow, github/* context */._.job, github/* context */._.action].map((part) => encodeURIComponent(part ?? '')).join('/'),
    };
}
const gitHubClient = (token) => (0,github/* getOctokit */.Q)(token, { baseUrl: github/* context */._.apiUrl });

// EXTERNAL MODULE: ./src/core/index.ts + 18 modules
var core = __webpack_require__(6364);
// EXTERNAL MODULE: ./src/inputs/inputs.ts + 1 modules
var inputs = __webpack_require__(8667);
;// CONCATENATED MODULE: ./src/github/api.ts
// One call to the GitHub API: a request timeout, and for reads (and writes that may be repeated)
// the retries of the core's one retry loop and policy, within the step's deadline; and who wrote
// what an answer holds.


/** What GitHub answered when a call failed: its HTTP status, or none when no answer came. */
class GitHubFailure extends Error {
    httpStatus;
    constructor(httpStatus) {
        super(httpStatus === undefined ? 'no answer from GitHub' : `GitHub answered HTTP ${httpStatus}`);
        this.name = 'GitHubFailure';
        this.httpStatus = httpStatus;
    }
}
/** A GitHub answer that never comes is given up on after this long; a good one takes well under a second. */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000;
/** Octokit's errors carry the answer's status; one without an answer (refused, reset, timed out) says 500 and has no response. */
const statusOf = (error) => {
    if (typeof error !== 'object' || error === null || !('response' in error) || !error.response)
        return undefined;
    return 'status' in error && typeof error.status === 'number' ? error.status : undefined;
};
const isTransient = (status) => status === undefined || status === 429 || status >= 500;
/**
 * Sends `send` and, when `retried`, tries again after a transient failure while the deadline
 * allows, in the core's one retry loop. A call that creates something is not retried: its answer
 * lost, it may exist already.
 */
function call(timing, retried, send) {
    const attempt = async () => {
        const left = timing.deadline - timing.clock.now();
        try {
            return await send(AbortSignal.timeout(Math.max(1, Math.min(GITHUB_REQUEST_TIMEOUT_MS, left))));
        }
        catch (error) {
            throw new GitHubFailure(statusOf(error));
        }
    };
    return (0,core/* retrying */.R$)(attempt, {
        ...timing,
        retryable: (error) => retried && error instanceof GitHubFailure && isTransient(error.httpStatus),
    });
}
/** Written by `login`? GitHub's logins are the same in any case; a missing author is nobody's. */
const writtenBy = (author, login) => typeof author?.login === 'string' && author.login.toLowerCase() === login.toLowerCase();
/** The author's login, to be named in a message; undefined when it is not shaped like one. */
const loginOf = (author) => ((0,inputs/* isGitHubLogin */.Nf)(author?.login) ? author.login : undefined);

;// CONCATENATED MODULE: ./src/github/deployments.ts
// Promotion records as GitHub deployments of the environment: a task of this action's own, the
// identity in the payload, and the outcome as the deployment's statuses, the new pipeline's app
// link as the environment URL of its `success`. Anyone who may write deployments may write all of
// that, so a record is believed only when this action's login wrote it (the deployment and each
// status) and its links point where this action's do: the rest is counted, said once, and ignored.


/** Deployments with any other task were not made by this action, and are never read as its records. */
const PROMOTION_TASK = 'kondado:promote';
/** Writing the end of a record is worth this much time past the step's deadline: a timed-out request's record must still say "unknown". */
const END_GRACE_MS = 30_000;
/** The pipeline a `success` names: only its page in Kondado's app, exactly as `appUrl` writes it. */
function pipelineOf(environmentUrl) {
    const id = Number(/\/pipelines\/([1-9]\d*)$/.exec(environmentUrl ?? '')?.[1]);
    return Number.isSafeInteger(id) && (0,core/* appUrl */.RM)({ kind: 'pipeline', id }) === environmentUrl ? id : undefined;
}
/** A link to one of this repository's workflow runs, or to an attempt of one, as this action writes it; GitHub's names are the same in any case. */
function isRunOf(runsUrl, url) {
    if (typeof url !== 'string' || url.slice(0, runsUrl.length).toLowerCase() !== runsUrl.toLowerCase())
        return false;
    return /^\d+(\/attempts\/\d+)?$/.test(url.slice(runsUrl.length));
}
/** Before its statuses are read: a deployment this action did not make, or whose run link is not one of this repository's runs. */
function distrust(trust, deployment) {
    if (!writtenBy(deployment.creator, trust.login))
        return 'not-ours';
    return isRunOf(trust.runsUrl, payloadField(deployment.payload, 'run_url')) ? undefined : 'elsewhere';
}
/** A deployment of this promotion and its statuses (newest first), as this action believes them. */
function readRecord(trust, deployment, statuses) {
    const distrusted = distrust(trust, deployment);
    if (distrusted)
        return { ignored: distrusted };
    const ours = statuses.filter((status) => writtenBy(status.creator, trust.login));
    // This action's success names the new pipeline's app page: any other is not its own, and the record with it.
    if (ours.some((status) => status.state === 'success' && pipelineOf(status.environment_url) === undefined))
        return { ignored: 'elsewhere' };
    const runUrl = payloadField(deployment.payload, 'run_url');
    return { record: recordOf(typeof runUrl === 'string' ? runUrl : '', ours), ignoredStatuses: statuses.length - ours.length };
}
/** One deployment's statuses (newest first), all this action's own, as a record; undefined when it never got as far as `in_progress`. */
function recordOf(runUrl, statuses) {
    // A later `inactive` (GitHub adds one to an environment's older successes) does not undo a success.
    const success = statuses.find((status) => status.state === 'success');
    const id = pipelineOf(success?.environment_url);
    if (id !== undefined)
        return { state: 'promoted', pipelineId: id, runUrl };
    switch (statuses[0]?.state) {
        case 'failure':
            return { state: 'refused', runUrl };
        case 'error':
            return { state: 'unknown', runUrl };
        case 'in_progress':
        case 'queued':
        case 'pending':
            return { state: 'in-progress', runUrl };
        default:
            return undefined;
    }
}
const STATUS_OF = {
    promoted: 'success',
    refused: 'failure',
    unknown: 'error',
};
const unavailable = (error) => {
    if (!(error instanceof GitHubFailure))
        return error;
    const status = error.httpStatus;
    return new core/* RecordsUnavailable */.hk(status === 401 || status === 403 || status === 404 ? 'permission' : 'unreachable', status);
};
function payloadField(payload, name) {
    return typeof payload === 'object' && payload !== null ? payload[name] : undefined;
}
function deploymentRecords(octokit, github, timing, keeping) {
    const repo = { owner: github.owner, repo: github.repo };
    const trust = { login: keeping.login, runsUrl: github.runsUrl };
    const ended = { ...timing, deadline: Math.max(timing.deadline, timing.clock.now()) + END_GRACE_MS };
    const guarded = (fn) => (...args) => fn(...args).catch((error) => Promise.reject(unavailable(error)));
    return {
        find: guarded(async (identity) => {
            const key = (0,core/* identityKey */.US)(identity);
            const all = await call(timing, true, (signal) => octokit.paginate(octokit.rest.repos.listDeployments, {
                ...repo,
                environment: identity.environment,
                task: PROMOTION_TASK,
                per_page: 100,
                request: { signal },
            }));
            const records = [];
            const ignored = { notOurs: 0, elsewhere: 0, statuses: 0 };
            const distrusted = (why) => void (why === 'not-ours' ? ignored.notOurs++ : ignored.elsewhere++);
            for (const deployment of all.filter((d) => payloadField(d.payload, 'identity_key') === key)) {
                // Another login's deployment is passed by unread: its statuses are not fetched at all.
                const before = distrust(trust, deployment);
                if (before) {
                    distrusted(before);
                    continue;
                }
                const statuses = await call(timing, true, (signal) => octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
                    ...repo,
                    deployment_id: deployment.id,
                    per_page: 100,
                    request: { signal },
                }));
                const reading = readRecord(trust, deployment, statuses);
                if ('ignored' in reading) {
                    distrusted(reading.ignored);
                    continue;
                }
                ignored.statuses += reading.ignoredStatuses;
                if (reading.record)
                    records.push(reading.record);
            }
            if (ignored.notOurs + ignored.elsewhere + ignored.statuses > 0)
                keeping.ignored(identity.environment, ignored);
            return records;
        }),
        start: guarded(async (payload) => {
            const created = await call(timing, false, (signal) => octokit.rest.repos.createDeployment({
                ...repo,
                ref: github.ref,
                task: PROMOTION_TASK,
                environment: payload.identity.environment,
                auto_merge: false,
                required_contexts: [],
                description: `Kondado: duplicate pipeline ${payload.basePipelineId}`,
                payload: {
                    identity_key: payload.identityKey,
                    identity: payload.identity,
                    base_pipeline_id: payload.basePipelineId,
                    name: payload.name,
                    execute_immediately: payload.runAtOnce,
                    run_url: github.runUrl,
                },
                request: { signal },
            }));
            if (!('id' in created.data))
                throw new GitHubFailure(created.status);
            const id = created.data.id;
            if (!writtenBy(created.data.creator, keeping.login)) {
                // A later run would pass this record by, so it would protect against nothing: nothing is sent.
                // It is ended as refused (nothing was created), so no run stops on it, whichever login it believes.
                await call(timing, true, (signal) => octokit.rest.repos.createDeploymentStatus({
                    ...repo,
                    deployment_id: id,
                    state: 'failure',
                    log_url: github.runUrl,
                    description: 'nothing sent: not written as github-token-login',
                    auto_inactive: false,
                    request: { signal },
                })).catch(() => undefined);
                throw new core/* RecordsWriterMismatch */.kW(loginOf(created.data.creator), keeping.login);
            }
            // Until this status is written the deployment has none, and later runs pass it by.
            await call(timing, true, (signal) => octokit.rest.repos.createDeploymentStatus({
                ...repo,
                deployment_id: id,
                state: 'in_progress',
                log_url: github.runUrl,
                auto_inactive: false,
                request: { signal },
            }));
            return { id };
        }),
        finish: guarded(async (handle, end) => {
            const environmentUrl = end.state === 'promoted' ? { environment_url: (0,core/* appUrl */.RM)({ kind: 'pipeline', id: end.pipelineId }) } : {};
            const description = end.state === 'promoted' ? `pipeline ${end.pipelineId}` : end.state === 'unknown' ? 'outcome unknown' : 'refused by Kondado';
            await call(ended, true, (signal) => octokit.rest.repos.createDeploymentStatus({
                ...repo,
                deployment_id: handle.id,
                state: STATUS_OF[end.state],
                log_url: github.runUrl,
                description,
                auto_inactive: false,
                ...environmentUrl,
                request: { signal },
            }));
        }),
    };
}

;// CONCATENATED MODULE: ./src/github/pr-comment.ts
// The step's report as one comment on the pull request, found again by a hidden marker that
// names the workflow, job and step, and by its author, and edited in place by later runs of the
// same step. Anyone may write the marker: another login's comment that holds it is left alone.

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
/** Invisible in the rendered comment; `--` cannot occur in it, since the step key is percent-encoded. */
const markerOf = (github) => `<!-- kondado-action:${github.stepKey} -->`;
/** `login`: `github-token-login`, who the token writes as; only a comment by it is this step's. */
async function writeComment(octokit, github, timing, login, body) {
    const number = github.pullRequest;
    if (!PULL_REQUEST_EVENTS.includes(github.eventName) || number === undefined)
        return { outcome: 'not-a-pull-request', eventName: github.eventName };
    const issue = { owner: github.owner, repo: github.repo, issue_number: number };
    const marker = markerOf(github);
    const text = `${marker}\n${body}`;
    try {
        const comments = await call(timing, true, (signal) => octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100, request: { signal } }));
        const mine = comments.find((comment) => comment.body?.startsWith(marker) && writtenBy(comment.user, login));
        if (mine) {
            await call(timing, true, (signal) => octokit.rest.issues.updateComment({ owner: github.owner, repo: github.repo, comment_id: mine.id, body: text, request: { signal } }));
            return { outcome: 'updated', pullRequest: number };
        }
        const created = await call(timing, false, (signal) => octokit.rest.issues.createComment({ ...issue, body: text, request: { signal } }));
        if (writtenBy(created.data.user, login))
            return { outcome: 'created', pullRequest: number };
        return { outcome: 'created', pullRequest: number, wroteAs: { login: loginOf(created.data.user) } };
    }
    catch (error) {
        if (!(error instanceof GitHubFailure))
            throw error;
        const status = error.httpStatus;
        return status === 403 || status === 404 ? { outcome: 'read-only', httpStatus: status } : { outcome: 'failed', httpStatus: status };
    }
}

;// CONCATENATED MODULE: ./src/github/connect.ts
// The GitHub side of a step, loaded with a dynamic import only by steps that use it (a PR
// comment, or promotion records), so the others do not load GitHub's libraries at all.



/**
 * `keeping.login` is who the token writes as (`github-token-login`): the records and the comment
 * are believed only when written by it.
 */
function connect(token, keeping, clock, random) {
    const octokit = gitHubClient(token);
    const context = gitHubContext();
    const timing = (deadline) => ({ clock, random, deadline });
    return {
        context,
        login: keeping.login,
        records: (deadline) => deploymentRecords(octokit, context, timing(deadline), keeping),
        comment: (body, deadline) => writeComment(octokit, context, timing(deadline), keeping.login, body),
    };
}


/***/ })

};
