import type { SimClock } from './model.ts'

/**
 * The model's time, set by hand (`set`, `advance`) and nothing else: for tests of the model alone
 * (__tests__/simulator.test.ts), which put each request at the exact time they mean and have
 * nothing that sleeps. Where the action's code runs against the model and waits, give both the
 * harness's VirtualClock instead (harness/virtual-clock.ts): it is a SimClock too, and moves itself.
 */
export class ManualClock implements SimClock {
  #now: number

  constructor(start = 0) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  advance(ms: number): number {
    this.#now += ms
    return this.#now
  }

  set(ms: number): void {
    this.#now = ms
  }
}
