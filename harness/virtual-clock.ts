import type { Clock } from '../src/core/time.ts'

interface Timer {
  readonly at: number
  readonly seq: number
  readonly resolve: () => void
}

/**
 * A clock whose time moves only when every task is idle: `sleep` parks a timer, and when the
 * microtask queue drains the earliest timer fires and the clock jumps to it. Hours of waiting
 * run in milliseconds, in a fixed order, so schedules can be checked exactly.
 *
 * The clock for the action's own code run in-process (src/core and the adapters, composeStep,
 * main()), in unit and property tests and in the bench: whatever sleeps, it is the one to give.
 * It is a SimClock too, so the simulator's model can share it (with modelTransport) and see the
 * same time. A run of the bundled action in a child process (run-action.ts) lives in real time
 * instead; a test of the model alone, where nothing sleeps, uses the simulator's ManualClock.
 */
export class VirtualClock implements Clock {
  #now: number
  #seq = 0
  #timers: Timer[] = []
  #pumping = false

  constructor(start = 0) {
    this.#now = start
  }

  now = (): number => this.#now

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      const onAbort = (): void => {
        this.#timers = this.#timers.filter((t) => t !== timer)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#timers.push(timer)
      this.#pump()
    })

  /** Moves time forward by hand (for tests that drive it step by step). */
  advance(ms: number): void {
    this.#now += ms
  }

  /** Fires the earliest timer whenever the program has nothing else to do. */
  #pump(): void {
    if (this.#pumping) return
    this.#pumping = true
    setImmediate(() => {
      this.#pumping = false
      if (this.#timers.length === 0) return
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
      const timer = this.#timers.shift() as Timer
      this.#now = Math.max(this.#now, timer.at)
      timer.resolve()
      if (this.#timers.length > 0) this.#pump()
    })
  }
}

/** A reproducible random source (mulberry32), for jitter in tests and benchmarks. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
