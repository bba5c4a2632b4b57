import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { EOL, homedir } from 'node:os'
import { join } from 'node:path'
import {
  emptyHistory,
  formatDuration,
  parseHistory,
  predictEnd,
  resourceKey,
  resourcesOf,
  type ResourceRef,
  type RunHistory,
  runsOf,
  serializeHistory,
} from '../core/index.ts'
import type { Inputs } from '../inputs/inputs.ts'
import type { Messages } from '../messages/en.ts'

// The run-length memory in the GitHub Actions cache, through @actions/cache: restored once at the
// start of a step, saved once at its end. Cache entries cannot be changed, so each step saves
// under a key of its own and the next one restores the newest by prefix. Whatever goes wrong is
// a debug line and a step on the usual schedule, never a failure.

/** A cache that does not answer in this time is given up on: the step does not wait on a nicety. */
export const CACHE_TIME_LIMIT_MS = 8_000
const KEY_PREFIX = 'kondado-run-history-v1'
/**
 * The file the memory travels in. The cache tells entries apart by the paths given as written, so
 * it is named from the home folder, as `~`, the same on every runner (as actions/cache users name
 * `~/.npm`); a path under RUNNER_TEMP would differ between self-hosted runners.
 */
const CACHED_PATH = '~/.kondado-action/run-history.json'
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

async function withinLimit<T>(work: Promise<T>, m: Messages): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(m.history.timedOut(formatDuration(CACHE_TIME_LIMIT_MS)))), CACHE_TIME_LIMIT_MS)
  })
  try {
    return await Promise.race([work, limit])
  } finally {
    clearTimeout(timer)
  }
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error))

export interface RunHistoryStore {
  restore(): Promise<RunHistory>
  save(history: RunHistory): Promise<void>
}

export function runHistoryStore(inputs: Inputs, variables: Variables, m: Messages, debug: (line: string) => void): RunHistoryStore {
  const resources = resourcesOf(inputs.step)
  const keys = cacheKeys(inputs.credentials.key, resources, variables)
  const file = join(homedir(), CACHED_PATH.slice(2))
  // Loaded only here, so steps that keep no memory do not load it at start-up.
  const library = () => import('@actions/cache')
  return {
    async restore() {
      try {
        const cache = await library()
        if (!cache.isFeatureAvailable()) throw new Error(m.history.noService)
        const { value: hit, complaints } = await quietly(() =>
          withinLimit(cache.restoreCache([CACHED_PATH], keys.exact, [keys.exact, keys.base]), m),
        )
        if (!hit && complaints[0] !== undefined) throw new Error(complaints[0])
        if (!hit) {
          debug(m.history.none)
          return emptyHistory
        }
        const history = parseHistory(readFileSync(file, 'utf8'), Date.now())
        const known = resources.filter((r) => runsOf(history, r).length > 0)
        debug(
          m.history.restored(
            known.reduce((sum, r) => sum + runsOf(history, r).length, 0),
            known.length,
          ),
        )
        for (const r of known) {
          const end = predictEnd(runsOf(history, r))
          if (end) debug(m.history.expected(m.resource(r.kind, r.id), formatDuration(end.fromMs), formatDuration(end.toMs)))
        }
        return history
      } catch (error) {
        debug(m.history.unavailable(reason(error)))
        return emptyHistory
      }
    },
    async save(history) {
      try {
        const cache = await library()
        if (!cache.isFeatureAvailable()) throw new Error(m.history.noService)
        mkdirSync(join(file, '..'), { recursive: true })
        writeFileSync(file, serializeHistory(history))
        const { value: id, complaints } = await quietly(() => withinLimit(cache.saveCache([CACHED_PATH], keys.unique), m))
        if (id === -1) throw new Error(complaints[0] ?? 'refused')
        debug(m.history.saved(Object.values(history.runs).reduce((sum, runs) => sum + runs.length, 0)))
      } catch (error) {
        debug(m.history.unsaved(reason(error)))
      }
    },
  }
}

// What a library GitHub ships prints on its own (here @actions/cache: "Cache hit for...",
// "Failed to restore: ..." as a warning annotation) goes to the debug log: the run-length memory
// is a nicety, and the step's log and annotations stay the action's own. Lines are told apart by
// the asynchronous context they are written in, so a call given up on that prints later is
// still recognised, and the action's own lines written meanwhile are left alone.

/** Per call: the warnings and errors it printed, since the library reports its failures only that way. */
const inLibrary = new AsyncLocalStorage<string[]>()
let installed = false

/** `::add-mask::` must reach the runner as it is: demoted, the value it masks would be printed. */
const KEPT = /^::(add-mask|debug)::/

const COMPLAINT = /^::(warning|error)( [^:]*)?::/

function asDebug(text: string, complaints: string[]): string {
  const lines = text.split(/\r?\n/).filter((line) => line !== '')
  for (const line of lines) if (COMPLAINT.test(line)) complaints.push(line.replace(COMPLAINT, ''))
  return lines.map((line) => (KEPT.test(line) ? line : `::debug::${line.replace(/^::[a-z-]+( [^:]*)?::/, '')}`)).join(EOL) + EOL
}

function install(): void {
  if (installed) return
  installed = true
  const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean
  process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    const complaints = inLibrary.getStore()
    return complaints ? write(asDebug(String(chunk), complaints), ...rest) : write(chunk, ...rest)
  }
}

/** Runs `call`, and everything it sets going, with its printed lines turned into debug lines; tells the warnings and errors among them. */
async function quietly<T>(call: () => Promise<T>): Promise<{ readonly value: T; readonly complaints: readonly string[] }> {
  install()
  const complaints: string[] = []
  const value = await inLibrary.run(complaints, call)
  return { value, complaints }
}
