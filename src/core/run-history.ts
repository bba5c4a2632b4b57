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
/**
 * How far ahead of this runner's clock a stored time may be and still be read: runners keep
 * their clocks in step (NTP), so minutes cover any honest skew, and a time further ahead would
 * never grow old enough to be dropped.
 */
export const CLOCK_SKEW_MS = 5 * 60_000

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

/** A resource as `resourceKey` writes it: anything else in a memory is not this action's. */
const RESOURCE_KEY = /^(pipeline|model)-[1-9][0-9]{0,15}$/

/** A number in [0, max]. */
const isWithin = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max

/**
 * A stored run, range-checked: lengths no longer than `longestRunMs`, the earliest end no later than
 * the latest, seen no later than now (give or take CLOCK_SKEW_MS).
 */
function seenRun(value: unknown, now: number, longestRunMs: number): SeenRun | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { minMs, maxMs, seenAt } = value as Record<string, unknown>
  return isWithin(minMs, longestRunMs) && isWithin(maxMs, longestRunMs) && minMs <= maxMs && isWithin(seenAt, now + CLOCK_SKEW_MS)
    ? { minMs, maxMs, seenAt }
    : undefined
}

interface ReadBack {
  readonly history: RunHistory
  /** Whether the text was a memory in this format at all. */
  readonly readable: boolean
  /** Stored runs not read because a value was missing, of the wrong kind or out of range (not those too old or too many). */
  readonly leftOut: number
}

const unreadable: ReadBack = { history: emptyHistory, readable: false, leftOut: 0 }

/**
 * A saved memory read back. Whoever can write the cache can write it, so every value is checked,
 * and anything unreadable, in another format, out of range or too old is left out, never an error:
 * run lengths no longer than `longestRunMs` (the longest timeout the action takes), times not in
 * the future, resources named as this action names them, and at most RUNS_KEPT runs of
 * RESOURCES_KEPT resources. At worst a memory changes when reads are spent, never a verdict (see
 * `runsWithin`).
 */
export function parseHistory(text: string, now: number, longestRunMs: number): ReadBack {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return unreadable
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return unreadable
  const { format, runs } = parsed as Record<string, unknown>
  if (format !== HISTORY_FORMAT || typeof runs !== 'object' || runs === null || Array.isArray(runs)) return unreadable
  let leftOut = 0
  const read: [string, SeenRun[]][] = []
  for (const [key, list] of Object.entries(runs)) {
    const stored: unknown[] = Array.isArray(list) ? list : [list]
    const good = RESOURCE_KEY.test(key) ? stored.map((run) => seenRun(run, now, longestRunMs)).filter((run) => run !== undefined) : []
    leftOut += stored.length - good.length
    // Oldest first, as saved: trimming keeps the most recent.
    if (good.length > 0) read.push([key, good.sort((a, b) => a.seenAt - b.seenAt)])
  }
  return { history: trim(Object.fromEntries(read), now), readable: true, leftOut }
}

/**
 * The runs that may predict this step's run: those no longer than its `timeout`. Before the
 * window a run is expected to end in, reads come at least every fifth of the time left until the
 * window opens (or every DENSE_INTERVAL_MS, poll-schedule.ts); with every stored length within
 * the timeout, the window opens before the deadline, so a run that ends well before the deadline
 * is seen to end before it whatever the memory says, and the memory changes only when reads are
 * spent. A longer stored run (seen by a step with a longer timeout, or planted) could space the
 * reads past the deadline and turn a short run into a timeout: such runs are kept and saved
 * again, only not used to predict.
 */
export const runsWithin = (history: RunHistory, ref: ResourceRef, timeoutMs: number): readonly SeenRun[] =>
  runsOf(history, ref).filter((run) => run.maxMs <= timeoutMs)

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
