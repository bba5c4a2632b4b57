// The run-length memory end to end: the bundled action, the Kondado simulator and the Actions
// cache stand-in, both on 127.0.0.1.

import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { secretForms } from '../../__fixtures__/action-checks.ts'
import { ActionsCacheStandIn, type KondadoSimulator } from '../../simulator/index.ts'
import {
  act,
  busyFor,
  cleanUp,
  errorLines,
  expectClean,
  KEY,
  requests,
  startRunElsewhere,
  startSimulator,
  TOKEN,
  warningLines,
} from './helpers.ts'

const caches = new Set<ActionsCacheStandIn>()
afterAll(async () => {
  await cleanUp()
  await Promise.all([...caches].map((cache) => cache.stop()))
})

async function startCache(): Promise<ActionsCacheStandIn> {
  const cache = new ActionsCacheStandIn()
  await cache.start()
  caches.add(cache)
  return cache
}

/**
 * A fresh runner for each job: the same home folder, as every runner of one image has, but
 * nothing left in it (the memory travels only through the cache), and a temp folder of its own.
 */
function runner(cache: ActionsCacheStandIn, home = mkdtempSync(join(tmpdir(), 'runner-home-'))): Record<string, string> {
  rmSync(join(home, '.kondado-action'), { recursive: true, force: true })
  return {
    ...cache.env(),
    HOME: home,
    RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-temp-')),
    GITHUB_REPOSITORY: 'acme/warehouse',
    GITHUB_RUN_ID: '777',
    GITHUB_RUN_ATTEMPT: '1',
  }
}

const WAIT = { command: 'wait', 'pipeline-id': '2040' }
const statusReads = (sim: KondadoSimulator): number => requests(sim, 'pipeline-status').length
const calls = (cache: ActionsCacheStandIn): string[] => cache.log.map((r) => r.call)
const debugLines = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('::debug::Run history'))
const SAVE = ['CreateCacheEntry', 'upload', 'FinalizeCacheEntryUpload']

/** What a saved entry holds: the files of its archive, unpacked as the runner would. */
function unpacked(archive: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'cache-entry-'))
  writeFileSync(join(dir, 'cache.tzst'), archive)
  return execFileSync('tar', ['-P', '--use-compress-program', 'zstd -d', '-xOf', join(dir, 'cache.tzst')], { encoding: 'utf8' })
}

