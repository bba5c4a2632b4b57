// What a cancelled step owes the user, shared by the cancellation cases and RELIABILITY.md.

/** A cancelled step says so within this long of the signal, whatever it was waiting for. */
export const CANCEL_REPORT_GOAL_MS = 1_000
/** The runner sends SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that: a step must be gone by then. */
export const RUNNER_KILL_AFTER_MS = 2_500
