// The GitHub adapter's pieces: the retries of one call, reading a deployment's statuses as a
// record, and the records and the comment against the REST stand-in on loopback.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import { identityOf, payloadOf, RecordsUnavailable } from '../../src/core/promotion.ts'
import { call, GitHubFailure } from '../../src/github/api.ts'
import { commentBody } from '../../src/github/index.ts'
import type { GitHubContext } from '../../src/github/context.ts'
import { deploymentRecords, PROMOTION_TASK, recordOf } from '../../src/github/deployments.ts'
import { markerOf, writeComment } from '../../src/github/pr-comment.ts'
import { en } from '../../src/messages/en.ts'
import { GitHubStandIn } from '../../simulator/github-api.ts'
import { rejection } from './helpers.ts'

const TOKEN = 'ghs_unit-token'
const RUN_URL = 'https://github.com/acme/data/actions/runs/7/attempts/1'
const RUN: GitHubContext = {
  owner: 'acme',
  repo: 'data',
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

describe('against the REST stand-in', () => {
  const gitHub = new GitHubStandIn(TOKEN)
  beforeAll(() => gitHub.start())
  afterAll(() => gitHub.stop())
  const octokit = () => getOctokit(TOKEN, { baseUrl: gitHub.apiUrl })
  const timing = () => ({ clock: new VirtualClock(0), random: () => 0.5, deadline: 60_000 })
  const REQUEST = { basePipelineId: 2040, sourceCollectionId: 1, destinationCollectionId: 2, fullTables: { '': 'orders' }, runAtOnce: true }

  test('a record started, finished, and found again; another task or identity is passed by', async () => {
    const identity = identityOf('prod-records', REQUEST)
    gitHub.addDeployment(
      { ref: 'x', task: 'deploy', environment: 'prod-records', payload: payloadOf(identity, REQUEST), description: null },
      [{ state: 'success', environment_url: 'https://app.kondado.com.br/pipelines/1', log_url: '', description: '' }],
    )
    const records = deploymentRecords(octokit(), RUN, timing())
    expect(await records.find(identity)).toEqual([])
    const handle = await records.start(payloadOf(identity, REQUEST))
    expect(await records.find(identity)).toEqual([{ state: 'in-progress', runUrl: RUN_URL }])
    await records.finish(handle, { state: 'promoted', pipelineId: 777001 })
    expect(await records.find(identity)).toEqual([{ state: 'promoted', pipelineId: 777001, runUrl: RUN_URL }])
    expect(await records.find(identityOf('prod-records', { ...REQUEST, destinationCollectionId: 3 }))).toEqual([])

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
    expect(stored?.statuses.map((s) => [s.state, s.environment_url, s.log_url, s.description])).toEqual([
      ['success', 'https://app.kondado.com.br/pipelines/777001', RUN_URL, 'pipeline 777001'],
      ['in_progress', '', RUN_URL, ''],
    ])
  })

  test('a run URL in a payload that is not a plain web address is not linked to', async () => {
    const identity = identityOf('prod-links', REQUEST)
    const payload = {
      ...payloadOf(identity, REQUEST),
      identity_key: payloadOf(identity, REQUEST).identityKey,
      run_url: 'javascript:alert(1)',
    }
    gitHub.addDeployment({ ref: 'x', task: PROMOTION_TASK, environment: 'prod-links', payload, description: null }, [
      { state: 'error', environment_url: '', log_url: '', description: '' },
    ])
    expect(await deploymentRecords(octokit(), RUN, timing()).find(identity)).toEqual([{ state: 'unknown', runUrl: '' }])
  })

  test('a refused token is a missing permission; a failing server is unreachable', async () => {
    const identity = identityOf('prod-refused', REQUEST)
    gitHub.switches.noDeployments = true
    const refused = await rejection(deploymentRecords(octokit(), RUN, timing()).find(identity))
    gitHub.switches.noDeployments = false
    gitHub.switches.serverErrors = 1
    const unreachable = await rejection(deploymentRecords(octokit(), RUN, timing()).start(payloadOf(identity, REQUEST)))
    expect([refused, unreachable]).toEqual([new RecordsUnavailable('permission', 403), new RecordsUnavailable('unreachable', 502)])
    expect(gitHub.deployments.filter((d) => d.environment === 'prod-refused')).toEqual([])
  })

  test('one comment per step, found again by its marker and edited; other comments are left alone', async () => {
    gitHub.comments.push({ id: 1, body: 'LGTM', issue: 12 })
    const other = { ...RUN, stepKey: 'Gate/health/other' }
    expect(await writeComment(octokit(), RUN, timing(), 'first')).toEqual({ outcome: 'created', pullRequest: 12 })
    expect(await writeComment(octokit(), other, timing(), 'other step')).toEqual({ outcome: 'created', pullRequest: 12 })
    expect(await writeComment(octokit(), RUN, timing(), 'second')).toEqual({ outcome: 'updated', pullRequest: 12 })
    expect(gitHub.comments.map((c) => c.body)).toEqual([
      'LGTM',
      '<!-- kondado-action:Gate/health/check -->\nsecond',
      '<!-- kondado-action:Gate/health/other -->\nother step',
    ])
    expect(markerOf({ ...RUN, stepKey: encodeURIComponent('a-->b') })).toBe('<!-- kondado-action:a--%3Eb -->')
  })

  test('a read-only token, another event, a failing server', async () => {
    gitHub.switches.readOnly = true
    expect(await writeComment(octokit(), { ...RUN, pullRequest: 13 }, timing(), 'x')).toEqual({ outcome: 'read-only', httpStatus: 403 })
    gitHub.switches.readOnly = false
    expect(await writeComment(octokit(), { ...RUN, eventName: 'push' }, timing(), 'x')).toEqual({
      outcome: 'not-a-pull-request',
      eventName: 'push',
    })
    gitHub.switches.serverErrors = 20
    const failed = await writeComment(octokit(), { ...RUN, pullRequest: 14 }, { ...timing(), deadline: 10_000 }, 'x')
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
