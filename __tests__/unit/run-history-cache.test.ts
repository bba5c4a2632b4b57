import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandsIn, HOSTILE } from '../../__fixtures__/runner-commands.ts'
import { ActionsCacheStandIn } from '../../simulator/index.ts'
import { emptyHistory } from '../../src/core/run-history.ts'
import { parseInputs } from '../../src/inputs/inputs.ts'
import { ENTRY_VERSION, MAX_ENTRY_BYTES } from '../../src/memory/actions-cache.ts'
import { cacheKeys, runHistoryStore, safeLines, usesRunHistory } from '../../src/memory/run-history-cache.ts'
import { en } from '../../src/messages/en.ts'

const inputs = (values: Record<string, string>) =>
  parseInputs((name) => ({ key: 'my-key', token: 'my-token', 'pipeline-id': '2040', ...values })[name] ?? '')

describe('which steps keep the run-length memory', () => {
  test('steps that wait for runs, unless told not to or given the length', () => {
    expect(usesRunHistory(inputs({}))).toBe(true)
    expect(usesRunHistory(inputs({ command: 'wait' }))).toBe(true)
    expect(usesRunHistory(inputs({ 'run-history': 'false' }))).toBe(false)
    expect(usesRunHistory(inputs({ 'expected-duration': '10m' }))).toBe(false)
    expect(usesRunHistory(inputs({ wait: 'false' }))).toBe(false)
    expect(usesRunHistory(inputs({ command: 'status' }))).toBe(false)
  })
})

describe('cache keys', () => {
  const variables = { GITHUB_REPOSITORY: 'acme/warehouse', GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '2' }

  test('repository and key hashed, the resources in order, a unique tail per save', () => {
    const keys = cacheKeys(
      'my-key',
      [
        { kind: 'pipeline', id: 9 },
        { kind: 'model', id: 3 },
        { kind: 'pipeline', id: 10 },
      ],
      variables,
    )
    expect(keys.base).toBe('kondado-run-history-v1-80783c5242bd93b0-5e78863ed1ffb9fc-')
    expect(keys.exact).toBe(`${keys.base}model-3_pipeline-10_pipeline-9-`)
    expect(keys.unique).toMatch(new RegExp(`^${keys.exact}777-2-[0-9a-f]{8}$`))
    expect(keys.unique).not.toBe(cacheKeys('my-key', [{ kind: 'pipeline', id: 9 }], variables).unique)
  })

  test('many resources are named by their hash, keeping the key under the cache limit', () => {
    const resources = Array.from({ length: 40 }, (_, i) => ({ kind: 'pipeline', id: 100_000 + i }) as const)
    const keys = cacheKeys('my-key', resources, variables)
    expect(keys.exact).toMatch(/^kondado-run-history-v1-[0-9a-f]{16}-[0-9a-f]{16}-[0-9a-f]{16}-$/)
  })

  test('the Kondado key never appears in a key', () => {
    const keys = cacheKeys('my-key', [{ kind: 'pipeline', id: 1 }], variables)
    expect([keys.base, keys.exact, keys.unique].filter((k) => k.includes('my-key'))).toEqual([])
  })
})

// ---- the store and its client, against the cache stand-in on 127.0.0.1 ------------------------

const NOW = Date.now()
const MEMORY = { runs: { 'pipeline-2040': [{ minMs: 9_000, maxMs: 12_000, seenAt: NOW - 60_000 }] } }
const stores = new Set<ActionsCacheStandIn>()
const servers = new Set<Server>()
afterAll(async () => {
  await Promise.all([...stores].map((cache) => cache.stop()))
  await Promise.all([...servers].map((server) => new Promise((done) => server.close(done))))
})

async function standIn(): Promise<ActionsCacheStandIn> {
  const cache = new ActionsCacheStandIn()
  await cache.start()
  stores.add(cache)
  return cache
}

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

const RUNNER = { GITHUB_REPOSITORY: 'acme/warehouse', GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '1' }

