import { describe, test, expect } from '@jest/globals'
import { Problem } from '../../src/core/problem.ts'
import type { DuplicateRequest, ResourceReport, StepReport, StepSettings, Verdict } from '../../src/core/vocabulary.ts'
import { en } from '../../src/messages/en.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import { inert } from '../../src/report/markdown.ts'
import { docsFor, renderInputErrors, renderSummary } from '../../src/report/summary.ts'
import { snap, RUN_SETTINGS } from './helpers.ts'

const SETTINGS = RUN_SETTINGS

const pipeline = (id: number, verdict: Verdict, extra: Partial<ResourceReport> = {}): ResourceReport => ({
  resource: { kind: 'pipeline', id },
  verdict,
  elapsedMs: 75_000,
  snapshot: snap('active'),
  ...extra,
})

const report = (resources: ResourceReport[], extra: Partial<StepReport> = {}): StepReport => ({
  command: 'run',
  resources,
  elapsedMs: 80_000,
  cancelled: false,
  ...extra,
})

/** A failing row's reason ends with its link to the troubleshooting catalogue: " ([what to do](…#anchor))". */
const LINK = / \(\[(what to do|o que fazer)\]\(([^)]*)\)\)(?= \|$)/

/** The data rows of the first Markdown table in the text (after the header and the --- line), without that link (see linksOf). */
function rows(markdown: string, tableIndex = 0): string[] {
  return rowsWithLinks(markdown, tableIndex).map((row) => row.replace(LINK, ''))
}

function rowsWithLinks(markdown: string, tableIndex = 0): string[] {
  const tables = markdown.split('\n\n').filter((part) => part.startsWith('|'))
  return (tables[tableIndex] ?? '').split('\n').slice(2)
}

/** The link each row ends with, or '' for a row without one. */
const linksOf = (markdown: string): string[] => rowsWithLinks(markdown).map((row) => LINK.exec(row)?.[2] ?? '')

/** Cells of a row, split on the pipes GitHub would split on (not escaped ones). */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim())
}

describe('resource table', () => {
  test('links each resource to its page in the Kondado app', () => {
    const md = renderSummary(
      en,
      report([
        pipeline(2040, 'healthy'),
        {
          resource: { kind: 'model', id: 162 },
          verdict: 'healthy',
          elapsedMs: 0,
          snapshot: snap('active', { kuboStatusType: 'operational' }),
        },
      ]),
      {
        ...SETTINGS,
        command: 'wait',
        modelIds: [162],
      },
    )
    expect(md).toContain('[pipeline 2040](https://app.kondado.com.br/pipelines/2040)')
    expect(md).toContain('[model 162](https://app.kondado.com.br/models/162)')
  })

  test('a row holds resource, status, verdict with icon, time and reason', () => {
    const md = renderSummary(
      en,
      report([pipeline(2041, 'unhealthy', { snapshot: snap('active', { rawMsg: 'Could not connect' }) })]),
      SETTINGS,
    )
    expect(md.startsWith('## Kondado: run pipelines\n')).toBe(true)
    expect(rows(md)).toEqual([
      '| [pipeline 2041](https://app.kondado.com.br/pipelines/2041) | `active` | ❌ unhealthy | 1m 15s | Could not connect |',
    ])
    expect(md).toContain('| Resource | Status | Verdict | Time waited | Reason |')
    expect(md.trimEnd().endsWith('Finished in 1m 20s.')).toBe(true)
  })

  test.each<[Verdict, string]>([
    ['healthy', '✅'],
    ['started', '✅'],
    ['created', '✅'],
    ['unhealthy', '❌'],
    ['not-started', '❌'],
    ['error', '❌'],
    ['unknown-status', '❓'],
    ['already-running', '⏸️'],
    ['timed-out', '⏱️'],
    ['cancelled', '🛑'],
  ])('verdict %s has icon %s', (verdict, icon) => {
    const md = renderSummary(en, report([pipeline(1, verdict)]), SETTINGS)
    expect(cells(rows(md)[0] ?? '')[2]).toBe(`${icon} ${inert(en.verdict[verdict])}`)
  })

  test('a resource never read says so', () => {
    const md = renderSummary(
      en,
      report([{ resource: { kind: 'pipeline', id: 1 }, verdict: 'cancelled', elapsedMs: 0 }], { cancelled: true }),
      SETTINGS,
    )
    expect(cells(rows(md)[0] ?? '')[1]).toBe('not read')
  })

  test('an error row holds its short cause; the full advice is said once, below the table', () => {
    const problem = new Problem('not-found', { httpStatus: 404 })
    const md = renderSummary(en, report([pipeline(9, 'error', { problem })]), SETTINGS)
    expect(cells(rows(md)[0] ?? '')[4]).toBe('not found, HTTP 404')
    const advice = 'Kondado does not know pipeline 9, or this token cannot see it (HTTP 404). Check the id in the app URL.'
    expect(md.split(advice)).toHaveLength(2)
    expect(md).toContain(`- ${advice}`)
  })

  test('notes for a run that was already going and for a lost trigger answer', () => {
    const md = renderSummary(
      en,
      report([pipeline(1, 'healthy', { alreadyRunning: true }), pipeline(2, 'healthy', { triggerUnconfirmed: true })]),
      SETTINGS,
    )
    const [first, second] = rows(md)
    expect(first).toContain('(was already running: waited for that run)')
    expect(second).toContain('(trigger answer lost: not sent again)')
  })
})

