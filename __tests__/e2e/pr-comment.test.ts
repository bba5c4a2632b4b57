// `pr-comment: true` end to end: one comment per workflow, job and step on the GitHub stand-in,
// created by the first run and edited by the next, in the step's language; a read-only token
// warns once and changes nothing else.

import { afterAll, describe, expect, test } from '@jest/globals'
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
import type { KondadoModel } from '../../simulator/index.ts'
import { act, cleanUp, errorLines, expectClean, KEY, startSimulator, TOKEN, visibleStdout, warningLines } from './helpers.ts'

afterAll(async () => {
  await cleanUp()
  await stopGitHub()
})

const SECRETS = [KEY, TOKEN, GITHUB_TOKEN]
const GATE = { command: 'status', 'pipeline-id': '2040', 'pr-comment': 'true', 'github-token': GITHUB_TOKEN }
const MARKER = '<!-- kondado-action:Promote/promote/promote -->'
/** Failing on its first read, healthy on the next: a fix between two runs of the step. */
const failingOnce = (m: KondadoModel): void => {
  m.addPipeline({ id: 2040 })
  m.scriptPipeline(2040, { status: 'error_building_tables', is_active: false, raw_msg: 'table locked' })
}

describe('pr-comment', () => {
  test.concurrent('comments once on the pull request, then edits that comment: a passing re-run turns it green', async () => {
    const sim = await startSimulator(failingOnce)
    const gitHub = await startGitHub()
    const first = await act(sim, GATE, runnerEnv(gitHub, pullRequest(42), 1))
    expect(first.code).toBe(1)
    expect(gitHub.comments).toHaveLength(1)
    const comment = gitHub.comments[0]
    expect(comment?.issue).toBe(42)
    expect(comment?.body.split('\n\n').slice(0, 4)).toEqual([
      `${MARKER}\n**❌ 1 of 1 resource did not pass: pipeline 2040 (unhealthy).**`,
      '## Kondado: health check',
      '❌ 1 of 1 resource did not pass. First, pipeline 2040: open it in the app, fix what Kondado reports (often the source or destination connection), then run the step again.',
      [
        '| Resource | Status | Verdict | Reason |',
        '| --- | --- | --- | --- |',
        '| [pipeline 2040](https://app.kondado.com.br/pipelines/2040) | `error_building_tables` | ❌ unhealthy | its tables could not be built; table locked ([what to do](https://github.com/kondado/kondado-action/blob/main/docs/troubleshooting.md#explain-unhealthy)) |',
      ].join('\n'),
    ])
    expect(comment?.body.trimEnd().endsWith(`[Workflow run](${runUrlOf(1)})`)).toBe(true)
    expect(visibleStdout(first)).toContain('pr-comment: commented on pull request #42.')
    expectClean(first, sim, SECRETS)

    const second = await act(sim, GATE, runnerEnv(gitHub, pullRequest(42), 2))
    expect(second.code).toBe(0)
    expect(gitHub.comments.map((c) => c.id)).toEqual([comment?.id])
    expect(gitHub.comments[0]?.body.startsWith(`${MARKER}\n**✅ passed**`)).toBe(true)
    expect(gitHub.log.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual(['POST', 'PATCH'])
    expect(visibleStdout(second)).toContain('pr-comment: updated the comment on pull request #42.')
    expectClean(second, sim, SECRETS)
    expectNoSecretSent(gitHub, SECRETS)
  })

  test.concurrent('in the step language', async () => {
    const sim = await startSimulator(failingOnce)
    const gitHub = await startGitHub()
    const run = await act(sim, { ...GATE, language: 'pt-BR' }, runnerEnv(gitHub, pullRequest(7)))
    expect(gitHub.comments[0]?.body.split('\n\n').slice(0, 2)).toEqual([
      `${MARKER}\n**❌ 1 de 1 recurso não passou: pipeline 2040 (com problema).**`,
      '## Kondado: health check',
    ])
    expect(gitHub.comments[0]?.body).toContain(`[Execução do workflow](${runUrlOf(1)})`)
    expectClean(run, sim, SECRETS)
  })

  test.concurrent('a pull request from a fork: one warning, the verdict and the outputs unchanged', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
    const gitHub = await startGitHub()
    gitHub.switches.readOnly = true
    const run = await act(sim, GATE, runnerEnv(gitHub, pullRequest(43, 'someone/data')))
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ healthy: 'true', status: 'active' })
    expect(warningLines(run)).toEqual([
      "::warning::pr-comment: the GitHub token may not comment on this pull request (HTTP 403): a pull request from a fork gets a read-only token, and otherwise the job needs 'permissions: pull-requests: write'. The verdict and the outputs stand.",
    ])
    expect(errorLines(run)).toEqual([])
    expect(gitHub.comments).toEqual([])
    expectClean(run, sim, SECRETS)
  })

  test.concurrent('a GitHub outage does not fail a passing step', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
    const gitHub = await startGitHub()
    gitHub.switches.loseAnswer = (method) => method === 'POST'
    const run = await act(sim, GATE, runnerEnv(gitHub, pullRequest(44)))
    expect(run.code).toBe(0)
    expect(warningLines(run)).toEqual([
      '::warning::pr-comment: the comment could not be written (no answer from GitHub). The verdict and the outputs stand.',
    ])
    expect(gitHub.log.filter((r) => r.method === 'POST')).toHaveLength(1)
    expectClean(run, sim, SECRETS)
  })

  test.concurrent('on any other event: one info line, and no request to GitHub', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
    const gitHub = await startGitHub()
    const run = await act(sim, GATE, runnerEnv(gitHub, workflowDispatch))
    expect(run.code).toBe(0)
    expect(
      visibleStdout(run)
        .split('\n')
        .filter((line) => line.startsWith('pr-comment:')),
    ).toEqual(["pr-comment: a 'workflow_dispatch' event has no pull request to comment on; no comment written."])
    expect(gitHub.log).toEqual([])
    expectClean(run, sim, SECRETS)
  })
})
