// Which inputs each command reads. One table: the parser refuses an input set for a command that
// does not read it (so nothing given is silently ignored), and a unit test holds action.yml's
// "For `run` and `duplicate`, ..." descriptions equal to it.

import type { Command } from '../core/index.ts'

export const COMMANDS: readonly Command[] = ['run', 'wait', 'status', 'duplicate']

/**
 * The inputs only some commands read. Every other input is read by all of them: the credentials,
 * `pipeline-id`, the language, the base URL, and the pacing inputs (`timeout`, `poll-interval`,
 * `max-poll-interval`, `requests-per-minute`), which a workflow may set alike on all its steps.
 */
export const INPUT_COMMANDS: Readonly<Record<string, readonly Command[]>> = {
  'model-id': ['run', 'wait', 'status'],
  wait: ['run', 'duplicate'],
  'start-timeout': ['run', 'wait', 'duplicate'],
  'if-running': ['run'],
  'src-collection-id': ['duplicate'],
  'dest-collection-id': ['duplicate'],
  'client-id': ['duplicate'],
  name: ['duplicate'],
  'full-tables': ['duplicate'],
  'deltas-tables': ['duplicate'],
  'overwrite-parameters': ['duplicate'],
  'execute-immediately': ['duplicate'],
  'wait-for': ['wait'],
  'model-start-timeout': ['run', 'wait'],
  'expected-duration': ['run', 'wait'],
  'run-history': ['run', 'wait'],
  environment: ['duplicate'],
  'if-promoted': ['duplicate'],
}

/** The inputs a command does not read, each with the commands that do. */
export const foreignInputs = (command: Command): [string, readonly Command[]][] =>
  Object.entries(INPUT_COMMANDS).filter(([, commands]) => !commands.includes(command))
