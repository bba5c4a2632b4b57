import { describe, expect, test } from '@jest/globals'
import { decide, endOf, identityKey, identityOf, payloadOf, RecordsUnavailable } from '../../src/core/promotion.ts'
import type { DuplicateRequest, PromotionRecord } from '../../src/core/vocabulary.ts'

const REQUEST: DuplicateRequest = {
  basePipelineId: 2040,
  sourceCollectionId: 877291,
  destinationCollectionId: 678910,
  fullTables: { statuses: 'orders_statuses', '': 'orders' },
  runAtOnce: true,
}
const RUN_1 = 'https://github.com/acme/data/actions/runs/1/attempts/1'
const RUN_2 = 'https://github.com/acme/data/actions/runs/2/attempts/1'

describe('the identity of a promotion', () => {
  test('what decides the pipeline and its tables, the table paths in order', () => {
    expect(identityOf('production', { ...REQUEST, clientId: 42, deltasTables: { statuses: 'd2', '': 'd1' } })).toStrictEqual({
      environment: 'production',
      basePipelineId: 2040,
      sourceCollectionId: 877291,
      destinationCollectionId: 678910,
      clientId: 42,
      fullTables: { '': 'orders', statuses: 'orders_statuses' },
      deltasTables: { '': 'd1', statuses: 'd2' },
    })
    expect(identityOf('staging', REQUEST)).toMatchObject({ environment: 'staging', clientId: null, deltasTables: null })
  })

  test('its key: the same whatever the order of the table paths or the name, parameters and run-at-once', () => {
    const key = identityKey(identityOf('production', REQUEST))
    expect(key).toBe('["production",2040,877291,678910,null,{"":"orders","statuses":"orders_statuses"},null]')
    const reordered = { ...REQUEST, fullTables: { '': 'orders', statuses: 'orders_statuses' }, name: 'Orders', runAtOnce: false }
    expect(identityKey(identityOf('production', { ...reordered, overwriteParameters: { start_date: '2025-01-01' } }))).toBe(key)
    expect(identityKey({ ...identityOf('production', REQUEST), fullTables: { statuses: 'orders_statuses', '': 'orders' } })).toBe(key)
  })

  test.each<[string, Partial<DuplicateRequest>, string]>([
    ['base pipeline', { basePipelineId: 2041 }, 'production'],
    ['source', { sourceCollectionId: 1 }, 'production'],
    ['destination', { destinationCollectionId: 1 }, 'production'],
    ['account', { clientId: 7 }, 'production'],
    ['a table name', { fullTables: { '': 'orders2', statuses: 'orders_statuses' } }, 'production'],
    ['delta tables', { deltasTables: { '': 'd' } }, 'production'],
    ['environment', {}, 'staging'],
  ])('another %s is another promotion', (_, change, environment) => {
    expect(identityKey(identityOf(environment, { ...REQUEST, ...change }))).not.toBe(identityKey(identityOf('production', REQUEST)))
  })

  test('the payload: the identity and its key, the base pipeline, the name and whether it runs at once', () => {
    const identity = identityOf('production', REQUEST)
    expect(payloadOf(identity, { ...REQUEST, name: 'Orders' })).toStrictEqual({
      identity,
      identityKey: identityKey(identity),
      basePipelineId: 2040,
      name: 'Orders',
      runAtOnce: true,
    })
    expect(payloadOf(identity, REQUEST).name).toBeNull()
  })
})

describe('how a request ended, for the record', () => {
  test('created, refused (nothing created), or unknown (it may have been applied)', () => {
    expect(endOf({ newPipelineId: 9 })).toEqual({ state: 'promoted', pipelineId: 9 })
    expect(endOf({ outcomeUnknown: false })).toEqual({ state: 'refused' })
    expect(endOf({ outcomeUnknown: true })).toEqual({ state: 'unknown' })
    expect(endOf({})).toEqual({ state: 'refused' })
  })
})

describe('what the records decide', () => {
  const promoted: PromotionRecord = { state: 'promoted', pipelineId: 9, runUrl: RUN_1 }
  const refused: PromotionRecord = { state: 'refused', runUrl: RUN_2 }
  const unknown: PromotionRecord = { state: 'unknown', runUrl: RUN_2 }
  const inProgress: PromotionRecord = { state: 'in-progress', runUrl: RUN_2 }

  test('none, or only refused attempts: create', () => {
    expect(decide([], 'reuse')).toEqual({ action: 'create' })
    expect(decide([refused, refused], 'fail')).toEqual({ action: 'create' })
  })

  test('promoted: reuse its pipeline, or stop with if-promoted: fail', () => {
    expect(decide([promoted], 'reuse')).toEqual({ action: 'reuse', pipelineId: 9, runUrl: RUN_1 })
    expect(decide([refused, promoted], 'reuse')).toEqual({ action: 'reuse', pipelineId: 9, runUrl: RUN_1 })
    expect(decide([promoted], 'fail')).toEqual({ action: 'stop', found: promoted })
  })

  test('the newest record that is not refused decides: an unknown or unfinished one stops, whatever came before', () => {
    expect(decide([unknown, promoted], 'reuse')).toEqual({ action: 'stop', found: unknown })
    expect(decide([inProgress], 'reuse')).toEqual({ action: 'stop', found: inProgress })
    expect(decide([promoted, unknown], 'reuse')).toEqual({ action: 'reuse', pipelineId: 9, runUrl: RUN_1 })
  })

  test('if-promoted: create makes another, whatever was recorded', () => {
    for (const records of [[promoted], [unknown], [inProgress], []]) expect(decide(records, 'create')).toEqual({ action: 'create' })
  })
})

test('records that cannot be used say why, with the HTTP status', () => {
  const error = new RecordsUnavailable('permission', 403)
  expect([error.name, error.reason, error.httpStatus, error.message]).toEqual([
    'RecordsUnavailable',
    'permission',
    403,
    'promotion records permission (HTTP 403)',
  ])
  expect(new RecordsUnavailable('unreachable').message).toBe('promotion records unreachable')
})
