// A step that explains itself, end to end on dist/: the real cause once, in the user's terms and
// language, with the next step; a pipeline that cannot run is not triggered; a refused key is one
// message; a quiet step says what it waits for. Each test has its own simulator on loopback.

import { afterAll, describe, expect, test } from '@jest/globals'
import { failureOf, KEY } from '../../__fixtures__/action-checks.ts'
import { inert } from '../../src/report/markdown.ts'
import {
  act,
  busyFor,
  cleanUp,
  errorLines,
  expectClean,
  liveLog,
  requests,
  resultOf,
  startRunElsewhere,
  startSimulator,
} from './helpers.ts'

afterAll(cleanUp)

const DOCS = 'https://github.com/kondado/kondado-action/blob/main/docs'
/** The log as a person reads it: stamps removed. */
const read = (lines: string[]): string[] => lines.map((line) => line.replace(/^\[\s*[^\]]*\]\s/, ''))
const BLOCKED_MSG = 'destination rejected the credentials'

describe('a pipeline that cannot run', () => {
  for (const language of ['en', 'pt-BR'] as const)
    test.concurrent(`is not triggered, and says why and what to do (${language})`, async () => {
      const sim = await startSimulator((m) => {
        m.addPipeline({ id: 2040, run: busyFor(1) })
        m.addPipeline({ id: 2042, status: 'too_many_consecutive_failed_builds__blocked', raw_msg: BLOCKED_MSG })
        m.addPipeline({ id: 2043, status: 'not_active' })
      })
      const run = await act(sim, { 'pipeline-id': '2040, 2042, 2043', language })
      expectClean(run, sim)
      expect(run.code).toBe(1)
      // One run request: only 2040's.
      expect(requests(sim, 'run').map((e) => e.path)).toEqual(['/pipelines/2040/run'])
      expect(resultOf(run).map((r) => [r.id, r.verdict])).toEqual([
        [2040, 'healthy'],
        [2042, 'unhealthy'],
        [2043, 'unhealthy'],
      ])
      const en = language === 'en'
      // The last line names what did not pass and why; one annotation each, whose title adds the verdict and the time.
      expect(failureOf(run)).toBe(
        en
          ? '2 of 3 resources did not pass: pipeline 2042 (unhealthy, no run requested); pipeline 2043 (unhealthy, no run requested).'
          : '2 de 3 recursos não passaram: pipeline 2042 (com problema, nenhuma execução solicitada); pipeline 2043 (com problema, nenhuma execução solicitada).',
      )
      const annotations = errorLines(run).slice(0, -1)
      expect(annotations).toHaveLength(2)
      expect(annotations[0]).toMatch(
        en ? /^::error title=pipeline 2042%3A unhealthy \(\d+s\)::/ : /^::error title=pipeline 2042%3A com problema \(\d+s\)::/,
      )
      expect(annotations[0]).toContain(
        en
          ? `pipeline 2042 was switched off by Kondado after failing too many times in a row (too_many_consecutive_failed_builds__blocked, "${BLOCKED_MSG}"), so no run was requested. Fix what its error names, switch it back on in the app, then run the step again.`
          : `O pipeline 2042 foi desativado pela Kondado depois de falhar muitas vezes seguidas (too_many_consecutive_failed_builds__blocked, "${BLOCKED_MSG}"), então nenhuma execução foi solicitada.`,
      )
      expect(annotations[1]).toContain(
        en
          ? 'pipeline 2043 is switched off in Kondado (not_active), so no run was requested.'
          : 'O pipeline 2043 está desativado na Kondado (not_active)',
      )
      // No verdict line for them besides the annotation: said once.
      expect(read(liveLog(run)).filter((line) => /^pipeline 204[23]: (unhealthy|com problema)/.test(line))).toEqual([])
      // The summary: a first line with the first thing to do, and each failing row links to what to do.
      const file = en ? 'troubleshooting.md' : 'troubleshooting.pt-BR.md'
      expect(run.summary.split('\n\n')[1]).toBe(
        en
          ? '❌ 2 of 3 resources did not pass. First, pipeline 2042: switch it on (or fix what blocked it) in the app, then run the step again.'
          : '❌ 2 de 3 recursos não passaram. Primeiro, o pipeline 2042: ative-o (ou corrija o que o bloqueou) no app e execute o step de novo.',
      )
      expect(run.summary).toContain(
        `${BLOCKED_MSG}; ${en ? 'no run requested' : 'nenhuma execução solicitada'} ([${en ? 'what to do' : 'o que fazer'}](${DOCS}/${file}#explain-not-triggered))`,
      )
      expect(run.summary.match(/#explain-not-triggered\)/g)).toHaveLength(2)
    })

  test.concurrent('one still building its tables is waited for, then triggered once', async () => {
    const sim = await startSimulator((m) =>
      m.addPipeline({ id: 2040, run: busyFor(1), script: [{ status: 'building_tables' }, { status: 'building_tables' }] }),
    )
    const run = await act(sim, { 'pipeline-id': '2040' })
    expectClean(run, sim)
    expect(run.code).toBe(0)
    expect(sim.model.log.map((e) => e.kind)).toEqual([
      'pipeline-status',
      'pipeline-status',
      'pipeline-status',
      'pipeline-status',
      'run',
      'pipeline-status',
      'pipeline-status',
      'pipeline-status',
    ])
    expect(read(liveLog(run))).toContain('pipeline 2040 is building its tables: waiting for the build to end, then requesting the run.')
    expect(read(liveLog(run))).not.toContain(expect.stringContaining('already running'))
  })

  test.concurrent("a run Kondado refuses is told in Kondado's words, with the state read just before", async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, plan: 'essentials', raw_msg: null }))
    const run = await act(sim, { 'pipeline-id': '2040' })
    expectClean(run, sim)
    expect(requests(sim, 'run')).toHaveLength(1)
    expect(errorLines(run)[0]).toContain(
      'Kondado refused to run pipeline 2040: "This endpoint is not available for plans with frequency limitations (Essentials)". Its status just before: active. Act on what Kondado says, then run the step again',
    )
    expect(run.summary).toContain(
      '| Kondado refused to run it: "This endpoint is not available for plans with frequency limitations (Essentials)" ([what to do]',
    )
    expect(run.summary).not.toContain('refused, HTTP 200 |')
  })
})

