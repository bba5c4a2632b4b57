// `duplicate` with `environment` end to end: the promotion recorded as a deployment of the
// environment on the GitHub stand-in, and a re-run that finds it and creates nothing.

import { afterAll, describe, expect, test } from '@jest/globals'
import { failureOf } from '../../__fixtures__/action-checks.ts'
import {
  expectNoSecretSent,
  GITHUB_TOKEN,
  runnerEnv,
  runUrlOf,
  startGitHub,
  stopGitHub,
  workflowDispatch,
} from '../../__fixtures__/github-run.ts'
import type { KondadoModel } from '../../simulator/index.ts'
import { identityOf, payloadOf } from '../../src/core/promotion.ts'
import { act, busyFor, cleanUp, expectClean, KEY, requests, startSimulator, TOKEN, warningLines } from './helpers.ts'

afterAll(async () => {
  await cleanUp()
  await stopGitHub()
})

const NEW_ID = 777001
const SECRETS = [KEY, TOKEN, GITHUB_TOKEN]
const base = (m: KondadoModel): void => m.addPipeline({ id: 2040, tablePaths: [''], run: busyFor(1) })
const PROMOTION = {
  command: 'duplicate',
  'pipeline-id': '2040',
  'src-collection-id': '877291',
  'dest-collection-id': '678910',
  'full-tables': '{"": "orders"}',
  environment: 'production',
  'github-token': GITHUB_TOKEN,
}
const options = { duplicate: { firstId: NEW_ID, buildingTablesReads: 1 } }
const APP_LINK = `https://app.kondado.com.br/pipelines/${NEW_ID}`

