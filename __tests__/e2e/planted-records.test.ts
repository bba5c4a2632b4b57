// Records and comments planted by someone else, end to end on the bundled action: a deployment
// of the promotion's task and identity, or a comment with the step's marker, counts only when
// written by the login the action writes as (`github-token-login`, `github-actions[bot]` for the
// job's token), with a run link of this repository and a success naming the pipeline's page in
// Kondado's app. Anything else is ignored, said once with its count, and neither stops nor
// redirects a promotion; another login's comment is never edited.

import { afterAll, describe, expect, test } from '@jest/globals'
import { failureOf } from '../../__fixtures__/action-checks.ts'
import {
  expectNoSecretSent,
  GITHUB_TOKEN,
  pullRequest,
  runnerEnv,
  runUrlOf,
  startGitHub,
  stopGitHub,
  workflowDispatch,
} from '../../__fixtures__/github-run.ts'
import type { ActionRun } from '../../harness/run-action.ts'
import { type GitHubStandIn, WORKFLOW_BOT } from '../../simulator/github-api.ts'
import type { KondadoModel, KondadoSimulator } from '../../simulator/index.ts'
import { identityOf, payloadOf } from '../../src/core/promotion.ts'
import { act, busyFor, cleanUp, expectClean, KEY, requests, startSimulator, TOKEN, visibleStdout, warningLines } from './helpers.ts'

afterAll(async () => {
  await cleanUp()
  await stopGitHub()
})

const NEW_ID = 777001
const PLANTED_ID = 666
const SECRETS = [KEY, TOKEN, GITHUB_TOKEN]
const base = (m: KondadoModel): void => m.addPipeline({ id: 2040, tablePaths: [''], run: busyFor(1) })
const options = { duplicate: { firstId: NEW_ID, buildingTablesReads: 1 } }
const PROMOTION = {
  command: 'duplicate',
  'pipeline-id': '2040',
  'src-collection-id': '877291',
  'dest-collection-id': '678910',
  'full-tables': '{"": "orders"}',
  environment: 'production',
  'github-token': GITHUB_TOKEN,
}
const REQUEST = {
  basePipelineId: 2040,
  sourceCollectionId: 877291,
  destinationCollectionId: 678910,
  fullTables: { '': 'orders' },
  runAtOnce: false,
}
/** The very promotion PROMOTION makes: a planted record with this key would otherwise decide it. */
const IDENTITY_KEY = payloadOf(identityOf('production', REQUEST), REQUEST).identityKey
const appLink = (id: number): string => `https://app.kondado.com.br/pipelines/${id}`
const EVIL_RUN = 'https://evil.example/acme/data/actions/runs/5'

interface Planted {
  readonly creator?: string
  readonly runUrl?: string
  /** Oldest first, each by the deployment's creator unless it names another. */
  readonly statuses: readonly { readonly state: string; readonly url?: string; readonly creator?: string }[]
}

/** A deployment with this action's task and the promotion's identity, as anyone with `deployments: write` can write one. */
function plant(gitHub: GitHubStandIn, { creator, runUrl = runUrlOf(1, 5), statuses }: Planted): void {
  gitHub.addDeployment(
    {
      ref: 'x',
      task: 'kondado:promote',
      environment: 'production',
      payload: { identity_key: IDENTITY_KEY, run_url: runUrl },
      description: 'Kondado: duplicate pipeline 2040',
      ...(creator ? { creator } : {}),
    },
    statuses.map(({ state, url = '', creator: by }) => ({
      state,
      environment_url: url,
      log_url: runUrl,
      description: 'planted',
      ...(by ? { creator: by } : {}),
    })),
  )
}

/** The lines saying what was ignored: exactly one per step that ignored anything. */
const ignoredLines = (run: ActionRun): string[] =>
  visibleStdout(run)
    .split('\n')
    .filter((line) => line.includes('Ignored in environment'))

/** Nothing reached Kondado about the planted pipeline, and nothing from a planted record reached the log. */
function expectUntouched(run: ActionRun, sim: KondadoSimulator): void {
  expect(requests(sim).filter((entry) => entry.id === PLANTED_ID || entry.path.includes(`/${PLANTED_ID}`))).toEqual([])
  expect(run.stdout).not.toMatch(/evil|planted|pipelines\/666|pipeline 666|mallory/)
  expect(run.summary).not.toMatch(/evil|planted|666|mallory/)
}

/** Every request the action sent GitHub is a route of its REST API, and was answered as such. */
function expectDocumentedRequests(gitHub: GitHubStandIn): void {
  const ROUTES = [
    /^GET \/repos\/acme\/data\/deployments$/,
    /^POST \/repos\/acme\/data\/deployments$/,
    /^GET \/repos\/acme\/data\/deployments\/\d+\/statuses$/,
    /^POST \/repos\/acme\/data\/deployments\/\d+\/statuses$/,
    /^GET \/repos\/acme\/data\/issues\/\d+\/comments$/,
    /^POST \/repos\/acme\/data\/issues\/\d+\/comments$/,
    /^PATCH \/repos\/acme\/data\/issues\/comments\/\d+$/,
  ]
  const sent = gitHub.log.map((r) => `${r.method} ${r.path}`)
  expect(sent.filter((request) => !ROUTES.some((route) => route.test(request)))).toEqual([])
  expect(gitHub.log.filter((r) => r.status >= 300)).toEqual([])
}

