// Promotion records as GitHub deployments of the environment: a task of this action's own, the
// identity in the payload, and the outcome as the deployment's statuses, the new pipeline's app
// link as the environment URL of its `success`.

import {
  appUrl,
  identityKey,
  type PromotionEnd,
  type PromotionIdentity,
  type PromotionPayload,
  type PromotionRecord,
  type PromotionRecords,
  RecordsUnavailable,
} from '../core/index.ts'
import { call, type CallTiming, GitHubFailure } from './api.ts'
import type { GitHubContext, Octokit } from './context.ts'

/** Deployments with any other task were not made by this action, and are never read as its records. */
export const PROMOTION_TASK = 'kondado:promote'

/** Writing the end of a record is worth this much time past the step's deadline: a timed-out request's record must still say "unknown". */
const END_GRACE_MS = 30_000

interface Status {
  readonly state: string
  readonly environment_url?: string | null
}

const PIPELINE_URL = /\/pipelines\/(\d+)$/

/** One deployment's statuses (newest first) as a record; undefined when it never got as far as `in_progress`. */
export function recordOf(runUrl: string, statuses: readonly Status[]): PromotionRecord | undefined {
  // A later `inactive` (GitHub adds one to an environment's older successes) does not undo a success.
  const success = statuses.find((status) => status.state === 'success')
  const id = PIPELINE_URL.exec(success?.environment_url ?? '')?.[1]
  if (id) return { state: 'promoted', pipelineId: Number(id), runUrl }
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

const payloadField = (payload: unknown, name: string): unknown =>
  typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined

/** Anyone who may write deployments may write a payload: only a plain web address is linked to. */
const linkable = (url: unknown): string => (typeof url === 'string' && /^https?:\/\/[^\s()<>[\]]+$/.test(url) ? url : '')

export function deploymentRecords(octokit: Octokit, github: GitHubContext, timing: CallTiming): PromotionRecords {
  const repo = { owner: github.owner, repo: github.repo }
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
      for (const deployment of all.filter((d) => payloadField(d.payload, 'identity_key') === key)) {
        const statuses = await call(timing, true, (signal) =>
          octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
            ...repo,
            deployment_id: deployment.id,
            per_page: 100,
            request: { signal },
          }),
        )
        const record = recordOf(linkable(payloadField(deployment.payload, 'run_url')), statuses)
        if (record) records.push(record)
      }
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
