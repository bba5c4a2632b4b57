import { describe, test, expect } from '@jest/globals'
import { statusOnce } from '../../src/core/status-gate.ts'
import { fakeRun } from './fake-run.ts'

describe('status after the workflow was cancelled', () => {
  test('reads nothing and reports each resource cancelled, with no problem of a read', async () => {
    const controller = new AbortController()
    controller.abort(new Error('cancelled'))
    const { run, reads } = fakeRun({ status: async () => Promise.reject(new Error('not to be read')) }, { signal: controller.signal })
    const reports = await statusOnce(run, [{ kind: 'pipeline', id: 1 }])
    expect(reads).toEqual([])
    expect(reports).toEqual([{ resource: { kind: 'pipeline', id: 1 }, verdict: 'cancelled', elapsedMs: 0 }])
  })
})
