import type { Clock, Random } from './time.ts'
import { QUIET_NOTICE_MS } from './vocabulary.ts'
import { Problem } from './problem.ts'

export interface SchedulerOptions {
  readonly clock: Clock
  readonly random: Random
  /** Requests allowed in any rolling window of WINDOW_MS. */
  readonly perWindow: number
  /** Absolute time (clock ms) after which no request is sent. */
  readonly deadline: number
  readonly signal?: AbortSignal
  /** Told of every pause Kondado asked for, so the log can say why the step is quiet. */
  readonly onPause?: (pauseMs: number) => void
  /** Told when a request must wait QUIET_NOTICE_MS or more for room in the budget, with when it goes. */
  readonly onHold?: (until: number) => void
  /**
   * Send times of earlier steps that shared the key on this runner: Kondado counts them too,
   * so a step that follows another at once must not start with a full budget.
   */
  readonly sentBefore?: readonly number[]
}

/** Kondado allows 1 request a second per key; the margin absorbs network jitter on the way there. */
export const MIN_GAP_MS = 1100
export const WINDOW_MS = 61_000
/**
 * A read's share of the budget: the resources of one step poll no faster together than the
 * scheduler lets requests through (see PollSettings.readShareMs).
 */
export const readShareMs = (perWindow: number): number => WINDOW_MS / perWindow
/** A rate-limit pause is stretched by up to this share, so jobs that shared a key do not return in step. */
export const PAUSE_JITTER = 0.2
export const DEFAULT_PAUSE_MS = 60_000

/**
 * The one gate every request to Kondado goes through: at least MIN_GAP_MS between two sends,
 * at most `perWindow` sends in any WINDOW_MS, a pause for everyone when Kondado says
 * RATE_LIMIT_EXCEEDED, and nothing sent after the deadline.
 */
export class RequestScheduler {
  readonly #options: Omit<SchedulerOptions, 'sentBefore'>
  #answered: number[]
  #pausedUntil = 0
  #queue: Promise<void> = Promise.resolve()

  constructor(options: SchedulerOptions) {
    const { sentBefore = [], ...rest } = options
    this.#options = rest
    this.#answered = [...sentBefore].sort((a, b) => a - b)
    this.#trim(options.clock.now())
  }

  /** The send times that still count against the window, for the next step on this runner. */
  recentSends(now: number): number[] {
    this.#trim(now)
    return [...this.#answered]
  }

  get deadline(): number {
    return this.#options.deadline
  }

  /** The earliest time the next request may go out, from the answers to the ones before it. */
  nextSlot(now: number): number {
    const { perWindow } = this.#options
    const last = this.#answered.at(-1)
    let slot = Math.max(now, this.#pausedUntil, last === undefined ? now : last + MIN_GAP_MS)
    const oldestInWindow = this.#answered.at(-perWindow)
    if (oldestInWindow !== undefined) slot = Math.max(slot, oldestInWindow + WINDOW_MS)
    return slot
  }

  /**
   * The earliest time `count` more requests fit one after another at the minimum gap, none held
   * back by the window: the j-th (from 0) goes at `at + j x MIN_GAP_MS` at the soonest, and fits
   * once the window before it holds fewer than `perWindow - j` earlier sends. For a request whose
   * follow-ups must not stall: a trigger and the reads that confirm its start.
   */
  roomFor(now: number, count: number): number {
    const { perWindow } = this.#options
    let at = this.nextSlot(now)
    for (let j = 0; j < Math.min(count, perWindow); j++) {
      const oldest = this.#answered.at(-(perWindow - j))
      if (oldest !== undefined) at = Math.max(at, oldest + WINDOW_MS - j * MIN_GAP_MS)
    }
    return at
  }

  /**
   * Runs `send` in its turn, one request at a time. A rate-limited answer (a Problem with code
   * `rate-limited`) pauses every request for the time Kondado named and sends the same request
   * again: throttling is waited out, never counted as an answer or as a failure.
   */
  inTurn<T>(send: () => Promise<T>): Promise<T> {
    const turn = this.#queue.then(() => this.#attempts(send))
    this.#queue = turn.then(
      () => undefined,
      () => undefined,
    )
    return turn
  }

  async #attempts<T>(send: () => Promise<T>): Promise<T> {
    const { clock, deadline } = this.#options
    for (;;) {
      await this.#waitForSlot()
      try {
        return await send()
      } catch (error) {
        if (!(error instanceof Problem && error.code === 'rate-limited')) throw error
        this.#pause(error.details.retryAfterMs ?? DEFAULT_PAUSE_MS)
        if (this.#pausedUntil > deadline) throw error
      } finally {
        // Spacing counts from the answer, not the send: a request has surely reached Kondado by
        // the time its answer is back, so the gaps hold at Kondado's end whatever the network
        // did to either request on the way (a slow TLS handshake, a retransmission).
        this.#answered.push(clock.now())
        this.#trim(clock.now())
      }
    }
  }

  #pause(ms: number): void {
    const { clock, random, onPause } = this.#options
    const pauseMs = Math.round(ms * (1 + PAUSE_JITTER * random()))
    this.#pausedUntil = Math.max(this.#pausedUntil, clock.now() + pauseMs)
    onPause?.(pauseMs)
  }

  /** Waits for a slot. Whatever stops the wait stops it before the request left: `notSent`. */
  async #waitForSlot(): Promise<void> {
    const { clock, deadline, signal } = this.#options
    const cancelled = (): Problem => new Problem('cancelled', { notSent: true })
    for (;;) {
      if (signal?.aborted) throw cancelled()
      const now = clock.now()
      const slot = this.nextSlot(now)
      if (slot > deadline) throw new Problem('deadline', { notSent: true })
      if (slot <= now) return
      // Said once per hold: a rate-limit pause has its own line.
      if (slot - now >= QUIET_NOTICE_MS && slot > this.#pausedUntil) this.#options.onHold?.(slot)
      await clock.sleep(slot - now, signal).catch(() => {
        throw cancelled()
      })
    }
  }

  /**
   * Forgets the sends that no longer bear on any rule, so a day-long wait does not grow memory.
   * By age, not by count: an earlier step with a larger budget may have sent more in the window
   * than this step may, and the next step must still learn of every one of them.
   */
  #trim(now: number): void {
    this.#answered = this.#answered.filter((at) => at > now - Math.max(MIN_GAP_MS, WINDOW_MS))
  }
}
