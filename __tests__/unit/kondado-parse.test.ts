import { describe, test, expect } from '@jest/globals'
import { judge } from '../../src/core/health.ts'
import { parseNewPipelineId, parseRunAccepted, parseStatus } from '../../src/core/kondado-parse.ts'
import { Problem } from '../../src/core/problem.ts'
import { createRedactor } from '../../src/core/redact.ts'
import { thrown } from './helpers.ts'

const TOKEN = 'tok-3141'
const redact = createRedactor(['key-2718', TOKEN])
const status = (entry: Record<string, unknown>) => parseStatus({ 2040: entry }, 2040, redact)

describe('a status word that scrubbing changed', () => {
  test.each([
    ['active\n', '"active\\n"'],
    [' active', '" active"'],
    ['\u001b[32mactive\u001b[0m', '"\\u001b[32mactive\\u001b[0m"'],
  ])('%j is shown quoted, as received, and is not judged healthy', (word, shown) => {
    const snapshot = status({ status: word, is_running: false })
    expect(snapshot.status).toBe(shown)
    expect(judge('pipeline', snapshot)).toBe('unknown')
  })

  test('a clean word is kept as it is', () => {
    expect(status({ status: 'active', is_running: false }).status).toBe('active')
    expect(judge('pipeline', status({ status: 'active', is_running: false }))).toBe('healthy')
  })

  test('a scrubbed text that is no status word is shown scrubbed, not quoted', () => {
    expect(status({ status: 'two words\n' }).status).toBe('two words')
    expect(status({ status: `failed: ${TOKEN}\n` }).status).toBe('failed: ***')
  })

  test('kubo_status_type the same way', () => {
    const model = (kubo: string) => parseStatus({ success: true, data: { 162: { status: 'active', kubo_status_type: kubo } } }, 162, redact)
    expect(model('operational\n').kuboStatusType).toBe('"operational\\n"')
    expect(model('operational').kuboStatusType).toBe('operational')
  })
})

describe('raw_msg', () => {
  test.each(['', '   ', ' \n\t '])('%j, blank, is no error: the run is healthy', (raw) => {
    const snapshot = status({ status: 'active', is_running: false, raw_msg: raw })
    expect(snapshot.rawMsg).toBe('')
    expect(judge('pipeline', snapshot)).toBe('healthy')
  })

  test('control characters only: shown escaped, so it still counts as an error', () => {
    const snapshot = status({ status: 'active', is_running: false, raw_msg: '\u0007\u001b' })
    expect(snapshot.rawMsg).toBe('"\\u0007\\u001b"')
    expect(judge('pipeline', snapshot)).toBe('unhealthy')
  })

  test('text is scrubbed once: the token hidden, one line', () => {
    expect(status({ status: 'active', raw_msg: `bad\ntoken ${TOKEN}` }).rawMsg).toBe('bad token ***')
  })
})

describe('the status entry', () => {
  test('the wrapped shape is used only with success: true', () => {
    expect(parseStatus({ success: true, data: { 7: { status: 'active' } } }, 7, redact).status).toBe('active')
    const error = thrown(() => parseStatus({ success: 'yes', data: { 7: { status: 'active' } } }, 7, redact))
    expect(error).toMatchObject({ code: 'unreadable-answer', details: { excerpt: 'no entry for id 7 in the answer' } })
  })

  test('an entry without a status says so', () => {
    expect(thrown(() => status({ is_running: true }))).toMatchObject({
      code: 'unreadable-answer',
      details: { excerpt: 'no status in the answer' },
    })
  })

  test('flags and texts as Kondado sent them', () => {
    expect(status({ status: 'running', is_running: true, is_active: false, is_blocked: true, kubo_status_type: 5, raw_msg: null })).toEqual(
      {
        status: 'running',
        isRunning: true,
        isActive: false,
        isBlocked: true,
        kuboStatusType: '5',
        rawMsg: null,
      },
    )
  })
})

describe('a run accepted', () => {
  test('only success: true', () => {
    expect(parseRunAccepted({ success: true })).toBeUndefined()
    const error = thrown(() => parseRunAccepted({ success: 'true' }))
    expect(error).toBeInstanceOf(Problem)
    expect(error).toMatchObject({ code: 'unreadable-answer', details: { excerpt: 'no "success": true in the answer' } })
  })
})

describe('a new pipeline id', () => {
  test.each([
    [{ data: { data: { new_pipeline_id: 12 } } }, 12],
    [{ data: { new_pipeline_id: '34' } }, 34],
    [{ data: { new_pipeline_id: 1 } }, 1],
  ])('%j: %d', (json, id) => {
    expect(parseNewPipelineId(json)).toBe(id)
  })

  test.each([
    [{ data: { new_pipeline_id: '12a' } }],
    [{ data: { new_pipeline_id: 'a12' } }],
    [{ data: { new_pipeline_id: '' } }],
    [{ data: { new_pipeline_id: '12e3' } }],
    [{ data: { new_pipeline_id: '1e3' } }],
    [{ data: { new_pipeline_id: ' 12' } }],
    [{ data: { new_pipeline_id: 2 ** 53 } }],
    [{ data: 'x' }],
    [{ new_pipeline_id: 5 }],
  ])('%j is unreadable', (json) => {
    expect(thrown(() => parseNewPipelineId(json))).toMatchObject({
      code: 'unreadable-answer',
      details: { excerpt: 'no new_pipeline_id in the answer' },
    })
  })
})
