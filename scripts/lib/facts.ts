// The numbers and lists the docs state, computed from the constants the code uses: the
// troubleshooting section, the README's prose (through `<!-- fact:NAME -->` spans) and the
// reliability report all read them here, so no text restates a figure that could drift.

import { CONFIRMING_READS } from '../../src/core/start-and-read.ts'
import { parseDuration } from '../../src/core/time.ts'
import { DEFAULT_LIMITS, LOOPBACK_HOST_NAMES } from '../../src/core/http.ts'
import { DEFAULT_RETRY, RETRY_JITTER, retryPauseMs } from '../../src/core/retry.ts'
import {
  APPROACH_SHARE,
  DENSE_INTERVAL_MS,
  GIVEN_SPREAD,
  JITTER,
  RELATIVE_INTERVAL,
  SETTLE_CONFIRM_INTERVAL_MS,
  START_CONFIRM_INTERVAL_MS,
  YOUNG_SHARE,
} from '../../src/core/poll-schedule.ts'
import { DEFAULT_PAUSE_MS, MIN_GAP_MS, PAUSE_JITTER, WINDOW_MS } from '../../src/core/scheduler.ts'
import { DURATION_RANGE_MS, FALLBACKS, KONDADO_REQUESTS_PER_MINUTE } from '../../src/inputs/inputs.ts'
import { COMMANDS, INPUT_COMMANDS } from '../../src/inputs/commands.ts'
import { CLOCK_SKEW_MS, HISTORY_MAX_AGE_MS, RESOURCES_KEPT, RUNS_KEPT } from '../../src/core/run-history.ts'
import { MAX_ENTRY_BYTES } from '../../src/memory/actions-cache.ts'
import { CACHE_TIME_LIMIT_MS } from '../../src/memory/run-history-cache.ts'

const UNITS = [
  { ms: 3_600_000, short: 'h', long: 'hour', pt: ['hora', 'horas'] },
  { ms: 60_000, short: 'min', long: 'minute', pt: ['minuto', 'minutos'] },
  { ms: 1000, short: 's', long: 'second', pt: ['segundo', 'segundos'] },
] as const

function spell(ms: number, unit: (amount: number, u: (typeof UNITS)[number]) => string): string[] {
  // Under a minute, tenths of a second are worth saying (the 1.1 s gap); above it, whole seconds.
  if (ms < 60_000) return [unit(Math.round(ms / 100) / 10, UNITS[2])]
  let rest = Math.round(ms / 1000) * 1000
  const parts: string[] = []
  for (const u of UNITS) {
    const amount = Math.floor(rest / u.ms)
    rest -= amount * u.ms
    if (amount > 0) parts.push(unit(amount, u))
  }
  return parts
}

/** "1.1 s", "1 min 30 s", "72 h". */
export const shortTime = (ms: number): string => spell(ms, (n, u) => `${n} ${u.short}`).join(' ')
/** "1.1 seconds", "1 minute 30 seconds", "72 hours". */
export const longTime = (ms: number): string => spell(ms, (n, u) => `${n} ${u.long}${n === 1 ? '' : 's'}`).join(' ')
export const percent = (share: number): string => `${Math.round(share * 1000) / 10} %`
export const mebibytes = (bytes: number): string => `${bytes / 1024 ** 2} MiB`

