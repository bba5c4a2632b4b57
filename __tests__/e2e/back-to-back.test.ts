import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAction } from '../../harness/run-action.ts'
import { cleanUp, expectClean, inputsFor, requests, startSimulator } from './helpers.ts'

const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
afterAll(async () => {
  await cleanUp()
  rmSync(runnerTemp, { recursive: true, force: true })
})

describe('two steps on one key, one right after the other, on one runner', () => {
  test('the second starts from what the first sent, so Kondado refuses nothing', async () => {
    const sim = await startSimulator((m) => {
      for (const id of [2040, 2041, 2042]) m.addPipeline({ id })
    })
    const step = { command: 'status', 'pipeline-id': '2040 2041 2042' }
    const first = await startAction(inputsFor(sim, step), { RUNNER_TEMP: runnerTemp }).done
    const second = await startAction(inputsFor(sim, step), { RUNNER_TEMP: runnerTemp }).done
    for (const run of [first, second]) {
      expect(run.code).toBe(0)
      expectClean(run, sim)
    }
    const log = requests(sim)
    expect(log).toHaveLength(6)
    expect(log.filter((entry) => entry.outcome !== 'ok')).toEqual([])
    // The record is one file per key, named by a hash: neither secret is in its name.
    const files = readdirSync(join(runnerTemp, 'kondado-action'))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^requests-[0-9a-f]{16}\.json$/)
  })
})
