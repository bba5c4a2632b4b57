// What a cancelled step owes the user, shared by the cancellation cases and RELIABILITY.md.

/**
 * A cancelled step should say so within this long of the signal, whatever it was waiting for. A goal
 * RELIABILITY.md reports the measured times against, never a test's bound: a busy machine alone
 * can stretch them past it (1,052 ms once, beside an `npm ci`), and the runner does not enforce it.
 */
export const CANCEL_REPORT_GOAL_MS = 1_000
/** The runner sends SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that: a step must be gone by then. */
const RUNNER_TERM_AFTER_MS = 7_500
export const RUNNER_KILL_AFTER_MS = 2_500

/**
 * How long after `signal` the runner's SIGKILL comes: what the runner itself enforces, and so the
 * one time bound the cancellation cases assert.
 */
export function runnerKillsAfterMs(signal: 'SIGINT' | 'SIGTERM'): number {
  return signal === 'SIGINT' ? RUNNER_TERM_AFTER_MS + RUNNER_KILL_AFTER_MS : RUNNER_KILL_AFTER_MS
}
