// The GitHub adapter's pieces: the retries of one call, reading a deployment's statuses as a
// record, which records and comments are believed (this action's login, its links), and the
// records and the comment against the REST stand-in on loopback.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import { identityOf, payloadOf, RecordsUnavailable, RecordsWriterMismatch } from '../../src/core/promotion.ts'
import { call, GitHubFailure, loginOf, writtenBy } from '../../src/github/api.ts'
import { commentBody } from '../../src/github/index.ts'
import type { GitHubContext } from '../../src/github/context.ts'
import {
  deploymentRecords,
  type Ignored,
  isRunOf,
  pipelineOf,
  PROMOTION_TASK,
  type RecordKeeping,
  readRecord,
  recordOf,
} from '../../src/github/deployments.ts'
import { markerOf, writeComment } from '../../src/github/pr-comment.ts'
import { en } from '../../src/messages/en.ts'
import { GitHubStandIn, WORKFLOW_BOT } from '../../simulator/github-api.ts'
import { rejection } from './helpers.ts'

const TOKEN = 'ghs_unit-token'
const RUNS_URL = 'https://github.com/acme/data/actions/runs/'
const RUN_URL = `${RUNS_URL}7/attempts/1`
const RUN: GitHubContext = {
  owner: 'acme',
  repo: 'data',
  runsUrl: RUNS_URL,
  runUrl: RUN_URL,
  eventName: 'pull_request',
  pullRequest: 12,
  ref: 'abc123',
  stepKey: 'Gate/health/check',
}
/** An answer Octokit gives for an HTTP error, and for no answer at all. */
const answered = (status: number): Error => Object.assign(new Error(`HTTP ${status}`), { status, response: { status } })
const noAnswer = (): Error => Object.assign(new Error('fetch failed'), { status: 500 })

describe('one call', () => {
  const failing = (errors: Error[], value = 'ok') => {
    const tries: number[] = []
    const send = async (): Promise<string> => {
      tries.push(tries.length)
      const error = errors.shift()
      if (error) throw error
      return value
    }
    return { tries, send }
  }

  test('a read is tried again after a 5xx, a 429 or no answer, on the retry schedule (2 s, 4 s, 8 s with no jitter)', async () => {
    const clock = new VirtualClock(0)
    const { tries, send } = failing([answered(502), noAnswer(), answered(429)])
    expect(await call({ clock, random: () => 0.5, deadline: 60_000 }, true, send)).toBe('ok')
    expect(tries).toHaveLength(4)
    expect(clock.now()).toBe(14_000)
  })

  test('no retry for a refusal, nor for a write that must not be repeated', async () => {
    const clock = new VirtualClock(0)
    const refused = failing([answered(403)])
    expect(await rejection(call({ clock, random: () => 0.5, deadline: 60_000 }, true, refused.send))).toEqual(new GitHubFailure(403))
    const lost = failing([noAnswer()])
    const error = await rejection(call({ clock, random: () => 0.5, deadline: 60_000 }, false, lost.send))
    expect([error instanceof GitHubFailure && error.httpStatus, (error as Error).message]).toEqual([undefined, 'no answer from GitHub'])
    expect([refused.tries.length, lost.tries.length, clock.now()]).toEqual([1, 1, 0])
  })

  test('no pause that would end after the deadline', async () => {
    const clock = new VirtualClock(0)
    const { tries, send } = failing([answered(500), answered(500), answered(500)])
    const error = await rejection(call({ clock, random: () => 0.5, deadline: 6_500 }, true, send))
    expect([(error as GitHubFailure).httpStatus, tries.length, clock.now()]).toEqual([500, 3, 6_000])
  })
})

describe("a deployment's statuses as a record", () => {
  const url = 'https://app.kondado.com.br/pipelines/777001'
  test.each([
    [[{ state: 'success', environment_url: 'http://app.kondado.com.br/pipelines/777001' }], undefined],
    [[{ state: 'success', environment_url: 'https://app.kondado.com.br.evil.example/pipelines/777001' }], undefined],
    [[{ state: 'success', environment_url: 'https://evil.example/app.kondado.com.br/pipelines/777001' }], undefined],
    [[{ state: 'success', environment_url: url }, { state: 'in_progress' }], { state: 'promoted', pipelineId: 777001, runUrl: RUN_URL }],
    [[{ state: 'inactive' }, { state: 'success', environment_url: url }], { state: 'promoted', pipelineId: 777001, runUrl: RUN_URL }],
    [[{ state: 'failure' }, { state: 'in_progress' }], { state: 'refused', runUrl: RUN_URL }],
    [[{ state: 'error' }, { state: 'in_progress' }], { state: 'unknown', runUrl: RUN_URL }],
    [[{ state: 'in_progress' }], { state: 'in-progress', runUrl: RUN_URL }],
    [[{ state: 'queued' }], { state: 'in-progress', runUrl: RUN_URL }],
    [[{ state: 'pending' }], { state: 'in-progress', runUrl: RUN_URL }],
    [[{ state: 'success', environment_url: 'https://example.com/elsewhere' }], undefined],
    [[{ state: 'inactive' }], undefined],
    [[], undefined],
  ])('%j', (statuses, record) => {
    expect(recordOf(RUN_URL, statuses)).toEqual(record)
  })
})

