import { describe, test, expect } from '@jest/globals'
import { parseInputs } from '../../src/inputs/inputs.ts'
import { cacheKeys, usesRunHistory } from '../../src/memory/run-history-cache.ts'

const inputs = (values: Record<string, string>) =>
  parseInputs((name) => ({ key: 'my-key', token: 'my-token', 'pipeline-id': '2040', ...values })[name] ?? '')

describe('which steps keep the run-length memory', () => {
  test('steps that wait for runs, unless told not to or given the length', () => {
    expect(usesRunHistory(inputs({}))).toBe(true)
    expect(usesRunHistory(inputs({ command: 'wait' }))).toBe(true)
    expect(usesRunHistory(inputs({ 'run-history': 'false' }))).toBe(false)
    expect(usesRunHistory(inputs({ 'expected-duration': '10m' }))).toBe(false)
    expect(usesRunHistory(inputs({ wait: 'false' }))).toBe(false)
    expect(usesRunHistory(inputs({ command: 'status' }))).toBe(false)
  })
})

describe('cache keys', () => {
  const variables = { GITHUB_REPOSITORY: 'acme/warehouse', GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '2' }

  test('repository and key hashed, the resources in order, a unique tail per save', () => {
    const keys = cacheKeys(
      'my-key',
      [
        { kind: 'pipeline', id: 9 },
        { kind: 'model', id: 3 },
        { kind: 'pipeline', id: 10 },
      ],
      variables,
    )
    expect(keys.base).toBe('kondado-run-history-v1-80783c5242bd93b0-5e78863ed1ffb9fc-')
    expect(keys.exact).toBe(`${keys.base}model-3_pipeline-10_pipeline-9-`)
    expect(keys.unique).toMatch(new RegExp(`^${keys.exact}777-2-[0-9a-f]{8}$`))
    expect(keys.unique).not.toBe(cacheKeys('my-key', [{ kind: 'pipeline', id: 9 }], variables).unique)
  })

  test('many resources are named by their hash, keeping the key under the cache limit', () => {
    const resources = Array.from({ length: 40 }, (_, i) => ({ kind: 'pipeline', id: 100_000 + i }) as const)
    const keys = cacheKeys('my-key', resources, variables)
    expect(keys.exact).toMatch(/^kondado-run-history-v1-[0-9a-f]{16}-[0-9a-f]{16}-[0-9a-f]{16}-$/)
  })

  test('the Kondado key never appears in a key', () => {
    const keys = cacheKeys('my-key', [{ kind: 'pipeline', id: 1 }], variables)
    expect([keys.base, keys.exact, keys.unique].filter((k) => k.includes('my-key'))).toEqual([])
  })
})
