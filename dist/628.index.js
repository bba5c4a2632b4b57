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
    return {
        owner,
        repo,
        runUrl: `${github/* context */._.serverUrl}/${owner}/${repo}/actions/runs/${github/* context */._.runId}${attempt}`,
        eventName: github/* context */._.eventName,
        pullRequest: typeof pull === 'number' ? pull : undefined,
        ref: github/* context */._.sha || github/* context */._.ref,
        stepKey: [github/* context */._.workflow, github/* context */._.job, github/* context */._.action].map((part) => encodeURIComponent(part ?? '')).join('/'),
    };
}
const gitHubClient = (token) => (0,github/* getOctokit */.Q)(token, { baseUrl: github/* context */._.apiUrl });

// EXTERNAL MODULE: ./src/core/index.ts + 21 modules
var core = __webpack_require__(1734);
;// CONCATENATED MODULE: ./src/github/api.ts
// One call to the GitHub API: a request timeout, and for reads (and writes that may be repeated)
// the retries of the core's one retry loop and policy, within the step's deadline.

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

;// CONCATENATED MODULE: ./src/github/deployments.ts
// Promotion records as GitHub deployments of the environment: a task of this action's own, the
// identity in the payload, and the outcome as the deployment's statuses, the new pipeline's app
// link as the environment URL of its `success`.


/** Deployments with any other task were not made by this action, and are never read as its records. */
const PROMOTION_TASK = 'kondado:promote';
/** Writing the end of a record is worth this much time past the step's deadline: a timed-out request's record must still say "unknown". */
const END_GRACE_MS = 30_000;
const PIPELINE_URL = /\/pipelines\/(\d+)$/;
/** One deployment's statuses (newest first) as a record; undefined when it never got as far as `in_progress`. */
function recordOf(runUrl, statuses) {
    // A later `inactive` (GitHub adds one to an environment's older successes) does not undo a success.
    const success = statuses.find((status) => status.state === 'success');
    const id = PIPELINE_URL.exec(success?.environment_url ?? '')?.[1];
    if (id)
        return { state: 'promoted', pipelineId: Number(id), runUrl };
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
const payloadField = (payload, name) => typeof payload === 'object' && payload !== null ? payload[name] : undefined;
/** Anyone who may write deployments may write a payload: only a plain web address is linked to. */
const linkable = (url) => (typeof url === 'string' && /^https?:\/\/[^\s()<>[\]]+$/.test(url) ? url : '');
function deploymentRecords(octokit, github, timing) {
    const repo = { owner: github.owner, repo: github.repo };
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
            for (const deployment of all.filter((d) => payloadField(d.payload, 'identity_key') === key)) {
                const statuses = await call(timing, true, (signal) => octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
                    ...repo,
                    deployment_id: deployment.id,
                    per_page: 100,
                    request: { signal },
                }));
                const record = recordOf(linkable(payloadField(deployment.payload, 'run_url')), statuses);
                if (record)
                    records.push(record);
            }
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
// names the workflow, job and step, and edited in place by later runs of the same step.

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
/** Invisible in the rendered comment; `--` cannot occur in it, since the step key is percent-encoded. */
const markerOf = (github) => `<!-- kondado-action:${github.stepKey} -->`;
async function writeComment(octokit, github, timing, body) {
    const number = github.pullRequest;
    if (!PULL_REQUEST_EVENTS.includes(github.eventName) || number === undefined)
        return { outcome: 'not-a-pull-request', eventName: github.eventName };
    const issue = { owner: github.owner, repo: github.repo, issue_number: number };
    const marker = markerOf(github);
    const text = `${marker}\n${body}`;
    try {
        const comments = await call(timing, true, (signal) => octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100, request: { signal } }));
        const mine = comments.find((comment) => comment.body?.startsWith(marker));
        if (mine) {
            await call(timing, true, (signal) => octokit.rest.issues.updateComment({ owner: github.owner, repo: github.repo, comment_id: mine.id, body: text, request: { signal } }));
            return { outcome: 'updated', pullRequest: number };
        }
        await call(timing, false, (signal) => octokit.rest.issues.createComment({ ...issue, body: text, request: { signal } }));
        return { outcome: 'created', pullRequest: number };
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



function connect(token, clock, random) {
    const octokit = gitHubClient(token);
    const context = gitHubContext();
    const timing = (deadline) => ({ clock, random, deadline });
    return {
        context,
        records: (deadline) => deploymentRecords(octokit, context, timing(deadline)),
        comment: (body, deadline) => writeComment(octokit, context, timing(deadline), body),
    };
}


/***/ })

};