/** The step made its own pipeline, as if nothing had been planted, and recorded it as this action's. */
function expectCreated(run: ActionRun, sim: KondadoSimulator, gitHub: GitHubStandIn): void {
  expect(run.code).toBe(0)
  expect(sim.model.createdPipelineIds()).toEqual([NEW_ID])
  expect(run.outputs).toMatchObject({ 'new-pipeline-id': String(NEW_ID), 'new-pipeline-url': appLink(NEW_ID), promotion: 'created' })
  const ours = gitHub.deployments.filter((d) => d.creator === WORKFLOW_BOT && d.statuses[0]?.environment_url === appLink(NEW_ID))
  expect(ours).toHaveLength(1)
  expect(warningLines(run)).toEqual([])
  expectUntouched(run, sim)
  expectDocumentedRequests(gitHub)
  expectClean(run, sim, SECRETS)
  expectNoSecretSent(gitHub, SECRETS)
}

describe('planted promotion records', () => {
  test.concurrent(
    "a record of a promotion 'made' as pipeline 666 by another login is not believed: a pipeline is created, 666 is never sent",
    async () => {
      const sim = await startSimulator(base, options)
      const gitHub = await startGitHub()
      plant(gitHub, {
        creator: 'mallory',
        runUrl: EVIL_RUN,
        statuses: [{ state: 'in_progress' }, { state: 'success', url: appLink(PLANTED_ID) }],
      })
      const run = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch))
      expectCreated(run, sim, gitHub)
      expect(run.stdout).not.toContain('Already promoted')
      expect(ignoredLines(run)).toEqual([
        "Ignored in environment 'production': 1 promotion record not made by this action (github-actions[bot]). They neither stop this promotion nor choose its pipeline.",
      ])
    },
  )

  test.concurrent('planted in_progress and error records by another login do not block the promotion', async () => {
    const sim = await startSimulator(base, options)
    const gitHub = await startGitHub()
    plant(gitHub, { creator: 'mallory', statuses: [{ state: 'in_progress' }] })
    plant(gitHub, { creator: 'mallory', statuses: [{ state: 'in_progress' }, { state: 'error' }] })
    // A bot of another app is another login too, whatever its name says.
    plant(gitHub, { creator: 'github-actions-helper[bot]', statuses: [{ state: 'queued' }] })
    const run = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch))
    expectCreated(run, sim, gitHub)
    expect(ignoredLines(run)).toEqual([
      "Ignored in environment 'production': 3 promotion records not made by this action (github-actions[bot]). They neither stop this promotion nor choose its pipeline.",
    ])
  })

  test.concurrent.each([
    [
      'a run link on another host',
      { runUrl: EVIL_RUN, statuses: [{ state: 'in_progress' }, { state: 'success', url: appLink(PLANTED_ID) }] },
    ],
    ['a run link to another repository', { runUrl: 'https://github.com/mallory/data/actions/runs/5', statuses: [{ state: 'error' }] }],
    [
      'a success naming a page outside Kondado’s app',
      { statuses: [{ state: 'success', url: `https://evil.example/pipelines/${PLANTED_ID}` }] },
    ],
    [
      'a success naming the app over plain http',
      { statuses: [{ state: 'success', url: `http://app.kondado.com.br/pipelines/${PLANTED_ID}` }] },
    ],
  ])('a record by this action’s login with %s is ignored, whatever it says', async (_, planted: Planted) => {
    const sim = await startSimulator(base, options)
    const gitHub = await startGitHub()
    plant(gitHub, planted)
    expect(gitHub.deployments[0]?.creator).toBe(WORKFLOW_BOT)
    const run = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch))
    expectCreated(run, sim, gitHub)
    expect(ignoredLines(run)).toEqual([
      "Ignored in environment 'production': 1 promotion record linking elsewhere than this repository's workflow runs and Kondado's app. They neither stop this promotion nor choose its pipeline.",
    ])
  })

  test.concurrent(
    'statuses planted by another login on this action’s own record are ignored: the re-run reuses the real pipeline',
    async () => {
      const sim = await startSimulator(base, options)
      const gitHub = await startGitHub()
      const first = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch, 1))
      expect(first.outputs).toMatchObject({ 'new-pipeline-id': String(NEW_ID), promotion: 'created' })
      const genuine = gitHub.deployments[0]
      if (!genuine) throw new Error('the first run recorded nothing')
      // Newest last: a success naming 666, then an error that would stop every later run.
      for (const [state, url] of [
        ['success', appLink(PLANTED_ID)],
        ['error', ''],
      ] as const)
        gitHub.addStatus(genuine.id, { state, environment_url: url, log_url: EVIL_RUN, description: 'planted', creator: 'mallory' })

      sim.model.log.splice(0)
      const second = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch, 2))
      expect(second.code).toBe(0)
      expect(sim.model.createdPipelineIds()).toEqual([NEW_ID])
      expect([...new Set(requests(sim).map((entry) => `${entry.method} ${entry.path}`))]).toEqual([`GET /pipelines/${NEW_ID}/status`])
      expect(second.outputs).toMatchObject({ 'new-pipeline-id': String(NEW_ID), promotion: 'reused' })
      expect(second.stdout).toContain(`Already promoted as pipeline ${NEW_ID} by ${runUrlOf(1)}: nothing is created`)
      expect(ignoredLines(second)).toEqual([
        "Ignored in environment 'production': 2 deployment statuses not written by github-actions[bot]. They neither stop this promotion nor choose its pipeline.",
      ])
      expect(gitHub.deployments).toHaveLength(1)
      expectUntouched(second, sim)
      expectDocumentedRequests(gitHub)
      expectClean(second, sim, SECRETS)
    },
  )

  test.concurrent(
    'a personal access token: without github-token-login nothing is sent and the step names the login; with it, records are kept and reused',
    async () => {
      const sim = await startSimulator(base, options)
      const gitHub = await startGitHub()
      gitHub.standFor(GITHUB_TOKEN, 'octocat')
      const unset = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch, 1))
      expect(unset.code).toBe(1)
      expect(sim.model.log).toEqual([])
      expect(failureOf(unset)).toBe(
        "The GitHub token wrote this promotion's record in environment 'production' as 'octocat', not as 'github-actions[bot]' (input 'github-token-login'): a later run would not believe that record, so nothing was sent to Kondado. Set 'github-token-login' to 'octocat', then run the step again.",
      )
      expect(gitHub.deployments.map((d) => [d.creator, d.statuses.map((s) => s.state)])).toEqual([['octocat', ['failure']]])
      expectClean(unset, null, SECRETS)

      const asPat = { ...PROMOTION, 'github-token-login': 'octocat' }
      const first = await act(sim, asPat, runnerEnv(gitHub, workflowDispatch, 2))
      expect(first.code).toBe(0)
      expect(first.outputs).toMatchObject({ 'new-pipeline-id': String(NEW_ID), promotion: 'created' })
      // The refused attempt made nothing: it is believed, as refused, and passed by.
      expect(ignoredLines(first)).toEqual([])
      const again = await act(sim, asPat, runnerEnv(gitHub, workflowDispatch, 3))
      expect(again.outputs).toMatchObject({ 'new-pipeline-id': String(NEW_ID), promotion: 'reused' })
      expect(sim.model.createdPipelineIds()).toEqual([NEW_ID])
      expectDocumentedRequests(gitHub)
      expectClean(again, sim, SECRETS)
    },
  )
})