describe('escaping what Kondado says', () => {
  const hostile =
    'a|b <script>alert(1)</script> `code` [link](https://evil.example) **bold** <img src=x onerror=alert(1)> \\| & ![i](x) # h ~~s~~ _e_'

  test('raw_msg cannot break the table, inject HTML, code or links', () => {
    const md = renderSummary(en, report([pipeline(1, 'unhealthy', { snapshot: snap('active', { rawMsg: hostile }) })]), SETTINGS)
    const [row] = rows(md)
    expect(cells(row ?? '')).toHaveLength(5)
    const message = cells(row ?? '')[4] ?? ''
    expect(message).not.toMatch(/<script|<img/)
    expect(message).toContain('&lt;script&gt;')
    expect(message).not.toMatch(/(?<!\\)`/)
    expect(message).not.toMatch(/(?<!\\)\[link(?<!\\)\]\(/)
    // Escaped, and the bare address broken by a zero-width space (an entity) so GitHub links nothing.
    expect(message).toContain('\\[link\\](https&#8203;://evil.example)')
    expect(message).not.toMatch(/(?<!\\)\*\*/)
    // The explanation list under the table is escaped the same way.
    expect(md).not.toMatch(/<script|<img|(?<!\\)\[link\]/)
  })

  test('an odd status cannot break the table either', () => {
    const md = renderSummary(en, report([pipeline(1, 'unknown-status', { snapshot: snap('weird|status`<b>') })]), SETTINGS)
    const [row] = rows(md)
    expect(cells(row ?? '')).toHaveLength(5)
  })
})

describe('duplicate section', () => {
  const request: DuplicateRequest = {
    basePipelineId: 2040,
    sourceCollectionId: 877291,
    destinationCollectionId: 678910,
    fullTables: { '': 'orders_prod', statuses: 'statuses|prod' },
    deltasTables: { '': 'orders_delta', statuses: 'statuses_delta' },
    runAtOnce: true,
  }
  const settings: StepSettings = { ...SETTINGS, command: 'duplicate', duplicate: request }

  test("the new pipeline's name, when the step gave one", () => {
    const named = { ...settings, duplicate: { ...request, name: 'Orders *prod*' } }
    const md = renderSummary(en, report([], { command: 'duplicate', newPipelineId: 900001 }), named)
    expect(md).toContain('| Base pipeline | New pipeline | Name | Source collection | Destination collection | Runs now |')
    expect(cells(rows(md, 0)[0] ?? '')[2]).toBe('Orders \\*prod\\*')
  })

  test('base, new pipeline, collections, run-now, and the table mapping', () => {
    const md = renderSummary(en, report([pipeline(900001, 'healthy')], { command: 'duplicate', newPipelineId: 900001 }), settings)
    expect(md.startsWith('## Kondado: duplicate a pipeline')).toBe(true)
    expect(rows(md, 0)).toEqual([
      '| [2040](https://app.kondado.com.br/pipelines/2040) | [900001](https://app.kondado.com.br/pipelines/900001) | same as pipeline 2040 | 877291 | 678910 | yes |',
    ])
    expect(rows(md, 1)).toEqual([
      '| (main table) | orders\\_prod | orders\\_delta |',
      '| `statuses` | statuses\\|prod | statuses\\_delta |',
    ])
    expect(md).toContain('[pipeline 900001](https://app.kondado.com.br/pipelines/900001)')
  })

  test('a failed duplicate has no new pipeline and says why', () => {
    const problem = new Problem('rejected', { httpStatus: 200, excerpt: 'INVALID_PAYLOAD: full_tables: missing table path "x"' })
    const md = renderSummary(en, report([], { command: 'duplicate', problem, outcomeUnknown: false }), {
      ...settings,
      duplicate: { ...request, runAtOnce: false },
    })
    expect(rows(md, 0)[0]).toContain('| — | same as pipeline 2040 | 877291 | 678910 | no |')
    expect(md).toContain('> ❌ Duplicating pipeline 2040 failed: Kondado refused the request')
    expect(md).toContain('INVALID\\_PAYLOAD')
  })

  test('a duplicate whose answer was lost says the outcome is unknown', () => {
    const md = renderSummary(
      en,
      report([], { command: 'duplicate', problem: new Problem('server-error', { httpStatus: 500 }), outcomeUnknown: true }),
      settings,
    )
    expect(md).toContain('> ❌ Duplicating pipeline 2040: outcome unknown')
  })
})

describe('notes and language', () => {
  test('a timed-out row says so in its reason cell, and the timeout note follows', () => {
    const md = renderSummary(en, report([pipeline(1, 'healthy'), pipeline(2, 'timed-out', { snapshot: snap('running') })]), SETTINGS)
    expect(rows(md).map((r) => cells(r)[4])).toEqual(['', 'still not finished at the timeout (1h)'])
    expect(md).not.toContain('\n- ')
    expect(md).toContain('> The timeout came first')
  })

  test('the cancelled note', () => {
    const md = renderSummary(en, report([pipeline(1, 'cancelled', { snapshot: snap('running') })], { cancelled: true }), SETTINGS)
    expect(md).toContain('> The workflow was cancelled')
  })

  test('pt-BR', () => {
    const md = renderSummary(ptBR, report([pipeline(1, 'unhealthy', { snapshot: snap('not_active') })]), SETTINGS)
    expect(md).toContain('## Kondado: executar pipelines')
    expect(md).toContain('| Recurso | Status | Resultado | Tempo de espera | Motivo |')
    expect(cells(rows(md)[0] ?? '')[4]).toBe('desativado na Kondado')
    expect(md).toContain('❌ com problema')
    expect(md).toContain('Concluído em 1m 20s.')
  })
})

describe('a next run in the table', () => {
  test('the verdict says the next run was judged; a model not waited for is skipped, never read', () => {
    const md = renderSummary(
      en,
      report([
        pipeline(2041, 'unhealthy', { snapshot: snap('active', { rawMsg: 'boom' }) }),
        { resource: { kind: 'model', id: 165 }, verdict: 'not-waited', elapsedMs: 75_000, nextRun: true },
      ]),
      { ...SETTINGS, modelIds: [165] },
    )
    expect(rows(md)).toEqual([
      '| [pipeline 2041](https://app.kondado.com.br/pipelines/2041) | `active` | ❌ unhealthy | 1m 15s | boom |',
      '| [model 165](https://app.kondado.com.br/models/165) | not read | ⏭️ not waited for (its next run) | 1m 15s | not every pipeline of this step ended healthy |',
    ])
    expect(rows(renderSummary(ptBR, report([pipeline(2040, 'healthy', { nextRun: true })]), SETTINGS))[0]).toBe(
      '| [pipeline 2040](https://app.kondado.com.br/pipelines/2040) | `active` | ✅ saudável (próxima execução) | 1m 15s |  |',
    )
  })
})

describe('the reason cell', () => {
  const reason = (r: ResourceReport, settings: StepSettings = SETTINGS, m = en): string =>
    cells(rows(renderSummary(m, report([r]), settings))[0] ?? '').at(-1) ?? ''
  const model = (extra: Partial<ResourceReport>): ResourceReport => ({
    ...pipeline(163, 'unhealthy'),
    resource: { kind: 'model', id: 163 },
    ...extra,
  })

  test.each<[string, ResourceReport, string]>([
    ['a disabled pipeline', pipeline(2043, 'unhealthy', { snapshot: snap('not_active') }), 'disabled in Kondado'],
    ["Kondado's message, exactly", pipeline(2041, 'unhealthy', { snapshot: snap('active', { rawMsg: 'Timeout: 30s' }) }), 'Timeout: 30s'],
    [
      'a model not yet run with its new configuration',
      model({ snapshot: snap('active', { kuboStatusType: 'rebuilding' }) }),
      'not yet run with its new configuration (`rebuilding`)',
    ],
    [
      'every cause, in order',
      model({ snapshot: snap('not_active', { kuboStatusType: 'rebuilding', rawMsg: 'dbt failed' }) }),
      'disabled in Kondado; dbt failed; not yet run with its new configuration (`rebuilding`)',
    ],
    [
      'a status this action does not know',
      pipeline(1, 'unknown-status', { snapshot: snap('paused') }),
      'a status this action does not know',
    ],
    ['a run not seen to start', pipeline(1, 'not-started'), 'not seen queued or running within 2m'],
    ['a lost trigger answer', pipeline(1, 'not-started', { triggerUnconfirmed: true }), 'the trigger got no answer; no run seen within 2m'],
    ['a cancelled wait', pipeline(1, 'cancelled', { problem: new Problem('cancelled') }), 'the workflow was cancelled'],
    ['a passing row', pipeline(1, 'healthy'), ''],
  ])('%s', (_, r, expected) => {
    expect(reason(r)).toBe(expected)
  })

  test("a model's next run: not waited for, or not seen to start within model-start-timeout after its pipelines", () => {
    const withModel: StepSettings = { ...SETTINGS, modelIds: [163], modelStartTimeoutMs: 900_000 }
    expect(reason(model({ verdict: 'not-waited', nextRun: true }), withModel)).toBe('not every pipeline of this step ended healthy')
    expect(reason(model({ verdict: 'not-started', nextRun: true }), withModel)).toBe(
      'not seen queued or running within 15m after its pipelines ended',
    )
    expect(reason(model({ verdict: 'not-started', nextRun: true }), withModel, ptBR)).toBe(
      'não apareceu na fila nem em execução em 15m depois do fim dos pipelines',
    )
  })

  test('wait-for: next: a pipeline within start-timeout, a model within model-start-timeout', () => {
    const next: StepSettings = { ...SETTINGS, command: 'wait', waitFor: 'next', modelStartTimeoutMs: 900_000 }
    expect(reason(pipeline(1, 'not-started', { nextRun: true }), next)).toBe('no next run seen within 2m')
    expect(reason(model({ verdict: 'not-started', nextRun: true }), next)).toBe('no next run seen within 15m')
    expect(reason(model({ verdict: 'not-started', nextRun: true }), next, ptBR)).toBe('nenhuma execução nova apareceu em 15m')
  })

  test('a long status keeps the status column short and is shown in full in the reason', () => {
    const blocked = pipeline(2042, 'unhealthy', { snapshot: snap('too_many_consecutive_failed_builds__blocked') })
    const [row] = rows(renderSummary(en, report([blocked]), SETTINGS))
    expect(cells(row ?? '').slice(1)).toEqual([
      'blocked',
      '❌ unhealthy',
      '1m 15s',
      'blocked by Kondado after failing too many times in a row (`too_many_consecutive_failed_builds__blocked`)',
    ])
    const failing = pipeline(2042, 'unhealthy', { snapshot: snap('too_many_consecutive_failed_builds') })
    expect(cells(rows(renderSummary(ptBR, report([failing]), SETTINGS))[0] ?? '')[1]).toBe('falhando')
    expect(
      cells(rows(renderSummary(en, report([pipeline(1, 'unhealthy', { snapshot: snap('error_building_tables') })]), SETTINGS))[0] ?? '')[1],
    ).toBe('`error_building_tables`')
    const odd = pipeline(1, 'unknown-status', { snapshot: snap('some_status_kondado_added_later') })
    expect(
      cells(rows(renderSummary(en, report([odd]), SETTINGS))[0] ?? '')
        .slice(1, 2)
        .concat(reason(odd)),
    ).toEqual(['see reason', 'a status this action does not know (`some_status_kondado_added_later`)'])
  })

  test("'if-running: fail' says the pipeline was already running, not that it waited", () => {
    const found = pipeline(2040, 'already-running', { alreadyRunning: true, snapshot: snap('running') })
    const [row] = rows(renderSummary(en, report([found]), { ...SETTINGS, ifRunning: 'fail' }))
    expect(cells(row ?? '').slice(2)).toEqual(['⏸️ already running', '1m 15s', "already running or queued, and 'if-running' is 'fail'"])
    const waited = pipeline(2040, 'healthy', { alreadyRunning: true })
    expect(cells(rows(renderSummary(en, report([waited]), SETTINGS))[0] ?? '')[2]).toBe(
      '✅ healthy (was already running: waited for that run)',
    )
  })
})

describe('a status gate', () => {
  const gate: StepSettings = { ...SETTINGS, command: 'status', pipelineIds: [2040, 2043] }
  const checked = renderSummary(
    en,
    report([pipeline(2040, 'healthy', { snapshot: snap('running') }), pipeline(2043, 'unhealthy', { snapshot: snap('not_active') })], {
      command: 'status',
      elapsedMs: 7_000,
    }),
    gate,
    new Date(Date.UTC(2026, 11, 1, 6, 30, 5)),
  )

  test('has no time waited; the reason instead', () => {
    expect(checked).toContain('| Resource | Status | Verdict | Reason |\n| --- | --- | --- | --- |')
    expect(rows(checked)).toEqual([
      '| [pipeline 2040](https://app.kondado.com.br/pipelines/2040) | `running` | ✅ healthy |  |',
      '| [pipeline 2043](https://app.kondado.com.br/pipelines/2043) | `not_active` | ❌ unhealthy | disabled in Kondado |',
    ])
  })

  test('says once, in the footer, when it checked', () => {
    expect(checked.trimEnd().split('\n\n').at(-1)).toBe('Checked at 2026-12-01 06:30:05 UTC, in 7s.')
    expect(checked).not.toContain('- pipeline 2043')
  })

  test('writes the date as each language does', () => {
    const verificado = renderSummary(
      ptBR,
      report([pipeline(2040, 'healthy', { snapshot: snap('running') })], { command: 'status', elapsedMs: 7_000 }),
      gate,
      new Date(Date.UTC(2026, 11, 7, 0, 17, 24)),
    )
    expect(verificado).toContain('## Kondado: health check')
    expect(verificado).toContain('| Recurso | Status | Resultado | Motivo |')
    expect(verificado.trimEnd().split('\n\n').at(-1)).toBe('Verificado em 07/12/2026 às 00:17:24 (UTC), em 7s.')
  })
})

describe('the first line and the links to what to do', () => {
  const BASE = 'https://github.com/kondado/kondado-action/blob/main/docs/troubleshooting.md'
  const firstLine = (md: string): string => md.split('\n\n')[1] ?? ''

  test('all passed: one line says so', () => {
    expect(firstLine(renderSummary(en, report([pipeline(1, 'healthy'), pipeline(2, 'healthy')]), SETTINGS))).toBe(
      '✅ All 2 resources passed.',
    )
    expect(firstLine(renderSummary(ptBR, report([pipeline(1, 'healthy')]), SETTINGS))).toBe('✅ O recurso passou.')
  })

  test('not all passed: how many, and the first thing to do about the first that did not', () => {
    const blocked = pipeline(2042, 'unhealthy', { snapshot: snap('too_many_consecutive_failed_builds__blocked'), notTriggered: 'blocked' })
    const md = renderSummary(en, report([pipeline(2040, 'healthy'), blocked, pipeline(2043, 'timed-out')]), SETTINGS)
    expect(firstLine(md)).toBe(
      '❌ 2 of 3 resources did not pass. First, pipeline 2042: switch it on (or fix what blocked it) in the app, then run the step again.',
    )
    expect(firstLine(renderSummary(ptBR, report([blocked]), SETTINGS))).toBe(
      '❌ 1 de 1 recurso não passou. Primeiro, o pipeline 2042: ative-o (ou corrija o que o bloqueou) no app e execute o step de novo.',
    )
  })

  test('a refused key: one line for the step', () => {
    const key = new Problem('credentials-refused', { httpStatus: 401, keyRefused: true })
    const md = renderSummary(
      en,
      report([pipeline(1, 'error', { problem: key }), pipeline(2, 'error', { problem: key, keyRefusedBefore: true })]),
      SETTINGS,
    )
    expect(firstLine(md)).toBe('❌ Kondado refused the key or token, so nothing was read. First, check the key and token secrets.')
    expect(rows(md).map((r) => cells(r)[4])).toEqual(['key or token refused, HTTP 401', 'not read: the key or token was refused'])
    // The refusal is explained once, below the table: not once per resource.
    expect(md.match(/^- /gm)).toHaveLength(1)
  })

  test('a key refused after another resource was read is not "nothing was read": the rows say what happened', () => {
    const key = new Problem('credentials-refused', { httpStatus: 401, keyRefused: true })
    const md = renderSummary(
      en,
      report([
        pipeline(1, 'healthy'),
        pipeline(2, 'error', { problem: key }),
        pipeline(3, 'error', { problem: key, keyRefusedBefore: true }),
      ]),
      SETTINGS,
    )
    expect(firstLine(md)).toBe('❌ 2 of 3 resources did not pass. First, pipeline 2: check the key and token secrets.')
  })

  test('no first line for a cancelled step: the cancellation note says it all', () => {
    expect(firstLine(renderSummary(en, report([pipeline(1, 'cancelled')], { cancelled: true }), SETTINGS))).toMatch(/^\|/)
  })

  test('every row that did not pass links to the catalogue entry for its cause; a passing row to none', () => {
    const key = new Problem('credentials-refused', { httpStatus: 401, keyRefused: true })
    const md = renderSummary(
      en,
      report([
        pipeline(1, 'healthy'),
        pipeline(2, 'unhealthy'),
        pipeline(3, 'unhealthy', { notTriggered: 'disabled', snapshot: snap('not_active') }),
        pipeline(4, 'error', { runRefused: true, problem: new Problem('rejected', { httpStatus: 200, excerpt: 'nope' }) }),
        pipeline(5, 'error', { problem: new Problem('server-error', { httpStatus: 502 }) }),
        pipeline(6, 'error', { problem: key, keyRefusedBefore: true }),
        pipeline(7, 'not-started', { triggerUnconfirmed: true }),
        pipeline(8, 'not-started', { nextRun: true }),
        pipeline(9, 'timed-out'),
      ]),
      SETTINGS,
    )
    expect(linksOf(md)).toEqual([
      '',
      `${BASE}#explain-unhealthy`,
      `${BASE}#explain-not-triggered`,
      `${BASE}#explain-run-refused`,
      `${BASE}#problem-server-error`,
      `${BASE}#explain-not-read`,
      `${BASE}#explain-not-started-unconfirmed`,
      `${BASE}#explain-next-not-started`,
      `${BASE}#explain-timed-out`,
    ])
    // Kondado's own words in the cell, not just "refused, HTTP 200".
    expect(cells(rows(md)[3] ?? '')[4]).toBe('Kondado refused to run it: "nope"')
  })

  test("the links go to the version of the action the workflow uses, in the summary's language", () => {
    const env = {
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_ACTION_REPOSITORY: 'acme/kondado-fork',
      GITHUB_ACTION_REF: 'v1.2.0',
    }
    expect(docsFor('pt-BR', env).troubleshooting).toBe(
      'https://github.example.com/acme/kondado-fork/blob/v1.2.0/docs/troubleshooting.pt-BR.md',
    )
    expect(docsFor('en', {}).troubleshooting).toBe(BASE)
    // What the runner says is checked before it becomes a link: nothing else can ride in on it.
    expect(docsFor('en', { GITHUB_ACTION_REPOSITORY: 'x/y)](https://evil', GITHUB_ACTION_REF: 'main' }).troubleshooting).toBe(BASE)
    expect(docsFor('en', { GITHUB_ACTION_REPOSITORY: 'a/b', GITHUB_ACTION_REF: 'v1) [x](y' }).troubleshooting).toBe(
      'https://github.com/a/b/blob/main/docs/troubleshooting.md',
    )
    const md = renderSummary(ptBR, report([pipeline(2, 'unhealthy')]), SETTINGS, undefined, docsFor('pt-BR', env))
    expect(linksOf(md)).toEqual([
      'https://github.example.com/acme/kondado-fork/blob/v1.2.0/docs/troubleshooting.pt-BR.md#explain-unhealthy',
    ])
  })

  test('a step refused for its inputs gets a short summary of its own', () => {
    expect(renderInputErrors(en, 'run', 2, "Input 'timeout': 'soon' is not a duration.\nInput 'pipeline-id': 'abc' is not an id.")).toBe(
      "## Kondado: run pipelines\n\n❌ The step did not start: 2 inputs are not right, and nothing was sent to Kondado.\n\n- Input 'timeout': 'soon' is not a duration.\n- Input 'pipeline-id': 'abc' is not an id.\n",
    )
  })
})
