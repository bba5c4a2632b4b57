// Promotion records as GitHub deployments of the environment: a task of this action's own, the
// identity in the payload, and the outcome as the deployment's statuses, the new pipeline's app
// link as the environment URL of its `success`. Anyone who may write deployments may write all of
// that, so a record is believed only when this action's login wrote it (the deployment and each
// status) and its links point where this action's do: the rest is counted, said once, and ignored.

import {
  appUrl,
  identityKey,
  type PromotionEnd,
  type PromotionIdentity,
  type PromotionPayload,
  type PromotionRecord,
  type PromotionRecords,
  RecordsUnavailable,
  RecordsWriterMismatch,
} from '../core/index.ts'
import { type Author, call, type CallTiming, GitHubFailure, loginOf, writtenBy } from './api.ts'
import type { GitHubContext, Octokit } from './context.ts'

/** Deployments with any other task were not made by this action, and are never read as its records. */
export const PROMOTION_TASK = 'kondado:promote'

/** Writing the end of a record is worth this much time past the step's deadline: a timed-out request's record must still say "unknown". */
const END_GRACE_MS = 30_000

interface Status {
  readonly state: string
  readonly environment_url?: string | null
  readonly creator?: Author
}

interface Deployment {
  readonly payload: unknown
  readonly creator?: Author
}

/** Who writes this action's records, and where their links point: what a record must match to be believed. */
export interface Trust {
  /** `github-token-login`: the login the token writes as. */
  readonly login: string
  /** This repository's workflow runs on this server (`GitHubContext.runsUrl`). */
  readonly runsUrl: string
}

/** Why a record of this promotion is not believed: made by another login, or linking where this action's records never do. */
type Distrust = 'not-ours' | 'elsewhere'

/** The records of one promotion that were not believed, by why; the log says only these counts. */
export interface Ignored {
  readonly notOurs: number
  readonly elsewhere: number
  /** Statuses by another login on a record this action made: each is passed by, the record stands on the rest. */
  readonly statuses: number
}

/** The pipeline a `success` names: only its page in Kondado's app, exactly as `appUrl` writes it. */
export function pipelineOf(environmentUrl: string | null | undefined): number | undefined {
  const id = Number(/\/pipelines\/([1-9]\d*)$/.exec(environmentUrl ?? '')?.[1])
  return Number.isSafeInteger(id) && appUrl({ kind: 'pipeline', id }) === environmentUrl ? id : undefined
}

/** A link to one of this repository's workflow runs, or to an attempt of one, as this action writes it; GitHub's names are the same in any case. */
export function isRunOf(runsUrl: string, url: unknown): url is string {
  if (typeof url !== 'string' || url.slice(0, runsUrl.length).toLowerCase() !== runsUrl.toLowerCase()) return false
  return /^\d+(\/attempts\/\d+)?$/.test(url.slice(runsUrl.length))
}

/** Before its statuses are read: a deployment this action did not make, or whose run link is not one of this repository's runs. */
function distrust(trust: Trust, deployment: Deployment): Distrust | undefined {
  if (!writtenBy(deployment.creator, trust.login)) return 'not-ours'
  return isRunOf(trust.runsUrl, payloadField(deployment.payload, 'run_url')) ? undefined : 'elsewhere'
}

export type Reading =
  | { readonly ignored: Distrust }
  /** `record` undefined: the deployment never got as far as `in_progress`. */
  | { readonly record: PromotionRecord | undefined; readonly ignoredStatuses: number }

/** A deployment of this promotion and its statuses (newest first), as this action believes them. */
export function readRecord(trust: Trust, deployment: Deployment, statuses: readonly Status[]): Reading {
  const distrusted = distrust(trust, deployment)
  if (distrusted) return { ignored: distrusted }
  const ours = statuses.filter((status) => writtenBy(status.creator, trust.login))
  // This action's success names the new pipeline's app page: any other is not its own, and the record with it.
  if (ours.some((status) => status.state === 'success' && pipelineOf(status.environment_url) === undefined)) return { ignored: 'elsewhere' }
  const runUrl = payloadField(deployment.payload, 'run_url')
  return { record: recordOf(typeof runUrl === 'string' ? runUrl : '', ours), ignoredStatuses: statuses.length - ours.length }
}

/** One deployment's statuses (newest first), all this action's own, as a record; undefined when it never got as far as `in_progress`. */
export function recordOf(runUrl: string, statuses: readonly Status[]): PromotionRecord | undefined {
  // A later `inactive` (GitHub adds one to an environment's older successes) does not undo a success.
  const success = statuses.find((status) => status.state === 'success')
  const id = pipelineOf(success?.environment_url)
  if (id !== undefined) return { state: 'promoted', pipelineId: id, runUrl }
  switch (statuses[0]?.state) {
    case 'failure':
      return { state: 'refused', runUrl }
    case 'error':
      return { state: 'unknown', runUrl }
    case 'in_progress':
    case 'queued':
    case 'pending':
      return { state: 'in-progress', runUrl }
    default:
      return undefined
  }
}

