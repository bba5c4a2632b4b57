// `duplicate` with `environment`, through the real composition root over the simulator's model in
// virtual time, with the records in memory: what is sent to Kondado, and what is recorded when.

import { describe, expect, test } from '@jest/globals'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import { composeStep } from '../../src/core/index.ts'
import { type PromotionEnd, type PromotionPayload, type PromotionRecords, RecordsUnavailable } from '../../src/core/promotion.ts'
import type {
  DuplicateRequest,
  PromotionRecord,
  PromotionSettings,
  StepEvent,
  StepReport,
  StepSettings,
} from '../../src/core/vocabulary.ts'
import { KondadoModel } from '../../simulator/index.ts'
import { modelTransport } from '../../simulator/transport.ts'
import { RUN_SETTINGS } from './helpers.ts'

// Long enough that no status word contains them: answers pass through the redactor.
const CREDENTIALS = { key: 'key-1', token: 'tök en+/%' }
const REQUEST: DuplicateRequest = {
  basePipelineId: 2040,
  sourceCollectionId: 1,
  destinationCollectionId: 2,
  fullTables: { '': 'orders' },
  runAtOnce: false,
}
const RUN_1 = 'https://github.com/acme/data/actions/runs/1/attempts/1'
const NEW_ID = 900001

/** Records in memory; `journal` tells what was done to them and when Kondado was first written to. */
class MemoryRecords implements PromotionRecords {
  readonly journal: string[] = []
  readonly ends: PromotionEnd[] = []
  readonly payloads: PromotionPayload[] = []
  readonly #found: readonly PromotionRecord[]
  readonly #refuse: 'find' | 'start' | 'finish' | undefined
  constructor(found: readonly PromotionRecord[], refuse?: 'find' | 'start' | 'finish') {
    this.#found = found
    this.#refuse = refuse
  }
  async find(): Promise<readonly PromotionRecord[]> {
    this.journal.push('find')
    if (this.#refuse === 'find') throw new RecordsUnavailable('permission', 403)
    return this.#found
  }
  async start(payload: PromotionPayload): Promise<{ id: number }> {
    this.journal.push('start')
    if (this.#refuse === 'start') throw new RecordsUnavailable('unreachable')
    this.payloads.push(payload)
    return { id: 5 }
  }
  async finish(handle: { id: number }, end: PromotionEnd): Promise<void> {
    this.journal.push(`finish ${handle.id} ${end.state}`)
    if (this.#refuse === 'finish') throw new RecordsUnavailable('unreachable')
    this.ends.push(end)
  }
}

interface Promoted {
  readonly report: StepReport
  readonly events: StepEvent[]
  readonly model: KondadoModel
  /** Kondado's requests, `METHOD path`. */
  readonly sent: string[]
}

async function promote(
  records: MemoryRecords,
  options: { request?: Partial<DuplicateRequest>; wait?: boolean; promotion?: Partial<PromotionSettings>; withoutRecords?: boolean } = {},
): Promise<Promoted> {
  const clock = new VirtualClock(0)
  const model = new KondadoModel({ ...CREDENTIALS, clock, duplicate: { firstId: NEW_ID, buildingTablesMs: 3_000 } })
  model.addPipeline({ id: 2040, tablePaths: [''] })
  model.addPipeline({ id: 777, run: { queuedMs: 1_000, runningMs: 5_000 } })
  const transport = modelTransport(model, { beforeRequest: () => records.journal.push('kondado') })
  const settings: StepSettings = {
    ...RUN_SETTINGS,
    command: 'duplicate',
    wait: options.wait ?? true,
    duplicate: { ...REQUEST, ...options.request },
    promotion: { environment: 'production', ifPromoted: 'reuse', ...options.promotion },
  }
  const events: StepEvent[] = []
  const { report } = await composeStep(
    { settings, requestsPerMinute: 20, credentials: CREDENTIALS, baseUrl: new URL('https://k2.kondado.com.br'), transport },
    { clock, random: () => 0.5, onEvent: (event) => events.push(event), ...(options.withoutRecords ? {} : { records: () => records }) },
  )
  return { report, events, model, sent: model.log.map((entry) => `${entry.method} ${entry.path}`) }
}

const reads = (id: number, times: number): string[] => Array<string>(times).fill(`GET /pipelines/${id}/status`)

describe('a promotion not made before', () => {
  test('recorded before the request, the request sent once, its end recorded before the new pipeline is waited for', async () => {
    const records = new MemoryRecords([])
    const { report, events, sent } = await promote(records)
    expect(records.journal.slice(0, 4)).toEqual(['find', 'start', 'kondado', `finish 5 promoted`])
    expect(records.ends).toEqual([{ state: 'promoted', pipelineId: NEW_ID }])
    expect(records.payloads.map((p) => [p.basePipelineId, p.identity.environment])).toEqual([[2040, 'production']])
    expect(sent[0]).toBe('POST /pipelines')
    expect(report).toMatchObject({ newPipelineId: NEW_ID, promotion: { outcome: 'created', endRecorded: true } })
    expect(report.resources.map((r) => [r.resource.id, r.verdict])).toEqual([[NEW_ID, 'healthy']])
    expect(events.slice(0, 2)).toEqual([
      { type: 'promotion-recorded', environment: 'production' },
      { type: 'created', baseId: 2040, newId: NEW_ID },
    ])
  })

  test('refused by Kondado: recorded as refused, nothing created', async () => {
    const records = new MemoryRecords([])
    const { report } = await promote(records, { request: { fullTables: { '': 'a', extra: 'b' } } })
    expect(records.ends).toEqual([{ state: 'refused' }])
    expect(report).toMatchObject({ promotion: { outcome: 'attempted', endRecorded: true }, outcomeUnknown: false, resources: [] })
    expect(report.problem?.code).toBe('rejected')
  })

  test('an end that cannot be written is reported, and the pipeline is still followed', async () => {
    const { report } = await promote(new MemoryRecords([], 'finish'))
    expect(report).toMatchObject({ newPipelineId: NEW_ID, promotion: { outcome: 'created', endRecorded: false } })
    expect(report.resources.map((r) => r.verdict)).toEqual(['healthy'])
  })
})

describe('records that cannot be used: nothing is sent to Kondado', () => {
  test.each([
    ['find', { outcome: 'unavailable', reason: 'permission', httpStatus: 403 }],
    ['start', { outcome: 'unavailable', reason: 'unreachable' }],
  ] as const)('when %s fails', async (refuse, promotion) => {
    const records = new MemoryRecords([], refuse)
    const { report, sent } = await promote(records)
    expect(sent).toEqual([])
    expect(report.promotion).toStrictEqual(promotion)
    expect(report.resources).toEqual([])
    expect(report.newPipelineId).toBeUndefined()
  })
})

test('a promotion asked for with nowhere to record it is a bug of the wiring: nothing is sent', async () => {
  const { report, sent } = await promote(new MemoryRecords([]), { withoutRecords: true })
  expect(sent).toEqual([])
  expect(report.problem?.code).toBe('internal')
  expect(report.problem?.details).toEqual({ errorName: 'NoPromotionRecords' })
})

describe('a promotion made before', () => {
  const promoted: PromotionRecord = { state: 'promoted', pipelineId: 777, runUrl: RUN_1 }

  test('reused: nothing created, the pipeline waited for at rest and judged', async () => {
    const records = new MemoryRecords([promoted])
    const { report, events, sent, model } = await promote(records)
    expect(records.journal.filter((entry) => entry !== 'kondado')).toEqual(['find'])
    expect(model.createdPipelineIds()).toEqual([])
    expect(sent).toEqual(reads(777, 2))
    expect(events[0]).toEqual({ type: 'promotion-reused', pipelineId: 777, runUrl: RUN_1 })
    expect(report).toMatchObject({ newPipelineId: 777, promotion: { outcome: 'reused', pipelineId: 777, runUrl: RUN_1 } })
    expect(report.resources.map((r) => [r.resource.id, r.verdict])).toEqual([[777, 'healthy']])
  })

  test('reused with wait: false: judged on one read', async () => {
    const { report, sent } = await promote(new MemoryRecords([promoted]), { wait: false })
    expect(sent).toEqual(reads(777, 1))
    expect(report.resources.map((r) => [r.resource.id, r.verdict])).toEqual([[777, 'healthy']])
  })

  test('reused with execute-immediately: the reused pipeline is run and waited for', async () => {
    const { report, sent, model } = await promote(new MemoryRecords([promoted]), { request: { runAtOnce: true } })
    expect(sent.slice(0, 2)).toEqual(['GET /pipelines/777/status', 'POST /pipelines/777/run'])
    expect(model.runCount(777)).toBe(1)
    expect(model.createdPipelineIds()).toEqual([])
    expect(report.resources.map((r) => [r.resource.id, r.verdict])).toEqual([[777, 'healthy']])
  })

  test.each<[string, PromotionRecord, 'reuse' | 'fail']>([
    ['promoted, with if-promoted: fail', promoted, 'fail'],
    ['of unknown outcome', { state: 'unknown', runUrl: RUN_1 }, 'reuse'],
    ['still in progress', { state: 'in-progress', runUrl: RUN_1 }, 'reuse'],
  ])('%s: the step stops before sending anything', async (_, found, ifPromoted) => {
    const { report, sent } = await promote(new MemoryRecords([found]), { promotion: { ifPromoted } })
    expect(sent).toEqual([])
    expect(report.promotion).toEqual({ outcome: 'stopped', found })
    expect(report.resources).toEqual([])
  })

  test('if-promoted: create makes another, and records it', async () => {
    const records = new MemoryRecords([promoted])
    const { report, model } = await promote(records, { promotion: { ifPromoted: 'create' } })
    expect(model.createdPipelineIds()).toEqual([NEW_ID])
    expect(report.promotion).toEqual({ outcome: 'created', endRecorded: true })
  })
})
