import { describe, test, expect } from '@jest/globals'
import { isBusy, judge } from '../../src/core/health.ts'
import type { ResourceKind } from '../../src/core/vocabulary.ts'
import { snap } from './helpers.ts'

// [status, busy, healthy when raw_msg is empty]
const PIPELINE_TABLE: [string, boolean, boolean][] = [
  ['running', true, true],
  ['scheduled', true, true],
  ['building_tables', true, true],
  ['active', false, true],
  ['not_active', false, false],
  ['error_building_tables', false, false],
  ['too_many_consecutive_failed_builds', false, false],
  ['too_many_consecutive_failed_builds__blocked', false, false],
]

const MODEL_TABLE: [string, boolean, boolean][] = [
  ['running', true, true],
  ['scheduled', true, true],
  ['active', false, true],
  ['not_active', false, false],
]

const PIPELINE_ONLY = [
  'building_tables',
  'error_building_tables',
  'too_many_consecutive_failed_builds',
  'too_many_consecutive_failed_builds__blocked',
]
const UNKNOWN = ['paused', 'Active', 'RUNNING', ' active', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty']

describe('pipelines', () => {
  test.each(PIPELINE_TABLE)('%s: busy=%s, healthy=%s without raw_msg', (status, busy, healthy) => {
    const s = snap(status)
    expect(isBusy('pipeline', s)).toBe(busy)
    expect(judge('pipeline', s)).toBe(healthy ? 'healthy' : 'unhealthy')
  })

  test.each(PIPELINE_TABLE)('%s with a raw_msg is never healthy, and busy does not change', (status, busy) => {
    const s = snap(status, { rawMsg: 'Could not connect to the source' })
    expect(judge('pipeline', s)).toBe('unhealthy')
    expect(isBusy('pipeline', s)).toBe(busy)
  })

  test('a blank raw_msg counts as empty', () => {
    expect(judge('pipeline', snap('active', { rawMsg: '' }))).toBe('healthy')
    expect(judge('pipeline', snap('active', { rawMsg: '  \t ' }))).toBe('healthy')
  })

  test('kubo_status_type is a model matter and does not affect a pipeline', () => {
    expect(judge('pipeline', snap('active', { kuboStatusType: 'rebuilding' }))).toBe('healthy')
  })

  test('is_active and is_blocked do not override the status', () => {
    expect(judge('pipeline', snap('active', { isActive: false, isBlocked: true }))).toBe('healthy')
    expect(judge('pipeline', snap('not_active', { isActive: true }))).toBe('unhealthy')
  })

  test('is_running: true on a resting status is a run mid-change: waited on, and never healthy', () => {
    expect(isBusy('pipeline', snap('active', { isRunning: true }))).toBe(true)
    expect(judge('pipeline', snap('active', { isRunning: true }))).toBe('unhealthy')
    expect(isBusy('model', snap('active', { isRunning: true, kuboStatusType: 'operational' }))).toBe(true)
    expect(judge('pipeline', snap('running', { isRunning: true }))).toBe('healthy')
    expect(isBusy('pipeline', snap('some_new_status', { isRunning: true }))).toBe(false)
  })
})

describe('models', () => {
  test.each(MODEL_TABLE)('%s: busy=%s, healthy=%s when operational and without raw_msg', (status, busy, healthy) => {
    const s = snap(status, { kuboStatusType: 'operational' })
    expect(isBusy('model', s)).toBe(busy)
    expect(judge('model', s)).toBe(healthy ? 'healthy' : 'unhealthy')
  })

  test.each(MODEL_TABLE)('%s with a raw_msg is never healthy', (status) => {
    expect(judge('model', snap(status, { kuboStatusType: 'operational', rawMsg: 'relation "x" does not exist' }))).toBe('unhealthy')
  })

  test.each(['rebuilding', 'not_published', 'weird', ''])('%s kubo_status_type is never healthy', (kubo) => {
    for (const [status] of MODEL_TABLE) expect(judge('model', snap(status, { kuboStatusType: kubo }))).toBe('unhealthy')
  })

  test('a model without kubo_status_type is not healthy', () => {
    expect(judge('model', snap('active'))).toBe('unhealthy')
  })

  test('kubo_status_type does not make a resting model busy', () => {
    expect(isBusy('model', snap('active', { kuboStatusType: 'rebuilding' }))).toBe(false)
  })

  test.each(PIPELINE_ONLY)('pipeline-only status %s is unknown for a model: never healthy, never busy', (status) => {
    const s = snap(status, { kuboStatusType: 'operational' })
    expect(judge('model', s)).toBe('unknown')
    expect(isBusy('model', s)).toBe(false)
  })
})

describe('unknown statuses', () => {
  const kinds: ResourceKind[] = ['pipeline', 'model']
  test.each(UNKNOWN)('%j is unknown for both kinds, never healthy and never busy', (status) => {
    for (const kind of kinds) {
      const s = snap(status, { kuboStatusType: 'operational' })
      expect(judge(kind, s)).toBe('unknown')
      expect(isBusy(kind, s)).toBe(false)
    }
  })
})
