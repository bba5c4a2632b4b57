// The key and token never show, raw or encoded, with the runner's debug logging on and a server
// that echoes them back in every encoding. Issue item 13 (every other case checks it too).

import { describe, expect } from '@jest/globals'
import {
  busyFor,
  DEBUG_ENV,
  faultSuite,
  KEY,
  rateLimitBody,
  requests,
  resultOf,
  secretForms,
  startRunElsewhere,
  summarize,
  TOKEN,
  unescapeCommand,
} from './harness.ts'

const { faultCase } = faultSuite(import.meta.filename, 'Secrets')

/** Both secrets in every encoding the scan looks for except lowercase hex, as a careless server might echo them. */
const echo = (label: string): string =>
  [KEY, TOKEN]
    .flatMap((s) => secretForms(s).filter((f) => !/%[0-9a-f][0-9a-f]/.test(f.replace(/%[0-9A-F]{2}/g, ''))))
    .map((f) => `${label} ${f}`)
    .join(' | ')
/** The request URL as a server log line would quote it. */
const urlEcho = (path: string): string => `GET ${path}?${new URLSearchParams({ key: KEY, token: TOKEN }).toString()} failed`

const DEBUG = { debug: true } as const

describe('13. secrets, with ACTIONS_STEP_DEBUG=true', () => {
  faultCase(
    {
      id: '13.1',
      name: 'a healthy run, debug logging on',
      fault: '`run` with `ACTIONS_STEP_DEBUG=true` and `RUNNER_DEBUG=1`',
      expected: 'no secret anywhere; the raw, URL and form forms registered with the runner as masks',
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      const run = await c.act(sim, { 'pipeline-id': '2040' }, DEBUG_ENV)
      expect(run.code).toBe(0)
      const masks = run.stdout
        .split('\n')
        .filter((l) => l.startsWith('::add-mask::'))
        .map((l) => unescapeCommand(l.slice('::add-mask::'.length)))
      for (const secret of [KEY, TOKEN]) {
        expect(masks).toEqual(
          expect.arrayContaining([secret, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2)]),
        )
      }
      return summarize(run, sim, [`${masks.length} masks registered`])
    },
  )

  faultCase(
    {
      id: '13.2',
      name: 'raw_msg echoing both secrets in every encoding',
      fault: '`status`: `raw_msg` holds key and token raw, URL- and form-encoded, base64, JSON-escaped, \\u-escaped and escape()d',
      expected: 'every form hidden in the log, annotation, summary and `raw-msg` output',
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, raw_msg: echo('leak') }))
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' }, DEBUG_ENV)
      expect(run.code).toBe(1)
      expect(run.outputs['raw-msg']).toContain('leak ***')
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '13.3',
      name: 'a 502 page quoting the request URL',
      fault: '`status`, `timeout: 8s`: every read is a 502 page that prints the URL with `?key=…&token=…`',
      expected: 'the excerpt in the error shows `***` for both',
      timeoutS: 8,
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject(
        { type: 'http', status: 502, body: `<html><body><h1>Bad Gateway</h1><p>${urlEcho('/pipelines/2040/status')}</p></body></html>` },
        { times: Infinity },
      )
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040', timeout: '8s' }, DEBUG_ENV)
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('key=***&token=***')
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '13.4',
      name: 'a 401 naming the token it refused',
      fault: '`run` with a wrong token: `{"error": "INVALID_TOKEN", "message": "token <echo> invalid"}`',
      expected: 'the refusal is shown with `***` in place of every form',
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({
        type: 'http',
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ success: false, error: 'INVALID_TOKEN', message: `token ${echo('t')} is invalid` }),
      })
      const run = await c.act(sim, { 'pipeline-id': '2040' }, DEBUG_ENV)
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('Kondado refused the key or token')
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '13.5',
      name: 'a refused duplicate quoting the request',
      fault: '`duplicate`: `{"success": false, "error": "INVALID_PAYLOAD", "message": <the URL and every form>}`',
      expected: 'the failure quotes Kondado with `***`',
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      const body = JSON.stringify({ success: false, error: 'INVALID_PAYLOAD', message: `${urlEcho('/pipelines')} ${echo('p')}` })
      sim.inject({ type: 'http', status: 200, contentType: 'application/json', body }, { match: { kind: 'duplicate' } })
      const run = await c.act(
        sim,
        {
          command: 'duplicate',
          'pipeline-id': '2040',
          'src-collection-id': '1',
          'dest-collection-id': '2',
          'full-tables': '{"": "orders_prod"}',
        },
        DEBUG_ENV,
      )
      expect(run.code).toBe(1)
      c.expectPipelinesCreated(sim, 0)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '13.6',
      name: 'retries and a rate-limit pause quoting the key',
      fault: '`wait`: a reset, a 503 quoting the URL, then RATE_LIMIT_EXCEEDED whose message names the key',
      expected: 'the retry and pause lines show no secret; healthy',
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      await startRunElsewhere(sim, 2040)
      sim.inject({ type: 'reset' }, { match: { kind: 'pipeline-status' } })
      sim.inject({ type: 'http', status: 503, body: urlEcho('/pipelines/2040/status') }, { match: { kind: 'pipeline-status' } })
      const limited = JSON.parse(rateLimitBody(2)) as Record<string, string>
      sim.inject(
        {
          type: 'http',
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ ...limited, message: `${limited.message} (key ${KEY}, ${encodeURIComponent(KEY)})` }),
        },
        { match: { kind: 'pipeline-status' } },
      )
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040' }, DEBUG_ENV)
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('retrying in')
      expect(run.stdout).toContain('every request pauses for')
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '13.7',
      name: 'a timeout and a cancellation',
      fault: '`wait`: a silent server until SIGTERM',
      expected: 'no secret in the cancelled summary or outputs',
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { queuedMs: 0, runningMs: 60_000 } }))
      await startRunElsewhere(sim, 2040)
      sim.inject({ type: 'hang' }, { times: Infinity })
      const action = c.launch(sim, { command: 'wait', 'pipeline-id': '2040' }, DEBUG_ENV)
      while (sim.model.log.length === 0) await new Promise((r) => setTimeout(r, 50))
      const { run, ms } = await c.interrupt(action, 'SIGTERM')
      expect(run.code).toBe(1)
      return summarize(run, sim, [`${ms} ms from SIGTERM to exit`])
    },
  )

  faultCase(
    {
      id: '13.8',
      name: 'the token pasted into the wrong inputs',
      fault: 'the token given as `timeout`, then as `pipeline-id`, then a 90-character token as `timeout` (longer than an error quotes)',
      expected: 'each input error shows `***`, never the token or a piece or prefix of it',
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim(() => undefined)
      const long = `${TOKEN} ${'x+%ã'.repeat(20)}`
      const runs = [
        await c.act(sim, { 'pipeline-id': '2040', timeout: TOKEN }, DEBUG_ENV),
        await c.act(sim, { 'pipeline-id': TOKEN }, DEBUG_ENV),
        await c.act(sim, { 'pipeline-id': '2040', token: long, timeout: long }, DEBUG_ENV),
      ]
      for (const run of runs) {
        expect(run.code).toBe(1)
        expect(run.stdout).toContain("'***'")
      }
      const third = runs[2]?.stdout ?? ''
      expect(third).not.toContain(long.slice(0, 20))
      expect(sim.model.log).toEqual([])
      return runs.map((run) => summarize(run)).join(' / ')
    },
  )

  faultCase(
    {
      id: '13.9',
      name: 'a failed run in Portuguese',
      fault: '`run`, `language: pt-BR`: the run ends with a `raw_msg` quoting the URL',
      expected: 'no secret in the Portuguese log and summary',
      ...DEBUG,
    },
    async (c) => {
      const sim = await c.sim((m) =>
        m.addPipeline({ id: 2040, run: { ...busyFor(1), outcome: { status: 'active', raw_msg: urlEcho('/source') } } }),
      )
      const run = await c.act(sim, { 'pipeline-id': '2040', language: 'pt-BR' }, DEBUG_ENV)
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'unhealthy' }])
      expect(requests(sim, 'run')).toHaveLength(1)
      return summarize(run, sim)
    },
  )
})
