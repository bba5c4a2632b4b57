import type { ResourceRef, RunLength } from './vocabulary.ts'
import type { WaitState } from './waiter.ts'

// The run lengths seen before, per resource, as a value: restored at the start of a step, added
// to as runs end, trimmed, saved at the end. Only ids, lengths and times: nothing secret.

/** One run's length as its reads bound it, and when it was seen to end (the clock's epoch ms). */
export interface SeenRun extends RunLength {
  readonly seenAt: number
}

export interface RunHistory {
  /** By `resourceKey`; the most recent run last. */
  readonly runs: Readonly<Record<string, readonly SeenRun[]>>
}

/** What is written; a memory in another format is not read. */
export const HISTORY_FORMAT = 1
/** A pipeline's last few runs tell its usual length; older ones may predate a change to it. */
export const RUNS_KEPT = 5
/** Runs seen longer ago than this may no longer say how long the pipeline takes. */
export const HISTORY_MAX_AGE_MS = 30 * 86_400_000
/** The memory of one key stays small: the resources seen most recently. */
export const RESOURCES_KEPT = 100

export const emptyHistory: RunHistory = { runs: {} }

export const resourceKey = (ref: ResourceRef): string => `${ref.kind}-${ref.id}`

export const runsOf = (history: RunHistory, ref: ResourceRef): readonly SeenRun[] => history.runs[resourceKey(ref)] ?? []

/**
 * What a finished wait saw of a run: it was still busy at the last busy read and at rest by the
 * first read of the resting state it settled on. Nothing for a run never seen busy or never seen end.
 */
export function measuredRun(state: WaitState): RunLength | undefined {
  // The waiter sets `restAt` only when a run seen at rest is done: never for one that did not start.
  const { busyAt, restAt, since } = state
  if (busyAt === undefined || restAt === undefined) return undefined
  return { minMs: busyAt - since, maxMs: restAt - since }
}

const isLength = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0

function seenRun(value: unknown): SeenRun | undefined {
  const { minMs, maxMs, seenAt } = (value ?? {}) as Record<string, unknown>
  return isLength(minMs) && isLength(maxMs) && isLength(seenAt) && minMs <= maxMs ? { minMs, maxMs, seenAt } : undefined
}

/** A saved memory read back; anything unreadable, in another format or too old is left out, never an error. */
export function parseHistory(text: string, now: number): RunHistory {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return emptyHistory
  }
  const { format, runs } = (parsed ?? {}) as Record<string, unknown>
  if (format !== HISTORY_FORMAT || typeof runs !== 'object' || runs === null) return emptyHistory
  const entries = Object.entries(runs).map(([key, list]) => [key, Array.isArray(list) ? list.map(seenRun) : []] as const)
  return trim(Object.fromEntries(entries.map(([key, list]) => [key, list.filter((run): run is SeenRun => run !== undefined)])), now)
}

export const serializeHistory = (history: RunHistory): string => JSON.stringify({ format: HISTORY_FORMAT, runs: history.runs })

/** The runs this step saw (its reports' run lengths), added after those seen before. */
export function addRuns(history: RunHistory, seen: readonly { resource: ResourceRef; runLength?: RunLength }[], now: number): RunHistory {
  const runs: Record<string, readonly SeenRun[]> = { ...history.runs }
  for (const { resource, runLength } of seen) {
    if (runLength) runs[resourceKey(resource)] = [...runsOf(history, resource), { ...runLength, seenAt: now }]
  }
  return trim(runs, now)
}

function trim(runs: Readonly<Record<string, readonly SeenRun[]>>, now: number): RunHistory {
  const kept = Object.entries(runs)
    .map(([key, list]) => [key, list.filter((run) => now - run.seenAt <= HISTORY_MAX_AGE_MS).slice(-RUNS_KEPT)] as const)
    .filter(([, list]) => list.length > 0)
    .sort(([, a], [, b]) => lastSeen(b) - lastSeen(a))
    .slice(0, RESOURCES_KEPT)
  return { runs: Object.fromEntries(kept) }
}

const lastSeen = (runs: readonly SeenRun[]): number => Math.max(...runs.map((run) => run.seenAt))
