// What a run of the bundled action needs from GitHub besides its inputs: the stand-in for the REST
// API, the event payload file, and the runner's variables that @actions/github's context reads.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from '@jest/globals'
import { GitHubStandIn } from '../simulator/github-api.ts'
import { secretForms } from './action-checks.ts'

// Like the Kondado credentials: every encoding differs from the raw text.
export const GITHUB_TOKEN = 'ghs_Gït+hub/%2F= tøken'
export const REPOSITORY = 'acme/data'
export const RUN_ID = 9001

export interface GitHubEvent {
  readonly name: string
  readonly payload: unknown
}

/** A pull request from a branch of the repository itself. */
export const pullRequest = (number: number, headRepo = REPOSITORY): GitHubEvent => ({
  name: 'pull_request',
  payload: { number, pull_request: { number, head: { repo: { full_name: headRepo } } }, repository: { full_name: REPOSITORY } },
})

export const workflowDispatch: GitHubEvent = { name: 'workflow_dispatch', payload: {} }

const dirs = new Set<string>()

/**
 * One runner temp folder per stand-in: the runs of a test share the request history, as steps of
 * one job do, so a second run knows the first one's requests and stays within the simulator's
 * 20 a minute. (A re-run on another runner would pause once on Kondado's refusal instead; the
 * rate-limit tests cover that.)
 */
const runnerTemps = new WeakMap<GitHubStandIn, string>()

function runnerTempOf(gitHub: GitHubStandIn): string {
  const known = runnerTemps.get(gitHub)
  if (known) return known
  const dir = mkdtempSync(join(tmpdir(), 'kondado-runner-temp-'))
  dirs.add(dir)
  runnerTemps.set(gitHub, dir)
  return dir
}

/** The runner's variables for one run of one step, with the API at `gitHub`; `attempt` as on "Re-run jobs". */
export function runnerEnv(gitHub: GitHubStandIn, event: GitHubEvent, attempt = 1, runId = RUN_ID): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'kondado-event-'))
  dirs.add(dir)
  const eventPath = join(dir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(event.payload))
  return {
    GITHUB_API_URL: gitHub.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: String(attempt),
    GITHUB_WORKFLOW: 'Promote',
    GITHUB_JOB: 'promote',
    GITHUB_ACTION: 'promote',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: runnerTempOf(gitHub),
  }
}

export const runUrlOf = (attempt = 1, runId = RUN_ID): string =>
  `https://github.com/${REPOSITORY}/actions/runs/${runId}/attempts/${attempt}`

const standIns = new Set<GitHubStandIn>()

export async function startGitHub(): Promise<GitHubStandIn> {
  const gitHub = new GitHubStandIn(GITHUB_TOKEN)
  await gitHub.start()
  standIns.add(gitHub)
  return gitHub
}

/** For afterAll: stops every stand-in and removes the event files. */
export async function stopGitHub(): Promise<void> {
  await Promise.all([...standIns].map((gitHub) => gitHub.stop()))
  standIns.clear()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  dirs.clear()
}

/** What the action wrote to GitHub (comments, deployments and their statuses) holds no secret, in any form. */
export function expectNoSecretSent(gitHub: GitHubStandIn, secrets: readonly string[]): void {
  const written = JSON.stringify([gitHub.comments, gitHub.deployments])
  const leaked = secrets.flatMap((secret) => secretForms(secret).filter((form) => written.includes(form)))
  expect(leaked).toEqual([])
}