describe('a key or token Kondado refuses', () => {
  for (const language of ['en', 'pt-BR'] as const)
    test.concurrent(`is one message for the step; the other resources say they were not read (${language})`, async () => {
      const sim = await startSimulator((m) => {
        for (const id of [2040, 2041, 2042]) m.addPipeline({ id })
        m.addModel({ id: 162 })
        m.addModel({ id: 163 })
      })
      const run = await act(sim, { 'pipeline-id': '2040 2041 2042', 'model-id': '162 163', token: 'wrong token', language })
      expectClean(run, sim, [KEY, 'wrong token'])
      expect(sim.model.log).toHaveLength(1)
      expect(run.code).toBe(1)
      const en = language === 'en'
      // One annotation for the refusal, and the step's one failure line.
      expect(errorLines(run)).toHaveLength(2)
      expect(failureOf(run)).toMatch(
        en
          ? /^Kondado refused the key or token \(HTTP 401\): nothing was read\./
          : /^A Kondado recusou a key ou o token \(HTTP 401\): nada foi consultado\./,
      )
      const notRead = read(liveLog(run)).filter((line) =>
        line.endsWith(
          en
            ? 'was not read: Kondado had already refused the key or token, and would refuse it here too.'
            : 'não foi consultado: a Kondado já tinha recusado a key ou o token, e recusaria de novo.',
        ),
      )
      expect(notRead).toHaveLength(4)
      expect(run.summary.split('\n\n')[1]).toBe(
        en
          ? '❌ Kondado refused the key or token, so nothing was read. First, check the key and token secrets.'
          : '❌ A Kondado recusou a key ou o token, então nada foi consultado. Primeiro, confira os secrets da key e do token.',
      )
      // The refusal's advice once in the summary, not once per resource; models are not "not waited for".
      expect(run.summary.match(/^- /gm)).toHaveLength(1)
      expect(resultOf(run).map((r) => r.verdict)).toEqual(['error', 'error', 'error', 'error', 'error'])
      expect(run.summary).not.toMatch(en ? /not every pipeline/ : /nem todos os pipelines/)
    })
})

describe('a quiet step', () => {
  test.concurrent('says what it waits for and until when before a wait of 10 s or more (pt-BR)', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
    await startRunElsewhere(sim, 2040)
    const run = await act(sim, {
      command: 'wait',
      'pipeline-id': '2040',
      'poll-interval': '11',
      'max-poll-interval': '11',
      language: 'pt-BR',
    })
    expectClean(run, sim)
    const lines = read(liveLog(run))
    const notice = lines.findIndex((line) => line.startsWith('pipeline 2040: aguardando a execução terminar (última consulta: running'))
    expect(notice).toBeGreaterThan(-1)
    expect(lines[notice]).toMatch(/; próxima consulta às \d\d:\d\d:\d\d \(UTC\), daqui a 1\ds\.$/)
  })
})

describe('bad inputs', () => {
  test.concurrent('the job summary says the step did not start, and which inputs to fix (pt-BR)', async () => {
    const run = await act(null, { 'pipeline-id': 'abc', timeout: 'soon', language: 'pt-BR' })
    expect(run.code).toBe(1)
    const failure = failureOf(run).split('\n')
    expect(failure).toHaveLength(2)
    expect(run.summary).toBe(
      `## Kondado: executar pipelines\n\n❌ O step não começou: 2 inputs estão errados, e nada foi enviado à Kondado.\n\n${failure.map((line) => `- ${inert(line)}`).join('\n')}\n`,
    )
  })
})

describe('a summary that cannot be written', () => {
  test.concurrent("says why, in the user's terms: no file named, or the file and the system's code", async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
    const none = await act(sim, { command: 'status', 'pipeline-id': '2040' }, { GITHUB_STEP_SUMMARY: '' })
    expect(none.code).toBe(0)
    expect(none.stdout).toContain(
      '::warning::The job summary could not be written: this runner names no summary file (GITHUB_STEP_SUMMARY is not set). The verdict and the outputs stand.',
    )
    const missing = await act(
      sim,
      { command: 'status', 'pipeline-id': '2040', language: 'pt-BR' },
      { GITHUB_STEP_SUMMARY: '/nonexistent-folder/summary.md' },
    )
    expect(missing.code).toBe(0)
    expect(missing.stdout).toContain(
      '::warning::Não foi possível escrever o resumo do job: não foi possível escrever no arquivo /nonexistent-folder/summary.md (ENOENT). O resultado e os outputs continuam valendo.',
    )
  })
})