/** The store of a `wait` on pipeline 2040 with a 10 min timeout, its debug lines, and what it may read. */
function storeOf(variables: Record<string, string | undefined>, timeLimitMs?: number) {
  const lines: string[] = []
  const step = inputs({ command: 'wait', timeout: '10m' })
  const store = runHistoryStore(step, { ...RUNNER, ...variables }, en, (line) => lines.push(line), timeLimitMs)
  return { store, lines, keys: cacheKeys('my-key', [{ kind: 'pipeline', id: 2040 }], { ...RUNNER, ...variables }) }
}

/** No debug line the runner would take for a command of its own, or that shows text from outside. */
function expectInert(lines: readonly string[]): void {
  for (const line of lines) {
    expect({ line, safe: safeLines(line) }).toEqual({ line, safe: [line] })
    expect(line).not.toMatch(/##\[|^::|[\r\n]/)
  }
}

const plantedKey = (cache: ActionsCacheStandIn, key: string, content: string | Buffer): void =>
  cache.plant(key, Buffer.isBuffer(content) ? content : Buffer.from(content), ENTRY_VERSION)

describe('the run history in the Actions cache, through the action’s own client', () => {
  test('saved as one JSON document, and restored from it: twirp calls with the runtime token, the content without', async () => {
    const cache = await standIn()
    const first = storeOf(cache.env())
    await first.store.save(MEMORY)
    expect(cache.entries).toHaveLength(1)
    expect(cache.entries[0]?.version).toBe(ENTRY_VERSION)
    expect(cache.entries[0]?.key).toMatch(new RegExp(`^${first.keys.exact}777-1-[0-9a-f]{8}$`))
    expect(cache.entries[0]?.archive.toString('utf8')).toBe(JSON.stringify({ format: 1, runs: MEMORY.runs }))
    const second = storeOf(cache.env())
    expect(await second.store.restore()).toEqual(MEMORY)
    expect(cache.log.map((r) => [r.call, r.authorization ?? 'none'])).toEqual([
      ['CreateCacheEntry', 'Bearer stand-in-runtime-token'],
      ['upload', 'none'],
      ['FinalizeCacheEntryUpload', 'Bearer stand-in-runtime-token'],
      ['GetCacheEntryDownloadURL', 'Bearer stand-in-runtime-token'],
      ['download', 'none'],
    ])
    expect(cache.log[1]?.headers['x-ms-blob-type']).toBe('BlockBlob')
    expect([...first.lines, ...second.lines]).toEqual([
      'Run history: 1 run length saved to the Actions cache.',
      'Run history: 1 earlier run length of 1 resource restored from the Actions cache.',
      'pipeline 2040: expected to end 9s to 13s into the wait, going by its earlier runs; reads are spent around then.',
    ])
  })

  test('nothing saved yet: the usual schedule; the newest entry by prefix when there are several', async () => {
    const cache = await standIn()
    const { store, lines, keys } = storeOf(cache.env())
    expect(await store.restore()).toEqual(emptyHistory)
    expect(lines).toEqual(['Run history: nothing saved yet for these resources; reading on the usual schedule.'])
    plantedKey(cache, `${keys.exact}1`, JSON.stringify({ format: 1, runs: { 'pipeline-2040': [{ minMs: 1, maxMs: 2, seenAt: NOW }] } }))
    plantedKey(cache, `${keys.exact}2`, JSON.stringify({ format: 1, runs: MEMORY.runs }))
    // The newest is of another version (a tar archive @actions/cache saved): never handed over.
    cache.plant(`${keys.exact}3`, Buffer.from('an archive'), 'tar-archive-version')
    expect(await storeOf(cache.env()).store.restore()).toEqual(MEMORY)
  })

  test('no cache service this client can use: one debug line, nothing sent', async () => {
    const cache = await standIn()
    const without = (name: string) => Object.fromEntries(Object.entries(cache.env()).filter(([n]) => n !== name))
    for (const variables of [
      {},
      without('ACTIONS_CACHE_SERVICE_V2'),
      without('ACTIONS_RESULTS_URL'),
      without('ACTIONS_RUNTIME_TOKEN'),
      { ...cache.env(), GITHUB_SERVER_URL: 'https://github.acme.internal' },
    ]) {
      const { store, lines } = storeOf(variables)
      expect(await store.restore()).toEqual(emptyHistory)
      await store.save(MEMORY)
      expect(lines).toEqual([
        'Run history: the Actions cache could not be read (no cache service on this runner); reading on the usual schedule.',
        'Run history: not saved to the Actions cache (no cache service on this runner); the next run reads on what it had.',
      ])
    }
    expect(cache.log).toEqual([])
  })

  test("the job's cache mode is obeyed: 'read' restores and does not save, 'write-only' the other way, 'none' neither", async () => {
    const cache = await standIn()
    plantedKey(cache, `${storeOf(cache.env()).keys.exact}0`, JSON.stringify({ format: 1, runs: MEMORY.runs }))
    const read = storeOf({ ...cache.env(), ACTIONS_CACHE_MODE: 'read' })
    expect(await read.store.restore()).toEqual(MEMORY)
    await read.store.save(MEMORY)
    expect(read.lines.at(-1)).toBe(
      "Run history: not saved to the Actions cache (the job's cache mode 'read' does not allow it); the next run reads on what it had.",
    )
    const writeOnly = storeOf({ ...cache.env(), ACTIONS_CACHE_MODE: 'write-only' })
    expect(await writeOnly.store.restore()).toEqual(emptyHistory)
    await writeOnly.store.save(MEMORY)
    const none = storeOf({ ...cache.env(), ACTIONS_CACHE_MODE: 'None' })
    expect(await none.store.restore()).toEqual(emptyHistory)
    await none.store.save(MEMORY)
    expect(none.lines.map((l) => l.includes("cache mode 'none' does not allow it"))).toEqual([true, true])
    expect(cache.log.map((r) => r.call)).toEqual([
      'GetCacheEntryDownloadURL',
      'download',
      'CreateCacheEntry',
      'upload',
      'FinalizeCacheEntryUpload',
    ])
  })

  test('a cache that takes requests and never answers: given up on at the time limit, a debug line each', async () => {
    const cache = await standIn()
    cache.hang = true
    const { store, lines } = storeOf(cache.env(), 1_000)
    expect(await store.restore()).toEqual(emptyHistory)
    await store.save(MEMORY)
    expect(lines).toEqual([
      'Run history: the Actions cache could not be read (no answer within 1s); reading on the usual schedule.',
      'Run history: not saved to the Actions cache (no answer within 1s); the next run reads on what it had.',
    ])
  })

  test('a cache that is down, or answers with errors or garbage: a debug line, and nothing read', async () => {
    const cache = await standIn()
    cache.down = true
    const down = storeOf(cache.env())
    expect(await down.store.restore()).toEqual(emptyHistory)
    expect(down.lines[0]).toMatch(/^Run history: the Actions cache could not be read \(no connection to the cache service \([A-Z_]+\)\)/)
    cache.down = false
    for (const [answer, why] of [
      [{ status: 503, body: '{"msg":"busy"}' }, 'the cache service answered HTTP 503'],
      [{ status: 200, body: 'not json' }, 'the cache service gave an answer this action does not understand'],
      [{ status: 200, body: '[1,2]' }, 'the cache service gave an answer this action does not understand'],
      [{ status: 200, body: Buffer.alloc(1024 * 1024, 0x20) }, 'the entry is larger than 64 KiB'],
      [{ status: 200, body: '{"ok":true,"signed_download_url":42}' }, 'the cache service gave an address this action does not use'],
    ] as const) {
      cache.answer = () => answer
      const { store, lines } = storeOf(cache.env())
      expect(await store.restore()).toEqual(emptyHistory)
      expect(lines).toEqual([`Run history: the Actions cache could not be read (${why}); reading on the usual schedule.`])
    }
  })

  test("what the service says goes into the debug line as one inert excerpt: no command, no mask, no '##['", async () => {
    const cache = await standIn()
    cache.answer = (call) =>
      call === 'CreateCacheEntry'
        ? {
            status: 200,
            body: JSON.stringify({ ok: false, message: 'cache write denied:\r::add-mask::kondado\n##[error]pwned\u001b[31m\u202e' }),
          }
        : undefined
    const { store, lines } = storeOf(cache.env())
    await store.save(MEMORY)
    expect(lines).toEqual([
      'Run history: not saved to the Actions cache (the cache service refused: cache write denied: ::add-mask::kondado ##\\[error]pwned); the next run reads on what it had.',
    ])
    expectInert(lines)
  })

  test('a planted entry is never shown: its key (with \\r::add-mask::) and content stay out of every line', async () => {
    const cache = await standIn()
    const { keys } = storeOf(cache.env())
    const key = `${keys.exact}\r::add-mask::kondado\n::error::pwned`
    plantedKey(cache, key, JSON.stringify({ format: 1, runs: { 'pipeline-2040': [{ minMs: 9_000, maxMs: 12_000, seenAt: NOW }] } }))
    const { store, lines } = storeOf(cache.env())
    expect(Object.keys((await store.restore()).runs)).toEqual(['pipeline-2040'])
    expectInert(lines)
    expect(lines.join('\n')).not.toMatch(/add-mask|pwned|kondado-run-history/)
  })

  test('a planted entry that is not a run history (a tar archive with absolute and ../ paths, garbage, 10 MiB): not read, nothing written', async () => {
    const cache = await standIn()
    const { keys } = storeOf(cache.env())
    // Members named /tmp/planted-*/pwned and ../pwned-too (from planted-*/inner), as `tar -P` would write them.
    const outside = mkdtempSync(join(tmpdir(), 'planted-'))
    mkdirSync(join(outside, 'inner'))
    writeFileSync(join(outside, 'pwned'), 'planted')
    writeFileSync(join(outside, 'pwned-too'), 'planted')
    const archive = execFileSync('tar', ['-P', '-cf', '-', join(outside, 'pwned'), '-C', join(outside, 'inner'), '../pwned-too'])
    expect(execFileSync('tar', ['-P', '-tf', '-'], { input: archive, encoding: 'utf8' }).split('\n')).toEqual([
      join(outside, 'pwned'),
      '../pwned-too',
      '',
    ])
    rmSync(join(outside, 'pwned'))
    rmSync(join(outside, 'pwned-too'))
    for (const [content, line] of [
      [archive, 'Run history: the entry in the Actions cache is not a run history this action reads; reading on the usual schedule.'],
      [
        Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0x5b]),
        'Run history: the entry in the Actions cache is not a run history this action reads; reading on the usual schedule.',
      ],
      [
        Buffer.alloc(10 * 1024 * 1024, 0x7b),
        'Run history: the Actions cache could not be read (the entry is larger than 64 KiB); reading on the usual schedule.',
      ],
    ] as const) {
      plantedKey(cache, `${keys.exact}${cache.entries.length}`, content)
      const { store, lines } = storeOf(cache.env())
      expect(await store.restore()).toEqual(emptyHistory)
      expect(lines).toEqual([line])
    }
    expect(readdirSync(outside)).toEqual(['inner'])
    expect(readdirSync(join(outside, 'inner'))).toEqual([])
  })

  test('content that streams on past the limit, with no length given, is cut off at 64 KiB', async () => {
    const cache = await standIn()
    const { keys } = storeOf(cache.env())
    plantedKey(cache, `${keys.exact}0`, JSON.stringify({ format: 1, runs: MEMORY.runs }))
    let sent = 0
    const endless = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const more = (): void => {
        // 1 MiB in 16 KiB chunks at most: enough to prove the cut, and the server never blocks on it.
        while (sent < 1024 * 1024 && res.write(Buffer.alloc(16 * 1024, 0x20))) sent += 16 * 1024
        if (sent >= 1024 * 1024) res.end()
      }
      res.on('drain', more)
      res.on('error', () => undefined)
      more()
    })
    await new Promise<void>((done) => endless.listen(0, '127.0.0.1', done))
    servers.add(endless)
    cache.downloadUrl = () => `http://127.0.0.1:${(endless.address() as AddressInfo).port}/blob`
    const { store, lines } = storeOf(cache.env())
    expect(await store.restore()).toEqual(emptyHistory)
    expect(lines).toEqual([
      'Run history: the Actions cache could not be read (the entry is larger than 64 KiB); reading on the usual schedule.',
    ])
  })

  test('absurd values in a planted entry are left out, and said so', async () => {
    const cache = await standIn()
    const { keys } = storeOf(cache.env())
    const absurd = { minMs: 1e12, maxMs: 1e12, seenAt: NOW }
    plantedKey(
      cache,
      `${keys.exact}0`,
      JSON.stringify({
        format: 1,
        runs: { 'pipeline-2040': [absurd, absurd, { minMs: 1, maxMs: 2, seenAt: NOW + 86_400_000 }, MEMORY.runs['pipeline-2040'][0]] },
      }),
    )
    const { store, lines } = storeOf(cache.env())
    expect(await store.restore()).toEqual(MEMORY)
    expect(lines[0]).toBe('Run history: 3 stored run lengths were left out, a value missing or out of range.')
  })

  test('a content address elsewhere is not fetched unless the service gave it and it is https (or this machine, as the service is)', async () => {
    const cache = await standIn()
    const other = await trap()
    const { keys } = storeOf(cache.env())
    plantedKey(cache, `${keys.exact}0`, JSON.stringify({ format: 1, runs: MEMORY.runs }))
    for (const url of [
      'http://192.0.2.1/cache/0?sig=x',
      'http://169.254.169.254/latest/meta-data/',
      'file:///etc/passwd',
      `http://user:pass@127.0.0.1:${new URL(other.url).port}/`,
      'not a url',
    ]) {
      cache.downloadUrl = () => url
      const { store, lines } = storeOf(cache.env())
      expect(await store.restore()).toEqual(emptyHistory)
      expect(lines).toEqual([
        'Run history: the Actions cache could not be read (the cache service gave an address this action does not use); reading on the usual schedule.',
      ])
    }
    expect(other.hits).toEqual([])
    expect(cache.log.filter((r) => r.call === 'download')).toEqual([])
  })

  test('a redirect from the content address is not followed', async () => {
    const cache = await standIn()
    const other = await trap()
    const { keys } = storeOf(cache.env())
    plantedKey(cache, `${keys.exact}0`, JSON.stringify({ format: 1, runs: MEMORY.runs }))
    cache.redirectDownloads = `${other.url}elsewhere`
    const { store, lines } = storeOf(cache.env())
    expect(await store.restore()).toEqual(emptyHistory)
    expect(lines).toEqual([
      'Run history: the Actions cache could not be read (the cache service answered HTTP 302); reading on the usual schedule.',
    ])
    expect(other.hits).toEqual([])
  })

  test('a memory larger than an entry may be is not sent', async () => {
    const cache = await standIn()
    const huge = { runs: Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`pipeline-${i + 1}`, MEMORY.runs['pipeline-2040']])) }
    const { store, lines } = storeOf(cache.env())
    await store.save(huge)
    expect(lines).toEqual([
      'Run history: not saved to the Actions cache (the entry is larger than 64 KiB); the next run reads on what it had.',
    ])
    expect(cache.log).toEqual([])
    expect(MAX_ENTRY_BYTES).toBe(64 * 1024)
  })
})

describe('safeLines: what the cache code prints, made inert', () => {
  test('split at every line break, \\r included; no command at a line start, no ##[ anywhere, no control characters', () => {
    expect(safeLines('one\rtwo\r\nthree\n\n::add-mask::x\u2028::error::y')).toEqual(['one', 'two', 'three', 'add-mask::x', 'error::y'])
    expect(safeLines('a ##[error] b ###[group] c #\u200b#[x]')).toEqual(['a ##\\[error] b ###\\[group] c ##\\[x]'])
    expect(safeLines('\u001b[31mred\u001b[0m \u0007bell \u202eevil')).toEqual(['red bell evil'])
    expect(safeLines(' :: ::debug::x')).toEqual(['debug::x'])
    expect(safeLines('\r\n')).toEqual([])
  })

  test('every hostile form, as a cache key or a service message could carry it: each line a debug line the runner obeys as nothing else', () => {
    for (const text of [...HOSTILE, HOSTILE.join('\r')]) {
      const printed = safeLines(text).map((line) => `::debug::${line}`)
      expect({ text, commands: commandsIn(printed.join('\n')) }).toEqual({ text, commands: printed.map(() => '::debug') })
    }
  })
})
