import { describe, expect, test } from '@jest/globals'
import { Problem } from '../../src/core/problem.ts'
import type { ResourceReport, StepReport } from '../../src/core/vocabulary.ts'
import { parseInputs } from '../../src/inputs/inputs.ts'
import { messagesFor } from '../../src/messages/index.ts'
import { promotionFailure, stepFailure } from '../../src/report/explain.ts'

const PROMOTE = {
  key: 'k',
  token: 't',
  command: 'duplicate',
  'pipeline-id': '2040',
  'src-collection-id': '877291',
  'dest-collection-id': '678910',
  'full-tables': '{"": "orders_prod"}',
  environment: 'production',
  'github-token': 'ghs_present',
}
const settings = parseInputs((name) => PROMOTE[name as keyof typeof PROMOTE] ?? '').step
const RUN_URL = 'https://github.com/acme/warehouse/actions/runs/777'

const stopped = (found: { state: 'unknown' | 'in-progress'; runUrl: string }): StepReport => ({
  command: 'duplicate',
  resources: [],
  elapsedMs: 0,
  cancelled: false,
  promotion: { outcome: 'stopped', found },
})

describe('a promotion stopped by an earlier record', () => {
  test('whose pipeline may exist: the user is sent to the list of pipelines in the app, where it would be', () => {
    expect(promotionFailure(messagesFor('en'), stopped({ state: 'unknown', runUrl: RUN_URL }), settings)).toBe(
      `The promotion of pipeline 2040 by ${RUN_URL} has an unknown outcome: it may have created a pipeline. Nothing was sent. Check the app (https://app.kondado.com.br/pipelines) for it; 'if-promoted: create' makes another.`,
    )
    expect(promotionFailure(messagesFor('pt-BR'), stopped({ state: 'in-progress', runUrl: RUN_URL }), settings)).toContain(
      'https://app.kondado.com.br/pipelines',
    )
  })
})

describe("the step's last line", () => {
  const en = messagesFor('en')
  const settings = parseInputs((name) => ({ key: 'k', token: 't', 'pipeline-id': '1 2 3', command: 'status' })[name] ?? '').step
  const key = new Problem('credentials-refused', { httpStatus: 401, keyRefused: true, excerpt: 'INVALID_TOKEN' })
  const pipeline = (id: number, extra: Partial<ResourceReport>): ResourceReport => ({
    resource: { kind: 'pipeline', id },
    verdict: 'error',
    elapsedMs: 0,
    ...extra,
  })
  const step = (resources: ResourceReport[]): StepReport => ({ command: 'status', resources, elapsedMs: 0, cancelled: false })

  test('a key refused on the first request, every other resource unread: one cause for the step', () => {
    const report = step([pipeline(1, { problem: key }), pipeline(2, { problem: key, keyRefusedBefore: true })])
    expect(stepFailure(en, report, settings)).toBe(
      'Kondado refused the key or token (HTTP 401): nothing was read. Kondado said: "INVALID_TOKEN". Check the key and token secrets, and that the token is still switched on in Kondado (Settings -> Tokens).',
    )
  })

  test('a key refused after another resource was read: each that did not pass is named, and nothing claims none was read', () => {
    const report = step([
      pipeline(1, { verdict: 'healthy' }),
      pipeline(2, { problem: key }),
      pipeline(3, { problem: key, keyRefusedBefore: true }),
    ])
    expect(stepFailure(en, report, settings)).toBe(
      '2 of 3 resources did not pass: pipeline 2 (key or token refused, HTTP 401); pipeline 3 (not read: the key or token was refused).',
    )
  })

  test("a 403 that does not name the key is one resource's problem, not the step's", () => {
    const forbidden = new Problem('credentials-refused', { httpStatus: 403 })
    const report = step([pipeline(1, { problem: forbidden }), pipeline(2, { verdict: 'healthy' })])
    expect(stepFailure(en, report, settings)).toBe('1 of 2 resources did not pass: pipeline 1 (key or token refused, HTTP 403).')
  })

  test('a pipeline not triggered says so in a few words', () => {
    const report = step([pipeline(1, { verdict: 'unhealthy', notTriggered: 'disabled' })])
    expect(stepFailure(en, report, settings)).toBe('1 of 1 resource did not pass: pipeline 1 (unhealthy, no run requested).')
  })
})