describe('which records and comments are believed', () => {
  const TRUST = { login: WORKFLOW_BOT, runsUrl: RUNS_URL }
  const bot = { login: WORKFLOW_BOT }
  const mallory = { login: 'mallory' }
  const ours = (payload: unknown = { run_url: RUN_URL }) => ({ creator: bot, payload })
  const success = (environment_url: string, creator = bot) => ({ state: 'success', environment_url, creator })
  const APP = 'https://app.kondado.com.br/pipelines/777001'

  test("written by the login, in any case; no author is nobody's, and only a login's shape is ever named", () => {
    expect(
      [bot, { login: 'GitHub-Actions[bot]' }, mallory, { login: 'github-actions' }, {}, null, undefined].map((a) =>
        writtenBy(a, WORKFLOW_BOT),
      ),
    ).toEqual([true, true, false, false, false, false, false])
    expect([bot, { login: 'octo_emu' }, { login: 'evil\n::error::x' }, { login: 'a b' }, {}, null].map(loginOf)).toEqual([
      WORKFLOW_BOT,
      'octo_emu',
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  test.each([
    [`${RUNS_URL}7`, true],
    [`${RUNS_URL}7/attempts/2`, true],
    ['https://GitHub.com/ACME/Data/actions/runs/7/attempts/1', true],
    ['https://evil.example/acme/data/actions/runs/7', false],
    ['https://github.com.evil.example/acme/data/actions/runs/7', false],
    ['http://github.com/acme/data/actions/runs/7', false],
    ['https://github.com/acme/data-fork/actions/runs/7', false],
    ['https://github.com/mallory/data/actions/runs/7', false],
    [`${RUNS_URL}7/../../../../../mallory/x`, false],
    [`${RUNS_URL}7?x=1`, false],
    [`${RUNS_URL}7#x`, false],
    [`${RUNS_URL}`, false],
    ['javascript:alert(1)', false],
    [7, false],
    [undefined, false],
  ])("a run link is one of this repository's runs on this server: %j %s", (url, expected) => {
    expect(isRunOf(RUNS_URL, url)).toBe(expected)
  })

  test.each([
    [APP, 777001],
    ['https://app.kondado.com.br/pipelines/1', 1],
    ['https://app.kondado.com.br/pipelines/0777001', undefined],
    ['https://app.kondado.com.br/pipelines/777001/', undefined],
    ['https://app.kondado.com.br/pipelines/777001?x', undefined],
    ['https://app.kondado.com.br/models/777001', undefined],
    ['https://app.kondado.com.br/pipelines/99999999999999999999', undefined],
    ['https://evil.example/pipelines/666', undefined],
    ['', undefined],
    [null, undefined],
  ])("a success names a pipeline only by its exact page in Kondado's app: %j", (url, id) => {
    expect(pipelineOf(url)).toBe(id)
  })

  test("a deployment by another login, or with no creator, is not this action's", () => {
    for (const creator of [mallory, { login: 'github-actions' }, null, undefined])
      expect(readRecord(TRUST, { creator, payload: { run_url: RUN_URL } }, [success(APP, bot)])).toEqual({ ignored: 'not-ours' })
  })

  test('a run link elsewhere, or a success naming anything but the pipeline in the app, puts the whole record aside', () => {
    expect(readRecord(TRUST, ours({ run_url: 'https://evil.example/acme/data/actions/runs/7' }), [success(APP)])).toEqual({
      ignored: 'elsewhere',
    })
    expect(readRecord(TRUST, ours({}), [success(APP)])).toEqual({ ignored: 'elsewhere' })
    expect(readRecord(TRUST, ours('not an object'), [success(APP)])).toEqual({ ignored: 'elsewhere' })
    // Not even as in progress: this action never writes such a success, so the record is not its own.
    expect(readRecord(TRUST, ours(), [success('https://evil.example/pipelines/666'), { state: 'in_progress', creator: bot }])).toEqual({
      ignored: 'elsewhere',
    })
  })

  test("another login's statuses on this action's record are passed by and counted; the record stands on its own", () => {
    const planted = [
      { state: 'error', creator: mallory },
      success('https://app.kondado.com.br/pipelines/666', mallory),
      { state: 'in_progress', creator: null },
    ]
    expect(readRecord(TRUST, ours(), [...planted, success(APP), { state: 'in_progress', creator: bot }])).toEqual({
      record: { state: 'promoted', pipelineId: 777001, runUrl: RUN_URL },
      ignoredStatuses: 3,
    })
    expect(readRecord(TRUST, ours(), [...planted, { state: 'failure', creator: bot }])).toEqual({
      record: { state: 'refused', runUrl: RUN_URL },
      ignoredStatuses: 3,
    })
    // Planted alone on a deployment that has none of its own: no record, nothing blocks.
    expect(readRecord(TRUST, ours(), planted)).toEqual({ record: undefined, ignoredStatuses: 3 })
  })
})

describe('against the REST stand-in', () => {
  const gitHub = new GitHubStandIn(TOKEN)
  beforeAll(() => gitHub.start())
  afterAll(() => gitHub.stop())
  const octokit = (token = TOKEN) => getOctokit(token, { baseUrl: gitHub.apiUrl })
  const timing = () => ({ clock: new VirtualClock(0), random: () => 0.5, deadline: 60_000 })
  /** What the log would hear: each call to `ignored`. */
  const keeping = (login = WORKFLOW_BOT) => {
    const heard: [string, Ignored][] = []
    const keep: RecordKeeping = { login, ignored: (environment, count) => void heard.push([environment, count]) }
    return { heard, keep }
  }
  const records = (context = RUN, login = WORKFLOW_BOT, token = TOKEN) =>
    deploymentRecords(octokit(token), context, timing(), keeping(login).keep)
  const REQUEST = { basePipelineId: 2040, sourceCollectionId: 1, destinationCollectionId: 2, fullTables: { '': 'orders' }, runAtOnce: true }

  test('a record started, finished, and found again; another task or identity is passed by', async () => {
    const identity = identityOf('prod-records', REQUEST)
    gitHub.addDeployment(
      { ref: 'x', task: 'deploy', environment: 'prod-records', payload: payloadOf(identity, REQUEST), description: null },
      [{ state: 'success', environment_url: 'https://app.kondado.com.br/pipelines/1', log_url: '', description: '' }],
    )
    const { heard, keep } = keeping()
    const kept = deploymentRecords(octokit(), RUN, timing(), keep)
    expect(await kept.find(identity)).toEqual([])
    const handle = await kept.start(payloadOf(identity, REQUEST))
    expect(await kept.find(identity)).toEqual([{ state: 'in-progress', runUrl: RUN_URL }])
    await kept.finish(handle, { state: 'promoted', pipelineId: 777001 })
    expect(await kept.find(identity)).toEqual([{ state: 'promoted', pipelineId: 777001, runUrl: RUN_URL }])
    expect(await kept.find(identityOf('prod-records', { ...REQUEST, destinationCollectionId: 3 }))).toEqual([])
    expect(heard).toEqual([])

    const stored = gitHub.deployments.find((d) => d.id === handle.id)
    expect(stored).toMatchObject({
      task: PROMOTION_TASK,
      environment: 'prod-records',
      ref: 'abc123',
      description: 'Kondado: duplicate pipeline 2040',
    })
    expect(stored?.payload).toEqual({
      identity_key: payloadOf(identity, REQUEST).identityKey,
      identity,
      base_pipeline_id: 2040,
      name: null,
      execute_immediately: true,
      run_url: RUN_URL,
    })
    expect(stored?.statuses.map((s) => [s.state, s.environment_url, s.log_url, s.description, s.creator])).toEqual([
      ['success', 'https://app.kondado.com.br/pipelines/777001', RUN_URL, 'pipeline 777001', WORKFLOW_BOT],
      ['in_progress', '', RUN_URL, '', WORKFLOW_BOT],
    ])
    expect(stored?.creator).toBe(WORKFLOW_BOT)
  })

  test('planted records are ignored and counted once: by another login (statuses never read), linking elsewhere, or a status by another login', async () => {
    const identity = identityOf('prod-planted', REQUEST)
    const key = payloadOf(identity, REQUEST).identityKey
    const plant = (
      payload: Record<string, unknown>,
      creator?: string,
      states = [{ state: 'success', url: 'https://app.kondado.com.br/pipelines/666' }],
    ) =>
      gitHub.addDeployment(
        {
          ref: 'x',
          task: PROMOTION_TASK,
          environment: 'prod-planted',
          payload: { identity_key: key, ...payload },
          description: null,
          ...(creator ? { creator } : {}),
        },
        states.map(({ state, url }) => ({ state, environment_url: url, log_url: '', description: '' })),
      )
    const { heard, keep } = keeping()
    const kept = deploymentRecords(octokit(), RUN, timing(), keep)
    await kept.finish(await kept.start(payloadOf(identity, REQUEST)), { state: 'promoted', pipelineId: 777001 })
    const genuine = gitHub.deployments[0]
    if (!genuine) throw new Error('no deployment')
    const byMallory = plant({ run_url: RUN_URL }, 'mallory')
    plant({ run_url: RUN_URL }, 'mallory', [{ state: 'in_progress', url: '' }])
    plant({ run_url: 'javascript:alert(1)' }, undefined, [{ state: 'error', url: '' }])
    plant({ run_url: 'https://evil.example/acme/data/actions/runs/5' })
    plant({ run_url: `${RUNS_URL}5` }, undefined, [{ state: 'success', url: 'https://evil.example/pipelines/666' }])
    plant({ run_url: `${RUNS_URL}5` }, 'mallory', [])
    gitHub.addStatus(genuine.id, { state: 'error', environment_url: '', log_url: '', description: '', creator: 'mallory' })
    gitHub.addStatus(genuine.id, {
      state: 'success',
      environment_url: 'https://app.kondado.com.br/pipelines/666',
      log_url: '',
      description: '',
      creator: 'mallory',
    })
    gitHub.log.splice(0)

    expect(await kept.find(identity)).toEqual([{ state: 'promoted', pipelineId: 777001, runUrl: RUN_URL }])
    expect(heard).toEqual([['prod-planted', { notOurs: 3, elsewhere: 3, statuses: 2 }]])
    expect(gitHub.log.some((r) => r.path.endsWith(`/deployments/${byMallory.id}/statuses`))).toBe(false)
  })

  test('a token that writes as another login: nothing is recorded as under way, the deployment it made is ended as refused', async () => {
    const identity = identityOf('prod-pat', REQUEST)
    gitHub.standFor('ghp_personal', 'octocat')
    const error = await rejection(records(RUN, WORKFLOW_BOT, 'ghp_personal').start(payloadOf(identity, REQUEST)))
    expect(error).toEqual(new RecordsWriterMismatch('octocat', WORKFLOW_BOT))
    expect([(error as RecordsWriterMismatch).wroteAs, (error as RecordsWriterMismatch).expected]).toEqual(['octocat', WORKFLOW_BOT])
    const made = gitHub.deployments.filter((d) => d.environment === 'prod-pat')
    expect(made.map((d) => [d.creator, d.statuses.map((s) => [s.state, s.creator])])).toEqual([['octocat', [['failure', 'octocat']]]])
    // Told who it writes as, the same token records and finds its promotions; the refused one is passed by.
    const asOctocat = records(RUN, 'OctoCat', 'ghp_personal')
    await asOctocat.finish(await asOctocat.start(payloadOf(identity, REQUEST)), { state: 'promoted', pipelineId: 4242 })
    expect(await asOctocat.find(identity)).toEqual([
      { state: 'promoted', pipelineId: 4242, runUrl: RUN_URL },
      { state: 'refused', runUrl: RUN_URL },
    ])
    // ...and the workflow's token does not believe them.
    const { heard, keep } = keeping()
    expect(await deploymentRecords(octokit(), RUN, timing(), keep).find(identity)).toEqual([])
    expect(heard).toEqual([['prod-pat', { notOurs: 2, elsewhere: 0, statuses: 0 }]])
  })

  test('a refused token is a missing permission; a failing server is unreachable', async () => {
    const identity = identityOf('prod-refused', REQUEST)
    gitHub.switches.noDeployments = true
    const refused = await rejection(records().find(identity))
    gitHub.switches.noDeployments = false
    gitHub.switches.serverErrors = 1
    const unreachable = await rejection(records().start(payloadOf(identity, REQUEST)))
    expect([refused, unreachable]).toEqual([new RecordsUnavailable('permission', 403), new RecordsUnavailable('unreachable', 502)])
    expect(gitHub.deployments.filter((d) => d.environment === 'prod-refused')).toEqual([])
  })

  test('one comment per step, found again by its marker and edited; other comments are left alone', async () => {
    gitHub.addComment({ body: 'LGTM', issue: 12, user: 'reviewer' })
    const other = { ...RUN, stepKey: 'Gate/health/other' }
    expect(await writeComment(octokit(), RUN, timing(), WORKFLOW_BOT, 'first')).toEqual({ outcome: 'created', pullRequest: 12 })
    expect(await writeComment(octokit(), other, timing(), WORKFLOW_BOT, 'other step')).toEqual({ outcome: 'created', pullRequest: 12 })
    expect(await writeComment(octokit(), RUN, timing(), WORKFLOW_BOT, 'second')).toEqual({ outcome: 'updated', pullRequest: 12 })
    expect(gitHub.comments.map((c) => c.body)).toEqual([
      'LGTM',
      '<!-- kondado-action:Gate/health/check -->\nsecond',
      '<!-- kondado-action:Gate/health/other -->\nother step',
    ])
    expect(markerOf({ ...RUN, stepKey: encodeURIComponent('a-->b') })).toBe('<!-- kondado-action:a--%3Eb -->')
  })

  test("another login's comment with the marker is left alone: the step writes its own, and edits that one after", async () => {
    const run = { ...RUN, pullRequest: 15 }
    const planted = gitHub.addComment({ body: `${markerOf(run)}\nplanted`, issue: 15, user: 'mallory' })
    expect(await writeComment(octokit(), run, timing(), WORKFLOW_BOT, 'first')).toEqual({ outcome: 'created', pullRequest: 15 })
    expect(await writeComment(octokit(), run, timing(), WORKFLOW_BOT, 'second')).toEqual({ outcome: 'updated', pullRequest: 15 })
    expect(gitHub.comments.filter((c) => c.issue === 15).map((c) => [c.user, c.body])).toEqual([
      ['mallory', `${markerOf(run)}\nplanted`],
      [WORKFLOW_BOT, `${markerOf(run)}\nsecond`],
    ])
    expect(gitHub.log.filter((r) => r.method === 'PATCH').some((r) => r.path.endsWith(`/comments/${planted.id}`))).toBe(false)
  })

  test('a comment written as another login than github-token-login says so, and is not found by the next run', async () => {
    const run = { ...RUN, pullRequest: 16 }
    gitHub.standFor('ghp_commenter', 'octocat')
    const first = await writeComment(octokit('ghp_commenter'), run, timing(), WORKFLOW_BOT, 'first')
    expect(first).toEqual({ outcome: 'created', pullRequest: 16, wroteAs: { login: 'octocat' } })
    expect((await writeComment(octokit('ghp_commenter'), run, timing(), 'octocat', 'second')).outcome).toBe('updated')
    expect(gitHub.comments.filter((c) => c.issue === 16).map((c) => c.user)).toEqual(['octocat'])
  })

  test('a read-only token, another event, a failing server', async () => {
    gitHub.switches.readOnly = true
    expect(await writeComment(octokit(), { ...RUN, pullRequest: 13 }, timing(), WORKFLOW_BOT, 'x')).toEqual({
      outcome: 'read-only',
      httpStatus: 403,
    })
    gitHub.switches.readOnly = false
    expect(await writeComment(octokit(), { ...RUN, eventName: 'push' }, timing(), WORKFLOW_BOT, 'x')).toEqual({
      outcome: 'not-a-pull-request',
      eventName: 'push',
    })
    gitHub.switches.serverErrors = 20
    const failed = await writeComment(octokit(), { ...RUN, pullRequest: 14 }, { ...timing(), deadline: 10_000 }, WORKFLOW_BOT, 'x')
    gitHub.switches.serverErrors = 0
    expect(failed).toEqual({ outcome: 'failed', httpStatus: 502 })
  })
})

test('the comment body: the verdict, the summary, the run', () => {
  expect(commentBody(en, undefined, '## Kondado: health check\n\ntable\n', RUN_URL)).toBe(
    `**✅ passed**\n\n## Kondado: health check\n\ntable\n\n[Workflow run](${RUN_URL})\n`,
  )
  expect(commentBody(en, '1 of 2 resources are not healthy.', 'summary', RUN_URL).split('\n\n')[0]).toBe(
    '**❌ 1 of 2 resources are not healthy.**',
  )
})