/** A list as prose, its last item after `word`: "a, b or c", "a, b e c". */
export const listOf = (items: readonly string[], word: string): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`
/** A list as English prose: "a, b or c". */
export const anyOf = (items: readonly string[]): string => listOf(items, 'or')

// The same figures as a Brazilian writes them: a decimal comma ("1,1 s"), "20%" without a space,
// units joined by "e", and the singular below 2 ("1,5 segundo", "2 segundos").
const decimal = (n: number): string => String(n).replace('.', ',')
/** "1,1 s", "1 min 30 s", "72 h". */
export const shortTimePtBR = (ms: number): string => spell(ms, (n, u) => `${decimal(n)} ${u.short}`).join(' ')
/** "1,1 segundo", "1 minuto e 30 segundos", "72 horas". */
export const longTimePtBR = (ms: number): string =>
  listOf(
    spell(ms, (n, u) => `${decimal(n)} ${u.pt[n < 2 ? 0 : 1]}`),
    'e',
  )
export const percentPtBR = (share: number): string => `${decimal(Math.round(share * 1000) / 10)}%`
export const mebibytesPtBR = (bytes: number): string => `${decimal(bytes / 1024 ** 2)} MiB`

/** The inputs each command reads beyond the common ones, from the table the parser uses: "`wait`: `model-id`." */
export const inputsByCommand = (none: string): string =>
  COMMANDS.map((command) => {
    const own = Object.keys(INPUT_COMMANDS).filter((name) => INPUT_COMMANDS[name]?.includes(command))
    return `\`${command}\`: ${own.map((name) => `\`${name}\``).join(', ') || none}.`
  }).join(' ')

const durationMs = (text: string): number => parseDuration(text) ?? Number.NaN

/** The pauses between the retries of a read as a user sees them: before jitter, and at its bounds. */
const basePauses = Array.from({ length: DEFAULT_RETRY.retries }, (_, i) => retryPauseMs(DEFAULT_RETRY, i + 1))
const total = (pauses: readonly number[]): number => pauses.reduce((a, b) => a + b, 0)
export const RETRY = {
  retries: DEFAULT_RETRY.retries,
  shortestMs: Math.min(...basePauses) * (1 - RETRY_JITTER),
  longestMs: Math.max(...basePauses) * (1 + RETRY_JITTER),
  leastTotalMs: total(basePauses) * (1 - RETRY_JITTER),
  mostTotalMs: total(basePauses) * (1 + RETRY_JITTER),
}

/** What `<!-- fact:NAME -->…<!-- /fact -->` holds in the README, by name. */
export const FACTS: Readonly<Record<string, string>> = {
  'timeout-default': longTime(durationMs(FALLBACKS.timeout)),
  'max-timeout': longTime(DURATION_RANGE_MS.max),
  'start-timeout-default': longTime(durationMs(FALLBACKS['start-timeout'])),
  'model-start-timeout-default': longTime(durationMs(FALLBACKS['model-start-timeout'])),
  'model-first-reads': String(CONFIRMING_READS),
  'start-confirm-interval': longTime(START_CONFIRM_INTERVAL_MS),
  'settle-interval': longTime(SETTLE_CONFIRM_INTERVAL_MS),
  'relative-interval': percent(RELATIVE_INTERVAL),
  // Inputs in seconds are stated in seconds, as the user writes them.
  'poll-interval-default': `${FALLBACKS['poll-interval']} s`,
  'max-poll-interval-default': `${FALLBACKS['max-poll-interval']} s`,
  'poll-jitter': percent(JITTER),
  'kondado-per-minute': String(KONDADO_REQUESTS_PER_MINUTE),
  'requests-per-minute-default': String(FALLBACKS['requests-per-minute']),
  'min-gap': longTime(MIN_GAP_MS),
  'min-gap-s': shortTime(MIN_GAP_MS),
  // The window is 61 s, not "1 minute 1 second": the extra second is the point.
  window: `${WINDOW_MS / 1000} seconds`,
  'window-s': `${WINDOW_MS / 1000} s`,
  'pause-jitter': percent(PAUSE_JITTER),
  'rate-limit-pause': `${DEFAULT_PAUSE_MS / 1000} to ${(DEFAULT_PAUSE_MS * (1 + PAUSE_JITTER)) / 1000} seconds`,
  retries: String(RETRY.retries),
  'retry-pauses': `${shortTime(RETRY.shortestMs)} to ${shortTime(RETRY.longestMs)}`,
  'retry-window': `${shortTime(RETRY.leastTotalMs)} to ${shortTime(RETRY.mostTotalMs)}`,
  'loopback-hosts': anyOf(LOOPBACK_HOST_NAMES.map((host) => `\`${host}\``)),
  'max-answer': mebibytes(DEFAULT_LIMITS.maxResponseBytes),
  'request-timeout': shortTime(DEFAULT_LIMITS.requestTimeoutMs),
  'runs-kept': String(RUNS_KEPT),
  'young-share': percent(YOUNG_SHARE),
  'approach-share': percent(APPROACH_SHARE),
  'dense-interval': longTime(DENSE_INTERVAL_MS),
  'given-spread': percent(GIVEN_SPREAD),
  'history-max-age': `${HISTORY_MAX_AGE_MS / 86_400_000} days`,
  'cache-time-limit': longTime(CACHE_TIME_LIMIT_MS),
  'history-entry-limit': `${MAX_ENTRY_BYTES / 1024} KiB`,
  'clock-skew': longTime(CLOCK_SKEW_MS),
  'resources-kept': String(RESOURCES_KEPT),
}