describe('run history in the Actions cache', () => {
  test.concurrent('a first run saves its length; a second run restores it and reads less', async () => {
    const cache = await startCache()
    // Busy for 4 reads, 3 s apart (one pipeline's share of 20 requests a minute): seen to end 9 to 12 s into the wait.
    const first = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(4) }))
    await startRunElsewhere(first, 2040)
    const home = mkdtempSync(join(tmpdir(), 'runner-home-'))
    const firstRun = await act(first, WAIT, runner(cache, home))

    expect(firstRun.code).toBe(0)
    // 4 reads busy, 1 at rest, 1 confirming: the usual schedule, nothing known yet.
    expect(statusReads(first)).toBe(6)
    expect(calls(cache)).toEqual(['GetCacheEntryDownloadURL', ...SAVE])
    expect(debugLines(firstRun.stdout)).toEqual([
      '::debug::Run history: nothing saved yet for these resources; reading on the usual schedule.',
      '::debug::Run history: 1 run length saved to the Actions cache.',
    ])
    expect(cache.entries).toHaveLength(1)
    expect(cache.entries[0]?.key).toMatch(/^kondado-run-history-v1-[0-9a-f]{16}-[0-9a-f]{16}-pipeline-2040-777-1-[0-9a-f]{8}$/)
    // The cache library's own lines went to the debug log, not into the step's log or annotations.
    expect(firstRun.stdout).not.toMatch(/^Cache saved/m)
    expect([...warningLines(firstRun), ...errorLines(firstRun)]).toEqual([])

    // The same pipeline again, now expected to end about 9 to 13 s into the wait, and busy for one
    // read: the memory shows in when the second read comes, not in what it sees. Without the
    // memory it would come 3 s after the first; with it, near the expected end. A busy machine can
    // only make that gap longer, and the run ends by the reads, whatever the machine's speed.
    const second = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
    await startRunElsewhere(second, 2040)
    const secondRun = await act(second, WAIT, runner(cache, home))

    expect(secondRun.code).toBe(0)
    const [firstRead, secondRead] = requests(second, 'pipeline-status').map((r) => r.at)
    expect((secondRead ?? 0) - (firstRead ?? Number.NaN)).toBeGreaterThanOrEqual(6_000)
    expect(statusReads(second)).toBe(3)
    expect(calls(cache)).toEqual(['GetCacheEntryDownloadURL', ...SAVE, 'GetCacheEntryDownloadURL', 'download', ...SAVE])
    expect(debugLines(secondRun.stdout).slice(0, 1)).toEqual([
      '::debug::Run history: 1 earlier run length of 1 resource restored from the Actions cache.',
    ])
    expect(debugLines(secondRun.stdout).at(-1)).toBe('::debug::Run history: 2 run lengths saved to the Actions cache.')
    const saved = JSON.parse(unpacked(cache.entries[1]?.archive ?? Buffer.alloc(0))) as { format: number; runs: Record<string, unknown[]> }
    expect(saved.format).toBe(1)
    expect(Object.keys(saved.runs)).toEqual(['pipeline-2040'])
    expect(saved.runs['pipeline-2040']).toHaveLength(2)
    expectClean(secondRun, second)
  })

  test.concurrent('nothing secret is stored: ids, lengths and times only, the key only hashed', async () => {
    const cache = await startCache()
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(2) }))
    await startRunElsewhere(sim, 2040)
    const env = runner(cache)
    const run = await act(sim, WAIT, env)

    expect(run.code).toBe(0)
    const entry = cache.entries[0]
    const text = unpacked(entry?.archive ?? Buffer.alloc(0))
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'runs'])
    expect(text).toMatch(/^\{"format":1,"runs":\{"pipeline-2040":\[\{"minMs":\d+,"maxMs":\d+,"seenAt":\d+\}\]\}\}$/)
    for (const secret of [KEY, TOKEN, env.ACTIONS_RUNTIME_TOKEN ?? '']) {
      for (const form of secretForms(secret)) {
        expect({ form, inEntry: text.includes(form), inKey: entry?.key.includes(form) }).toEqual({ form, inEntry: false, inKey: false })
      }
    }
    // The runtime token is for the cache service only, sent as the library sends it.
    expect(new Set(cache.log.map((r) => r.authorization ?? 'none'))).toEqual(new Set(['Bearer stand-in-runtime-token', 'none']))
  })

  test.concurrent('a cache that is down: the step passes on the usual schedule, with a debug line', async () => {
    const cache = await startCache()
    cache.down = true
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(4) }))
    await startRunElsewhere(sim, 2040)
    const run = await act(sim, WAIT, runner(cache))

    expect(run.code).toBe(0)
    expect(statusReads(sim)).toBe(6)
    expect(cache.entries).toEqual([])
    expect(debugLines(run.stdout).map((line) => line.replace(/\(.*\)/, '(...)'))).toEqual([
      '::debug::Run history: the Actions cache could not be read (...); reading on the usual schedule.',
      '::debug::Run history: not saved to the Actions cache (...); the next run reads on what it had.',
    ])
    expect([...warningLines(run), ...errorLines(run)]).toEqual([])
    expectClean(run, sim)
  })

  test.concurrent('run-history: false sends the cache nothing', async () => {
    const cache = await startCache()
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(4) }))
    await startRunElsewhere(sim, 2040)
    const run = await act(sim, { ...WAIT, 'run-history': 'false' }, runner(cache))

    expect(run.code).toBe(0)
    expect(statusReads(sim)).toBe(6)
    expect(cache.log).toEqual([])
    expect(debugLines(run.stdout)).toEqual([])
  })
})
