import { describe, test, expect } from '@jest/globals'
import { Problem } from '../../src/core/problem.ts'
import type { ResourceReport, StepReport } from '../../src/core/vocabulary.ts'
import { outputsOf } from '../../src/report/outputs.ts'
import { snap } from './helpers.ts'

const report = (resources: ResourceReport[], extra: Partial<StepReport> = {}): StepReport => ({
  command: 'status',
  resources,
  elapsedMs: 12_400,
  cancelled: false,
  ...extra,
})

const healthyPipeline: ResourceReport = {
  resource: { kind: 'pipeline', id: 2040 },
  verdict: 'healthy',
  elapsedMs: 3_000,
  snapshot: snap('active', { isRunning: false, isActive: true, isBlocked: false }),
}
const failingPipeline: ResourceReport = {
  resource: { kind: 'pipeline', id: 2041 },
  verdict: 'unhealthy',
  elapsedMs: 9_600,
  snapshot: snap('active', { isRunning: false, isActive: true, isBlocked: false, rawMsg: 'Could not connect' }),
}
const failingModel: ResourceReport = {
  resource: { kind: 'model', id: 163 },
  verdict: 'unhealthy',
  elapsedMs: 10_000,
  snapshot: snap('active', { isRunning: false, isActive: true, kuboStatusType: 'rebuilding' }),
}

describe('one resource', () => {
  test('every output, from its snapshot', () => {
    expect(outputsOf(report([healthyPipeline]))).toEqual({
      status: 'active',
      'is-running': 'false',
      'is-active': 'true',
      'is-blocked': 'false',
      'raw-msg': '',
      'kubo-status-type': '',
      healthy: 'true',
      'new-pipeline-id': '',
      'new-pipeline-url': '',
      promotion: '',
      elapsed: '12',
      result: JSON.stringify([
        {
          kind: 'pipeline',
          id: 2040,
          status: 'active',
          is_running: false,
          is_active: true,
          is_blocked: false,
          kubo_status_type: null,
          raw_msg: null,
          verdict: 'healthy',
          healthy: true,
          elapsed: 3,
          url: 'https://app.kondado.com.br/pipelines/2040',
          run: 'current',
        },
      ]),
    })
  })

  test('a model: is-blocked empty, kubo type set', () => {
    const out = outputsOf(report([failingModel]))
    expect(out['is-blocked']).toBe('')
    expect(out['kubo-status-type']).toBe('rebuilding')
    expect(out.healthy).toBe('false')
  })

  test('a resource never read has empty status outputs and null fields in result', () => {
    const out = outputsOf(
      report([{ resource: { kind: 'pipeline', id: 5 }, verdict: 'error', elapsedMs: 0, problem: new Problem('not-found') }]),
    )
    expect(out.status).toBe('')
    expect(out['is-running']).toBe('')
    expect(out.healthy).toBe('false')
    expect(JSON.parse(out.result ?? '')).toEqual([
      {
        kind: 'pipeline',
        id: 5,
        status: null,
        is_running: null,
        is_active: null,
        is_blocked: null,
        kubo_status_type: null,
        raw_msg: null,
        verdict: 'error',
        healthy: false,
        elapsed: 0,
        url: 'https://app.kondado.com.br/pipelines/5',
        run: 'current',
      },
    ])
  })

  test("a verdict on a resource's next run says so in result", () => {
    const next = { ...healthyPipeline, resource: { kind: 'model', id: 162 }, nextRun: true } as const
    expect((JSON.parse(outputsOf(report([next, healthyPipeline])).result ?? '') as { run: string }[]).map((r) => r.run)).toEqual([
      'next',
      'current',
    ])
  })
})

describe('several resources', () => {
  test('the first failing resource drives the single-value outputs', () => {
    const out = outputsOf(report([healthyPipeline, failingPipeline, failingModel]))
    expect(out['raw-msg']).toBe('Could not connect')
    expect(out['kubo-status-type']).toBe('')
    expect(out.healthy).toBe('false')
    const result = JSON.parse(out.result ?? '') as { id: number; verdict: string; healthy: boolean }[]
    expect(result.map((r) => [r.id, r.verdict, r.healthy])).toEqual([
      [2040, 'healthy', true],
      [2041, 'unhealthy', false],
      [163, 'unhealthy', false],
    ])
  })

  test('the model first when it is the first failing one', () => {
    const out = outputsOf(report([healthyPipeline, failingModel, failingPipeline]))
    expect(out['kubo-status-type']).toBe('rebuilding')
    expect(out['raw-msg']).toBe('')
  })

  test('all passing: the first resource, healthy true', () => {
    const second = { ...healthyPipeline, resource: { kind: 'pipeline' as const, id: 2050 }, snapshot: snap('running', { isRunning: true }) }
    const out = outputsOf(report([healthyPipeline, second]))
    expect(out.status).toBe('active')
    expect(out.healthy).toBe('true')
  })

  test('started and created pass; anything else fails the healthy output', () => {
    expect(outputsOf(report([{ ...healthyPipeline, verdict: 'started' }])).healthy).toBe('true')
    expect(outputsOf(report([{ ...healthyPipeline, verdict: 'created' }])).healthy).toBe('true')
    for (const verdict of ['unknown-status', 'already-running', 'not-started', 'timed-out', 'error', 'cancelled'] as const) {
      expect(outputsOf(report([{ ...healthyPipeline, verdict }])).healthy).toBe('false')
    }
  })

  test('nothing checked, a cancelled step or a step problem is not healthy', () => {
    expect(outputsOf(report([])).healthy).toBe('false')
    expect(outputsOf(report([healthyPipeline], { cancelled: true })).healthy).toBe('false')
    expect(outputsOf(report([healthyPipeline], { problem: new Problem('rejected') })).healthy).toBe('false')
  })
})

describe('duplicate', () => {
  test('the new pipeline id', () => {
    const out = outputsOf(
      report([{ resource: { kind: 'pipeline', id: 900001 }, verdict: 'created', elapsedMs: 1_000 }], {
        command: 'duplicate',
        newPipelineId: 900001,
      }),
    )
    expect(out['new-pipeline-id']).toBe('900001')
    expect(out.healthy).toBe('true')
  })
})
