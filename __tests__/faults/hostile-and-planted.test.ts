// Text from outside that would steer the runner, records planted where the action looks for its
// own, a poisoned run history, a proxy that must not see a loopback request, and inputs that would
// break what is sent. Issue item 14 ("hostile text and planted records").

import { afterAll, describe, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConnectProxy } from '../../__fixtures__/connect-proxy.ts'
import { GITHUB_TOKEN, pullRequest, runnerEnv, startGitHub, stopGitHub, workflowDispatch } from '../../__fixtures__/github-run.ts'
import { HOSTILE, LIVE_IN_MARKDOWN } from '../../__fixtures__/runner-commands.ts'
import { ActionsCacheStandIn, type KondadoModel } from '../../simulator/index.ts'
import { WORKFLOW_BOT } from '../../simulator/github-api.ts'
import { identityOf, payloadOf } from '../../src/core/promotion.ts'
import { ENTRY_VERSION } from '../../src/memory/actions-cache.ts'
import { cacheKeys } from '../../src/memory/run-history-cache.ts'
import {
  busyFor,
  errorLines,
  failureOf,
  faultSuite,
  KEY,
  requests,
  resultOf,
  runnerModel,
  startRunElsewhere,
  summarize,
  visibleStdout,
  warningLines,
} from './harness.ts'

const { faultCase } = faultSuite(import.meta.filename, 'Hostile text and planted records')

