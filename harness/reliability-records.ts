// The records the fault-injection suite (__tests__/faults/harness.ts) writes, one JSON line per case
// or property, and scripts/reliability-report.ts reads back to build RELIABILITY.md.

import { resolve } from 'node:path'

/** One `<test file>.jsonl` per file of the suite. */
export const RECORD_DIR = resolve(import.meta.dirname, '..', '.tmp', 'reliability')

export interface CaseSpec {
  /** e.g. "4.3": the item, then the case. */
  readonly id: string
  readonly name: string
  /** What goes wrong, in a few words. */
  readonly fault: string
  /** What the action must do about it. */
  readonly expected: string
  /** Seconds of `timeout` given to the action, when the case is about the deadline. */
  readonly timeoutS?: number
  readonly debug?: boolean
}

export interface CaseRecord extends CaseSpec {
  readonly kind: 'case'
  readonly file: string
  readonly group: string
  readonly observed: string
  readonly pass: boolean
  readonly error?: string
  readonly actionRuns: number
  readonly bytesScanned: number
  readonly secretHits: number
  readonly extraPipelines: number
  readonly extraRuns: number
  readonly worstOverrunMs?: number
  readonly signalToExitMs?: number
  readonly signalToReportMs?: number
  /** How long after the case's signal the runner would send SIGKILL (the least, if it sent several). */
  readonly runnerKillsAfterMs?: number
  readonly durationMs: number
}

export interface PropertyRecord {
  readonly kind: 'property'
  readonly file: string
  readonly id: string
  readonly name: string
  readonly runs: number
  readonly seed: number
  readonly pass: boolean
  readonly error?: string
  readonly figures: Readonly<Record<string, number>>
}

export type ReliabilityRecord = CaseRecord | PropertyRecord
