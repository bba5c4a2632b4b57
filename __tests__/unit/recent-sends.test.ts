import { describe, test, expect, afterEach } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadSends, saveSends, sendsFile } from '../../src/memory/recent-sends.ts'

const dirs: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'history-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('request history between steps', () => {
  test('one file per key, under RUNNER_TEMP, named by a hash that does not contain the key', () => {
    const temp = tempDir()
    const a = sendsFile(temp, 'key-a') as string
    const b = sendsFile(temp, 'key-b') as string
    expect(a.startsWith(join(temp, 'kondado-action'))).toBe(true)
    expect(a).not.toBe(b)
    expect(a).not.toContain('key-a')
    expect(sendsFile(temp, 'key-a')).toBe(a)
  })

  test('without RUNNER_TEMP there is no file and nothing is kept', () => {
    expect(sendsFile(undefined, 'key')).toBeUndefined()
    expect(loadSends(undefined)).toEqual([])
    expect(() => saveSends(undefined, [1])).not.toThrow()
  })

  test('what one step saves, the next loads', () => {
    const file = sendsFile(tempDir(), 'key') as string
    saveSends(file, [1_000, 2_100])
    expect(loadSends(file)).toEqual([1_000, 2_100])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([1_000, 2_100])
  })

  test('a missing or damaged file counts as no history', () => {
    const file = sendsFile(tempDir(), 'key') as string
    expect(loadSends(file)).toEqual([])
    saveSends(file, [1])
    writeFileSync(file, '{not json')
    expect(loadSends(file)).toEqual([])
    writeFileSync(file, '[1, "x", null, 3]')
    expect(loadSends(file)).toEqual([1, 3])
  })
})