const dirs: string[] = []
afterAll(async () => {
  await stopGitHub()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

/** The figures RELIABILITY.md sums over these cases (besides the runner model's, which every case keeps). */
export const PLANTED = 'planted records and comments'
export const PLANTED_IGNORED = 'planted records and comments ignored'
export const PLANTED_BELIEVED = 'planted records and comments believed'
export const VERDICTS_CHANGED = 'verdicts changed by a poisoned cache entry'
export const FILES_OUTSIDE = 'files written outside the private folder'
export const PROXY_REQUESTS = 'requests through the proxy for a loopback base-url'
export const REFUSED_REQUESTS = 'requests sent for a refused input'

const first = <T>(list: readonly T[]): T => {
  const [head] = list
  if (head === undefined) throw new Error('no run')
  return head
}

const HOSTILE_TEXT = HOSTILE.join(' | ')

/** The summary's prose (code spans show text as it is and link nothing): what in it GitHub would render live. */
const liveInSummary = (summary: string): string[] => {
  const prose = summary.replace(/(`+)[\s\S]*?\1/g, '')
  return LIVE_IN_MARKDOWN.flatMap((pattern) => pattern.exec(prose)?.[0] ?? [])
}

describe('14. hostile text and planted records', () => {
  faultCase(
    {
      id: '14.1',
      name: "every hostile form in Kondado's text and in an input echoed back",
      fault: `\`status\` and \`run\` (\`timeout: 20s\`): statuses, \`raw_msg\` and a kubo type carry all ${HOSTILE.length} hostile forms (\`::\` after CR or LF or blanks, \`##[\` anywhere, a zero-width space inside \`##[\`, @mentions, #refs, bare links, bidi and zero-width characters); \`duplicate\`: an \`environment\` with \`##[add-mask]\` and an @mention, echoed in the failure`,
      expected:
        "the runner model (both of the runner's parsers) finds no command from outside in the log, the annotations or the outputs; the summary has no live @mention, #ref, bare link, bidi or zero-width character; the text is still there to read",
    },
    async (c) => {
      const hostile = (m: KondadoModel): void => {
        m.addPipeline({
          id: 2040,
          status: 'active',
          raw_msg: HOSTILE_TEXT,
          run: { queuedReads: 0, runningReads: 1, outcome: { status: 'active', raw_msg: HOSTILE_TEXT } },
        })
        m.addPipeline({ id: 2041, script: Array.from({ length: 8 }, () => ({ status: '##[add-mask]active', raw_msg: HOSTILE[5] })) })
        m.addModel({ id: 162, kubo_status_type: '##[stop-commands]zz9 @org/team', raw_msg: HOSTILE[9] })
      }
      const [statusSim, runSim, dupSim] = await Promise.all([
        c.sim(hostile),
        c.sim(hostile),
        c.sim((m) => m.addPipeline({ id: 2040, tablePaths: [''] })),
      ])
      const gitHub = await startGitHub()
      gitHub.switches.noDeployments = true
      const echoed = 'prod ##[add-mask]unhealthy @org/team'
      const runs = await Promise.all([
        c.act(statusSim, { command: 'status', 'pipeline-id': '2040 2041', 'model-id': '162' }),
        c.act(runSim, { 'pipeline-id': '2040 2041', timeout: '20s' }),
        c.act(
          dupSim,
          {
            command: 'duplicate',
            'pipeline-id': '2040',
            'src-collection-id': '11',
            'dest-collection-id': '12',
            'full-tables': '{"": "orders_staging_copy"}',
            environment: echoed,
            'github-token': GITHUB_TOKEN,
          },
          runnerEnv(gitHub, workflowDispatch),
        ),
      ])
      expect(runs.map((run) => run.code)).toEqual([1, 1, 1])
      expect(dupSim.model.log).toEqual([])
      c.expectPipelinesCreated(dupSim, 0)
      let lines = 0
      const obeyed: string[] = []
      const live: string[] = []
      for (const run of runs) {
        const model = runnerModel(run, [c.secretsOf.get(run) ?? []].flat())
        lines += model.lines
        obeyed.push(...model.outside)
        live.push(...liveInSummary(run.summary))
        expect(run.stdout).not.toContain('##[')
      }
      expect(obeyed).toEqual([])
      expect(live).toEqual([])
      // Not vacuous: the hostile text reached the log, the summary and the outputs, made safe.
      const [status, run] = runs
      expect(status?.stdout).toContain('##\\[stop-commands]zz9')
      expect(status?.summary).toContain('@&#8203;user')
      expect(run?.outputs.result).toContain('##\\\\[add-mask]')
      expect(status?.stdout).toMatch(/unhealthy|unknown status/)
      expect(runs[2]?.stdout).toContain("environment 'prod ##\\[add-mask]unhealthy")
      if (!status) throw new Error('no status run')
      return summarize(status, statusSim, [
        `${lines} lines of log, annotations and outputs through the runner model over ${runs.length} runs: ${obeyed.length} commands from outside obeyed`,
        `${live.length} live mentions, refs, links or invisible characters in the summaries`,
      ])
    },
  )

  // ---- planted promotion records and comments ---------------------------------------------------

  const NEW_ID = 777001
  const PLANTED_ID = 666
  const PROMOTION = {
    command: 'duplicate',
    'pipeline-id': '2040',
    'src-collection-id': '877291',
    'dest-collection-id': '678910',
    'full-tables': '{"": "orders"}',
    environment: 'production',
    'github-token': GITHUB_TOKEN,
  }
  const REQUEST = {
    basePipelineId: 2040,
    sourceCollectionId: 877291,
    destinationCollectionId: 678910,
    fullTables: { '': 'orders' },
    runAtOnce: false,
  }
  const IDENTITY_KEY = payloadOf(identityOf('production', REQUEST), REQUEST).identityKey
  const appLink = (id: number): string => `https://app.kondado.com.br/pipelines/${id}`

  faultCase(
    {
      id: '14.2',
      name: 'promotion records planted by other logins',
      fault:
        "`duplicate` with `environment`: three deployments with the promotion's task and identity, by `mallory` (a success naming pipeline 666, with a run link on another host; an `in_progress`) and by `github-actions-helper[bot]` (`queued`)",
      expected:
        'believed only when written by `github-token-login` (`github-actions[bot]`): all three ignored, said once with their count; a pipeline is created and recorded; 666 never sent to Kondado',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, tablePaths: [''], run: busyFor(1) }), {
        duplicate: { firstId: NEW_ID, buildingTablesReads: 1 },
      })
      const gitHub = await startGitHub()
      const plant = (creator: string, runUrl: string, statuses: { state: string; url?: string }[]): void => {
        gitHub.addDeployment(
          {
            ref: 'x',
            task: 'kondado:promote',
            environment: 'production',
            payload: { identity_key: IDENTITY_KEY, run_url: runUrl },
            description: 'Kondado: duplicate pipeline 2040',
            creator,
          },
          statuses.map(({ state, url = '' }) => ({ state, environment_url: url, log_url: runUrl, description: 'planted' })),
        )
      }
      plant('mallory', 'https://evil.example/acme/data/actions/runs/5', [
        { state: 'in_progress' },
        { state: 'success', url: appLink(PLANTED_ID) },
      ])
      plant('mallory', 'https://github.com/acme/data/actions/runs/5/attempts/1', [{ state: 'in_progress' }])
      plant('github-actions-helper[bot]', 'https://github.com/acme/data/actions/runs/5/attempts/1', [{ state: 'queued' }])
      c.count(PLANTED, 3)
      const run = await c.act(sim, PROMOTION, runnerEnv(gitHub, workflowDispatch))
      expect(run.code).toBe(0)
      c.expectPipelinesCreated(sim, 1)
      expect(run.outputs).toMatchObject({ 'new-pipeline-id': String(NEW_ID), promotion: 'created' })
      expect(requests(sim).filter((entry) => entry.path.includes(String(PLANTED_ID)))).toEqual([])
      expect(run.stdout).not.toMatch(/evil|planted|pipelines\/666|pipeline 666|mallory|Already promoted/)
      const ours = gitHub.deployments.filter((d) => d.creator === WORKFLOW_BOT && d.statuses[0]?.environment_url === appLink(NEW_ID))
      expect(ours).toHaveLength(1)
      const ignored = visibleStdout(run)
        .split('\n')
        .filter((line) => line.includes('Ignored in environment'))
      expect(ignored).toEqual([
        "Ignored in environment 'production': 3 promotion records not made by this action (github-actions[bot]). They neither stop this promotion nor choose its pipeline.",
      ])
      const told = c.count(PLANTED_IGNORED, Number(/: (\d+) promotion records/.exec(ignored[0] ?? '')?.[1] ?? 0))
      c.count(PLANTED_BELIEVED, 0)
      expect(warningLines(run)).toEqual([])
      return summarize(run, sim, [
        `${told} of 3 planted records ignored, said in ${ignored.length} line; 0 believed; pipeline ${NEW_ID} created`,
      ])
    },
  )

  faultCase(
    {
      id: '14.3',
      name: "a comment with the step's marker planted by another login",
      fault: "`status` with `pr-comment: true`, twice on pull request 42: `mallory` has already commented there with the step's marker",
      expected: "the planted comment is left alone: the first step writes the action's own comment, the second edits only that one",
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      const gitHub = await startGitHub()
      const MARKER = '<!-- kondado-action:Promote/promote/promote -->'
      const body = `${MARKER}\n**✅ passed** (planted)`
      const planted = gitHub.addComment({ body, issue: 42, user: 'mallory' })
      c.count(PLANTED, 1)
      const gate = { command: 'status', 'pipeline-id': '2040', 'pr-comment': 'true', 'github-token': GITHUB_TOKEN }
      const first = await c.act(sim, gate, runnerEnv(gitHub, pullRequest(42), 1))
      const second = await c.act(sim, gate, runnerEnv(gitHub, pullRequest(42), 2))
      expect([first.code, second.code]).toEqual([0, 0])
      expect(visibleStdout(first)).toContain('pr-comment: commented on pull request #42.')
      expect(visibleStdout(second)).toContain('pr-comment: updated the comment on pull request #42.')
      expect(gitHub.comments[0]).toEqual(planted)
      expect(gitHub.comments[0]?.body).toBe(body)
      expect(gitHub.comments.map((comment) => comment.user)).toEqual(['mallory', WORKFLOW_BOT])
      const writes = gitHub.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)
      expect(writes).toEqual([
        'POST /repos/acme/data/issues/42/comments',
        `PATCH /repos/acme/data/issues/comments/${gitHub.comments[1]?.id}`,
      ])
      const edited = writes.filter((w) => w.endsWith(`/comments/${planted.id}`)).length
      c.count(PLANTED_IGNORED, edited === 0 ? 1 : 0)
      c.count(PLANTED_BELIEVED, edited)
      expect([...warningLines(first), ...warningLines(second)]).toEqual([])
      return summarize(second, sim, [
        `the planted comment edited ${edited} times; ${writes.length} writes, all to the action's own comment`,
      ])
    },
  )

  // ---- a poisoned run history ---------------------------------------------------------------------

  faultCase(
    {
      id: '14.4',
      name: 'a poisoned run-history entry in the Actions cache',
      fault:
        '`wait`: the restored entry holds absurd values (1e12 ms runs seen in the future) and a resource named with `\\r::error::`, under a key with `\\r::add-mask::`, `::error::` and `##[error]`; then a tar archive with an absolute path and a `../` member',
      expected:
        'a bounded JSON document, no archive extracted, every value range-checked: the poison left out, healthy on the usual schedule (6 reads), nothing obeyed, no file written outside the private folder',
    },
    async (c) => {
      const cache = new ActionsCacheStandIn()
      await cache.start()
      try {
        const prefix = cacheKeys(KEY, [{ kind: 'pipeline', id: 2040 }], { GITHUB_REPOSITORY: 'acme/warehouse' }).exact
        const plant = (content: string | Buffer, key = `${prefix}planted`): void =>
          cache.plant(key, Buffer.isBuffer(content) ? content : Buffer.from(content), ENTRY_VERSION)
        const runner = (home: string): Record<string, string> => ({
          ...cache.env(),
          HOME: home,
          RUNNER_TEMP: tempDir('runner-temp-'),
          GITHUB_REPOSITORY: 'acme/warehouse',
          GITHUB_RUN_ID: '777',
          GITHUB_RUN_ATTEMPT: '1',
        })
        const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()
        const WAIT = { command: 'wait', 'pipeline-id': '2040', timeout: '60' }

        const absurd = { minMs: 1e12, maxMs: 1e12, seenAt: Date.now() + 1e12 }
        plant(
          JSON.stringify({
            format: 1,
            runs: { 'pipeline-2040': [absurd, absurd, absurd], 'pipeline-1\r::error::pwned': [{ minMs: 1, maxMs: 2, seenAt: 0 }] },
          }),
          `${prefix}\r::add-mask::kondado\n::error::pwned %0D::warning::pwned ##[error]pwned`,
        )
        const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(4) }))
        await startRunElsewhere(sim, 2040)
        const home = tempDir('runner-home-')
        const poisoned = await c.act(sim, WAIT, runner(home))
        expect(poisoned.code).toBe(0)
        expect(resultOf(poisoned).map((r) => r.verdict)).toEqual(['healthy'])
        // The usual schedule: 4 reads busy, 1 at rest, 1 confirming.
        expect(requests(sim, 'pipeline-status')).toHaveLength(6)
        const leftOut = /Run history: (\d+) stored run lengths were left out/.exec(poisoned.stdout)?.[1]
        expect(leftOut).toBe('4')
        expect(poisoned.stdout).not.toMatch(/pwned|##\[/)
        expect([...warningLines(poisoned), ...errorLines(poisoned)]).toEqual([])

        // A tar archive, as @actions/cache would have extracted it into the runner's home.
        const outside = tempDir('planted-')
        mkdirSync(join(outside, 'inner'))
        writeFileSync(join(outside, 'pwned'), 'planted')
        writeFileSync(join(outside, 'pwned-too'), 'planted')
        const archive = execFileSync('tar', ['-P', '-cf', '-', join(outside, 'pwned'), '-C', join(outside, 'inner'), '../pwned-too'])
        rmSync(join(outside, 'pwned'))
        rmSync(join(outside, 'pwned-too'))
        plant(archive, `${prefix}planted-tar`)
        const tarSim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(2) }))
        await startRunElsewhere(tarSim, 2040)
        const tarRun = await c.act(tarSim, WAIT, runner(join(outside, 'inner')))
        expect(tarRun.code).toBe(0)
        expect(resultOf(tarRun).map((r) => r.verdict)).toEqual(['healthy'])
        expect(tarRun.stdout).toContain('Run history: the entry in the Actions cache is not a run history this action reads')

        const written = c.count(FILES_OUTSIDE, filesUnder(home).length + filesUnder(outside).filter((f) => f !== 'inner').length)
        expect(written).toBe(0)
        const changed = c.count(VERDICTS_CHANGED, [poisoned, tarRun].filter((r) => r.code !== 0).length)
        return summarize(poisoned, sim, [
          `${leftOut} poisoned values left out`,
          `the tar archive not extracted: healthy`,
          `${changed} verdicts changed`,
          `${written} files written outside the private folder`,
        ])
      } finally {
        await cache.stop()
      }
    },
  )

  // ---- where requests go, and inputs that would break them ----------------------------------------

  faultCase(
    {
      id: '14.5',
      name: 'a loopback base-url with every proxy variable naming a live proxy',
      fault:
        '`run` to `http://127.0.0.1:<port>`: `HTTP_PROXY`, `HTTPS_PROXY`, `http_proxy` and `https_proxy` name a listening CONNECT proxy',
      expected:
        'straight to the simulator: the proxy receives no connection and no request (plain http through it would show the key and token); healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      const proxy = new ConnectProxy()
      await proxy.start()
      try {
        const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, http_proxy: proxy.url, https_proxy: proxy.url }
        const run = await c.act(sim, { 'pipeline-id': '2040' }, env)
        expect(run.code).toBe(0)
        expect(run.outputs.healthy).toBe('true')
        expect(sim.model.log.map((entry) => entry.kind)).toContain('run')
        const through = c.count(PROXY_REQUESTS, proxy.connections + proxy.requests.length)
        expect(through).toBe(0)
        return summarize(run, sim, [`${sim.model.log.length} requests straight to the simulator, ${through} through the proxy`])
      } finally {
        await proxy.stop()
      }
    },
  )

  faultCase(
    {
      id: '14.6',
      name: 'a base-url ending in a bare ? or #',
      fault: "`status`: `base-url` is the simulator's address followed by `?`, `#`, or `?#` (it would cut the API path off every request)",
      expected: 'refused before any request, with one line naming the input: the simulator, which the address reaches, sees nothing',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      const runs = await Promise.all(
        ['?', '#', '?#'].map((tail) => c.act(sim, { command: 'status', 'pipeline-id': '2040', 'base-url': `${sim.baseUrl}${tail}` })),
      )
      for (const run of runs) {
        expect(run.code).toBe(1)
        expect(errorLines(run)).toHaveLength(1)
        expect(failureOf(run)).toContain("Input 'base-url' must not carry a user name, password, query or fragment.")
      }
      const sent = c.count(REFUSED_REQUESTS, sim.model.log.length)
      expect(sent).toBe(0)
      return summarize(first(runs), sim, [`${runs.length} runs refused; ${sent} requests sent`])
    },
  )

  faultCase(
    {
      id: '14.7',
      name: 'JSON inputs nested deeper than 32 levels',
      fault:
        '`duplicate`: `overwrite-parameters` nests objects 33 and 20,000 levels deep (120 KB, near the largest environment variable), and arrays 33 deep inside an object',
      expected: 'refused before any request, with one line naming the input',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, tablePaths: [''] }))
      const deep = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
      const DUP = {
        command: 'duplicate',
        'pipeline-id': '2040',
        'src-collection-id': '1',
        'dest-collection-id': '2',
        'full-tables': '{"": "orders_prod"}',
        wait: 'false',
      }
      const refused = await Promise.all(
        [deep(33), deep(20_000), `{"a":${'['.repeat(32)}${']'.repeat(32)}}`].map((json) =>
          c.act(sim, { ...DUP, 'overwrite-parameters': json }),
        ),
      )
      for (const run of refused) {
        expect(run.code).toBe(1)
        expect(errorLines(run)).toHaveLength(1)
        expect(failureOf(run)).toBe(
          "Input 'overwrite-parameters' nests objects or arrays more than 32 levels deep: give a flatter JSON object.",
        )
      }
      const sent = c.count(REFUSED_REQUESTS, sim.model.log.length)
      expect(sent).toBe(0)
      c.expectPipelinesCreated(sim, 0)
      return summarize(first(refused), sim, [`${refused.length} runs refused; ${sent} requests sent`])
    },
  )
})
