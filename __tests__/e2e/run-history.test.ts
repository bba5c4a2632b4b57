// The run-length memory end to end: the bundled action, the Kondado simulator and the Actions
// cache stand-in, both on 127.0.0.1; and entries planted in the cache, as any workflow that may
// write its scope could plant them.

import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MASK_PREFIX, secretForms, unescapeCommand } from '../../__fixtures__/action-checks.ts'
import { commandsIn } from '../../__fixtures__/runner-commands.ts'
import type { ActionRun } from '../../harness/run-action.ts'
import { ActionsCacheStandIn, type KondadoSimulator } from '../../simulator/index.ts'
import { ENTRY_VERSION } from '../../src/memory/actions-cache.ts'
import { cacheKeys } from '../../src/memory/run-history-cache.ts'
import {
  act,
  busyFor,
  cleanUp,
  errorLines,
  expectClean,
  KEY,
  requests,
  resultOf,
  startRunElsewhere,
  startSimulator,
  TOKEN,
  warningLines,
} from './helpers.ts'

const caches = new Set<ActionsCacheStandIn>()
const servers = new Set<Server>()
afterAll(async () => {
  await cleanUp()
  await Promise.all([...caches].map((cache) => cache.stop()))
  await Promise.all([...servers].map((server) => new Promise((done) => server.close(done))))
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

/** What a saved entry holds: one JSON document, no archive. */
const unpacked = (content: Buffer): string => content.toString('utf8')

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
    expect(firstRun.stdout).not.toMatch(/^Cache (saved|hit)/m)
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

// ---- entries planted in the cache ----------------------------------------------------------------

/** The key prefix the action restores by, for pipeline 2040 on the runner above: a planted entry under it is the one restored. */
const plantedPrefix = (): string => cacheKeys(KEY, [{ kind: 'pipeline', id: 2040 }], { GITHUB_REPOSITORY: 'acme/warehouse' }).exact
const plant = (cache: ActionsCacheStandIn, content: string | Buffer, key = `${plantedPrefix()}planted`): void =>
  cache.plant(key, Buffer.isBuffer(content) ? content : Buffer.from(content), ENTRY_VERSION)

/**
 * Nothing the runner would obey but the action's own (read as the runner reads, at \r too): debug
 * lines, groups, and masks of the key or token only; no `##[` anywhere.
 */
function expectNoPlantedCommand(run: ActionRun): void {
  expect([...new Set(commandsIn(run.stdout))].filter((c) => !['::debug', '::add-mask', '::group', '::endgroup'].includes(c))).toEqual([])
  const forms = new Set([KEY, TOKEN].flatMap(secretForms))
  const masks = run.stdout
    .split(/\r\n|\r|\n/)
    .filter((line) => line.startsWith(MASK_PREFIX))
    .map((line) => unescapeCommand(line.slice(MASK_PREFIX.length)))
  expect(masks.filter((mask) => !forms.has(mask))).toEqual([])
  expect(run.stdout).not.toContain('##[')
  expect(run.stdout).not.toMatch(/pwned|planted/)
}

/** The files under `dir`, recursively. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()

/** A server that must never be asked anything: it records whatever reaches it. */
async function trap(): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = []
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    res.writeHead(200).end('{"format":1,"runs":{}}')
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  servers.add(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hits }
}

describe('a poisoned cache entry', () => {
  test.concurrent(
    'a key with \\r::add-mask:: and absurd values (1e12 ms runs, seen in the future): ignored, healthy on the usual schedule, nothing obeyed',
    async () => {
      const cache = await startCache()
      const absurd = { minMs: 1e12, maxMs: 1e12, seenAt: Date.now() + 1e12 }
      plant(
        cache,
        JSON.stringify({
          format: 1,
          runs: { 'pipeline-2040': [absurd, absurd, absurd], 'pipeline-1\r::error::pwned': [{ minMs: 1, maxMs: 2, seenAt: 0 }] },
        }),
        `${plantedPrefix()}\r::add-mask::kondado\n::error::pwned %0D::warning::pwned ##[error]pwned`,
      )
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(4) }))
      await startRunElsewhere(sim, 2040)
      const env = runner(cache)
      const run = await act(sim, { ...WAIT, timeout: '60' }, env)

      expect(run.code).toBe(0)
      expect(resultOf(run).map((r) => r.verdict)).toEqual(['healthy'])
      // The usual schedule: 4 reads busy, 1 at rest, 1 confirming.
      expect(statusReads(sim)).toBe(6)
      expect(debugLines(run.stdout)).toEqual([
        '::debug::Run history: 4 stored run lengths were left out, a value missing or out of range.',
        '::debug::Run history: 0 earlier run lengths of 0 resources restored from the Actions cache.',
        '::debug::Run history: 1 run length saved to the Actions cache.',
      ])
      expectNoPlantedCommand(run)
      expect([...warningLines(run), ...errorLines(run)]).toEqual([])
      // What is saved again holds the run just seen, and nothing of the poison.
      expect(JSON.parse(unpacked(cache.entries.at(-1)?.archive ?? Buffer.alloc(0)))).toEqual({
        format: 1,
        runs: { 'pipeline-2040': [{ minMs: expect.any(Number), maxMs: expect.any(Number), seenAt: expect.any(Number) }] },
      })
      expect(filesUnder(env.HOME ?? '')).toEqual([])
      expectClean(run, sim)
    },
  )

  test.concurrent(
    'lengths within the limits but far beyond the timeout (72 h), three runs in a row: each healthy, none timed out',
    async () => {
      const cache = await startCache()
      const long = { minMs: 72 * 3_600_000, maxMs: 72 * 3_600_000, seenAt: Date.now() }
      plant(cache, JSON.stringify({ format: 1, runs: { 'pipeline-2040': [long, long, long] } }))
      for (let i = 0; i < 3; i++) {
        const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(2) }))
        await startRunElsewhere(sim, 2040)
        const run = await act(sim, { ...WAIT, timeout: '60' }, runner(cache))
        expect({ i, code: run.code, verdicts: resultOf(run).map((r) => r.verdict), reads: statusReads(sim) }).toEqual({
          i,
          code: 0,
          verdicts: ['healthy'],
          // 2 reads busy, 1 at rest, 1 confirming: the memory is not used to predict a 60 s step's run.
          reads: 4,
        })
        expectNoPlantedCommand(run)
        expectClean(run, sim)
      }
    },
  )

  test.concurrent(
    'a tar archive with an absolute path and a ../ member, as @actions/cache would have extracted it: nothing written',
    async () => {
      const cache = await startCache()
      const outside = mkdtempSync(join(tmpdir(), 'planted-'))
      mkdirSync(join(outside, 'inner'))
      writeFileSync(join(outside, 'pwned'), 'planted')
      writeFileSync(join(outside, 'pwned-too'), 'planted')
      const archive = execFileSync('tar', ['-P', '-cf', '-', join(outside, 'pwned'), '-C', join(outside, 'inner'), '../pwned-too'])
      rmSync(join(outside, 'pwned'))
      rmSync(join(outside, 'pwned-too'))
      plant(cache, archive)
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(2) }))
      await startRunElsewhere(sim, 2040)
      // The runner's home inside the folder: `../pwned-too` would land next to it.
      const env = runner(cache, join(outside, 'inner'))
      const run = await act(sim, { ...WAIT, timeout: '60' }, env)

      expect(run.code).toBe(0)
      expect(resultOf(run).map((r) => r.verdict)).toEqual(['healthy'])
      expect(debugLines(run.stdout)[0]).toBe(
        '::debug::Run history: the entry in the Actions cache is not a run history this action reads; reading on the usual schedule.',
      )
      expect(filesUnder(outside)).toEqual(['inner'])
      expectNoPlantedCommand(run)
      expectClean(run, sim)
    },
  )

  test.concurrent(
    'a huge blob, and a content address elsewhere or redirected: not read, nothing fetched elsewhere, the verdict right',
    async () => {
      const cache = await startCache()
      const other = await trap()
      const cases: [string, (c: ActionsCacheStandIn) => void, string][] = [
        ['huge', (c) => plant(c, Buffer.alloc(10 * 1024 * 1024, 0x7b)), 'the entry is larger than 64 KiB'],
        [
          'elsewhere',
          (c) => (c.downloadUrl = () => 'http://192.0.2.1/cache/0?sig=x'),
          'the cache service gave an address this action does not use',
        ],
        ['redirected', (c) => (c.redirectDownloads = `${other.url}blob`), 'the cache service answered HTTP 302'],
      ]
      for (const [name, poison, why] of cases) {
        cache.downloadUrl = undefined
        cache.redirectDownloads = undefined
        plant(cache, JSON.stringify({ format: 1, runs: { 'pipeline-2040': [{ minMs: 1, maxMs: 2, seenAt: Date.now() }] } }))
        poison(cache)
        const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(2) }))
        await startRunElsewhere(sim, 2040)
        const run = await act(sim, { ...WAIT, timeout: '60' }, runner(cache))
        expect({ name, code: run.code, verdicts: resultOf(run).map((r) => r.verdict), first: debugLines(run.stdout)[0] }).toEqual({
          name,
          code: 0,
          verdicts: ['healthy'],
          first: `::debug::Run history: the Actions cache could not be read (${why}); reading on the usual schedule.`,
        })
        expectNoPlantedCommand(run)
        expectClean(run, sim)
      }
      expect(other.hits).toEqual([])
    },
  )
})
