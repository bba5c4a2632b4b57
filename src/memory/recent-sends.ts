import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Kondado's limits count per key (and per IP), and steps of one job run back to back on one runner: the next
 * step learns what the last one sent from a file in RUNNER_TEMP, named by a hash of the key
 * (the key is the token's public half, and only its hash is written).
 */
export function sendsFile(runnerTemp: string | undefined, key: string): string | undefined {
  if (!runnerTemp) return undefined
  return join(runnerTemp, 'kondado-action', `requests-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`)
}

/** Send times of earlier steps; anything unreadable counts as none, since it only tunes the pace. */
export function loadSends(file: string | undefined): number[] {
  if (!file) return []
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return Array.isArray(parsed) ? parsed.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)) : []
  } catch {
    return []
  }
}

export function saveSends(file: string | undefined, sendTimes: readonly number[]): void {
  if (!file) return
  try {
    mkdirSync(join(file, '..'), { recursive: true })
    writeFileSync(file, JSON.stringify(sendTimes))
  } catch {
    // A read-only or full temp folder costs the next step some pacing, not this step its verdict.
  }
}
