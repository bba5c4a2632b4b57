import { describe, expect, test } from '@jest/globals'
import type { StepReport } from '../../src/core/vocabulary.ts'
import { parseInputs } from '../../src/inputs/inputs.ts'
import { messagesFor } from '../../src/messages/index.ts'
import { promotionFailure } from '../../src/report/explain.ts'

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