describe('a planted comment', () => {
  const GATE = { command: 'status', 'pipeline-id': '2040', 'pr-comment': 'true', 'github-token': GITHUB_TOKEN }
  const MARKER = '<!-- kondado-action:Promote/promote/promote -->'

  test.concurrent(
    'another login’s comment with the step’s marker is left alone: the step writes its own, and edits only that one',
    async () => {
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
      const gitHub = await startGitHub()
      const planted = gitHub.addComment({ body: `${MARKER}\n**✅ passed** (planted)`, issue: 42, user: 'mallory' })
      const first = await act(sim, GATE, runnerEnv(gitHub, pullRequest(42), 1))
      expect(first.code).toBe(0)
      expect(visibleStdout(first)).toContain('pr-comment: commented on pull request #42.')
      const second = await act(sim, GATE, runnerEnv(gitHub, pullRequest(42), 2))
      expect(visibleStdout(second)).toContain('pr-comment: updated the comment on pull request #42.')

      expect(gitHub.comments.map((c) => [c.user, c.body.split('\n')[0]])).toEqual([
        ['mallory', MARKER],
        [WORKFLOW_BOT, MARKER],
      ])
      expect(gitHub.comments[0]).toEqual(planted)
      expect(gitHub.comments[0]?.body).toBe(`${MARKER}\n**✅ passed** (planted)`)
      const ours = gitHub.comments[1]?.id
      expect(gitHub.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /repos/acme/data/issues/42/comments',
        `PATCH /repos/acme/data/issues/comments/${ours}`,
      ])
      expect([...warningLines(first), ...warningLines(second)]).toEqual([])
      expectDocumentedRequests(gitHub)
      expectClean(second, sim, SECRETS)
      expectNoSecretSent(gitHub, SECRETS)
    },
  )

  test.concurrent('a comment the token writes as another login than github-token-login: a warning naming it', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
    const gitHub = await startGitHub()
    gitHub.standFor(GITHUB_TOKEN, 'octocat')
    const run = await act(sim, GATE, runnerEnv(gitHub, pullRequest(43)))
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ healthy: 'true' })
    expect(warningLines(run)).toEqual([
      "::warning::pr-comment: the comment was written as 'octocat', not as 'github-actions[bot]' (input 'github-token-login'): a later run will not recognise it as its own, and will write another. Set 'github-token-login' to 'octocat'.",
    ])
    expect(gitHub.comments.map((c) => c.user)).toEqual(['octocat'])
    expectClean(run, sim, SECRETS)
  })
})
