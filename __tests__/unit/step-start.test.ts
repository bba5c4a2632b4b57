import { describe, test, expect } from '@jest/globals'
import { VirtualClock } from '../../__fixtures__/virtual-clock.ts'
import type { KondadoClient } from '../../src/core/kondado-client.ts'
import { Problem } from '../../src/core/problem.ts'
import { runStep } from '../../src/core/step.ts'
import type { ResourceRef } from '../../src/core/types.ts'
import { RUN_SETTINGS, snap } from './helpers.ts'

describe('run on several pipelines', () => {
  test('one that already failed does not count against the read budget of the next', async () => {
    const clock = new VirtualClock(0)
    const reads: string[] = []
    let readsOf2 = 0
    const client = {
      status: async (resource: ResourceRef) => {
        reads.push(`${resource.id}@${clock.now()}`)
        if (resource.id === 1) throw new Problem('not-found', { httpStatus: 404 })
        return readsOf2++ === 0 ? snap('active', { isRunning: false }) : snap('running', { isRunning: true })
      },
      run: async () => undefined,
    } as unknown as KondadoClient
    const report = await runStep(
      { ...RUN_SETTINGS, pipelineIds: [1, 2], timeoutMs: 12_000 },
      { client, deadline: 12_000, clock, random: () => 0.5, readShareMs: 3_050 },
    )
    expect(report.resources.map((r) => r.verdict)).toEqual(['error', 'timed-out'])
    expect(reads).toEqual(['1@0', '2@0', '2@0', '2@3050', '2@6100', '2@9150', '2@10500'])
  })
})
