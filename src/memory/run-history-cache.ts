import { createHash, randomUUID } from 'node:crypto'
import {
  emptyHistory,
  formatDuration,
  parseHistory,
  predictEnd,
  resourceKey,
  resourcesOf,
  type ResourceRef,
  type RunHistory,
  runsWithin,
  scrub,
  serializeHistory,
} from '../core/index.ts'
import { DURATION_RANGE_MS, type Inputs } from '../inputs/inputs.ts'
import type { Messages } from '../messages/en.ts'
import { noLegacyCommand } from '../report/neutralize.ts'
import { CacheError, cacheServiceFor } from './actions-cache.ts'

// The run-length memory in the GitHub Actions cache: restored once at the start of a step, saved
// once at its end. Cache entries cannot be changed, so each step saves under a key of its own and
// the next one restores the newest by prefix. Whatever goes wrong is a debug line and a step on
// the usual schedule, never a failure.
//
// Any workflow that may write this cache scope (one on the default branch, with the least of
// permissions) can plant an entry, so an entry is untrusted input: it is one JSON document of at
// most MAX_ENTRY_BYTES, fetched into memory by this action's own client (actions-cache.ts: no
// archive, no file written anywhere, nothing extracted), its every value range-checked
// (parseHistory), used only to decide when reads are spent (runsWithin), and never shown: the
// debug lines say counts and durations, and no text of an entry, its key or the service reaches
// the log except as one inert debug line (safeLines).

/** A cache that does not answer in this time is given up on: the step does not wait on a nicety. */
export const CACHE_TIME_LIMIT_MS = 8_000
const KEY_PREFIX = 'kondado-run-history-v1'
/** Cache keys are limited to 512 characters: a long list of resources is named by its hash. */
const LONGEST_RESOURCE_PART = 200

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16)

/** Only steps that wait for runs use the memory, and only when the user gave no `expected-duration`. */
export function usesRunHistory(inputs: Inputs): boolean {
  const { step } = inputs
  const waits = step.command === 'wait' || (step.command === 'run' && step.wait)
  return inputs.runHistory && waits && step.polling.expectedDurationMs === undefined
}

/** Keyed by repository, a hash of the Kondado key (never the key itself) and the resources waited for. */
type Variables = Readonly<Record<string, string | undefined>>

export function cacheKeys(key: string, resources: readonly ResourceRef[], variables: Variables) {
  const base = `${KEY_PREFIX}-${hash(variables.GITHUB_REPOSITORY ?? '')}-${hash(key)}-`
  const names = resources.map(resourceKey).sort().join('_')
  const exact = `${base}${names.length > LONGEST_RESOURCE_PART ? hash(names) : names}-`
  const unique = `${exact}${variables.GITHUB_RUN_ID ?? '0'}-${variables.GITHUB_RUN_ATTEMPT ?? '0'}-${randomUUID().slice(0, 8)}`
  return { exact, base, unique }
}

/**
 * Text made safe for the debug log, as lines: split at every line break (`\r` too, which a
 * runner takes for one), each made inert (`scrub`: no control, escape or invisible characters,
 * bounded), with no `##[` anywhere (broken as report/neutralize.ts breaks it) and no `::` to
 * start it. Each line then goes out as a `::debug::` command, so none can start a command of its
 * own, and none is `::add-mask::`. main.ts's logger neutralizes every line again: this holds
 * whoever the `debug` callback is.
 */
export function safeLines(text: string): string[] {
  return text
    .split(/[\r\n\u0085\u2028\u2029]+/)
    .map((line) => noLegacyCommand(scrub(line, (t) => t, 500)).replace(/^[\s:]+/, ''))
    .filter((line) => line !== '')
}

/**
 * Why the cache could not be used, in the action's words; what the service said only as one inert
 * excerpt. Anything else (a bug) by its name only, as main.ts does.
 */
function why(error: unknown, m: Messages, timeLimitMs: number): string {
  if (!(error instanceof CacheError)) return error instanceof Error ? error.name : typeof error
  const { fault } = error
  switch (fault.kind) {
    case 'status':
      return m.history.answered(fault.status)
    case 'refused':
      return m.history.refused(scrub(fault.message, (t) => t, 120))
    case 'network':
      return m.history.network(fault.code)
    case 'too-large':
      return m.history.tooLarge(`${fault.limitBytes / 1024} KiB`)
    case 'address':
      return m.history.address
    case 'answer':
      return m.history.answer
    case 'timeout':
      return m.history.timedOut(formatDuration(timeLimitMs))
    case 'mode':
      return m.history.mode(fault.mode)
  }
}

export interface RunHistoryStore {
  restore(): Promise<RunHistory>
  save(history: RunHistory): Promise<void>
}

export function runHistoryStore(
  inputs: Inputs,
  variables: Variables,
  m: Messages,
  debug: (line: string) => void,
  timeLimitMs = CACHE_TIME_LIMIT_MS,
): RunHistoryStore {
  const resources = resourcesOf(inputs.step)
  const keys = cacheKeys(inputs.credentials.key, resources, variables)
  const say = (text: string): void => safeLines(text).forEach((line) => debug(line))
  return {
    async restore() {
      try {
        const service = cacheServiceFor(variables)
        if (!service) {
          say(m.history.unavailable(m.history.noService))
          return emptyHistory
        }
        const entry = await service.read(keys.exact, [keys.exact, keys.base], AbortSignal.timeout(timeLimitMs))
        if (entry === undefined) {
          say(m.history.none)
          return emptyHistory
        }
        const { history, readable, leftOut } = parseHistory(entry.toString('utf8'), Date.now(), DURATION_RANGE_MS.max)
        if (!readable) {
          say(m.history.unreadable)
          return emptyHistory
        }
        if (leftOut > 0) say(m.history.leftOut(leftOut))
        const known = resources.map((r) => runsWithin(history, r, inputs.step.timeoutMs)).filter((runs) => runs.length > 0)
        say(
          m.history.restored(
            known.reduce((sum, runs) => sum + runs.length, 0),
            known.length,
          ),
        )
        for (const r of resources) {
          const end = predictEnd(runsWithin(history, r, inputs.step.timeoutMs))
          if (end) say(m.history.expected(m.resource(r.kind, r.id), formatDuration(end.fromMs), formatDuration(end.toMs)))
        }
        return history
      } catch (error) {
        say(m.history.unavailable(why(error, m, timeLimitMs)))
        return emptyHistory
      }
    },
    async save(history) {
      try {
        const service = cacheServiceFor(variables)
        if (!service) {
          say(m.history.unsaved(m.history.noService))
          return
        }
        await service.write(keys.unique, Buffer.from(serializeHistory(history), 'utf8'), AbortSignal.timeout(timeLimitMs))
        say(m.history.saved(Object.values(history.runs).reduce((sum, runs) => sum + runs.length, 0)))
      } catch (error) {
        say(m.history.unsaved(why(error, m, timeLimitMs)))
      }
    },
  }
}