describe('promotion records', () => {
  test.concurrent('a re-run makes no second pipeline: it reuses the first, reads it, and links to the run that made it', async () => {
    const sim = await startSimulator(base, options)
    const gitHub = await startGitHub()
    const first = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch, 1))
    expect(first.code).toBe(0)
    expect(first.outputs).toMatchObject({ 'new-pipeline-id': String(NEW_ID), 'new-pipeline-url': APP_LINK, promotion: 'created' })
    expect(gitHub.deployments.map((d) => [d.task, d.environment, d.statuses.map((s) => s.state)])).toEqual([
      ['kondado:promote', 'production', ['success', 'in_progress']],
    ])
    expect(gitHub.deployments[0]?.statuses[0]).toMatchObject({ environment_url: APP_LINK, log_url: runUrlOf(1) })
    expectClean(first, sim, SECRETS)

    sim.model.log.splice(0)
    const second = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch, 2))
    expect(second.code).toBe(0)
    expect(sim.model.createdPipelineIds()).toEqual([NEW_ID])
    // Only reads of the pipeline the first run made: its health is judged, nothing is created.
    expect([...new Set(requests(sim).map((entry) => `${entry.method} ${entry.path}`))]).toEqual([`GET /pipelines/${NEW_ID}/status`])
    expect(second.outputs).toMatchObject({
      'new-pipeline-id': String(NEW_ID),
      'new-pipeline-url': APP_LINK,
      promotion: 'reused',
      healthy: 'true',
    })
    expect(second.stdout).toContain(`Already promoted as pipeline ${NEW_ID} by ${runUrlOf(1)}: nothing is created`)
    expect(second.summary).toContain(
      `> ♻️ Already promoted as pipeline ${NEW_ID}: nothing was created. [the run that made it](${runUrlOf(1)})`,
    )
    expect(gitHub.deployments).toHaveLength(1)
    expectClean(second, sim, SECRETS)
    expectNoSecretSent(gitHub, SECRETS)
  })

  test.concurrent(
    'a re-run after an outcome unknown fails with nothing sent, naming the run, the app and if-promoted: create',
    async () => {
      const sim = await startSimulator(base, options)
      const gitHub = await startGitHub()
      sim.inject({ type: 'apply-then', then: 'reset' }, { match: { kind: 'duplicate' } })
      const first = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch, 1))
      expect(first.code).toBe(1)
      expect(gitHub.deployments[0]?.statuses.map((s) => [s.state, s.description])).toEqual([
        ['error', 'outcome unknown'],
        ['in_progress', ''],
      ])

      sim.model.log.splice(0)
      const second = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch, 2))
      expect(second.code).toBe(1)
      expect(sim.model.log).toEqual([])
      expect(failureOf(second)).toBe(
        `The promotion of pipeline 2040 by ${runUrlOf(1)} has an unknown outcome: it may have created a pipeline. Nothing was sent. Check the app (https://app.kondado.com.br/pipelines) for it; 'if-promoted: create' makes another.`,
      )
      expect(second.outputs).toMatchObject({ 'new-pipeline-id': '', promotion: '', healthy: 'false' })
      expect(gitHub.deployments).toHaveLength(1)
      expectClean(second, null, SECRETS)
    },
  )

  test.concurrent('a record left in progress by a run that died: fails with nothing sent, in the step language', async () => {
    const sim = await startSimulator(base, options)
    const gitHub = await startGitHub()
    const request = {
      basePipelineId: 2040,
      sourceCollectionId: 877291,
      destinationCollectionId: 678910,
      fullTables: { '': 'orders' },
      runAtOnce: false,
    }
    const payload = payloadOf(identityOf('production', request), request)
    gitHub.addDeployment(
      {
        ref: 'x',
        task: 'kondado:promote',
        environment: 'production',
        payload: { identity_key: payload.identityKey, run_url: runUrlOf(1, 5) },
        description: null,
      },
      [{ state: 'in_progress', environment_url: '', log_url: runUrlOf(1, 5), description: '' }],
    )
    const run = await act(sim, { ...PROMOTION, language: 'pt-BR' }, runnerEnv(gitHub, workflowDispatch))
    expect(run.code).toBe(1)
    expect(sim.model.log).toEqual([])
    expect(failureOf(run)).toBe(
      `A promoção do pipeline 2040 feita por ${runUrlOf(1, 5)} começou e o fim dela nunca foi registrado: essa execução pode ainda estar em andamento, ou morreu depois de enviar o pedido. Nada foi enviado. Confira no app (https://app.kondado.com.br/pipelines); com 'if-promoted: create' a action cria outro.`,
    )
    expect(gitHub.deployments).toHaveLength(1)
    expectClean(run, null, SECRETS)
  })

  test.concurrent('without deployments permission it fails before Kondado is called, naming the permission', async () => {
    const sim = await startSimulator(base, options)
    const gitHub = await startGitHub()
    gitHub.switches.noDeployments = true
    const run = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch))
    expect(run.code).toBe(1)
    expect(sim.model.log).toEqual([])
    expect(failureOf(run)).toBe(
      "The GitHub token cannot read or write the deployments of environment 'production' (HTTP 403): give the job 'permissions: deployments: write'. Nothing was sent to Kondado: a record that cannot be read cannot protect against a second pipeline.",
    )
    expectClean(run, sim, SECRETS)
  })

  test.concurrent('if-promoted: create makes a second pipeline and records it beside the first', async () => {
    const sim = await startSimulator(base, options)
    const gitHub = await startGitHub()
    expect((await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch, 1))).code).toBe(0)
    const again = await act(sim, { ...PROMOTION, 'if-promoted': 'create' }, runnerEnv(gitHub, workflowDispatch, 2))
    expect(again.code).toBe(0)
    expect(sim.model.createdPipelineIds()).toEqual([NEW_ID, NEW_ID + 1])
    expect(again.outputs).toMatchObject({ 'new-pipeline-id': String(NEW_ID + 1), promotion: 'created' })
    expect(gitHub.deployments.map((d) => d.statuses[0]?.environment_url)).toEqual([
      `https://app.kondado.com.br/pipelines/${NEW_ID + 1}`,
      APP_LINK,
    ])
    expectClean(again, sim, SECRETS)
  })

  test.concurrent('GitHub API reads are retried: two 502s in a row still end in one promotion', async () => {
    const sim = await startSimulator(base, options)
    const gitHub = await startGitHub()
    gitHub.switches.serverErrors = 2
    const run = await act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch))
    expect(run.code).toBe(0)
    expect(gitHub.log.filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([502, 502, 200])
    expect(run.outputs.promotion).toBe('created')
    expect(warningLines(run)).toEqual([])
    expectClean(run, sim, SECRETS)
  })
})
