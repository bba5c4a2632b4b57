import { setTimeout as wait } from 'node:timers/promises'

// Time, injected everywhere so the waiter and the scheduler can be run, and tested, in virtual
// time; and durations as users write and read them.

export interface Clock {
  readonly now: () => number
  /** Resolves after `ms`, or rejects as soon as the signal aborts (callers tell why from their own signal). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** A source of uniform numbers in [0, 1): injected so jitter is reproducible in tests. */
export type Random = () => number

// Node's own abortable timer: it clears itself and drops its listener on the signal either way.
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => wait(Math.max(0, ms), undefined, { signal }),
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/**
 * Parses `90`, `90s`, `15m`, `2h` or a sum such as `1h30m` into milliseconds.
 * A bare number is seconds, as GitHub users write `timeout-minutes` style values.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) return undefined
  let total = 0
  for (const [, value, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(value) * (UNIT_MS[unit as string] ?? Number.NaN)
  }
  return Number.isFinite(total) ? Math.round(total) : undefined
}

/** `75_000` -> `1m 15s`: how people read waits in a log or a summary. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean).join(' ')
}
