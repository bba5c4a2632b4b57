import { AsyncLocalStorage } from 'node:async_hooks'
import { EOL } from 'node:os'

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
export async function quietly<T>(call: () => Promise<T>): Promise<{ readonly value: T; readonly complaints: readonly string[] }> {
  install()
  const complaints: string[] = []
  const value = await inLibrary.run(complaints, call)
  return { value, complaints }
}
