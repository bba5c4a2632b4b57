import { describe, test, expect, afterEach } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { historyFile, loadHistory, saveHistory } from '../../src/request-history.ts'

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
    const a = historyFile(temp, 'key-a') as string
    const b = historyFile(temp, 'key-b') as string
    expect(a.startsWith(join(temp, 'kondado-action'))).toBe(true)
    expect(a).not.toBe(b)
    expect(a).not.toContain('key-a')
    expect(historyFile(temp, 'key-a')).toBe(a)
  })

  test('without RUNNER_TEMP there is no file and nothing is kept', () => {
    expect(historyFile(undefined, 'key')).toBeUndefined()
    expect(loadHistory(undefined)).toEqual([])
    expect(() => saveHistory(undefined, [1])).not.toThrow()
  })

  test('what one step saves, the next loads', () => {
    const file = historyFile(tempDir(), 'key') as string
    saveHistory(file, [1_000, 2_100])
    expect(loadHistory(file)).toEqual([1_000, 2_100])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([1_000, 2_100])
  })

  test('a missing or damaged file counts as no history', () => {
    const file = historyFile(tempDir(), 'key') as string
    expect(loadHistory(file)).toEqual([])
    saveHistory(file, [1])
    writeFileSync(file, '{not json')
    expect(loadHistory(file)).toEqual([])
    writeFileSync(file, '[1, "x", null, 3]')
    expect(loadHistory(file)).toEqual([1, 3])
  })
})