const STATUS_OF: Record<PromotionEnd['state'], 'success' | 'failure' | 'error'> = {
  promoted: 'success',
  refused: 'failure',
  unknown: 'error',
}

const unavailable = (error: unknown): unknown => {
  if (!(error instanceof GitHubFailure)) return error
  const status = error.httpStatus
  return new RecordsUnavailable(status === 401 || status === 403 || status === 404 ? 'permission' : 'unreachable', status)
}

function payloadField(payload: unknown, name: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined
}

/** `login`: `github-token-login`; `ignored` hears once per search how many records of the promotion were not believed, and why. */
export interface RecordKeeping {
  readonly login: string
  readonly ignored: (environment: string, count: Ignored) => void
}

export function deploymentRecords(octokit: Octokit, github: GitHubContext, timing: CallTiming, keeping: RecordKeeping): PromotionRecords {
  const repo = { owner: github.owner, repo: github.repo }
  const trust: Trust = { login: keeping.login, runsUrl: github.runsUrl }
  const ended: CallTiming = { ...timing, deadline: Math.max(timing.deadline, timing.clock.now()) + END_GRACE_MS }
  const guarded =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      fn(...args).catch((error: unknown) => Promise.reject(unavailable(error)))

  return {
    find: guarded(async (identity: PromotionIdentity) => {
      const key = identityKey(identity)
      const all = await call(timing, true, (signal) =>
        octokit.paginate(octokit.rest.repos.listDeployments, {
          ...repo,
          environment: identity.environment,
          task: PROMOTION_TASK,
          per_page: 100,
          request: { signal },
        }),
      )
      const records: PromotionRecord[] = []
      const ignored = { notOurs: 0, elsewhere: 0, statuses: 0 }
      const distrusted = (why: Distrust): void => void (why === 'not-ours' ? ignored.notOurs++ : ignored.elsewhere++)
      for (const deployment of all.filter((d) => payloadField(d.payload, 'identity_key') === key)) {
        // Another login's deployment is passed by unread: its statuses are not fetched at all.
        const before = distrust(trust, deployment)
        if (before) {
          distrusted(before)
          continue
        }
        const statuses = await call(timing, true, (signal) =>
          octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
            ...repo,
            deployment_id: deployment.id,
            per_page: 100,
            request: { signal },
          }),
        )
        const reading = readRecord(trust, deployment, statuses)
        if ('ignored' in reading) {
          distrusted(reading.ignored)
          continue
        }
        ignored.statuses += reading.ignoredStatuses
        if (reading.record) records.push(reading.record)
      }
      if (ignored.notOurs + ignored.elsewhere + ignored.statuses > 0) keeping.ignored(identity.environment, ignored)
      return records
    }),

    start: guarded(async (payload: PromotionPayload) => {
      const created = await call(timing, false, (signal) =>
        octokit.rest.repos.createDeployment({
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
        }),
      )
      if (!('id' in created.data)) throw new GitHubFailure(created.status)
      const id = created.data.id
      if (!writtenBy(created.data.creator, keeping.login)) {
        // A later run would pass this record by, so it would protect against nothing: nothing is sent.
        // It is ended as refused (nothing was created), so no run stops on it, whichever login it believes.
        await call(timing, true, (signal) =>
          octokit.rest.repos.createDeploymentStatus({
            ...repo,
            deployment_id: id,
            state: 'failure',
            log_url: github.runUrl,
            description: 'nothing sent: not written as github-token-login',
            auto_inactive: false,
            request: { signal },
          }),
        ).catch(() => undefined)
        throw new RecordsWriterMismatch(loginOf(created.data.creator), keeping.login)
      }
      // Until this status is written the deployment has none, and later runs pass it by.
      await call(timing, true, (signal) =>
        octokit.rest.repos.createDeploymentStatus({
          ...repo,
          deployment_id: id,
          state: 'in_progress',
          log_url: github.runUrl,
          auto_inactive: false,
          request: { signal },
        }),
      )
      return { id }
    }),

    finish: guarded(async (handle, end) => {
      const environmentUrl = end.state === 'promoted' ? { environment_url: appUrl({ kind: 'pipeline', id: end.pipelineId }) } : {}
      const description =
        end.state === 'promoted' ? `pipeline ${end.pipelineId}` : end.state === 'unknown' ? 'outcome unknown' : 'refused by Kondado'
      await call(ended, true, (signal) =>
        octokit.rest.repos.createDeploymentStatus({
          ...repo,
          deployment_id: handle.id,
          state: STATUS_OF[end.state],
          log_url: github.runUrl,
          description,
          auto_inactive: false,
          ...environmentUrl,
          request: { signal },
        }),
      )
    }),
  }
}
